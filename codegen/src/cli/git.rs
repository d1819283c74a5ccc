//! Contracts at a git revision, read through the `git` command line (what CI has), never through
//! the working tree: `git ls-tree` lists, `git cat-file` reads.

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run `git`: {e} (is git installed and on PATH?)"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(format!("`git {}` failed: {}", args.join(" "), err.trim()))
    }
}

/// The commit `rev` names, or why it names none.
pub fn check_revision(rev: &str) -> Result<(), String> {
    run(&["rev-parse", "--git-dir"]).map_err(|e| format!("--against needs a git repository: {e}"))?;
    run(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map(drop)
        .map_err(|_| format!("`{rev}` is not a git revision here (try `git fetch`, or a branch, tag or commit)"))
}

/// One entry of `git ls-tree`: its type (`blob`, `tree`), object id and path (relative to the
/// current folder, as given).
struct Entry {
    kind: String,
    object: String,
    path: PathBuf,
}

/// Every file at or below `path` (`-r`: the files of folders inside it too).
fn ls_tree(rev: &str, path: &str) -> Result<Vec<Entry>, String> {
    let out = run(&["ls-tree", "-r", "-z", rev, "--", path])?;
    let mut entries = Vec::new();
    for record in out.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let text = String::from_utf8_lossy(record);
        // `<mode> SP <type> SP <object> TAB <path>`
        let Some((meta, file)) = text.split_once('\t') else { continue };
        let mut parts = meta.split(' ');
        let (_mode, kind, object) = (parts.next(), parts.next(), parts.next());
        if let (Some(kind), Some(object)) = (kind, object) {
            entries.push(Entry { kind: kind.to_string(), object: object.to_string(), path: PathBuf::from(file) });
        }
    }
    Ok(entries)
}

/// A contract file at the revision: the path it is shown under (`REV:path`) and its bytes.
pub struct Blob {
    pub shown: PathBuf,
    pub bytes: Vec<u8>,
}

/// The contracts at `rev` under `path` (a file, or the `*.yaml`/`*.yml` files of a folder and of
/// its subfolders, hidden ones left out: as the working tree's folders are read). Nothing when the
/// path is not there.
pub fn contracts(rev: &str, path: &Path) -> Result<Vec<Blob>, String> {
    let text = path.to_string_lossy().into_owned();
    let mut entries = ls_tree(rev, &text)?;
    let base = Path::new(text.trim_end_matches('/'));
    let hidden = |c: std::path::Component| c.as_os_str().to_string_lossy().starts_with('.');
    entries.retain(|e| {
        let inner = e.path.strip_prefix(base).unwrap_or(&e.path);
        !inner.parent().is_some_and(|p| p.components().any(hidden))
    });
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = Vec::new();
    for entry in entries {
        let is_contract = mixin_codegen::load::is_contract_file(&entry.path);
        if entry.kind != "blob" || !is_contract {
            continue;
        }
        let bytes = run(&["cat-file", "blob", &entry.object])?;
        out.push(Blob { shown: PathBuf::from(format!("{rev}:{}", entry.path.display())), bytes });
    }
    Ok(out)
}
