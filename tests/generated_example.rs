//! The committed generated-example/ compiles as it is and matches what the generator writes now.

#[allow(dead_code)]
mod committed {
    include!("../generated-example/mixins.rs");
}

#[test]
fn committed_example_is_current() {
    let report = mixin_codegen::Builder::new()
        .input(concat!(env!("CARGO_MANIFEST_DIR"), "/mixins"))
        .input(concat!(env!("CARGO_MANIFEST_DIR"), "/nodes"))
        .out_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/generated-example"))
        .emit_rerun_directives(false)
        .check()
        .expect("contracts in mixins/ and nodes/ are valid");
    let stale: Vec<String> = report.stale.iter().map(|f| f.path.display().to_string()).collect();
    assert!(
        stale.is_empty(),
        "generated-example/ is stale: {stale:?}; run `cargo run -p mixin-codegen --features cli -- generate mixins nodes --out generated-example`"
    );
}

#[test]
fn committed_example_matches_out_dir_build() {
    assert_eq!(committed::MIXINS.len(), onex_mixins::MIXINS.len());
    for (a, b) in committed::MIXINS.iter().zip(onex_mixins::MIXINS) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.actions.len(), b.actions.len());
    }
    assert_eq!(committed::nodes::api_client_effect::NODE_NAME, onex_mixins::nodes::api_client_effect::NODE_NAME);
    assert_eq!(
        committed::nodes::data_processor_compute::SUBCONTRACTS.len(),
        onex_mixins::nodes::data_processor_compute::SUBCONTRACTS.len()
    );
}
