//! The output folder under stress: runs at once, runs killed, runs that fail part way, and files
//! beside ours. Each test runs the real binary on a few hundred contracts, a few times, in bounded
//! time.
#![cfg(feature = "cli")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mixin-codegen");
const LOCK_FILE: &str = ".mixin-codegen.lock";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("output-folder").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `copies` renamed copies of every contract in mixins/ (9 each), in `dir/contracts`.
fn contracts(dir: &Path, copies: usize) -> PathBuf {
    let out = dir.join("contracts");
    std::fs::create_dir_all(&out).unwrap();
    for entry in std::fs::read_dir(workspace().join("mixins")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let line = format!("mixin_name: \"{stem}\"");
        assert!(text.contains(&line), "{stem}");
        for k in 0..copies {
            let renamed = text.replace(&line, &format!("mixin_name: \"{stem}_{k}\""));
            std::fs::write(out.join(format!("{stem}_{k}.yaml")), renamed).unwrap();
        }
    }
    out
}

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args).current_dir(workspace()).stdin(Stdio::null());
    c
}

fn run(args: &[&str]) -> Output {
    command(args).output().unwrap()
}

fn spawn(args: &[&str]) -> Child {
    command(args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn generate(contracts: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["generate", s(contracts), "--out", s(out)];
    args.extend_from_slice(extra);
    run(&args)
}

/// name -> bytes of every entry directly in `dir` (a folder as `<folder>`).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes =
                if e.file_type().unwrap().is_dir() { b"<folder>".to_vec() } else { std::fs::read(e.path()).unwrap() };
            (e.file_name().into_string().unwrap(), bytes)
        })
        .collect()
}

/// What a run with these options writes, made in a folder of its own; and how long it took.
fn reference(dir: &Path, contracts: &Path, name: &str, extra: &[&str]) -> (BTreeMap<String, Vec<u8>>, Duration) {
    let out = dir.join(name);
    let start = Instant::now();
    let o = generate(contracts, &out, extra);
    let took = start.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    let files = files(&out);
    std::fs::remove_dir_all(&out).unwrap();
    (files, took)
}

fn is_temp(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".mixin-codegen-tmp")
}

fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn runs_at_once_on_one_folder_take_turns_and_leave_one_runs_files_whole() {
    let dir = scratch("concurrent");
    let contracts = contracts(&dir, 15);
    let (async_files, _) = reference(&dir, &contracts, "ref-async", &[]);
    let (blocking_files, _) = reference(&dir, &contracts, "ref-blocking", &["--blocking"]);
    assert_ne!(async_files, blocking_files);
    for trial in 0..2 {
        let out = dir.join(format!("out-{trial}"));
        // Half the trials start from the other run's files, so that both runs replace files.
        if trial % 2 == 1 {
            assert!(generate(&contracts, &out, &["--blocking"]).status.success());
        }
        let runs: Vec<Child> = [&[][..], &["--blocking"][..], &[][..]]
            .iter()
            .map(|extra| {
                let mut args = vec!["generate", s(&contracts), "--out", s(&out)];
                args.extend_from_slice(extra);
                spawn(&args)
            })
            .collect();
        for r in runs {
            let o = r.wait_with_output().unwrap();
            assert!(o.status.success(), "trial {trial}: {}", stderr(&o));
        }
        let now = files(&out);
        assert!(
            now == async_files || now == blocking_files,
            "trial {trial}: a mix of two runs; differing from the async run: {:?}",
            differing(&now, &async_files).iter().take(5).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_run_that_finds_the_folder_locked_waits_then_gives_up_with_a_clear_message() {
    let dir = scratch("locked");
    let contracts = contracts(&dir, 1);
    let out = dir.join("out");
    assert!(generate(&contracts, &out, &["--blocking"]).status.success());
    let before = files(&out);
    // Another process holds the folder's lock (util-linux's flock(1) takes the same flock(2) lock).
    let mut holder =
        Command::new("flock").arg(out.join(LOCK_FILE)).args(["sleep", "30"]).spawn().expect("flock(1) from util-linux");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !out.join(LOCK_FILE).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    let o = generate(&contracts, &out, &["--lock-timeout", "0.5"]);
    let waited = start.elapsed();
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(waited >= Duration::from_millis(500), "it waited: {waited:?}");
    assert!(stderr(&o).contains("another mixin-codegen run is using this folder"), "{}", stderr(&o));
    assert!(stderr(&o).contains(LOCK_FILE), "the message names the lock file: {}", stderr(&o));
    assert_eq!(files(&out).into_iter().filter(|(n, _)| n != LOCK_FILE).collect::<BTreeMap<_, _>>(), before);

    // The holder is gone and its lock file left behind: check reports it, generate removes it.
    let o = run(&["check", s(&contracts), "--out", s(&out), "--blocking"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("left by an interrupted run: {}", s(&out.join(LOCK_FILE)))), "{}", stdout(&o));
    let o = generate(&contracts, &out, &["--blocking"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("left by an interrupted run"), "{}", stderr(&o));
    assert_eq!(files(&out), before);
}

#[test]
fn a_run_that_fails_part_way_leaves_every_file_as_it_was() {
    let dir = scratch("part-way");
    let out = dir.join("o");
    let mixins = workspace().join("mixins");
    assert!(generate(&mixins, &out, &["--blocking"]).status.success());
    std::fs::remove_file(out.join("health_check.rs")).unwrap();
    std::fs::create_dir(out.join("health_check.rs")).unwrap();
    std::fs::write(out.join("health_check.rs").join("inside"), "").unwrap();
    let before = files(&out);
    let o = generate(&mixins, &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("health_check.rs: is a folder"), "{}", stderr(&o));
    assert_eq!(files(&out), before, "no file changed, no temporary file left");
}

#[test]
fn a_killed_run_leaves_each_file_old_or_new_and_the_next_run_cleans_up() {
    let dir = scratch("killed");
    let contracts = contracts(&dir, 15);
    let (new, took) = reference(&dir, &contracts, "ref-new", &[]);
    let (old, _) = reference(&dir, &contracts, "ref-old", &["--blocking"]);
    let mut killed_with_leftovers = 0;
    // Kills spread over the run: a run that creates every file, and one that replaces every file.
    for (trial, fraction) in [0.4, 0.7, 0.9, 0.6, 0.9].into_iter().enumerate() {
        let replacing = trial >= 3;
        let out = dir.join(format!("out-{trial}"));
        if replacing {
            assert!(generate(&contracts, &out, &["--blocking"]).status.success());
        }
        let mut child = spawn(&["generate", s(&contracts), "--out", s(&out)]);
        std::thread::sleep(took.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        if !out.exists() {
            continue;
        }
        let mut leftovers = 0;
        for (name, bytes) in files(&out) {
            if name.ends_with(".rs") {
                let is_new = new.get(&name) == Some(&bytes);
                let is_old = replacing && old.get(&name) == Some(&bytes);
                assert!(is_new || is_old, "trial {trial}: {name} is neither old nor new ({} bytes)", bytes.len());
            } else {
                assert!(is_temp(&name) || name == LOCK_FILE, "trial {trial}: unexpected {name}");
                leftovers += 1;
            }
        }
        let o = run(&["check", s(&contracts), "--out", s(&out)]);
        if leftovers > 0 {
            killed_with_leftovers += 1;
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            assert!(stdout(&o).contains("left by an interrupted run"), "trial {trial}: {}", stdout(&o));
        }
        let o = generate(&contracts, &out, &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(files(&out), new, "trial {trial}: the next run leaves exactly its files");
        assert!(run(&["check", s(&contracts), "--out", s(&out)]).status.success());
    }
    // At least one kill landed inside a run (not before it started or after it ended).
    assert!(killed_with_leftovers > 0, "no kill landed inside a run: the timing needs a look");
}

#[test]
fn a_failed_run_removes_the_folders_it_made_parents_too() {
    let dir = scratch("parents");
    let contracts = dir.join("contracts");
    std::fs::create_dir(&contracts).unwrap();
    std::fs::copy(workspace().join("mixins/mixin_error_handling.yaml"), contracts.join("mixin_a.yaml")).unwrap();
    std::fs::write(contracts.join("mixin_b.yaml"), "mixin_name: \"mixin_b\"\n").unwrap();
    let out = dir.join("np3/a/out");
    let o = generate(&contracts, &out, &["--jobs", "1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!dir.join("np3").exists(), "np3/, np3/a/ and np3/a/out/ are gone");
    // A parent that was there stays.
    std::fs::create_dir(dir.join("np3")).unwrap();
    let o = generate(&contracts, &out, &["--jobs", "1"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(dir.join("np3").is_dir() && !dir.join("np3/a").exists());
}

#[test]
fn only_files_whose_first_line_is_exactly_our_header_are_ours() {
    let dir = scratch("header");
    let out = dir.join("out");
    let mixins = workspace().join("mixins");
    assert!(generate(&mixins, &out, &[]).status.success());
    let fork = "// @generated by mixin-codegen-fork from x.yaml. Do not edit.\nfn fork() {}\n";
    let longer = "// @generated by mixin-codegen from x.yaml. Do not edit. Really.\n";
    std::fs::write(out.join("fork.rs"), fork).unwrap();
    std::fs::write(out.join("longer.rs"), longer).unwrap();
    // Ours, of a contract that is gone: removed.
    std::fs::write(out.join("gone.rs"), "// @generated by mixin-codegen from mixins/mixin_gone.yaml. Do not edit.\n")
        .unwrap();
    let o = run(&["check", s(&mixins), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("gone.rs") && !stdout(&o).contains("fork.rs") && !stdout(&o).contains("longer.rs"));
    let o = generate(&mixins, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 removed"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(out.join("fork.rs")).unwrap(), fork);
    assert_eq!(std::fs::read_to_string(out.join("longer.rs")).unwrap(), longer);
    assert!(!out.join("gone.rs").exists());
}

#[test]
fn check_judges_exactly_what_generate_would_change() {
    let dir = scratch("check-exact");
    let out = dir.join("out");
    let mixins = workspace().join("mixins");
    assert!(generate(&mixins, &out, &[]).status.success());
    std::fs::write(out.join("hand.rs"), "pub fn hand() {}\n").unwrap();
    std::fs::write(out.join("items.rs"), "// This file is @generated by prost-build.\npub struct Item {}\n").unwrap();
    std::fs::write(out.join("empty.rs"), "").unwrap();
    let o = run(&["check", s(&mixins), "--out", s(&out)]);
    assert!(o.status.success(), "hand-written files that generate keeps are not stale: {}{}", stdout(&o), stderr(&o));
    let before = files(&out);
    let o = generate(&mixins, &out, &[]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("0 files written, 10 unchanged, 0 removed"), "{}", stderr(&o));
    assert_eq!(files(&out), before);

    // Each kind of change check reports is one generate makes, and then check passes.
    std::fs::write(out.join("stale.rs"), "// @generated by mixin-codegen. Do not edit.\n").unwrap();
    std::fs::remove_file(out.join("rate_limiting.rs")).unwrap();
    std::fs::write(out.join("health_check.rs"), "// @generated by mixin-codegen. Do not edit.\nold\n").unwrap();
    std::fs::write(out.join(".1-2-3.mixin-codegen-tmp"), "half").unwrap();
    let o = run(&["check", s(&mixins), "--out", s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("4 files in the output folder are stale"), "{}", stderr(&o));
    let o = generate(&mixins, &out, &[]);
    assert!(stderr(&o).contains("2 files written, 8 unchanged, 1 removed"), "{}", stderr(&o));
    assert!(stderr(&o).contains(".1-2-3.mixin-codegen-tmp, left by an interrupted run"), "{}", stderr(&o));
    assert!(run(&["check", s(&mixins), "--out", s(&out)]).status.success());
    assert_eq!(files(&out), before);
}
