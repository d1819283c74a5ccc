//! Stage 1: find contract files and read them as UTF-8 text.

use crate::diagnostics::{Diagnostic, Location};
use std::path::{Path, PathBuf};

/// A contract file's text, with the path it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// Files to read and folders that were listed (both are what cargo must watch).
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub folders: Vec<PathBuf>,
}

pub fn is_contract_file(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Whether a folder entry is a file, or a symbolic link to one: the entry's own type answers
/// without a stat call, which only a link needs (a folder may hold thousands of files).
pub(crate) fn leads_to_file(entry: &std::fs::DirEntry) -> bool {
    entry.file_type().is_ok_and(|t| t.is_file() || (t.is_symlink() && entry.path().is_file()))
}

/// Expands each input: a file is taken as is, a folder means every `*.yaml`/`*.yml` directly in it,
/// in sorted order. Inputs that do not exist or cannot be listed are diagnostics.
pub fn discover(inputs: &[PathBuf]) -> (Inputs, Vec<Diagnostic>) {
    let mut found = Inputs::default();
    let mut problems = Vec::new();
    for input in inputs {
        if input.is_dir() {
            match std::fs::read_dir(input) {
                Ok(entries) => {
                    // The name first: a stat call is left only for a symbolic link.
                    let mut files: Vec<PathBuf> = entries
                        .filter_map(Result::ok)
                        .filter(|e| is_contract_file(Path::new(&e.file_name())))
                        .filter(leads_to_file)
                        .map(|e| e.path())
                        .collect();
                    files.sort();
                    found.folders.push(input.clone());
                    found.files.extend(files);
                }
                Err(e) => problems.push(Diagnostic::error("E0001", input, format!("cannot list folder: {e}"))),
            }
        } else if input.is_file() {
            found.files.push(input.clone());
        } else {
            problems.push(
                Diagnostic::error("E0001", input, "no such file or folder")
                    .with_help("pass a contract file (*.yaml, *.yml) or a folder that holds them"),
            );
        }
    }
    found.files.dedup();
    (found, problems)
}

/// Reads one contract: it must be readable, UTF-8 and not empty.
pub fn read(path: &Path) -> Result<Source, Box<Diagnostic>> {
    let bytes = std::fs::read(path)
        .map_err(|e| Box::new(Diagnostic::error("E0001", path, format!("cannot read file: {e}"))))?;
    from_bytes(path, bytes)
}

/// A contract's bytes from somewhere else than a file (a git revision), checked as [`read`] checks
/// a file's: UTF-8 and not empty. `path` is what diagnostics name.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Source, Box<Diagnostic>> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Box::new(
            Diagnostic::error("E0002", path, "file is not valid UTF-8")
                .at(Location { line, column, len: 1 })
                .label("invalid byte here")
                .with_help("save the contract as UTF-8"),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    let has_content = text.lines().any(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#') && l != "---" && l != "..."
    });
    if !has_content {
        return Err(Box::new(
            Diagnostic::error("E0003", path, "contract file is empty")
                .with_help("a mixin contract starts with `mixin_name:`, `mixin_version:`, `description:`"),
        ));
    }
    Ok(Source { path: path.to_path_buf(), text })
}
