//! "Ours": mixin-codegen's library, called exactly as a build.rs user calls it, with the
//! per-stage timings it collects on request. Everything that touches its API is here.

use std::path::Path;
use std::time::Duration;

/// Per-stage times summed over all contracts, plus what was written.
pub struct OursReport {
    pub load: Duration,
    pub parse: Duration,
    pub validate: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub write: Duration,
    pub files_written: usize,
    pub files_unchanged: usize,
}

pub fn generate(input: &Path, out: &Path) -> Result<OursReport, String> {
    let report = mixin_codegen::Builder::new()
        .input(input)
        .out_dir(out)
        .emit_rerun_directives(false)
        .timings(true)
        .generate()
        .map_err(|e| e.to_string())?;
    let t = report.timings;
    Ok(OursReport {
        load: t.load,
        parse: t.parse,
        validate: t.validate,
        emit: t.emit,
        format: t.format,
        write: t.write,
        files_written: report.files_written,
        files_unchanged: report.files_unchanged,
    })
}
