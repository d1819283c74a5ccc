//! "Ours": mixin-codegen's library, called exactly as a build.rs user calls it, with the
//! per-stage timings it collects on request. Everything that touches its API is here.

use std::path::Path;

/// One generation with per-stage timings (`Report::timings`, summed over all contracts).
pub fn generate(input: &Path, out: &Path) -> Result<mixin_codegen::Report, String> {
    mixin_codegen::Builder::new()
        .input(input)
        .out_dir(out)
        .emit_rerun_directives(false)
        .timings(true)
        .generate()
        .map_err(|e| e.to_string())
}
