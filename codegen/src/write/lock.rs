//! An advisory lock on an output folder: a lock file inside it, locked with `flock`, so that two
//! runs on one folder take turns instead of tearing each other's files.
//!
//! The lock file exists only while a run holds it: the holder removes it before it lets go, so a
//! committed folder holds nothing but its files. A run that was waiting then holds the lock of a
//! file that is gone; it sees that (the path no longer leads to the file it locked) and starts
//! again. A lock file left by a killed run is unlocked (the kernel lets go of a dead process's
//! locks): the next run takes it and removes it.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name, inside the output folder.
pub const LOCK_FILE: &str = ".mixin-codegen.lock";

/// A held lock; dropping it lets go (removing the lock file first where this run may).
#[derive(Debug)]
pub struct Lock {
    file: Option<File>,
    path: PathBuf,
    /// Whether to remove the lock file when letting go.
    remove: bool,
    /// The lock file was there before this run and nobody held it: left by a run that died.
    pub left_over: bool,
}

/// Who takes the lock: a run that writes creates the lock file if needed and removes it when
/// done, whoever made it. A run that only compares never writes, not even the lock file: it
/// waits for a lock file that is there (a run in progress, or one left by a killed run) and
/// otherwise goes on without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Compare,
}

impl Lock {
    /// Takes the lock of `dir`, waiting at most `timeout` for another run to let go.
    pub fn acquire(dir: &Path, mode: Mode, timeout: Duration) -> io::Result<Lock> {
        let path = dir.join(LOCK_FILE);
        let deadline = Instant::now() + timeout;
        loop {
            let opened = match mode {
                Mode::Write => match OpenOptions::new().read(true).write(true).create_new(true).open(&path) {
                    Ok(file) => Ok((file, true)),
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        OpenOptions::new().read(true).write(true).open(&path).map(|f| (f, false))
                    }
                    Err(e) => Err(e),
                },
                // `flock` works on a file opened for reading only.
                Mode::Compare => File::open(&path).map(|f| (f, false)),
            };
            let (file, created) = match opened {
                Ok(opened) => opened,
                // No run there (or it finished since it was seen): nothing to wait for.
                Err(e) if e.kind() == io::ErrorKind::NotFound && mode == Mode::Compare => return Ok(Lock::none(path)),
                // Removed by its holder since it was seen: try again.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let remove = mode == Mode::Write;
            if !wait_for(&file, deadline, timeout)? {
                // Locking is not supported on this file system: go on as before locks existed.
                return Ok(Lock { file: Some(file), remove, path, left_over: false });
            }
            if sys::same_file(&file, &path)? {
                return Ok(Lock { file: Some(file), path, remove, left_over: !created });
            }
            if mode == Mode::Compare {
                return Ok(Lock::none(path));
            }
        }
    }

    fn none(path: PathBuf) -> Lock {
        Lock { file: None, path, remove: false, left_over: false }
    }

