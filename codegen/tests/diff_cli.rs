//! `mixin-codegen diff`: files, folders, `--against` a git revision, `--format json`, exit codes.
#![cfg(feature = "cli")]

#[path = "support/node_pairs.rs"]
mod node_pairs;
#[path = "support/pairs.rs"]
mod pairs;

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mixin-codegen");

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(BIN).args(args).current_dir(dir).output().unwrap();
    let r = Run {
        code: out.status.code().expect("exited"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(!r.stdout.contains('\x1b') && !r.stderr.contains('\x1b'), "colour on a pipe");
    r
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn pair(code: &str) -> &'static pairs::Pair {
    pairs::PAIRS.iter().find(|p| p.code == code).unwrap()
}

fn versioned(text: &str, version: &str) -> String {
    text.replacen("{major: 1, minor: 0, patch: 0}", version, 1)
}

#[test]
fn two_files_a_too_small_bump_exits_1_and_a_big_enough_one_0() {
    let dir = scratch("files");
    write(&dir.join("old.yaml"), &pairs::old_text(None));
    write(&dir.join("new.yaml"), &versioned(&pair("B0103").new_text(None), "{major: 1, minor: 1, patch: 0}"));
    let r = run(&dir, &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with("error[B0103]: action `inspect` removed (major)\n  --> old.yaml:18:11\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("error[B0011]: `mixin_base` went from 1.0.0 to 1.1.0, a minor bump, but the changes need a major bump\n --> new.yaml:2:1"), "{}", r.stdout);
    assert!(r.stdout.ends_with(
        "changed mixin_base 1.0.0 -> 1.1.0: needs major, bump too small (needs 2.0.0)\n\
         error: 1 contracts: 0 unchanged, 1 changed, 0 added, 0 removed; 1 with a version that does not cover its changes\n"
    ), "{}", r.stdout);

    write(&dir.join("new.yaml"), &versioned(&pair("B0103").new_text(None), "{major: 2, minor: 0, patch: 0}"));
    let r = run(&dir, &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("note[B0103]: action `inspect` removed (major)"), "{}", r.stdout);
    assert!(r.stdout.ends_with("ok: 1 contracts: 0 unchanged, 1 changed, 0 added, 0 removed; 0 with a version that does not cover its changes\n"), "{}", r.stdout);
}

#[test]
fn folders_match_contracts_by_name_and_report_added_and_removed_ones() {
    let dir = scratch("folders");
    let named = |name: &str| pairs::old_text(Some(name));
    write(&dir.join("old/a.yaml"), &named("mixin_kept"));
    write(&dir.join("old/b.yaml"), &named("mixin_gone"));
    write(&dir.join("new/renamed-file.yaml"), &named("mixin_kept"));
    write(&dir.join("new/c.yml"), &named("mixin_fresh"));
    let r = run(&dir, &["diff", "old", "new"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("note[B0001]: contract `mixin_fresh` added\n --> new/c.yml:1:13"), "{}", r.stdout);
    assert!(
        r.stdout.contains("warning[B0002]: contract `mixin_gone` removed (major)\n --> old/b.yaml:1:13"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with(
        "added mixin_fresh 1.0.0\nremoved mixin_gone 1.0.0\n\
         ok: 3 contracts: 1 unchanged, 0 changed, 1 added, 1 removed; 0 with a version that does not cover its changes\n"
    ), "{}", r.stdout);
}

#[test]
fn json_goes_to_stdout_with_the_same_exit_code() {
    let dir = scratch("json");
    write(&dir.join("old.yaml"), &pairs::old_text(None));
    write(&dir.join("new.yaml"), &pair("B0101").new_text(None));
    let r = run(&dir, &["diff", "old.yaml", "new.yaml", "--format", "json"]);
    assert_eq!(r.code, 1);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert_eq!(json["ok"], false);
    let c = &json["contracts"][0];
    assert_eq!(
        (c["required"].as_str(), c["actual"].as_str(), c["suggested"].as_str()),
        (Some("minor"), Some("none"), Some("1.1.0"))
    );
    assert_eq!(c["changes"][0]["code"], "B0101");
    assert_eq!(c["changes"][0]["breaks"], serde_json::json!([]));
    assert_eq!(c["changes"][0]["file"], "new.yaml");
    write(&dir.join("new.yaml"), &versioned(&pair("B0101").new_text(None), "{major: 1, minor: 1, patch: 0}"));
    let r = run(&dir, &["diff", "old.yaml", "new.yaml", "--format", "json"]);
    assert_eq!(r.code, 0);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()["ok"], true);
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn against_a_git_revision_reads_the_old_contracts_from_git() {
    let dir = scratch("against");
    git(&dir, &["init", "-q"]);
    write(&dir.join("mixins/mixin_base.yaml"), &pairs::old_text(None));
    write(&dir.join("mixins/mixin_other.yaml"), &pairs::old_text(Some("mixin_other")));
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    git(&dir, &["tag", "v1"]);
    // The working tree: one contract renamed an action with a minor bump, one deleted, one added.
    write(
        &dir.join("mixins/mixin_base.yaml"),
        &versioned(&pair("B0104").new_text(None), "{major: 1, minor: 1, patch: 0}"),
    );
    std::fs::remove_file(dir.join("mixins/mixin_other.yaml")).unwrap();
    write(&dir.join("mixins/mixin_new.yaml"), &pairs::old_text(Some("mixin_new")));
    let r = run(&dir, &["diff", "--against", "v1", "mixins"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.starts_with(
            "error[B0104]: action `inspect` renamed to `peek` (major)\n  --> mixins/mixin_base.yaml:18:11\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("  ::: v1:mixins/mixin_base.yaml:18:11\n   |\n18 |   - name: \"inspect\"\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("warning[B0002]: contract `mixin_other` removed (major)\n --> v1:mixins/mixin_other.yaml:1:13"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("added mixin_new 1.0.0\n"), "{}", r.stdout);
    // The default path is `mixins`, and a subfolder works with paths relative to it.
    assert_eq!(run(&dir, &["diff", "--against", "v1"]).stdout, r.stdout);
    let sub = run(&dir.join("mixins"), &["diff", "--against", "v1", "."]);
    assert!(sub.stdout.contains(" --> v1:mixin_other.yaml:1:13"), "{}", sub.stdout);

    write(
        &dir.join("mixins/mixin_base.yaml"),
        &versioned(&pair("B0104").new_text(None), "{major: 2, minor: 0, patch: 0}"),
    );
    let r = run(&dir, &["diff", "--against", "v1", "mixins"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // The same contract committed: nothing changed against HEAD.
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "next"]);
    let r = run(&dir, &["diff", "--against", "HEAD", "mixins"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "ok: 2 contracts: 2 unchanged, 0 changed, 0 added, 0 removed; 0 with a version that does not cover its changes\n");
}

/// Folders holding node contracts beside mixins (`mixins/`, `nodes/<node>/v1_0_0/contract.yaml`):
/// the node contracts are compared too, and subfolders are read on both sides, from disk and from
/// git alike.
#[test]
fn node_contracts_are_compared_and_subfolders_read_on_both_sides() {
    let dir = scratch("nodes");
    git(&dir, &["init", "-q"]);
    let node = "node_name: \"n\"\nnode_type: \"COMPUTE\"\nversion: \"1.0.0\"\ndescription: \"d\"\nsubcontracts: []\n";
    write(&dir.join("contracts/mixin_base.yaml"), &pairs::old_text(None));
    write(&dir.join("contracts/deep/mixin_other.yaml"), &pairs::old_text(Some("mixin_other")));
    write(&dir.join("contracts/n/v1_0_0/contract.yaml"), node);
    write(&dir.join("contracts/.hidden/broken.yaml"), "mixin_name: [");
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    let r = run(&dir, &["diff", "--against", "HEAD", "contracts"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("ok: 3 contracts: 3 unchanged"), "{}", r.stdout);
    std::fs::remove_file(dir.join("contracts/deep/mixin_other.yaml")).unwrap();
    let r = run(&dir, &["diff", "--against", "HEAD", "contracts"]);
    assert!(
        r.stdout.contains(
            "warning[B0002]: contract `mixin_other` removed (major)\n --> HEAD:contracts/deep/mixin_other.yaml"
        ),
        "{}",
        r.stdout
    );
    std::fs::remove_file(dir.join("contracts/n/v1_0_0/contract.yaml")).unwrap();
    let r = run(&dir, &["diff", "--against", "HEAD", "contracts"]);
    assert!(
        r.stdout.contains(
            "warning[B1001]: node contract `n` removed (major)\n --> HEAD:contracts/n/v1_0_0/contract.yaml:1:12"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("removed node n 1.0.0\n"), "{}", r.stdout);
    let r = run(&dir, &["diff", "contracts", "contracts"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("ok: 1 contract"), "{}", r.stdout);
}

/// A side's folder for the node pairs: the three mixins and the node `text`.
fn node_folder(root: &Path, text: &str) {
    for (file, mixin) in node_pairs::MIXINS {
        write(&root.join(file), mixin);
    }
    write(&root.join(node_pairs::NODE_FILE), text);
}

fn node_pair(code: &str) -> &'static node_pairs::NodePair {
    node_pairs::NODE_PAIRS.iter().find(|p| p.code == code).unwrap()
}

#[test]
fn node_folders_a_subcontract_added_needs_a_major_bump_of_the_node_version() {
    let dir = scratch("node-folders");
    node_folder(&dir.join("old"), node_pairs::NODE);
    let added = node_pair("B1002").new_text();
    node_folder(&dir.join("new"), &node_pairs::versioned(&added, (1, 1, 0)));
    let r = run(&dir, &["diff", "old", "new"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let expected = "\
error[B1002]: subcontract `mixin_gamma` added, as `gamma_configuration` (major)
  --> new/nodes/base_node/v1_0_0/contract.yaml:10:11
   |
10 |   - path: \"../../../mixins/mixin_gamma.yaml\"
   |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ added
   = help: breaks nodes implementing the trait: the node's trait gains the mixin's actions trait as a supertrait";
    assert!(r.stdout.starts_with(expected), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "error[B0011]: `base_node` went from 1.0.0 to 1.1.0, a minor bump, but the changes need a major bump\n \
             --> new/nodes/base_node/v1_0_0/contract.yaml:3:1\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("= help: write `version: \"2.0.0\"`, or undo the changes that need more\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with(
            "changed node base_node 1.0.0 -> 1.1.0: needs major, bump too small (needs 2.0.0)\n\
             error: 4 contracts: 3 unchanged, 1 changed, 0 added, 0 removed; 1 with a version that does not cover its changes\n"
        ),
        "{}",
        r.stdout
    );
    let r = run(&dir, &["diff", "old", "new", "--format", "json"]);
    assert_eq!(r.code, 1);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    let node = &json["contracts"][3];
    assert_eq!((node["kind"].as_str(), node["name"].as_str()), (Some("node"), Some("base_node")));
    assert_eq!(node["changes"][0]["code"], "B1002");
    assert_eq!(node["suggested"], "2.0.0");

    node_folder(&dir.join("new"), &node_pairs::versioned(&added, (2, 0, 0)));
    let r = run(&dir, &["diff", "old", "new"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("note[B1002]: subcontract `mixin_gamma` added"), "{}", r.stdout);
    assert!(r.stdout.ends_with("changed node base_node 1.0.0 -> 2.0.0: needs major, ok\nok: 4 contracts: 3 unchanged, 1 changed, 0 added, 0 removed; 0 with a version that does not cover its changes\n"), "{}", r.stdout);

    // The node folder alone: the mixins it lists are read for it, not compared.
    let r = run(&dir, &["diff", "old/nodes", "new/nodes"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.ends_with("ok: 1 contracts: 0 unchanged, 1 changed, 0 added, 0 removed; 0 with a version that does not cover its changes\n"), "{}", r.stdout);
}

#[test]
fn against_a_git_revision_follows_the_old_nodes_subcontracts_in_git() {
    let dir = scratch("against-nodes");
    git(&dir, &["init", "-q"]);
    node_folder(&dir, node_pairs::NODE);
    git(&dir, &["add", "."]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    // The working tree renames an integration field with a patch bump, and the mixin the old node
    // listed is gone from the working tree (it is still at HEAD, where the old node reads it).
    let renamed = node_pair("B1004").new_text().replacen("mixin_beta.yaml", "mixin_gamma.yaml", 1);
    write(&dir.join(node_pairs::NODE_FILE), &node_pairs::versioned(&renamed, (1, 0, 1)));
    std::fs::remove_file(dir.join("mixins/mixin_beta.yaml")).unwrap();
    let r = run(&dir, &["diff", "--against", "HEAD", "nodes"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    // In NEW's line order, then OLD's removals.
    assert!(
        r.stdout.starts_with(
            "error[B1004]: integration_field of `mixin_alpha` renamed from `alpha_configuration` to `first_configuration` (major)\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "error[B1002]: subcontract `mixin_gamma` added, as `beta_configuration` (major)\n --> nodes/base_node/v1_0_0/contract.yaml:8:11\n"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(" ::: HEAD:nodes/base_node/v1_0_0/contract.yaml:7:24\n"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "error[B1003]: subcontract `mixin_beta` (`beta_configuration`) removed (major)\n --> HEAD:nodes/base_node/v1_0_0/contract.yaml:8:11\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with(
            "changed node base_node 1.0.0 -> 1.0.1: needs major, bump too small (needs 2.0.0)\n\
             error: 1 contracts: 0 unchanged, 1 changed, 0 added, 0 removed; 1 with a version that does not cover its changes\n"
        ),
        "{}",
        r.stdout
    );
    // From the node's own folder: the old node's paths lead out of it, to the mixins at HEAD.
    let inside = run(&dir.join("nodes/base_node/v1_0_0"), &["diff", "--against", "HEAD", "."]);
    assert_eq!(inside.code, 1, "{}{}", inside.stdout, inside.stderr);
    assert!(inside.stdout.contains(" --> HEAD:contract.yaml:8:11\n"), "{}", inside.stdout);
    assert!(inside.stdout.contains("changed node base_node 1.0.0 -> 1.0.1: needs major"), "{}", inside.stdout);
    // With the mixins compared too: the removed mixin is reported, and the node's changes alike.
    let both = run(&dir, &["diff", "--against", "HEAD", "mixins", "nodes"]);
    assert_eq!(both.code, 1, "{}{}", both.stdout, both.stderr);
    assert!(
        both.stdout
            .contains("warning[B0002]: contract `mixin_beta` removed (major)\n --> HEAD:mixins/mixin_beta.yaml:1:13"),
        "{}",
        both.stdout
    );
    assert!(both.stdout.contains("error: 4 contracts: 2 unchanged, 1 changed, 0 added, 1 removed; 1 with a version that does not cover its changes\n"), "{}", both.stdout);
}

#[test]
fn a_node_whose_subcontract_leads_nowhere_is_refused_and_nothing_compared() {
    let dir = scratch("node-invalid");
    node_folder(&dir.join("old"), node_pairs::NODE);
    node_folder(&dir.join("new"), &node_pairs::NODE.replacen("mixin_beta.yaml", "mixin_zeta.yaml", 1));
    let r = run(&dir, &["diff", "old", "new"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("error[E0308]: subcontract path `../../../mixins/mixin_zeta.yaml` does not exist"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(" --> new/nodes/base_node/v1_0_0/contract.yaml:8:11"), "{}", r.stderr);
    assert!(r.stderr.ends_with("error: 1 errors; nothing was compared\n"), "{}", r.stderr);
}

#[test]
fn usage_problems_exit_2_and_invalid_contracts_exit_1() {
    let dir = scratch("usage");
    write(&dir.join("old.yaml"), &pairs::old_text(None));
    let r = run(&dir, &["diff", "old.yaml"]);
    assert_eq!((r.code, r.stderr.as_str()), (2, "error: diff takes OLD and NEW, or --against REV [PATH]...\n"));
    let r = run(&dir, &["diff", "old.yaml", "missing.yaml"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("error[E0001]: no such file or folder\n --> missing.yaml"), "{}", r.stderr);
    write(&dir.join("bad.yaml"), &pairs::old_text(None).replacen("timeout_ms: 1000", "timeout_ms: -1", 1));
    let r = run(&dir, &["diff", "old.yaml", "bad.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error[E0141]: timeout_ms must be an integer from 1 to 300000, found `-1`\n  --> bad.yaml:16:17"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.ends_with("error: 1 errors; nothing was compared\n"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    // Not a repository (the scratch folders are inside this one), or not a revision.
    let outside = std::env::temp_dir().join(format!("mixin-codegen-diff-cli-{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    let r = run(&outside, &["diff", "--against", "HEAD", "."]);
    std::fs::remove_dir_all(&outside).unwrap();
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: --against needs a git repository"), "{}", r.stderr);
    git(&dir, &["init", "-q"]);
    let r = run(&dir, &["diff", "--against", "no-such-branch", "."]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`no-such-branch` is not a git revision here"), "{}", r.stderr);
}

#[test]
fn the_example_contracts_against_themselves_are_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let r = run(root, &["diff", "mixins", "mixins"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let count = std::fs::read_dir(root.join("mixins")).unwrap().count();
    // The example nodes (one folder each), their subcontracts read from `mixins`.
    let nodes = std::fs::read_dir(root.join("nodes")).unwrap().count();
    let r_nodes = run(root, &["diff", "nodes", "nodes"]);
    assert_eq!(r_nodes.code, 0, "{}{}", r_nodes.stdout, r_nodes.stderr);
    assert_eq!(
        r_nodes.stdout,
        format!("ok: {nodes} contracts: {nodes} unchanged, 0 changed, 0 added, 0 removed; 0 with a version that does not cover its changes\n")
    );
    assert_eq!(
        r.stdout,
        format!("ok: {count} contracts: {count} unchanged, 0 changed, 0 added, 0 removed; 0 with a version that does not cover its changes\n")
    );
}
