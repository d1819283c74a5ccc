//! The real node contracts of tests/corpus/nodes/, with each subcontract path pointed at a mixin
//! of the repository's mixins/ that applies to the node: everything else is their own text,
//! unchanged, so what their content becomes can be generated and compiled.

use std::path::{Path, PathBuf};

/// The corpus's subcontract paths and the mixin each one is pointed at instead (the subcontract
/// files they name are not in the corpus; these mixins apply to COMPUTE and to REDUCER).
const POINTED_AT: &[(&str, &str)] = &[
    ("../../mixins/mixin_error_handling.yaml", "mixin_error_handling.yaml"),
    ("../../subcontracts/health_check_subcontract.yaml", "mixin_health_check.yaml"),
    ("../../subcontracts/introspection_subcontract.yaml", "mixin_introspection.yaml"),
    ("../../subcontracts/performance_monitoring_subcontract.yaml", "mixin_performance_monitoring.yaml"),
    ("../../subcontracts/request_response_subcontract.yaml", "mixin_event_handling.yaml"),
    ("../../subcontracts/state_management_subcontract.yaml", "mixin_state_management.yaml"),
    ("../../subcontracts/service_resolution_subcontract.yaml", "mixin_aggregation_window.yaml"),
];

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/nodes")
}

/// Writes both corpus node contracts into `dir`, their paths pointed at files of `mixins`.
pub fn write(dir: &Path, mixins: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let mut out = Vec::new();
    for name in ["canary_compute.contract.yaml", "canary_reducer.contract.yaml"] {
        let mut text = std::fs::read_to_string(corpus().join(name)).unwrap();
        for (from, to) in POINTED_AT {
            let target = mixins.join(to).canonicalize().unwrap();
            text = text.replace(&format!("\"{from}\""), &format!("{:?}", target.display().to_string()));
        }
        assert!(!text.contains("subcontracts/"), "every corpus path is pointed at a mixin");
        let path = dir.join(name);
        // Unchanged files keep their time stamps, for cargo's incremental state.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).unwrap();
        }
        out.push(path);
    }
    out
}
