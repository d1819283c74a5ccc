//! Running cargo on the throwaway crates the compile tests write: warnings are errors, offline
//! first (the registry cache usually has everything), online again only when resolving failed.

use std::path::Path;
use std::process::Command;

/// `cargo <args>` in `dir` with `target` as its target folder: whether it succeeded, and what it
/// printed. `--offline` goes before any `--` that starts the tool's own arguments.
pub fn cargo(dir: &Path, target: &Path, args: &[&str]) -> (bool, String) {
    let split = args.iter().position(|a| *a == "--").unwrap_or(args.len());
    let (args, tail) = args.split_at(split);
    let run = |offline: bool| {
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.current_dir(dir).args(args).env("CARGO_TARGET_DIR", target).env("RUSTFLAGS", "-D warnings");
        cmd.env_remove("RUSTC_WORKSPACE_WRAPPER").env_remove("CARGO_MAKEFLAGS");
        if offline {
            cmd.arg("--offline");
        }
        cmd.args(tail);
        let out = cmd.output().expect("cargo runs");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.success(), text)
    };
    let (ok, text) = run(true);
    let resolution = ["offline", "no matching package", "failed to select a version", "download"];
    if !ok && resolution.iter().any(|s| text.contains(s)) && !text.contains("error[E") {
        eprintln!("offline build failed; retrying online:\n{text}");
        return run(false);
    }
    (ok, text)
}
