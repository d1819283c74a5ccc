//! Stage 6: put a set of files into a folder, all or nothing, and say what that would change.
//!
//! Shared by every back end: a run hands over `(path relative to the folder, bytes)` pairs.
//!
//! - [`Transaction`] (`generate`): takes the folder's lock, writes each new or changed file to a
//!   temporary file beside its target, and on [`Transaction::commit`] checks every target, renames
//!   every file into place and removes the files of its own that the run did not hand over (stale
//!   files: the first line is one of its headers, exactly), or undoes all of it. Dropped without a
//!   commit, it leaves the folder as it found it, folders it made included.
//! - [`Comparison`] (`check`): the same inputs, nothing written; the differences are exactly what a
//!   commit would change.
//!
//! A kill at any moment leaves each file old or new: content reaches a target only by a rename of
//! a complete (and, with [`Settings::sync`], flushed) temporary file. What a killed run leaves is
//! temporary files and the lock file, which the next commit removes and a comparison reports.

mod lock;

pub use lock::LOCK_FILE;

use lock::{Lock, Mode};
use std::collections::{BTreeSet, HashSet};
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// How a back end's files are recognised and written.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Whether a file's first line (without the line break) is exactly a header this back end
    /// writes. Only such files are ever removed, and only when the run does not hand them over.
    pub is_ours: fn(&str) -> bool,
    /// How long to wait for another run that holds the folder's lock.
    pub lock_timeout: Duration,
    /// Flush each file to disk before it is renamed into place, and the folder after, so that
    /// after a power cut too each file is old or new. A kill needs no flush: a rename is atomic.
    pub sync: bool,
}

/// Temporary files end so; their names start with `.`, the process id, a counter and a random
/// part. Any such name in the folder while a run holds the lock was left by a run that died.
const TEMP_SUFFIX: &str = ".mixin-codegen-tmp";

/// A write that failed, and the file or folder it was about.
#[derive(Debug)]
pub struct Error {
    pub path: PathBuf,
    pub error: io::Error,
}

impl Error {
    fn new(path: &Path, error: io::Error) -> Self {
        Error { path: path.to_path_buf(), error }
    }

    fn other(path: &Path, message: impl Into<String>) -> Self {
        Error::new(path, io::Error::other(message.into()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for Error {}

/// What a commit did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files created or replaced.
    pub written: Vec<PathBuf>,
    /// Files handed over that already held their bytes.
    pub unchanged: usize,
    /// Stale files of ours removed.
    pub removed: Vec<PathBuf>,
    /// What killed runs had left (temporary files, a lock file), removed.
    pub cleaned: Vec<PathBuf>,
}

/// How a file differs from what a commit would leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Missing: a commit creates it.
    Create,
    /// Holds other bytes, or is not a file: a commit replaces it (or fails, for a folder).
    Replace,
    /// A file of ours that the run does not hand over: a commit removes it.
    Remove,
    /// Left by a killed run (a temporary or lock file): a commit removes it.
    Leftover,
}

/// One difference found by a [`Comparison`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub path: PathBuf,
    pub change: Change,
    /// What the file should hold (`Create`, `Replace`).
    pub expected: Option<Vec<u8>>,
    /// What it holds (`Replace` of a readable file, `Remove`, `Leftover`).
    pub actual: Option<Vec<u8>>,
}

/// Writes `files` into `dir` in one transaction: the whole job of a back end that has its files
/// at hand.
pub fn write_files<P: AsRef<Path>, B: AsRef<[u8]>>(
    dir: &Path,
    files: impl IntoIterator<Item = (P, B)>,
    settings: Settings,
) -> Result<Summary, Error> {
    let mut transaction = Transaction::begin(dir, settings)?;
    for (path, bytes) in files {
        transaction.put(path.as_ref(), bytes.as_ref())?;
    }
    transaction.commit()
}

/// What [`write_files`] would change in `dir`, without writing.
pub fn compare_files<P: AsRef<Path>, B: AsRef<[u8]>>(
    dir: &Path,
    files: impl IntoIterator<Item = (P, B)>,
    settings: Settings,
) -> Result<Vec<Difference>, Error> {
    let mut comparison = Comparison::begin(dir, settings)?;
    for (path, bytes) in files {
        comparison.put(path.as_ref(), bytes.as_ref())?;
    }
    comparison.finish()
}

/// The files a run hands over: targets, the folders to look for stale files in, and the
/// extensions that stale files of ours can have.
#[derive(Debug, Default)]
struct Expected {
    targets: HashSet<PathBuf>,
    folders: BTreeSet<PathBuf>,
    /// Each once. (A list: there are a few, and every set type is compiled on its own.)
    extensions: Vec<OsString>,
}

impl Expected {
    /// A folder under `dir` to look in for stale files even when no file is handed over there
    /// (a folder the run may have written to before, such as the node modules' `nodes/`).
    fn scan_also(&mut self, dir: &Path, rel: &Path) -> Result<(), Error> {
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) || rel.as_os_str().is_empty() {
            return Err(Error::other(rel, "not a path inside the output folder"));
        }
        self.folders.insert(dir.join(rel));
        Ok(())
    }

