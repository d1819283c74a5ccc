//! Maps in contract data and shared nested types: a map declared in configuration
//! (`{type: object, additionalProperties: T, default: {..}}`, E0250 for default entries that do
//! not fit `T`), data keyed by node types, and structurally identical nested structs sharing one type.

use mixin_codegen::diagnostics::{Diagnostic, Style};
use mixin_codegen::model::{Mixin, TypeDef, TypeRef, Value};
use mixin_codegen::{load, parse, validate};

const HEAD: &str = r#"mixin_name: "mixin_maps"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "Maps"
applicable_node_types: ["EFFECT"]
actions:
  - name: "get"
    description: "Get"
    inputs: []
    outputs: [{name: "value", type: "string"}]
    required: true
    timeout_ms: 100
"#;

/// Appended to [`HEAD`] (its first line is line 12).
const CONFIG: &str = r#"maps_config:
  limit: 5
  per_key:
    type: "object"
    description: "Limits per key"
    additionalProperties:
      rate: "integer"
      mode: "enum[FAST,SLOW]"
      note: {type: "string", optional: true}
    default:
      payments: {rate: 5, mode: "FAST"}
      orders: {rate: 7, mode: "SLOW", note: "n"}
  by_node:
    COMPUTE: {retries: 1}
    EFFECT: {retries: 3, backoff: 2.5}
"#;

