use super::{compare_files, write_files, Change, Comparison, Settings, Transaction, LOCK_FILE, TEMP_SUFFIX};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Renames fail where a test says, for the thread that asked.
pub(super) mod fault {
    use std::cell::RefCell;
    use std::path::{Path, PathBuf};

    thread_local! {
        static FAILING: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
    }

    pub fn fail_renames_of(path: &Path) {
        FAILING.with(|f| f.borrow_mut().push(path.to_path_buf()));
    }

    pub fn clear() {
        FAILING.with(|f| f.borrow_mut().clear());
    }

    /// Renames from or to a chosen path fail.
    pub fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
        if FAILING.with(|f| f.borrow().iter().any(|p| p == from || p == to)) {
            return Err(std::io::Error::other("injected rename failure"));
        }
        Ok(())
    }
}

fn ours(line: &str) -> bool {
    line == "// ours"
}

fn settings() -> Settings {
    Settings { is_ours: ours, lock_timeout: Duration::from_secs(20), sync: false }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mixin-codegen-write-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// name -> content of every entry in `dir` (folders as `<folder>`).
fn contents(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let content = if e.file_type().unwrap().is_dir() {
                "<folder>".to_string()
            } else {
                std::fs::read_to_string(e.path()).unwrap()
            };
            (e.file_name().into_string().unwrap(), content)
        })
        .collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn a_commit_puts_new_and_changed_files_in_place_and_removes_only_stale_files_of_ours() {
    let dir = scratch("commit");
    std::fs::write(dir.join("old.rs"), "// ours\nold").unwrap();
    std::fs::write(dir.join("same.rs"), "// ours\nsame").unwrap();
    std::fs::write(dir.join("gone.rs"), "// ours\ngone").unwrap();
    // Not ours: a longer first line that starts like our header, a hand-written file, another extension.
    std::fs::write(dir.join("fork.rs"), "// ours-fork\n").unwrap();
    std::fs::write(dir.join("hand.rs"), "fn main() {}\n").unwrap();
    std::fs::write(dir.join("notes.md"), "// ours\n").unwrap();
    let summary = write_files(
        &dir,
        [("new.rs", "// ours\nnew"), ("old.rs", "// ours\nchanged"), ("same.rs", "// ours\nsame")],
        settings(),
    )
    .unwrap();
    assert_eq!(summary.written, [dir.join("new.rs"), dir.join("old.rs")]);
    assert_eq!(summary.unchanged, 1);
    assert_eq!(summary.removed, [dir.join("gone.rs")]);
    assert_eq!(
        contents(&dir),
        map(&[
            ("fork.rs", "// ours-fork\n"),
            ("hand.rs", "fn main() {}\n"),
            ("new.rs", "// ours\nnew"),
            ("notes.md", "// ours\n"),
            ("old.rs", "// ours\nchanged"),
            ("same.rs", "// ours\nsame"),
        ])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn new_files_wait_under_temporary_names_until_the_commit() {
    let dir = scratch("staged");
    let mut t = Transaction::begin(&dir, settings()).unwrap();
    assert!(t.put(Path::new("a.rs"), b"// ours\na").unwrap());
    let names: Vec<String> = contents(&dir).into_keys().collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&LOCK_FILE.to_string()), "{names:?}");
    assert!(names.iter().any(|n| n.ends_with(TEMP_SUFFIX)), "{names:?}");
    assert!(!dir.join("a.rs").exists(), "nothing in place before the commit");
    t.commit().unwrap();
    assert_eq!(contents(&dir), map(&[("a.rs", "// ours\na")]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_run_dropped_before_its_commit_leaves_the_folder_and_its_parents_as_they_were() {
    let root = scratch("dropped");
    std::fs::write(root.join("keep"), "").unwrap();
    let out = root.join("a/b/out");
    let mut t = Transaction::begin(&out, settings()).unwrap();
    t.put(Path::new("x.rs"), b"// ours\nx").unwrap();
    t.put(Path::new("sub/y.rs"), b"// ours\ny").unwrap();
    assert!(out.join("sub").is_dir());
    drop(t);
    assert_eq!(contents(&root), map(&[("keep", "")]), "a/, a/b/, a/b/out/ and sub/ are gone");

    // In a folder that was there, with files: nothing changes.
    std::fs::write(root.join("old.rs"), "// ours\nold").unwrap();
    let mut t = Transaction::begin(&root, settings()).unwrap();
    t.put(Path::new("old.rs"), b"// ours\nnew").unwrap();
    t.put(Path::new("new.rs"), b"// ours\nnew").unwrap();
    drop(t);
    assert_eq!(contents(&root), map(&[("keep", ""), ("old.rs", "// ours\nold")]));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_folder_in_a_files_place_fails_the_commit_before_anything_changes() {
    let dir = scratch("blocked");
    for f in ["a.rs", "c.rs"] {
        std::fs::write(dir.join(f), format!("// ours\nold {f}")).unwrap();
    }
    std::fs::create_dir(dir.join("b.rs")).unwrap();
    std::fs::write(dir.join("b.rs/inside"), "").unwrap();
    std::fs::write(dir.join("stale.rs"), "// ours\nstale").unwrap();
    let before = contents(&dir);
    let e = write_files(
        &dir,
        [("a.rs", "// ours\nnew a"), ("b.rs", "// ours\nnew b"), ("c.rs", "// ours\nnew c"), ("d.rs", "// ours\nd")],
        settings(),
    )
    .unwrap_err();
    assert_eq!(e.path, dir.join("b.rs"));
    assert!(e.to_string().contains("is a folder"), "{e}");
    assert_eq!(contents(&dir), before, "every file as it was, no temporary file left");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_rename_that_fails_part_way_is_undone() {
    let dir = scratch("undo");
    for f in ["a.rs", "b.rs", "stale.rs"] {
        std::fs::write(dir.join(f), format!("// ours\nold {f}")).unwrap();
    }
    let before = contents(&dir);
    let files = [("a.rs", "// ours\nnew a"), ("n.rs", "// ours\nnew n"), ("b.rs", "// ours\nnew b")];
    // The last rename of the files fails, after a replaced and a created one.
    fault::fail_renames_of(&dir.join("b.rs"));
    let e = write_files(&dir, files, settings()).unwrap_err();
    fault::clear();
    assert_eq!(e.path, dir.join("b.rs"));
    assert_eq!(contents(&dir), before);
    // The removal of a stale file (a rename to a temporary name) fails: the renames before it
    // are undone too.
    fault::fail_renames_of(&dir.join("stale.rs"));
    let e = write_files(&dir, files, settings()).unwrap_err();
    fault::clear();
    assert_eq!(e.path, dir.join("stale.rs"));
    assert_eq!(contents(&dir), before);
    // Without faults the same run goes through.
    let summary = write_files(&dir, files, settings()).unwrap();
    assert_eq!(summary.removed, [dir.join("stale.rs")]);
    assert_eq!(contents(&dir).len(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn leftovers_of_a_killed_run_are_reported_by_a_comparison_and_removed_by_a_commit() {
    let dir = scratch("leftovers");
    let temp = format!(".4242-7-00000000deadbeef{TEMP_SUFFIX}");
    let old_style = format!(".a.rs{TEMP_SUFFIX}");
    std::fs::write(dir.join(&temp), "// ours\nhalf a fi").unwrap();
    std::fs::write(dir.join(&old_style), "").unwrap();
    std::fs::write(dir.join(LOCK_FILE), "").unwrap();
    std::fs::write(dir.join("a.rs"), "// ours\na").unwrap();
    let files = [("a.rs", "// ours\na")];
    let differences = compare_files(&dir, files, settings()).unwrap();
    let found: Vec<(PathBuf, Change)> = differences.iter().map(|d| (d.path.clone(), d.change)).collect();
    assert_eq!(
        found,
        [
            (dir.join(&temp), Change::Leftover),
            (dir.join(&old_style), Change::Leftover),
            (dir.join(LOCK_FILE), Change::Leftover),
        ]
    );
    assert!(dir.join(LOCK_FILE).exists(), "a comparison changes nothing");
    let summary = write_files(&dir, files, settings()).unwrap();
    assert_eq!(summary.written, Vec::<PathBuf>::new());
    assert_eq!(summary.cleaned, [dir.join(&temp), dir.join(&old_style), dir.join(LOCK_FILE)]);
    assert_eq!(contents(&dir), map(&[("a.rs", "// ours\na")]));
    assert!(compare_files(&dir, files, settings()).unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_comparison_finds_exactly_what_the_commit_then_changes() {
    let dir = scratch("compare");
    std::fs::write(dir.join("changed.rs"), "// ours\nold").unwrap();
    std::fs::write(dir.join("same.rs"), "// ours\nsame").unwrap();
    std::fs::write(dir.join("stale.rs"), "// ours\nstale").unwrap();
    std::fs::write(dir.join("hand.rs"), "// mine\n").unwrap();
    std::fs::write(dir.join("empty.rs"), "").unwrap();
    std::fs::write(dir.join(format!(".1-1-1{TEMP_SUFFIX}")), "").unwrap();
    let files = [("changed.rs", "// ours\nnew"), ("same.rs", "// ours\nsame"), ("new.rs", "// ours\nnew")];
    let mut c = Comparison::begin(&dir, settings()).unwrap();
    for (f, content) in files {
        c.put(Path::new(f), content.as_bytes()).unwrap();
    }
    let differences = c.finish().unwrap();
    let by_change = |change: Change| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = differences.iter().filter(|d| d.change == change).map(|d| d.path.clone()).collect();
        v.sort();
        v
    };
    let summary = write_files(&dir, files, settings()).unwrap();
    let mut written = summary.written.clone();
    written.sort();
    let mut would_write = by_change(Change::Create);
    would_write.extend(by_change(Change::Replace));
    would_write.sort();
    assert_eq!(would_write, written);
    assert_eq!(by_change(Change::Remove), summary.removed);
    assert_eq!(by_change(Change::Leftover), summary.cleaned);
    assert!(dir.join("hand.rs").exists() && dir.join("empty.rs").exists(), "not ours: kept, and not reported");
    assert!(compare_files(&dir, files, settings()).unwrap().is_empty(), "after the commit, nothing to change");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn paths_outside_the_folder_and_files_handed_over_twice_are_refused() {
    let dir = scratch("outside");
    let mut t = Transaction::begin(&dir, settings()).unwrap();
    for bad in ["../x.rs", "/etc/x.rs", "a/../../x.rs", "", "./"] {
        let e = t.put(Path::new(bad), b"x").unwrap_err();
        assert!(e.to_string().contains("not a path inside the output folder"), "{bad}: {e}");
    }
    t.put(Path::new("a.rs"), b"x").unwrap();
    assert!(t.put(Path::new("a.rs"), b"y").unwrap_err().to_string().contains("twice"));
    drop(t);
    assert!(contents(&dir).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn runs_on_one_folder_at_once_take_turns_and_each_leaves_only_its_own_bytes() {
    let dir = scratch("concurrent");
    let runs: Vec<std::thread::JoinHandle<Vec<(String, String)>>> = (0..4)
        .map(|run| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let files: Vec<(String, String)> = (0..50)
                    .map(|i| (format!("f{i}.rs"), format!("// ours\nrun {run} file {i}\n{}", "x".repeat(i * 100))))
                    .collect();
                let mut t = Transaction::begin(&dir, settings()).unwrap();
                for (name, content) in &files {
                    t.put(Path::new(name), content.as_bytes()).unwrap();
                }
                t.commit().unwrap();
                // While the lock was held, no other run changed the folder.
                files
            })
        })
        .collect();
    let sets: Vec<BTreeMap<String, String>> =
        runs.into_iter().map(|r| r.join().unwrap().into_iter().collect()).collect();
    let now = contents(&dir);
    assert!(
        sets.contains(&now),
        "the folder holds one run's files, whole: {:?}",
        now.keys().take(3).collect::<Vec<_>>()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
