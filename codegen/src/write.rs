//! Stage 6: write only what changed, atomically, and only inside the output folder.

use std::io;
use std::path::{Path, PathBuf};

/// A file written to a temporary name, waiting to replace the real one.
#[derive(Debug)]
pub struct Staged {
    pub target: PathBuf,
    temp: PathBuf,
}

/// Whether `path` already holds exactly `content`.
pub fn is_current(path: &Path, content: &str) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.len() == content.len() as u64 => std::fs::read(path).is_ok_and(|b| b == content.as_bytes()),
        _ => false,
    }
}

/// Writes `content` next to `target` under a temporary name; `None` when `target` is already current.
pub fn stage(target: &Path, content: &str) -> io::Result<Option<Staged>> {
    if is_current(target, content) {
        return Ok(None);
    }
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out.rs");
    let temp = target.with_file_name(format!(".{name}.mixin-codegen-tmp"));
    std::fs::write(&temp, content)?;
    Ok(Some(Staged { target: target.to_path_buf(), temp }))
}

impl Staged {
    /// Moves the file into place (a rename, so readers never see half a file).
    pub fn commit(self) -> io::Result<()> {
        std::fs::rename(&self.temp, &self.target)
    }

    /// Removes the temporary file.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// Whether the file starts with our `@generated` marker (we only ever delete such files).
pub fn is_generated(path: &Path) -> bool {
    use io::Read;
    let mut head = [0u8; 64];
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let n = file.read(&mut head).unwrap_or(0);
    head[..n].starts_with(crate::format::MARKER.as_bytes())
}

/// `.rs` files directly in `dir`.
pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                // The entry's own type (no stat call per file: the folder may hold thousands).
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