    /// `dir/rel`, after checking that `rel` stays inside `dir` and was not handed over before.
    fn add(&mut self, dir: &Path, rel: &Path) -> Result<PathBuf, Error> {
        let inside = rel.components().all(|c| matches!(c, Component::Normal(_)));
        if !inside || rel.as_os_str().is_empty() {
            return Err(Error::other(rel, "not a path inside the output folder"));
        }
        let target = dir.join(rel);
        if !self.targets.insert(target.clone()) {
            return Err(Error::other(&target, "the same file was handed over twice"));
        }
        if let Some(parent) = target.parent() {
            self.folders.insert(parent.to_path_buf());
        }
        if let Some(ext) = rel.extension().filter(|ext| !self.extensions.iter().any(|e| e == ext)) {
            self.extensions.push(ext.to_os_string());
        }
        Ok(target)
    }
}

/// What a folder holds besides the files handed over.
#[derive(Debug, Default)]
struct Found {
    /// Files of ours not handed over.
    stale: Vec<PathBuf>,
    /// Temporary files of killed runs.
    leftovers: Vec<PathBuf>,
}

/// Lists the folders the files go into (the output folder at least). `own` are this run's
/// temporary files.
fn scan(dir: &Path, expected: &Expected, settings: &Settings, own: &HashSet<PathBuf>) -> Result<Found, Error> {
    let mut found = Found::default();
    let mut folders = expected.folders.clone();
    folders.insert(dir.to_path_buf());
    for folder in &folders {
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::new(folder, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::new(folder, e))?;
            let name = entry.file_name();
            let path = entry.path();
            // The entry's own type, without following a link: only regular files are ever ours.
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if is_temp_name(&name) {
                if is_file && !own.contains(&path) {
                    found.leftovers.push(path);
                }
            } else if is_file
                && Path::new(&name).extension().is_some_and(|x| expected.extensions.iter().any(|e| e == x))
                && !expected.targets.contains(&path)
                && first_line(&path).is_some_and(|line| (settings.is_ours)(&line))
            {
                found.stale.push(path);
            }
        }
    }
    crate::order::sort(&mut found.stale);
    crate::order::sort(&mut found.leftovers);
    Ok(found)
}

fn is_temp_name(name: &OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.') && n.ends_with(TEMP_SUFFIX))
}

/// The first line of a file, if it has one within its first 4 KiB (headers are shorter).
fn first_line(path: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(256);
    fs::File::open(path).ok()?.take(4096).read_to_end(&mut head).ok()?;
    let end = head.iter().position(|&b| b == b'\n')?;
    String::from_utf8(head[..end].to_vec()).ok()
}

/// Whether `path` already holds exactly `content`.
fn is_current(path: &Path, content: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == content.len() as u64 => fs::read(path).is_ok_and(|b| b == content),
        _ => false,
    }
}

/// A new name for a temporary file in `folder`: unique to this process (its id and a counter)
/// and, against a process id reused after a crash, with a random part.
fn temp_path(folder: &Path) -> PathBuf {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // std's hasher is keyed randomly per process: random enough for a name, with no crate.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(n);
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(t.as_nanos());
    }
    folder.join(format!(".{}-{n}-{:016x}{TEMP_SUFFIX}", std::process::id(), hasher.finish()))
}

