//! Stage 6: write only what changed, atomically, and only inside the output folder.

use std::io;
use std::path::{Path, PathBuf};

/// A file written during a run, waiting for the run to succeed.
#[derive(Debug)]
pub struct Staged {
    pub target: PathBuf,
    /// Where the new content waits: `None` when there was no file at `target`, so the content
    /// went straight there (removing it restores the folder as it was).
    temp: Option<PathBuf>,
}

/// Whether `path` already holds exactly `content`.
pub fn is_current(path: &Path, content: &str) -> bool {
    metadata_says_current(std::fs::metadata(path), path, content)
}

fn metadata_says_current(metadata: io::Result<std::fs::Metadata>, path: &Path, content: &str) -> bool {
    match metadata {
        Ok(m) if m.len() == content.len() as u64 => std::fs::read(path).is_ok_and(|b| b == content.as_bytes()),
        _ => false,
    }
}

/// Writes `content` for `target`; `None` when `target` is already current. A new file is written
/// in place; an existing one is left untouched until [`Staged::commit`], its replacement waiting
/// under a temporary name (a rename then swaps it in, so readers never see half a file).
pub fn stage(target: &Path, content: &str) -> io::Result<Option<Staged>> {
    let metadata = match std::fs::metadata(target) {
        // A first build writes every file this way: one rename less per file, and a rename in
        // a folder of thousands of files is not cheap.
        Err(e) if e.kind() == io::ErrorKind::NotFound => match write_new(target, content) {
            Ok(()) => return Ok(Some(Staged { target: target.to_path_buf(), temp: None })),
            // Appeared since: taken as an existing file.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => std::fs::metadata(target),
            Err(e) => return Err(e),
        },
        metadata => metadata,
    };
    if metadata_says_current(metadata, target, content) {
        return Ok(None);
    }
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out.rs");
    let temp = target.with_file_name(format!(".{name}.mixin-codegen-tmp"));
    std::fs::write(&temp, content)?;
    Ok(Some(Staged { target: target.to_path_buf(), temp: Some(temp) }))
}

/// Creates `target`, which must not exist, with `content`; on a failed write nothing is left.
fn write_new(target: &Path, content: &str) -> io::Result<()> {
    use io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(target)?;
    file.write_all(content.as_bytes()).inspect_err(|_| {
        let _ = std::fs::remove_file(target);
    })
}

impl Staged {
    /// Puts the content in place.
    pub fn commit(&self) -> io::Result<()> {
        match &self.temp {
            Some(temp) => std::fs::rename(temp, &self.target),
            None => Ok(()),
        }
    }

    /// Undoes the write: removes the temporary file, or the new file.
    pub fn discard(self) {
        let _ = std::fs::remove_file(self.temp.as_ref().unwrap_or(&self.target));
    }
}

/// The files a run has written so far. Dropped before [`Pending::commit`] (the run failed, or
/// a thread panicked), they are undone, so a failed run leaves the folder as it found it.
#[derive(Debug, Default)]
pub struct Pending(Vec<Staged>);

impl Pending {
    pub fn push(&mut self, staged: Staged) {
        self.0.push(staged);
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Puts every file in place. On an error, the file that failed and those after it are
    /// undone (the ones before stay committed).
    pub fn commit(mut self) -> Result<(), (PathBuf, io::Error)> {
        let mut files = std::mem::take(&mut self.0).into_iter();
        while let Some(staged) = files.next() {
            if let Err(e) = staged.commit() {
                let target = staged.target.clone();
                self.0.push(staged);
                self.0.extend(files);
                return Err((target, e));
            }
        }
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        for staged in self.0.drain(..) {
            staged.discard();
        }
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
                .filter(|e| Path::new(&e.file_name()).extension().is_some_and(|x| x == "rs"))
                .filter(crate::load::leads_to_file)
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::{stage, Pending};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("mixin-codegen-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        v.sort();
        v
    }

    #[test]
    fn a_failed_run_leaves_the_folder_as_it_was() {
        let dir = scratch("undo");
        std::fs::write(dir.join("old.rs"), "old").unwrap();
        let mut pending = Pending::default();
        // A new file goes straight in place; a changed one waits under a temporary name.
        pending.push(stage(&dir.join("new.rs"), "new").unwrap().unwrap());
        pending.push(stage(&dir.join("old.rs"), "changed").unwrap().unwrap());
        assert_eq!(std::fs::read_to_string(dir.join("new.rs")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(dir.join("old.rs")).unwrap(), "old");
        drop(pending);
        assert_eq!(names(&dir), ["old.rs"]);
        assert_eq!(std::fs::read_to_string(dir.join("old.rs")).unwrap(), "old");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_commit_leaves_nothing_behind() {
        let dir = scratch("failed-commit");
        std::fs::write(dir.join("a.rs"), "old a").unwrap();
        std::fs::write(dir.join("b.rs"), "old b").unwrap();
        let mut pending = Pending::default();
        pending.push(stage(&dir.join("a.rs"), "new a").unwrap().unwrap());
        pending.push(stage(&dir.join("b.rs"), "new b").unwrap().unwrap());
        pending.push(stage(&dir.join("c.rs"), "new c").unwrap().unwrap());
        // b.rs becomes a folder with something in it: its rename fails.
        std::fs::remove_file(dir.join("b.rs")).unwrap();
        std::fs::create_dir(dir.join("b.rs")).unwrap();
        std::fs::write(dir.join("b.rs").join("keep"), "").unwrap();
        let (failed, _) = pending.commit().unwrap_err();
        assert_eq!(failed, dir.join("b.rs"));
        // a.rs was committed; b's temporary file and the new c.rs are gone.
        assert_eq!(names(&dir), ["a.rs", "b.rs"]);
        assert_eq!(std::fs::read_to_string(dir.join("a.rs")).unwrap(), "new a");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_committed_run_puts_every_file_in_place() {
        let dir = scratch("commit");
        std::fs::write(dir.join("old.rs"), "old").unwrap();
        std::fs::write(dir.join("same.rs"), "same").unwrap();
        let mut pending = Pending::default();
        pending.push(stage(&dir.join("new.rs"), "new").unwrap().unwrap());
        pending.push(stage(&dir.join("old.rs"), "changed").unwrap().unwrap());
        assert!(stage(&dir.join("same.rs"), "same").unwrap().is_none(), "an unchanged file is not written");
        assert_eq!(pending.len(), 2);
        pending.commit().unwrap();
        assert_eq!(names(&dir), ["new.rs", "old.rs", "same.rs"]);
        assert_eq!(std::fs::read_to_string(dir.join("old.rs")).unwrap(), "changed");
        assert_eq!(std::fs::read_to_string(dir.join("new.rs")).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
