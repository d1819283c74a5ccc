//! The generated `Value`, the type of untyped inputs and outputs: any YAML or JSON value in, the
//! same value out; built with `From`, read with the `as_*` accessors.

use onex_mixins::error_handling::ShouldRetryInput;
use onex_mixins::Value;
use std::collections::BTreeMap;

#[test]
fn whole_numbers_keep_their_full_range() {
    for (text, want) in [
        ("18446744073709551615", Value::UInt(u64::MAX)),
        ("9223372036854775808", Value::UInt(1 << 63)),
        ("9223372036854775807", Value::Int(i64::MAX)),
        ("-9223372036854775808", Value::Int(i64::MIN)),
        ("0", Value::Int(0)),
        ("2.5", Value::Float(2.5)),
    ] {
        let json: Value = serde_json::from_str(text).unwrap();
        let yaml: Value = serde_yaml::from_str(text).unwrap();
        assert_eq!((&json, &yaml), (&want, &want), "{text}");
        assert_eq!(serde_json::to_string(&json).unwrap(), text, "round trip of {text}");
    }
    assert_eq!(Value::from(u64::MAX).as_u64(), Some(u64::MAX));
    assert_eq!(Value::from(u64::MAX).as_i64(), None);
    assert_eq!(Value::from(7u64), Value::Int(7), "numbers that fit i64 are Int");
    assert_eq!(Value::Int(-1).as_u64(), None);
}

#[test]
fn mapping_keys_of_every_scalar_kind() {
    let v: Value = serde_yaml::from_str("{1: a, true: b, ~: c, 2.5: d, text: e}").unwrap();
    let keys: Vec<&str> = v.as_map().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["1", "2.5", "null", "text", "true"]);
    assert_eq!(v.get("1").and_then(Value::as_str), Some("a"));
    let err = serde_yaml::from_str::<Value>("? [1, 2]\n: x\n").unwrap_err();
    assert!(err.to_string().contains("a mapping key must be text, a number, a boolean or null"), "{err}");
}

#[test]
fn every_kind_round_trips_through_yaml_and_json() {
    let text = r#"{"a":[null,true,-3,4.5,"x",{"b":[]}],"c":{}}"#;
    let v: Value = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&v).unwrap(), text);
    let yaml = serde_yaml::to_string(&v).unwrap();
    assert_eq!(serde_yaml::from_str::<Value>(&yaml).unwrap(), v);
    let list = v.get("a").and_then(Value::as_list).unwrap();
    assert!(list[0].is_null());
    assert_eq!(
        (list[1].as_bool(), list[2].as_i64(), list[3].as_f64(), list[4].as_str()),
        (Some(true), Some(-3), Some(4.5), Some("x"))
    );
    assert_eq!(list[2].as_f64(), Some(-3.0), "a whole number reads as a float too");
    assert_eq!(list[4].as_i64(), None);
}

#[test]
fn from_the_common_types() {
    assert_eq!(Value::from("text"), Value::String("text".into()));
    assert_eq!(Value::from(String::from("text")), Value::String("text".into()));
    assert_eq!(Value::from(true), Value::Bool(true));
    assert_eq!(Value::from(3i32), Value::Int(3));
    assert_eq!(Value::from(3u32), Value::Int(3));
    assert_eq!(Value::from(3usize), Value::Int(3));
    assert_eq!(Value::from(0.5), Value::Float(0.5));
    assert_eq!(Value::from(vec!["a", "b"]), Value::List(vec!["a".into(), "b".into()]));
    assert_eq!(Value::from(None::<i64>), Value::Null);
    assert_eq!(Value::from(Some(1i64)), Value::Int(1));
    let map = BTreeMap::from([("k".to_string(), Value::from(1i64))]);
    assert_eq!(Value::from(map.clone()).as_map(), Some(&map));
    // What that buys a caller: an untyped input without spelling out variants.
    let input =
        ShouldRetryInput { error_type: "TimeoutError".into(), attempt_number: 2u32.into(), ..Default::default() };
    assert_eq!((input.error_type.as_str(), input.attempt_number.as_i64()), (Some("TimeoutError"), Some(2)));
}
