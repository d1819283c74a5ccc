//! Snapshot tests: the generator's output for every contract in mixins/ and nodes/ equals the
//! committed generated-example/<module>.rs (nodes/<node>.rs), byte for byte. On a mismatch the test prints a line diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Generates mixins/ once into a scratch folder. Headers name the contract relative to the current
/// folder, so this runs from the workspace root with the relative input `mixins`, as the committed
/// example was made. Every test in this file goes through here, so the folder change is consistent.
fn generated() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshots-out");
        let _ = std::fs::remove_dir_all(&out);
        std::env::set_current_dir(workspace()).unwrap();
        mixin_codegen::Builder::new()
            .input("mixins")
            .input("nodes")
            .out_dir(&out)
            .emit_rerun_directives(false)
            .generate()
            .unwrap_or_else(|e| panic!("{e}"));
        out
    })
}

/// A small line diff: the common head and tail are skipped, the differing middle is shown as
/// `-` (committed) and `+` (generated now) lines, with a little context.
fn line_diff(committed: &str, now: &str) -> String {
    let a: Vec<&str> = committed.lines().collect();
    let b: Vec<&str> = now.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_mid, b_mid) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out =
        format!("@@ line {} (committed -{} lines, generated +{} lines) @@\n", head + 1, a_mid.len(), b_mid.len());
    for line in &a[head.saturating_sub(3)..head] {
        out += &format!("  {line}\n");
    }
    const MAX: usize = 40;
    for line in a_mid.iter().take(MAX) {
        out += &format!("- {line}\n");
    }
    for line in b_mid.iter().take(MAX) {
        out += &format!("+ {line}\n");
    }
    if a_mid.len().max(b_mid.len()) > MAX {
        out += "  ...\n";
    }
    for line in a[a.len() - tail..].iter().take(3) {
        out += &format!("  {line}\n");
    }
    if a_mid.is_empty() && b_mid.is_empty() {
        out += "  (the files differ only in line endings or a final newline)\n";
    }
    out
}

fn snapshot(file: &str) {
    let now = std::fs::read_to_string(generated().join(file)).unwrap_or_else(|e| panic!("generated {file}: {e}"));
    let committed = std::fs::read_to_string(workspace().join("generated-example").join(file))
        .unwrap_or_else(|e| panic!("generated-example/{file}: {e}"));
    if now != committed {
        panic!(
            "generated-example/{file} differs from what the generator writes now:\n{}\nrun `cargo run -p mixin-codegen --features cli -- generate mixins nodes --out generated-example` if the change is intended",
            line_diff(&committed, &now)
        );
    }
}

macro_rules! snapshots {
    ($($module:ident),* $(,)?) => {
        $(
            #[test]
            fn $module() {
                snapshot(concat!(stringify!($module), ".rs"));
            }
        )*
        const MODULES: &[&str] = &[$(stringify!($module)),*];
    };
}

snapshots!(
    aggregation_window,
    error_handling,
    event_handling,
    external_dependencies,
    health_check,
    introspection,
    performance_monitoring,
    rate_limiting,
    state_management,
);

#[test]
fn mixins_root_file() {
    snapshot("mixins.rs");
}

#[test]
fn node_api_client_effect() {
    snapshot("nodes/api_client_effect.rs");
}

#[test]
fn node_data_processor_compute() {
    snapshot("nodes/data_processor_compute.rs");
}