/// Creates a temporary file in `folder` holding `content`; on any failure none is left.
fn write_temp(folder: &Path, content: &[u8], sync: bool) -> io::Result<PathBuf> {
    let (temp, mut file) = loop {
        let temp = temp_path(folder);
        match fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => break (temp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let written = file.write_all(content).and_then(|()| if sync { file.sync_data() } else { Ok(()) });
    drop(file);
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Makes `dir` and whichever of its parents are missing; returns those it made, outermost first.
fn create_folders(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut missing = Vec::new();
    for at in dir.ancestors().filter(|a| !a.as_os_str().is_empty()) {
        match fs::metadata(at) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => return Err(Error::other(at, "exists and is not a folder")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(at),
            Err(e) => return Err(Error::new(at, e)),
        }
    }
    let mut created = Vec::new();
    for at in missing.into_iter().rev() {
        match fs::create_dir(at) {
            Ok(()) => created.push(at.to_path_buf()),
            // Made by someone else meanwhile: not ours to remove.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && at.is_dir() => {}
            Err(e) => {
                remove_folders(&created);
                return Err(Error::new(at, e));
            }
        }
    }
    Ok(created)
}

/// Removes folders made by a run, innermost first, each only if empty.
fn remove_folders(created: &[PathBuf]) {
    for folder in created.iter().rev() {
        let _ = fs::remove_dir(folder);
    }
}

/// Flushes a folder's entries (the renames) to disk, where the platform can.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(f) = fs::File::open(folder) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// A file waiting under a temporary name for the commit.
#[derive(Debug)]
struct Staged {
    target: PathBuf,
    temp: PathBuf,
}

/// One step of a commit, and how to take it back.
enum Done {
    /// A file that was not there was renamed into place: remove it.
    Created(PathBuf),
    /// A file was replaced; `backup` is a second name of the old file: rename it back.
    Replaced { target: PathBuf, backup: PathBuf },
    /// A stale file was moved to `backup`: move it back.
    Removed { path: PathBuf, backup: PathBuf },
}

/// A run's writes to one folder, put in place all at once by [`Transaction::commit`].
#[derive(Debug)]
pub struct Transaction {
    dir: PathBuf,
    settings: Settings,
    lock: Option<Lock>,
    /// Folders this run made (the output folder and its parents, subfolders), outermost first:
    /// removed again unless the commit succeeds.
    created: Vec<PathBuf>,
    /// The output folder was made by this run: it holds nothing else to look at.
    fresh: bool,
    staged: Vec<Staged>,
    expected: Expected,
    unchanged: usize,
    committed: bool,
}

impl Transaction {
    /// Makes `dir` (and its parents) if needed and takes its lock.
    pub fn begin(dir: &Path, settings: Settings) -> Result<Transaction, Error> {
        let created = create_folders(dir)?;
        let fresh = created.last().is_some_and(|c| c == dir);
        let lock = match Lock::acquire(dir, Mode::Write, settings.lock_timeout) {
            Ok(lock) => lock,
            Err(e) => {
                remove_folders(&created);
                return Err(Error::new(&dir.join(LOCK_FILE), e));
            }
        };
        Ok(Transaction {
            dir: dir.to_path_buf(),
            settings,
            lock: Some(lock),
            created,
            fresh,
            staged: Vec::new(),
            expected: Expected::default(),
            unchanged: 0,
            committed: false,
        })
    }

    /// Hands over one file. Returns whether the commit will change it (new or different bytes):
    /// those are written to a temporary file now.
    pub fn put(&mut self, rel: &Path, content: &[u8]) -> Result<bool, Error> {
        let target = self.expected.add(&self.dir, rel)?;
        let folder = target.parent().unwrap_or(&self.dir).to_path_buf();
        if folder != self.dir && !folder.is_dir() {
            self.created.extend(create_folders(&folder)?);
        }
        if is_current(&target, content) {
            self.unchanged += 1;
            return Ok(false);
        }
        let temp = write_temp(&folder, content, self.settings.sync).map_err(|e| Error::new(&target, e))?;
        self.staged.push(Staged { target, temp });
        Ok(true)
    }

    /// Looks in the folder `rel` too for stale files of ours at the commit, even when this run
    /// hands over no file there.
    pub fn scan_also(&mut self, rel: &Path) -> Result<(), Error> {
        self.expected.scan_also(&self.dir, rel)
    }

    /// Files handed over so far that the commit will write.
    pub fn pending(&self) -> usize {
        self.staged.len()
    }

    /// Puts every file in place and removes the stale ones, or, on any failure, undoes what it
    /// did and leaves the folder as it was.
    pub fn commit(mut self) -> Result<Summary, Error> {
        let found = if self.fresh {
            Found::default()
        } else {
            let own: HashSet<PathBuf> = self.staged.iter().map(|s| s.temp.clone()).collect();
            scan(&self.dir, &self.expected, &self.settings, &own)?
        };
        // Every target is looked at before anything changes: a folder in a file's place fails
        // the run here, with the folder untouched.
        let mut existing = Vec::with_capacity(self.staged.len());
        for s in &self.staged {
            existing.push(match fs::symlink_metadata(&s.target) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => false,
                Ok(m) if m.is_file() || m.file_type().is_symlink() => true,
                Ok(m) if m.is_dir() => return Err(Error::other(&s.target, "is a folder; a generated file goes here")),
                Ok(_) => return Err(Error::other(&s.target, "is not a regular file; a generated file goes here")),
                Err(e) => return Err(Error::new(&s.target, e)),
            });
        }
        let mut done: Vec<Done> = Vec::new();
        let outcome = self.apply(&existing, &found, &mut done);
        if let Err(e) = outcome {
            undo(done);
            return Err(e);
        }
        if self.settings.sync {
            for folder in self.expected.folders.iter().chain([&self.dir]) {
                sync_folder(folder);
            }
        }
        // From here on the new state stands; what is left to remove are second names.
        let mut summary = Summary { unchanged: self.unchanged, ..Summary::default() };
        for step in done {
            match step {
                Done::Created(target) => summary.written.push(target),
                Done::Replaced { target, backup } => {
                    let _ = fs::remove_file(&backup);
                    summary.written.push(target);
                }
                Done::Removed { path, backup } => {
                    let _ = fs::remove_file(&backup);
                    summary.removed.push(path);
                }
            }
        }
        for leftover in found.leftovers {
            if fs::remove_file(&leftover).is_ok() {
                summary.cleaned.push(leftover);
            }
        }
        if self.lock.as_ref().is_some_and(|l| l.left_over) {
            summary.cleaned.push(self.dir.join(LOCK_FILE));
        }
        self.staged.clear();
        self.committed = true;
        Ok(summary)
    }

    /// The renames, each recorded in `done` as soon as it happened.
    fn apply(&self, existing: &[bool], found: &Found, done: &mut Vec<Done>) -> Result<(), Error> {
        // Second names for the files about to be replaced, so that an undo can rename them back.
        let mut backups = Vec::with_capacity(self.staged.len());
        for (s, &exists) in self.staged.iter().zip(existing) {
            if !exists {
                backups.push(None);
                continue;
            }
            let folder = s.target.parent().unwrap_or(&self.dir);
            match second_name(&s.target, folder) {
                Ok(backup) => backups.push(Some(backup)),
                Err(e) => {
                    for backup in backups.into_iter().flatten() {
                        let _ = fs::remove_file(backup);
                    }
                    return Err(Error::new(&s.target, e));
                }
            }
        }
        let mut backups = backups.into_iter();
        for s in &self.staged {
            let backup = backups.next().flatten();
            if let Err(e) = rename(&s.temp, &s.target) {
                if let Some(backup) = backup {
                    let _ = fs::remove_file(backup);
                }
                for rest in backups.flatten() {
                    let _ = fs::remove_file(rest);
                }
                return Err(Error::new(&s.target, e));
            }
            done.push(match backup {
                Some(backup) => Done::Replaced { target: s.target.clone(), backup },
                None => Done::Created(s.target.clone()),
            });
        }
        for path in &found.stale {
            let backup = temp_path(path.parent().unwrap_or(&self.dir));
            rename(path, &backup).map_err(|e| Error::new(path, e))?;
            done.push(Done::Removed { path: path.clone(), backup });
        }
        Ok(())
    }
}

/// A second name for `file` in `folder`: a hard link, or a copy where links are not supported.
fn second_name(file: &Path, folder: &Path) -> io::Result<PathBuf> {
    let backup = temp_path(folder);
    match fs::hard_link(file, &backup) {
        Ok(()) => Ok(backup),
        Err(_) => {
            fs::copy(file, &backup).inspect_err(|_| {
                let _ = fs::remove_file(&backup);
            })?;
            Ok(backup)
        }
    }
}

/// `fs::rename`; the unit tests make chosen renames fail, to see every undo path taken.
fn rename(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(test)]
    tests::fault::rename(from, to)?;
    fs::rename(from, to)
}

/// Takes back a failed commit's steps, last first.
fn undo(done: Vec<Done>) {
    for step in done.into_iter().rev() {
        let _ = match step {
            Done::Created(target) => fs::remove_file(target),
            Done::Replaced { target, backup } => fs::rename(backup, target),
            Done::Removed { path, backup } => fs::rename(backup, path),
        };
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        for s in self.staged.drain(..) {
            let _ = fs::remove_file(&s.temp);
        }
        // The lock file goes before the folders that hold it.
        drop(self.lock.take());
        if !self.committed {
            remove_folders(&self.created);
        }
    }
}

/// What a [`Transaction`] with the same files would change, found without writing.
#[derive(Debug)]
pub struct Comparison {
    dir: PathBuf,
    settings: Settings,
    lock: Option<Lock>,
    expected: Expected,
    differences: Vec<Difference>,
}

impl Comparison {
    /// Waits for a run writing to the folder (so that it does not show half its files), without
    /// writing anything itself, not even the folder or a lock file.
    pub fn begin(dir: &Path, settings: Settings) -> Result<Comparison, Error> {
        let lock = match fs::metadata(dir) {
            Ok(m) if m.is_dir() => Some(
                Lock::acquire(dir, Mode::Compare, settings.lock_timeout)
                    .map_err(|e| Error::new(&dir.join(LOCK_FILE), e))?,
            ),
            Ok(_) => return Err(Error::other(dir, "exists and is not a folder")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::new(dir, e)),
        };
        Ok(Comparison {
            dir: dir.to_path_buf(),
            settings,
            lock,
            expected: Expected::default(),
            differences: Vec::new(),
        })
    }

    /// Hands over one file; returns whether a commit would change it.
    pub fn put(&mut self, rel: &Path, content: &[u8]) -> Result<bool, Error> {
        let target = self.expected.add(&self.dir, rel)?;
        if is_current(&target, content) {
            return Ok(false);
        }
        let change = match fs::symlink_metadata(&target) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Change::Create,
            _ => Change::Replace,
        };
        let actual = if change == Change::Replace { fs::read(&target).ok() } else { None };
        self.differences.push(Difference { path: target, change, expected: Some(content.to_vec()), actual });
        Ok(true)
    }

    /// Looks in the folder `rel` too for stale files of ours, as [`Transaction::scan_also`].
    pub fn scan_also(&mut self, rel: &Path) -> Result<(), Error> {
        self.expected.scan_also(&self.dir, rel)
    }

    /// Every difference: the files handed over, in order, then stale files and leftovers.
    pub fn finish(mut self) -> Result<Vec<Difference>, Error> {
        if self.lock.is_none() {
            // No folder: everything is missing, nothing else is there.
            return Ok(self.differences);
        }
        let found = scan(&self.dir, &self.expected, &self.settings, &HashSet::new())?;
        for path in found.stale {
            let actual = fs::read(&path).ok();
            self.differences.push(Difference { path, change: Change::Remove, expected: None, actual });
        }
        let lock_left = self.lock.as_ref().is_some_and(|l| l.left_over);
        let lock_file = lock_left.then(|| self.dir.join(LOCK_FILE));
        for path in found.leftovers.into_iter().chain(lock_file) {
            self.differences.push(Difference { path, change: Change::Leftover, expected: None, actual: None });
        }
        Ok(self.differences)
    }
}

#[cfg(test)]
mod tests;
