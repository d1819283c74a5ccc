//! Robustness (issue 3, item 6): no input makes the generator panic, random valid contracts always
//! generate Rust that parses, and huge or hostile inputs are handled or refused quickly.
//!
//! This is the run-everywhere equivalent of the cargo-fuzz target in `codegen/fuzz/`: it feeds
//! arbitrary YAML-ish text and mutations of the real contracts (mixins/, tests/corpus/mixins and
//! other-formats, the guide's examples in tests/corpus/guide) through load -> parse -> validate -> emit -> format, and renders every
//! diagnostic. Case counts are modest so the file runs in seconds; raise them with
//! `PROPTEST_CASES=5000 cargo test -p mixin-codegen --test robustness`.

#[path = "support/cpu_time.rs"]
mod cpu_time;
#[path = "support/gen.rs"]
mod gen;

use mixin_codegen::diagnostics::Style;
use mixin_codegen::emit::{self, EmitOptions, MixinSummary};
use mixin_codegen::load::Source;
use mixin_codegen::{format, load, parse, validate, Builder};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Every real contract in the repository: its own mixins/, the corpus, the guide's YAML blocks.
/// All of them are required: a missing folder fails here rather than quietly shrinking the seeds.
fn seeds() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let root = workspace();
    let corpus = root.join("tests/corpus");
    for dir in [root.join("mixins"), corpus.join("mixins"), corpus.join("other-formats")] {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files {
            if load::is_contract_file(&f) {
                let text = std::fs::read_to_string(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                out.push((f, text));
            }
        }
    }
    let guide_path = corpus.join("guide/creating-mixins-guide.md");
    let guide = std::fs::read_to_string(&guide_path).unwrap_or_else(|e| panic!("{}: {e}", guide_path.display()));
    let before = out.len();
    for (i, block) in guide.split("```yaml").skip(1).enumerate() {
        if let Some(end) = block.find("```") {
            out.push((PathBuf::from(format!("guide-{i}.yaml")), block[..end].to_string()));
        }
    }
    assert!(out.len() > before, "{} has no ```yaml block", guide_path.display());
    assert!(out.len() >= 6 + 6 + 2, "the real contracts should be there: {}", root.display());
    out
}

fn emit_options(bits: u8) -> EmitOptions {
    let mut o = EmitOptions { async_methods: bits & 1 == 0, serde: bits & 2 == 0, ..EmitOptions::default() };
    if bits & 4 != 0 {
        o.timestamp_type = Some(syn::parse_quote!(::std::time::SystemTime));
        o.object_type =
            Some(syn::parse_quote!(::std::collections::BTreeMap<::std::string::String, ::std::string::String>));
    }
    o
}

/// Everything after reading the file. Returns whether a mixin came out of validation.
/// Never panics: that is the property.
fn pipeline(source: &Source, bits: u8) -> bool {
    let text = source.text.clone();
    let render = |d: &mixin_codegen::Diagnostic| {
        let _ = d.render(&|_| Some(text.clone()), Style::Plain);
        let _ = d.render(&|_| Some(text.clone()), Style::Color);
        let _ = d.to_string();
    };
    let doc = match parse::parse(source) {
        Ok(doc) => doc,
        Err(d) => {
            assert!(d.is_error());
            render(&d);
            return false;
        }
    };
    let untyped = mixin_codegen::UntypedNames::ALL[usize::from(bits >> 3) % 3];
    let options = validate::Options { untyped, ..validate::Options::default() };
    let (mixin, diagnostics) = validate::validate(source, &doc, &options);
    diagnostics.iter().for_each(render);
    let Some(mixin) = mixin else {
        assert!(diagnostics.iter().any(|d| d.is_error()), "no mixin and no error");
        return false;
    };
    assert!(!diagnostics.iter().any(|d| d.is_error()), "a mixin despite errors");
    let opts = emit_options(bits);
    let file = emit::mixin_file(&mixin, &opts);
    let header = format::header(Some(&source.path.display().to_string()));
    let code = format::format_file(file, &header);
    syn::parse_file(&code).expect("formatted code parses");
    assert!(!code.contains("compile_error!"), "the emitter fell back to compile_error!:\n{code}");
    let summary = MixinSummary::of(&mixin);
    let root = format::format_root(emit::root_file(&[summary], &opts), &format::header(None));
    syn::parse_file(&root).expect("root file parses");
    true
}

/// Bytes as a contract: UTF-8 goes straight to the pipeline; anything else must be refused by
/// `load::read` with a diagnostic.
fn pipeline_bytes(bytes: &[u8], bits: u8) {
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            pipeline(&Source { path: PathBuf::from("fuzz.yaml"), text: text.to_string() }, bits);
        }
        Err(_) => {
            let dir = scratch("bytes");
            let file = dir.join(format!("c{}.yaml", std::process::id()));
            std::fs::write(&file, bytes).unwrap();
            let err = load::read(&file).expect_err("invalid UTF-8 is refused");
            assert_eq!(err.code, "E0002");
            let _ = err.render(&|_| None, Style::Plain);
        }
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