/// Every node contract under nodes/ (in `<node>/v1_0_0/contract.yaml`) has a snapshot test above.
#[test]
fn every_node_has_a_snapshot() {
    let nodes: BTreeSet<String> = std::fs::read_dir(workspace().join("nodes"))
        .unwrap()
        .map(|e| format!("{}.rs", e.unwrap().file_name().into_string().unwrap()))
        .collect();
    let written: BTreeSet<String> = std::fs::read_dir(generated().join("nodes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(nodes, written);
    assert_eq!(written, BTreeSet::from(["api_client_effect.rs".to_string(), "data_processor_compute.rs".to_string()]));
}

/// Every contract in mixins/ has a snapshot test above, and nothing else was generated (besides
/// the nodes' folder).
#[test]
fn every_contract_has_a_snapshot() {
    let contracts: BTreeSet<String> = std::fs::read_dir(workspace().join("mixins"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            let stem = name.strip_suffix(".yaml").or_else(|| name.strip_suffix(".yml"))?;
            Some(stem.strip_prefix("mixin_").unwrap_or(stem).to_string())
        })
        .collect();
    let tested: BTreeSet<String> = MODULES.iter().map(|m| m.to_string()).collect();
    assert_eq!(contracts, tested);
    let written: BTreeSet<String> =
        std::fs::read_dir(generated()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    let expected: BTreeSet<String> =
        MODULES.iter().map(|m| format!("{m}.rs")).chain(["mixins.rs".to_string(), "nodes".to_string()]).collect();
    assert_eq!(written, expected);
}

#[test]
fn line_diff_shows_the_change() {
    let d = line_diff("a\nb\nc\nd\n", "a\nb\nX\nd\n");
    assert!(d.contains("@@ line 3"), "{d}");
    assert!(d.contains("- c\n+ X\n"), "{d}");
    assert!(d.contains("  b\n") && d.contains("  d\n"), "{d}");
}

/// The other options change only what they should: two contracts with enums, generated with every
/// option away from its default, equal tests/snapshots/options/ (`MIXIN_CODEGEN_BLESS=1` rewrites
/// it after an intended change). Pins the output the default snapshots above do not reach.
#[test]
fn every_option_changed() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshots-options");
    let _ = std::fs::remove_dir_all(&out);
    let root = workspace();
    mixin_codegen::Builder::new()
        .inputs([
            root.join("mixins/mixin_aggregation_window.yaml"),
            root.join("mixins/mixin_external_dependencies.yaml"),
        ])
        .out_dir(&out)
        .emit_rerun_directives(false)
        .jobs(1)
        .serde(false)
        .blocking(true)
        .timestamp_type("std::time::SystemTime")
        .object_type("std::collections::BTreeMap<String, String>")
        .fallback_type("Box<str>")
        .io_type("aggregation_window.add_event.event_value", "f64")
        .type_attribute(".", "#[non_exhaustive]")
        .type_attribute("aggregation_window.Window", "#[derive(Eq)] #[allow(dead_code)]")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/options");
    let bless = std::env::var_os("MIXIN_CODEGEN_BLESS").is_some();
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["aggregation_window.rs", "external_dependencies.rs", "mixins.rs"]);
    for name in &names {
        // Headers name the contract by its absolute path: compared from the second line on.
        let now = std::fs::read_to_string(out.join(name)).unwrap();
        let body = now.split_once('\n').map_or("", |(_, rest)| rest);
        let path = committed.join(name);
        if bless {
            std::fs::create_dir_all(&committed).unwrap();
            std::fs::write(&path, body).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (MIXIN_CODEGEN_BLESS=1 writes it)", path.display()));
        if body != expected {
            panic!("{} differs from the output now:\n{}", path.display(), line_diff(&expected, body));
        }
    }
}

/// A mixin file defines a struct before the structs it holds, each of those before its own and in
/// field order, the way a reader meets them (issue 13 item 3): `outer`, `first`, `deep`, `second`.
#[test]
fn a_struct_comes_before_the_structs_it_holds() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reading-order");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("mixin_order.yaml"),
        "mixin_name: mixin_order\nmixin_version: {major: 1, minor: 0, patch: 0}\ndescription: d\n\
         applicable_node_types: [COMPUTE]\nactions:\n  - {name: run, description: d, inputs: [], outputs: [], \
         required: true, timeout_ms: 1}\nouter_config:\n  first:\n    deep:\n      x: 1\n    y: 2\n  \
         second:\n    z: 3\n  plain: 4\n",
    )
    .unwrap();
    mixin_codegen::Builder::new()
        .input(dir.join("mixin_order.yaml"))
        .out_dir(dir.join("out"))
        .emit_rerun_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = std::fs::read_to_string(dir.join("out/order.rs")).unwrap();
    let structs: Vec<&str> = code.lines().filter_map(|l| l.strip_prefix("pub struct ")?.split(' ').next()).collect();
    assert_eq!(structs, ["OuterConfig", "OuterConfigFirst", "OuterConfigFirstDeep", "OuterConfigSecond"], "{code}");
}
