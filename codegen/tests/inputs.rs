//! How inputs are named and listed: the output never depends on how a path is spelt or where the
//! command runs, every unusable folder entry is an error naming it, and a file is read once.
#![cfg(feature = "cli")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mixin-codegen");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("inputs").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(cwd).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// file name -> bytes, for every Rust-output file in `dir` and its folders (`nodes/x.rs`); the
/// docs/ and schema/ folders of generated-example/ belong to other back ends.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        if e.file_type().unwrap().is_dir() {
            if name != "docs" && name != "schema" {
                out.extend(files(&e.path()).into_iter().map(|(n, b)| (format!("{name}/{n}"), b)));
            }
        } else {
            out.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

#[test]
fn the_output_is_the_same_however_the_input_is_spelt_and_wherever_the_command_runs() {
    let dir = scratch("spelling");
    let root = workspace();
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let absolute = root.join("mixins");
    let ways: Vec<(&str, PathBuf, String)> = vec![
        ("plain", root.clone(), "mixins".to_string()),
        ("dot", root.clone(), "./mixins".to_string()),
        ("absolute", root.clone(), s(&absolute).to_string()),
        ("other-cwd", elsewhere.clone(), s(&absolute).to_string()),
        ("relative-from-other-cwd", root.join("codegen"), "../mixins".to_string()),
    ];
    let mut outputs = Vec::new();
    for (name, cwd, input) in &ways {
        let out = dir.join(name);
        // The node contracts beside mixins/, spelt the same way.
        let nodes = input.replace("mixins", "nodes");
        let o = run_in(cwd, &["generate", input, &nodes, "--out", s(&out)]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        outputs.push((name, files(&out)));
    }
    let committed = files(&root.join("generated-example"));
    for (name, output) in &outputs {
        assert!(*output == committed, "{name} differs from generated-example/");
    }
    for (_, output) in &outputs {
        for (file, bytes) in output {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(s(&root)), "{file} holds an absolute path");
        }
    }
    // `check` with another spelling than `generate`'s finds nothing stale.
    let o = run_in(&root, &["check", "./mixins", "./nodes", "--out", s(&dir.join("plain"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nodes = root.join("nodes");
    let o = run_in(&elsewhere, &["check", s(&absolute), s(&nodes), "--out", s(&dir.join("plain"))]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn modules_are_in_name_order_whatever_the_order_of_the_arguments() {
    let dir = scratch("order");
    let root = workspace();
    let (a, b) = ("mixins/mixin_rate_limiting.yaml", "mixins/mixin_error_handling.yaml");
    let forward = dir.join("forward");
    let backward = dir.join("backward");
    assert!(run_in(&root, &["generate", a, b, "--out", s(&forward)]).status.success());
    assert!(run_in(&root, &["generate", b, a, "--out", s(&backward)]).status.success());
    assert_eq!(files(&forward), files(&backward));
    let text = std::fs::read_to_string(forward.join("mixins.rs")).unwrap();
    let (e, r) = (text.find("pub mod error_handling").unwrap(), text.find("pub mod rate_limiting").unwrap());
    assert!(e < r, "modules by name");
}

#[test]
fn a_file_reached_through_its_folder_and_by_its_own_path_is_read_once() {
    let dir = scratch("twice");
    let root = workspace();
    let out = dir.join("out");
    let o =
        run_in(&root, &["generate", "mixins", "mixins/mixin_health_check.yaml", "./mixins", "nodes", "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("E0111"), "{}", stderr(&o));
    assert_eq!(files(&out), files(&root.join("generated-example")));
    // A link to a contract in the same folder is the same file, too.
    let contracts = dir.join("contracts");
    std::fs::create_dir(&contracts).unwrap();
    std::fs::copy(root.join("mixins/mixin_health_check.yaml"), contracts.join("mixin_health_check.yaml")).unwrap();
    std::os::unix::fs::symlink("mixin_health_check.yaml", contracts.join("also.yaml")).unwrap();
    let o = run_in(&root, &["validate", s(&contracts)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 valid contract:"), "{}", String::from_utf8_lossy(&o.stdout));
}

/// A folder with one good contract and `make(folder)` done to it, generated into an output
/// folder that already holds that contract's module.
fn odd_entry(name: &str, make: impl FnOnce(&Path)) -> (Output, PathBuf) {
    let dir = scratch(name);
    let contracts = dir.join("contracts");
    std::fs::create_dir(&contracts).unwrap();
    std::fs::copy(workspace().join("mixins/mixin_health_check.yaml"), contracts.join("mixin_health_check.yaml"))
        .unwrap();
    std::fs::copy(workspace().join("mixins/mixin_rate_limiting.yaml"), contracts.join("mixin_rate_limiting.yaml"))
        .unwrap();
    let out = dir.join("out");
    assert!(run_in(&dir, &["generate", "contracts", "--out", s(&out)]).status.success());
    make(&contracts);
    let before = files(&out);
    let o = run_in(&dir, &["generate", "contracts", "--out", s(&out)]);
    assert_eq!(files(&out), before, "{name}: nothing changes, no module removed as stale");
    (o, contracts)
}

fn assert_refused(o: &Output, entry: &str, words: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(o));
    let err = stderr(o);
    assert!(err.contains("error[E0001]"), "{err}");
    assert!(err.contains(&format!("--> contracts/{entry}")), "the entry is named: {err}");
    assert!(err.contains(words), "{words:?} in {err}");
}

#[test]
fn a_dangling_link_to_a_contract_is_an_error_naming_it() {
    let (o, _) = odd_entry("dangling", |c| {
        std::fs::rename(c.join("mixin_rate_limiting.yaml"), c.join("../moved.yaml")).unwrap();
        std::os::unix::fs::symlink("../gone.yaml", c.join("mixin_rate_limiting.yaml")).unwrap();
    });
    assert_refused(&o, "mixin_rate_limiting.yaml", "a symbolic link to `../gone.yaml`, which does not exist");
}

#[test]
fn a_link_loop_is_an_error_naming_it() {
    let (o, _) = odd_entry("loop", |c| {
        std::os::unix::fs::symlink("b.yaml", c.join("a.yaml")).unwrap();
        std::os::unix::fs::symlink("a.yaml", c.join("b.yaml")).unwrap();
    });
    assert_refused(&o, "a.yaml", "a symbolic link that cannot be followed");
    assert!(stderr(&o).contains("--> contracts/b.yaml"), "both links are named: {}", stderr(&o));
}

#[test]
fn a_fifo_is_an_error_naming_it_and_is_never_opened() {
    let (o, _) = odd_entry("fifo", |c| {
        let made = Command::new("mkfifo").arg(c.join("pipe.yaml")).status().unwrap();
        assert!(made.success());
    });
    assert_refused(&o, "pipe.yaml", "a FIFO (named pipe), not a contract file");
}

#[test]
fn a_folder_named_like_a_contract_is_an_error_naming_it() {
    let (o, _) = odd_entry("folder", |c| std::fs::create_dir(c.join("x.yaml")).unwrap());
    assert_refused(&o, "x.yaml", "a folder, not a contract file");
}

#[test]
fn folders_are_entered_but_hidden_ones_are_not() {
    let dir = scratch("recurse");
    let root = workspace();
    let contracts = dir.join("contracts");
    std::fs::create_dir_all(contracts.join("deep/er")).unwrap();
    std::fs::create_dir_all(contracts.join(".hidden")).unwrap();
    std::fs::copy(root.join("mixins/mixin_health_check.yaml"), contracts.join("deep/er/mixin_health_check.yaml"))
        .unwrap();
    // A hidden folder (.git, an editor's) is not contracts: a broken file there is never read.
    std::fs::write(contracts.join(".hidden/broken.yaml"), "mixin_name: [").unwrap();
    let out = dir.join("out");
    let o = run_in(&root, &["generate", s(&contracts), "--out", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let header = std::fs::read_to_string(out.join("health_check.rs")).unwrap();
    // Named by the input folder and the path below it.
    assert!(
        header.starts_with("// @generated by mixin-codegen from contracts/deep/er/mixin_health_check.yaml."),
        "{}",
        header.lines().next().unwrap()
    );
}