/// Pieces of YAML syntax, contract keys and hostile text.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("mixin_name: \"mixin_x\"\n"),
        Just("mixin_version: {major: 1, minor: 0, patch: 0}\n"),
        Just("description: "),
        Just("applicable_node_types: [\"COMPUTE\"]\n"),
        Just("actions:\n"),
        Just("  - name: \"run\"\n"),
        Just("    inputs: []\n"),
        Just("    outputs: [\"x\"]\n"),
        Just("    required: true\n"),
        Just("    timeout_ms: 100\n"),
        Just("output_models:\n"),
        Just("x_config:\n"),
        Just("metrics:\n"),
        Just("type: "),
        Just("\"enum[A,B]\""),
        Just("{type: array, items: "),
        Just("- "),
        Just(": "),
        Just("\n"),
        Just("  "),
        Just("{"),
        Just("}"),
        Just("["),
        Just("]"),
        Just(", "),
        Just("&a "),
        Just("*a"),
        Just("<<: *a\n"),
        Just("!!str "),
        Just("!custom "),
        Just("? "),
        Just("|\n"),
        Just(">-\n"),
        Just("---\n"),
        Just("...\n"),
        Just("# comment\n"),
        Just("'single'"),
        Just("\"double \\\" \\u202e\""),
        Just("null"),
        Just("~"),
        Just("true"),
        Just("-1"),
        Just("1e309"),
        Just(".nan"),
        Just("99999999999999999999"),
        Just("0x1F"),
        Just("\t"),
        Just("\r\n"),
        Just("\u{feff}"),
        Just("\u{202e}"),
        Just("é日本"),
        Just("type"),
        Just("self"),
    ]
    .prop_map(str::to_string);
    let token = prop_oneof![
        8 => token,
        1 => "[a-z_]{1,8}",
        1 => "[ -~]{0,12}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(token, 0..80).prop_map(|parts| parts.concat())
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(usize, u8),
    SetByte(usize, u8),
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
    InsertLine(usize, String),
    Indent(usize, bool),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let inserted = prop_oneof![
        Just("unknown_key: 1".to_string()),
        Just("  timeout_msec: 5".to_string()),
        Just("    - {name: \"x\", type: \"flaot\"}".to_string()),
        Just("extra_config: {a: [], b: {}, c: [1, \"x\"], d: null}".to_string()),
        Just("  type: \"enum[A,,B]\"".to_string()),
        Just("x: &anchor [1, 2]\ny: *anchor".to_string()),
        Just("mixin_name: \"mixin_other\"".to_string()),
        Just("  - name: \"self\"".to_string()),
        Just("  \"quoted key\": 1".to_string()),
        Just("  buckets: [3, 2, 1]".to_string()),
        "[ -~]{0,30}",
    ];
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(i, b)| Mutation::FlipByte(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), inserted).prop_map(|(i, s)| Mutation::InsertLine(i, s)),
        (any::<usize>(), any::<bool>()).prop_map(|(i, more)| Mutation::Indent(i, more)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let lines = |b: &[u8]| -> Vec<Vec<u8>> { b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect() };
    let join = |l: Vec<Vec<u8>>| l.join(&b'\n');
    match m {
        Mutation::FlipByte(i, b) if !bytes.is_empty() => {
            let n = bytes.len();
            bytes[i % n] ^= b
        }
        Mutation::SetByte(i, b) if !bytes.is_empty() => {
            let n = bytes.len();
            bytes[i % n] = *b
        }
        Mutation::Truncate(i) => bytes.truncate(i % (bytes.len() + 1)),
        Mutation::DeleteLine(i) => {
            let mut l = lines(bytes);
            let n = l.len();
            l.remove(i % n);
            *bytes = join(l);
        }
        Mutation::DuplicateLine(i) => {
            let mut l = lines(bytes);
            let n = l.len();
            let line = l[i % n].clone();
            l.insert(i % n, line);
            *bytes = join(l);
        }
        Mutation::SwapLines(a, b) => {
            let mut l = lines(bytes);
            let n = l.len();
            l.swap(a % n, b % n);
            *bytes = join(l);
        }
        Mutation::InsertLine(i, s) => {
            let mut l = lines(bytes);
            let n = l.len();
            l.insert(i % (n + 1), s.as_bytes().to_vec());
            *bytes = join(l);
        }
        Mutation::Indent(i, more) => {
            let mut l = lines(bytes);
            let n = l.len();
            let line = &mut l[i % n];
            if *more {
                line.splice(0..0, *b"  ");
            } else if line.starts_with(b"  ") {
                line.drain(0..2);
            }
            *bytes = join(l);
        }
        _ => {}
    }
}

