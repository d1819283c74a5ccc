//! "Ours": mixin-codegen's library, called exactly as a build.rs user calls it, with the
//! per-stage timings it collects on request. Everything that touches its API is here.

use std::path::Path;

/// One generation with per-stage timings (`Report::timings`, summed over all contracts and
/// threads). `jobs`: `None` for the default a build.rs user gets (one thread per CPU), or a count.
pub fn generate(input: &Path, out: &Path, jobs: Option<usize>) -> Result<mixin_codegen::Report, String> {
    mixin_codegen::Builder::new()
        .input(input)
        .jobs(jobs.unwrap_or(0))
        .out_dir(out)
        .emit_rerun_directives(false)
        .timings(true)
        .generate()
        .map_err(|e| e.to_string())
}