    /// Lets go now (also what dropping does).
    pub fn release(&mut self) {
        if let Some(file) = self.file.take() {
            if self.remove {
                // Removed while still locked, so nobody can lock this file and think it current.
                let _ = std::fs::remove_file(&self.path);
            }
            drop(file);
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        self.release();
    }
}

/// Tries to lock until `deadline`. `Ok(false)`: the file system cannot lock at all.
fn wait_for(file: &File, deadline: Instant, timeout: Duration) -> io::Result<bool> {
    let mut pause = Duration::from_millis(5);
    loop {
        match sys::try_lock(file) {
            Ok(true) => return Ok(true),
            Ok(false) => {}
            Err(e) if e.kind() == io::ErrorKind::Unsupported => return Ok(false),
            Err(e) => return Err(e),
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!(
                    "another mixin-codegen run is using this folder; gave up after waiting {} for it \
                     (its lock file is this one; try again when that run has finished)",
                    shown(timeout)
                ),
            ));
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

fn shown(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// `flock(2)`, declared here rather than through a crate: the library builds on Rust 1.85, before
/// std's `File::try_lock` (1.89), and one foreign function is lighter than a dependency. The
/// constants have these values on every Unix that has `flock` (Linux, the BSDs, macOS).
#[cfg(unix)]
mod sys {
    use std::fs::File;
    use std::io;
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::io::AsRawFd;
    use std::path::Path;

    const LOCK_EX: i32 = 2;
    const LOCK_NB: i32 = 4;

    extern "C" {
        fn flock(fd: i32, operation: i32) -> i32;
    }

    /// `Ok(false)` when another open file holds the lock.
    pub fn try_lock(file: &File) -> io::Result<bool> {
        loop {
            // SAFETY: `flock` reads only its two integer arguments; the descriptor is `file`'s,
            // open for the whole call.
            if unsafe { flock(file.as_raw_fd(), LOCK_EX | LOCK_NB) } == 0 {
                return Ok(true);
            }
            let e = io::Error::last_os_error();
            match e.kind() {
                io::ErrorKind::WouldBlock => return Ok(false),
                io::ErrorKind::Interrupted => continue,
                _ => return Err(e),
            }
        }
    }

    /// Whether `path` still leads to the open `file`.
    pub fn same_file(file: &File, path: &Path) -> io::Result<bool> {
        let open = file.metadata()?;
        match std::fs::metadata(path) {
            Ok(now) => Ok(now.dev() == open.dev() && now.ino() == open.ino()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// Elsewhere no lock is taken (until the library's minimum Rust version has `File::try_lock`).
#[cfg(not(unix))]
mod sys {
    use std::fs::File;
    use std::io;
    use std::path::Path;

    pub fn try_lock(_: &File) -> io::Result<bool> {
        Err(io::ErrorKind::Unsupported.into())
    }

    pub fn same_file(_: &File, _: &Path) -> io::Result<bool> {
        Ok(true)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::{Lock, Mode, LOCK_FILE};
    use std::time::{Duration, Instant};

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("mixin-codegen-lock-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_second_holder_waits_and_then_gives_up_with_a_clear_message() {
        let dir = scratch("busy");
        let first = Lock::acquire(&dir, Mode::Write, Duration::ZERO).unwrap();
        assert!(dir.join(LOCK_FILE).exists());
        let start = Instant::now();
        let e = Lock::acquire(&dir, Mode::Write, Duration::from_millis(150)).unwrap_err();
        assert!(start.elapsed() >= Duration::from_millis(150));
        assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock);
        assert!(e.to_string().contains("another mixin-codegen run is using this folder"), "{e}");
        assert!(e.to_string().contains("150 ms"), "{e}");
        drop(first);
        assert!(!dir.join(LOCK_FILE).exists(), "the holder removes the lock file");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_waiting_run_gets_the_lock_when_the_holder_lets_go() {
        let dir = scratch("handover");
        let first = Lock::acquire(&dir, Mode::Write, Duration::ZERO).unwrap();
        let waiter = {
            let dir = dir.clone();
            std::thread::spawn(move || Lock::acquire(&dir, Mode::Write, Duration::from_secs(10)).map(|_| ()))
        };
        std::thread::sleep(Duration::from_millis(100));
        drop(first);
        waiter.join().unwrap().unwrap();
        assert!(!dir.join(LOCK_FILE).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_comparing_run_creates_no_lock_file_and_waits_for_a_writing_one() {
        let dir = scratch("compare");
        drop(Lock::acquire(&dir, Mode::Compare, Duration::ZERO).unwrap());
        assert!(!dir.join(LOCK_FILE).exists());
        let writer = Lock::acquire(&dir, Mode::Write, Duration::ZERO).unwrap();
        let e = Lock::acquire(&dir, Mode::Compare, Duration::from_millis(50)).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock);
        drop(writer);
        let compare = Lock::acquire(&dir, Mode::Compare, Duration::ZERO).unwrap();
        assert!(!compare.left_over);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_lock_file_left_by_a_dead_run_is_taken_and_reported() {
        let dir = scratch("left");
        std::fs::write(dir.join(LOCK_FILE), "").unwrap();
        let compare = Lock::acquire(&dir, Mode::Compare, Duration::ZERO).unwrap();
        assert!(compare.left_over);
        drop(compare);
        assert!(dir.join(LOCK_FILE).exists(), "a comparing run changes nothing");
        let write = Lock::acquire(&dir, Mode::Write, Duration::ZERO).unwrap();
        assert!(write.left_over);
        drop(write);
        assert!(!dir.join(LOCK_FILE).exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