#[test]
fn the_real_contracts_are_valid_and_generate() {
    for (path, text) in seeds() {
        let ok = pipeline(&Source { path: path.clone(), text }, 0);
        let real = path.components().any(|c| c.as_os_str() == "mixins");
        if real {
            assert!(ok, "{} should be a valid contract", path.display());
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// (a) arbitrary YAML-ish text never panics.
    #[test]
    fn arbitrary_yamlish_text_never_panics(text in yamlish(), bits in any::<u8>()) {
        pipeline_bytes(text.as_bytes(), bits);
    }

    /// (a) arbitrary bytes never panic (invalid UTF-8 is refused by `load::read`).
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        pipeline_bytes(&bytes, 0);
    }

    /// (a) mutations of the real contracts never panic.
    #[test]
    fn mutated_real_contracts_never_panic(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
        bits in any::<u8>(),
    ) {
        let seeds = seeds();
        let (_, text) = &seeds[pick.index(seeds.len())];
        let mut bytes = text.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        pipeline_bytes(&bytes, bits);
    }

    /// (b) random valid contracts validate with no error and generate code that parses with syn.
    #[test]
    fn random_valid_contracts_generate_code_that_parses(seed in any::<u64>(), bits in 0u8..8) {
        let yaml = gen::to_yaml(&gen::contract(seed), seed);
        let source = Source { path: PathBuf::from(format!("random-{seed}.yaml")), text: yaml.clone() };
        let doc = parse::parse(&source).unwrap_or_else(|d| panic!("seed {seed}: {d}\n{yaml}"));
        let (mixin, diagnostics) = validate::validate(&source, &doc, &validate::Options::default());
        let errors: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(&|_| Some(yaml.clone()), Style::Plain))
            .collect();
        prop_assert!(errors.is_empty(), "seed {}: errors in a valid contract:\n{}\n{}", seed, errors.join("\n"), yaml);
        prop_assert!(mixin.is_some());
        prop_assert!(pipeline(&source, bits), "seed {}", seed);
    }
}