fn model(name: &str, text: &str) -> (Option<Mixin>, Vec<Diagnostic>) {
    let dir = std::env::temp_dir().join(format!("mixin-data-maps-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mixin_maps.yaml");
    std::fs::write(&file, text).unwrap();
    let source = load::read(&file).unwrap();
    let doc = parse::parse(&source).unwrap();
    let out = validate::validate(&source, &doc, &validate::Options::default());
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn render(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| d.render(&|_| None, Style::Plain)).collect::<Vec<_>>().join("\n")
}

fn struct_named<'a>(m: &'a Mixin, name: &str) -> &'a mixin_codegen::model::StructDef {
    m.types
        .iter()
        .find_map(|d| match d {
            TypeDef::Struct(s) if s.name.name == name => Some(s),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no struct {name}"))
}

#[test]
fn declared_and_node_type_maps_in_configuration() {
    let (mixin, ds) = model("config", &format!("{HEAD}{CONFIG}"));
    let mixin = mixin.unwrap_or_else(|| panic!("{}", render(&ds)));
    assert!(ds.is_empty(), "{}", render(&ds));
    let config = struct_named(&mixin, "MapsConfig");
    let per_key = config.fields.iter().find(|f| f.wire == "per_key").unwrap();
    let value = struct_named(&mixin, "MapsConfigPerKeyValue");
    assert_eq!(per_key.ty, TypeRef::Map(Box::new(TypeRef::Named(value.name.clone()))));
    assert!(per_key.doc.starts_with("Limits per key"), "{}", per_key.doc);
    assert!(value.strict, "a map's values in configuration refuse unknown keys");
    // The default is the `default` entries.
    let defaults = config.defaults.as_ref().unwrap();
    let Value::Map(entries) = &defaults[1] else { panic!("{:?}", defaults[1]) };
    assert_eq!(entries.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["payments", "orders"]);
    // Keys that are all node types: a map by node type, the values' shapes merged.
    let by_node = config.fields.iter().find(|f| f.wire == "by_node").unwrap();
    let TypeRef::NodeMap(inner) = &by_node.ty else { panic!("{:?}", by_node.ty) };
    let TypeRef::Named(inner) = &**inner else { panic!("{inner:?}") };
    let values = struct_named(&mixin, &inner.name);
    assert_eq!(inner.name, "MapsConfigByNodeValue");
    let backoff = values.fields.iter().find(|f| f.wire == "backoff").unwrap();
    assert_eq!(backoff.ty, TypeRef::Optional(Box::new(TypeRef::Float)), "only EFFECT has it");
}

#[test]
fn e0250_default_entries_must_fit_the_declared_type() {
    // (old, new, position, message words, help)
    type Case<'a> = (&'a str, &'a str, (usize, usize), &'a str, Option<&'a str>);
    let cases: &[Case] = &[
        (
            "{rate: 5, mode: \"FAST\"}",
            "{rate: \"five\", mode: \"FAST\"}",
            (22, 24),
            "`rate` of default entry `payments` must be an integer, found the string \"five\"",
            None,
        ),
        ("{rate: 5, mode: \"FAST\"}", "{rate: 5, mode: \"QUICK\"}", (22, 33), "must be one of FAST, SLOW", None),
        ("{rate: 5, mode: \"FAST\"}", "{rate: 5}", (22, 17), "default entry `payments` is missing `mode`", None),
        (
            "{rate: 5, mode: \"FAST\"}",
            "{rate: 5, mode: \"FAST\", rat: 1}",
            (22, 41),
            "unknown key `rat` in default entry `payments`",
            Some("did you mean `rate`?"),
        ),
        ("{rate: 5, mode: \"FAST\"}", "7", (22, 17), "default entry `payments` must be a mapping", None),
    ];
    for (old, new, at, words, help) in cases {
        let text = format!("{HEAD}{}", CONFIG.replacen(old, new, 1));
        let (mixin, ds) = model("e0250", &text);
        assert!(mixin.is_none());
        assert_eq!(ds.len(), 1, "{new}:\n{}", render(&ds));
        let d = &ds[0];
        let loc = d.primary.location.unwrap();
        assert_eq!((d.code, (loc.line, loc.column)), ("E0250", *at), "{new}:\n{}", render(&ds));
        assert!(d.message.contains(words), "{new}:\n{}", render(&ds));
        if let Some(help) = help {
            assert_eq!(d.help.as_deref(), Some(*help));
        }
    }
    // A timestamp has no contract value: the build chooses its Rust type.
    let text = format!("{HEAD}{}", CONFIG.replacen("rate: \"integer\"", "rate: \"timestamp\"", 1));
    let (_, ds) = model("timestamp", &text);
    assert!(ds.iter().all(|d| d.code == "E0250") && ds.len() == 2, "{}", render(&ds));
    assert!(ds[0].help.as_deref().unwrap().contains("leave them out of `default`"));
    // `default` must be a mapping.
    let text = format!("{HEAD}{}", CONFIG.replacen("    default:\n      payments: {rate: 5, mode: \"FAST\"}\n      orders: {rate: 7, mode: \"SLOW\", note: \"n\"}\n", "    default: [1]\n", 1));
    let (_, ds) = model("default-list", &text);
    assert_eq!((ds.len(), ds[0].code), (1, "E0101"), "{}", render(&ds));
    assert_eq!(ds[0].primary.location.map(|l| (l.line, l.column)), Some((21, 14)));
}

#[test]
fn identical_nested_structs_share_one_type() {
    let text = format!(
        "{HEAD}output_models:\n  first:\n    span: {{start: \"datetime\", end: \"datetime\"}}\n  second:\n    window: {{start: \"datetime\", end: \"datetime\"}}\n    other: {{start: \"datetime\"}}\n"
    );
    let (mixin, ds) = model("shared", &text);
    let mixin = mixin.unwrap_or_else(|| panic!("{}", render(&ds)));
    let first = struct_named(&mixin, "First");
    let second = struct_named(&mixin, "Second");
    assert_eq!(first.fields[0].ty, second.fields[0].ty, "span and window share a type");
    assert_ne!(second.fields[0].ty, second.fields[1].ty, "a different shape has its own type");
    assert!(!mixin.types.iter().any(|d| d.name().name == "SecondWindow"), "no second copy is emitted");
    // Configuration structs with different values keep their own types (their defaults differ).
    let text = format!("{HEAD}a_config:\n  x: {{n: 1}}\n  y: {{n: 2}}\n  z: {{n: 1}}\n");
    let (mixin, _) = model("config-shared", &text);
    let config = struct_named(mixin.as_ref().unwrap(), "AConfig");
    let types: Vec<&TypeRef> = config.fields.iter().map(|f| &f.ty).collect();
    assert_ne!(types[0], types[1]);
    assert_eq!(types[0], types[2], "same shape and same values: one type");
}

/// Appended to [`HEAD`]: every key a field spec takes, beside plain values, nested too.
const SPECS: &str = r#"specs_config:
  plain: 5
  threshold: {type: integer, default: 5, minimum: 1, maximum: 100, description: "Failures before opening"}
  ratio: {type: number, default: 0.5, exclusiveMinimum: 0, exclusiveMaximum: 1}
  name: {type: string, default: "abc", minLength: 1, maxLength: 8}
  level: {type: string, default: "INFO", enum: ["DEBUG", "INFO"]}
  ports: {type: array, default: [80], minItems: 1, maxItems: 4, items: {type: integer, minimum: 1}}
  flags: {type: boolean, default: true}
  retry:
    attempts: {type: float, default: 3, maximum: 10}
specs_data:
  threshold: {type: integer, default: 5, minimum: 1}
"#;

#[test]
fn field_specs_give_types_bounds_and_docs() {
    use mixin_codegen::model::{Bound, Check};
    let (mixin, ds) = model("specs", &format!("{HEAD}{SPECS}"));
    let mixin = mixin.unwrap_or_else(|| panic!("{}", render(&ds)));
    assert!(ds.iter().all(|d| d.code == "N0230"), "only the note on the data section: {}", render(&ds));
    let config = struct_named(&mixin, "SpecsConfig");
    let field = |name: &str| config.fields.iter().find(|f| f.wire == name).unwrap();
    let own = |bound| Check { bound, each_item: false };
    assert_eq!((field("plain").ty.clone(), field("plain").checks.len()), (TypeRef::Integer, 0));
    let threshold = field("threshold");
    assert_eq!(threshold.ty, TypeRef::Integer);
    assert_eq!(threshold.checks, [own(Bound::Minimum(1.0)), own(Bound::Maximum(100.0))]);
    assert_eq!((threshold.doc.as_str(), threshold.allowed.as_str()), ("Failures before opening", "1 to 100"));
    let default = threshold.default.as_ref().expect("a config field has its default");
    assert_eq!((default.text.as_str(), default.replaced_whole), ("5", false));
    let ratio = field("ratio");
    assert_eq!(
        (ratio.ty.clone(), ratio.checks.clone()),
        (TypeRef::Float, vec![own(Bound::ExclusiveMinimum(0.0)), own(Bound::ExclusiveMaximum(1.0))])
    );
    assert_eq!(ratio.allowed, "above 0 and below 1");
    let name = field("name");
    assert_eq!(name.checks, [own(Bound::MinLength(1)), own(Bound::MaxLength(8))]);
    assert_eq!(name.allowed, "1 to 8 characters");
    // `enum`: an enum type, like an inline `enum[..]`.
    let level = field("level");
    let TypeRef::Named(level_ty) = &level.ty else { panic!("{:?}", level.ty) };
    let Some(TypeDef::Enum(e)) = mixin.types.iter().find(|d| d.name() == level_ty) else { panic!("no enum") };
    assert_eq!(e.variants.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>(), ["DEBUG", "INFO"]);
    assert_eq!(level.allowed, "one of `DEBUG`, `INFO`");
    let ports = field("ports");
    assert_eq!(ports.ty, TypeRef::List(Box::new(TypeRef::Integer)));
    assert_eq!(
        ports.checks,
        [own(Bound::MinItems(1)), own(Bound::MaxItems(4)), Check { bound: Bound::Minimum(1.0), each_item: true }]
    );
    assert_eq!(ports.allowed, "1 to 4 items; each item at least 1");
    assert_eq!(field("flags").ty, TypeRef::Bool);
    // The contract values are the specs' defaults.
    let defaults = config.defaults.as_ref().unwrap();
    assert_eq!(defaults[1], Value::Int(5));
    assert_eq!(defaults[4], Value::Str("INFO".into()));
    assert_eq!(defaults[5], Value::List(vec![Value::Int(80)]));
    // Nested: a spec in a nested map.
    let retry = struct_named(&mixin, "SpecsConfigRetry");
    assert_eq!(retry.fields[0].ty, TypeRef::Float);
    assert_eq!(retry.fields[0].checks, [own(Bound::Maximum(10.0))]);
    // A data section is nobody's to override: a spec there is data as written.
    let data = struct_named(&mixin, "SpecsData");
    let TypeRef::Named(inner) = &data.fields[0].ty else { panic!("{:?}", data.fields[0].ty) };
    assert_eq!(struct_named(&mixin, &inner.name).fields.len(), 3);
}

#[test]
fn a_data_list_of_one_key_mappings_is_an_ordered_map_and_a_config_one_stays_a_list() {
    let text = format!(
        "{HEAD}pairs_config:\n  levels: [{{LOW: 1}}, {{HIGH: 2}}]\nlevels_data:\n  - LOW: \"calm\"\n  - HIGH: \"loud\"\n\
         repeated_data:\n  - A: 1\n  - A: 2\n"
    );
    let (mixin, ds) = model("pairs", &text);
    let mixin = mixin.unwrap_or_else(|| panic!("{}", render(&ds)));
    let section = |key: &str| mixin.sections.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("{key}"));
    let levels = section("levels_data");
    let TypeRef::Named(alias) = &levels.ty else { panic!("{:?}", levels.ty) };
    let Some(TypeDef::Alias(a)) = mixin.types.iter().find(|d| d.name() == alias) else { panic!("no alias") };
    assert_eq!(a.target, TypeRef::Map(Box::new(TypeRef::String)));
    assert_eq!(
        levels.value,
        Value::Map(vec![("LOW".into(), Value::Str("calm".into())), ("HIGH".into(), Value::Str("loud".into()))])
    );
    // A repeated key is no map: the list stays a list of items.
    assert!(matches!(section("repeated_data").value, Value::List(_)));
    // An override of configuration keeps the contract's shape, a list.
    let config = struct_named(&mixin, "PairsConfig");
    assert!(matches!(config.fields[0].ty, TypeRef::List(_)), "{:?}", config.fields[0].ty);
}
