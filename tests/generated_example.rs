//! The committed generated-example/ compiles as it is and matches what the generator writes now.

#[allow(dead_code)]
mod committed {
    include!("../generated-example/mixins.rs");
}

#[test]
fn committed_example_is_current() {
    let report = mixin_codegen::Builder::new()
        .input(concat!(env!("CARGO_MANIFEST_DIR"), "/mixins"))
        .out_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/generated-example"))
        .emit_rerun_directives(false)
        .check()
        .expect("contracts in mixins/ are valid");
    let stale: Vec<String> = report.stale.iter().map(|f| f.path.display().to_string()).collect();
    assert!(
        stale.is_empty(),
        "generated-example/ is stale: {stale:?}; run `cargo run -p mixin-codegen --features cli -- generate mixins --out generated-example`"
    );
}

#[test]
fn committed_example_matches_out_dir_build() {
    assert_eq!(committed::MIXINS.len(), onex_mixins::MIXINS.len());
    for (a, b) in committed::MIXINS.iter().zip(onex_mixins::MIXINS) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.actions.len(), b.actions.len());
    }
}