/// (b) through the public Builder too: a handful of random contracts in one folder generate.
#[test]
fn random_valid_contracts_generate_through_the_builder() {
    let dir = scratch("builder");
    let input = dir.join("in");
    let out = dir.join("out");
    let _ = std::fs::remove_dir_all(&input);
    std::fs::create_dir_all(&input).unwrap();
    for seed in 0..12u64 {
        let yaml = gen::to_yaml(&gen::contract(seed * 7919), seed);
        // mixin_name must be unique across inputs: rename by seed.
        let yaml = yaml.replacen("\"mixin_x", &format!("\"mixin_s{seed}x"), 1);
        std::fs::write(input.join(format!("c{seed}.yaml")), yaml).unwrap();
    }
    let report = Builder::new()
        .input(&input)
        .out_dir(&out)
        .emit_rerun_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.mixins.len(), 12);
    for entry in std::fs::read_dir(&out).unwrap() {
        let code = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        syn::parse_file(&code).unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Large and hostile inputs.

const HEAD: &str = "mixin_name: \"mixin_large\"\nmixin_version: {major: 1, minor: 0, patch: 0}\n\
description: \"A very large contract\"\napplicable_node_types: [\"COMPUTE\"]\n";

/// Sizes that stay well inside the time limit in the debug profile on 2 cores (the generator is
/// linear in both; see the report for what it costs per item).
const ACTIONS: usize = 6_000;
const KEYS: usize = 50_000;
const LOREM: &str = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut \
labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex \
ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla.";

fn timed_generate(name: &str, yaml: &str) -> (Duration, usize) {
    let dir = scratch(name);
    let file = dir.join("mixin_large.yaml");
    std::fs::write(&file, yaml).unwrap();
    let out = dir.join("out");
    // One contract: both runs stay on this thread, whose CPU time is measured.
    let (report, elapsed) = cpu_time::timed(|| {
        let validated = Builder::new().input(&file).validate().unwrap_or_else(|e| panic!("{e}"));
        assert!(!validated.diagnostics.iter().any(|d| d.is_error()));
        Builder::new()
            .input(&file)
            .out_dir(&out)
            .emit_rerun_directives(false)
            .timings(true)
            .generate()
            .unwrap_or_else(|e| panic!("{e}"))
    });
    eprintln!("{name}: validate + generate {elapsed:?}; generate stages {:?}", report.timings);
    let generated = std::fs::read_to_string(out.join("large.rs")).unwrap();
    (elapsed, generated.len())
}

#[test]
fn a_contract_with_thousands_of_actions_is_handled_in_reasonable_time() {
    let mut yaml = String::from(HEAD);
    yaml.push_str("actions:\n");
    for i in 0..ACTIONS {
        yaml.push_str(&format!(
            "  - name: \"action_number_{i}\"\n    description: \"Action {i} of a very large contract. {LOREM}\"\n    inputs: [{{name: \"key_{i}\", type: \"string\"}}, {{name: \"count\", type: \"integer\"}}]\n    outputs: [{{name: \"done\", type: \"boolean\"}}]\n    required: {}\n    timeout_ms: {}\n",
            i % 2 == 0,
            1 + i % 1000
        ));
    }
    assert!(yaml.len() > 2_500_000, "{} bytes", yaml.len());
    let (elapsed, size) = timed_generate("actions", &yaml);
    eprintln!("{ACTIONS} actions: {} MB in, {} MB out, {elapsed:?}", yaml.len() >> 20, size >> 20);
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
}

#[test]
fn a_config_with_tens_of_thousands_of_keys_is_handled_in_reasonable_time() {
    let mut yaml = String::from(HEAD);
    yaml.push_str("actions:\n  - {name: \"run\", description: \"Run\", inputs: [], outputs: [], required: true, timeout_ms: 10}\n");
    yaml.push_str("large_config:\n");
    for i in 0..KEYS {
        match i % 4 {
            0 => yaml.push_str(&format!("  key_{i}: {i}\n")),
            1 => yaml.push_str(&format!("  key_{i}: \"value number {i}: {LOREM}\"\n")),
            2 => yaml.push_str(&format!("  key_{i}: {}.5\n", i)),
            _ => yaml.push_str(&format!("  key_{i}: [{i}, {}]\n", i + 1)),
        }
    }
    assert!(yaml.len() > 2_500_000, "{} bytes", yaml.len());
    let (elapsed, size) = timed_generate("config", &yaml);
    eprintln!("{KEYS} config keys: {} MB in, {} MB out, {elapsed:?}", yaml.len() >> 20, size >> 20);
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
}

/// Parses hostile text; it must be refused with E0007 (or another error) within a second.
fn refused_quickly(text: &str) -> mixin_codegen::Diagnostic {
    let source = Source { path: PathBuf::from("hostile.yaml"), text: text.to_string() };
    let (result, elapsed) = cpu_time::timed(|| parse::parse(&source));
    let d = match result {
        Err(d) => *d,
        Ok(doc) => {
            let (mixin, diagnostics) = validate::validate(&source, &doc, &validate::Options::default());
            assert!(mixin.is_none());
            diagnostics.into_iter().find(|d| d.is_error()).expect("an error")
        }
    };
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
    let _ = d.render(&|_| Some(text.to_string()), Style::Plain);
    d
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut yaml =
        String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..12 {
        let p = i - 1;
        yaml.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
    }
    let d = refused_quickly(&yaml);
    assert_eq!(d.code, "E0007", "{d}");
    // Inside a real contract, as a config value.
    let contract = format!("{HEAD}actions: []\n{}", yaml.replace("a0:", "bomb_config:\n  a0:").replace("\na", "\n  a"));
    let d = refused_quickly(&contract);
    assert!(d.is_error(), "{d}");
}

#[test]
fn deep_nesting_is_refused_quickly() {
    for text in [
        "x: ".to_string() + &"[".repeat(100_000),
        "x: ".to_string() + &"[".repeat(10_000) + &"]".repeat(10_000),
        "x: ".to_string() + &"{a: ".repeat(10_000) + "1" + &"}".repeat(10_000),
        (0..2_000).map(|i| format!("{}- \n", "  ".repeat(i))).collect::<String>(),
        (0..2_000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect::<String>(),
    ] {
        let d = refused_quickly(&text);
        assert!(d.code == "E0007" || d.code == "E0004", "{d}");
    }
}

#[test]
fn long_lines_and_many_diagnostics_render_quickly() {
    // 5,000 errors in one file, each located and rendered.
    let mut yaml = String::from(HEAD);
    yaml.push_str("actions:\n");
    for i in 0..5_000 {
        yaml.push_str(&format!(
            "  - {{name: \"a{i}\", description: 1, inputs: [], outputs: [], required: 2, timeout_ms: -1}}\n"
        ));
    }
    yaml.push_str(&format!("long_line_section: \"{}\"\n", "x".repeat(1_000_000)));
    let ((), elapsed) = cpu_time::timed(|| {
        let source = Source { path: PathBuf::from("many.yaml"), text: yaml.clone() };
        let doc = parse::parse(&source).unwrap();
        let (_, diagnostics) = validate::validate(&source, &doc, &validate::Options::default());
        assert!(diagnostics.iter().filter(|d| d.is_error()).count() >= 15_000);
        // The source callback hands back a String, so render a sample (each call copies the file).
        for d in diagnostics.iter().step_by(100) {
            let _ = d.render(&|_| Some(yaml.clone()), Style::Plain);
        }
    });
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");
}
