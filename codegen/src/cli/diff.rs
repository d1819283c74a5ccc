//! `mixin-codegen diff OLD NEW` and `mixin-codegen diff --against REV [PATH]...`.

use super::git;
use clap::{Arg, ArgMatches, Command};
use mixin_codegen::diagnostics::{render_all_with, Style};
use mixin_codegen::diff::{self, Contract, Found, NodeContract};
use mixin_codegen::load::{self, Source};
use mixin_codegen::Diagnostic;
use std::path::{Path, PathBuf};

use crate::{OK, PROBLEMS, USAGE};

pub fn command() -> Command {
    Command::new("diff")
        .about("Classify every change between two versions of the contracts and check their version bumps")
        .long_about(
            "Compare OLD with NEW (contract files or folders; mixins matched by mixin_name, node contracts by \
             node_name), or the working tree's PATHs with the same paths at a git revision (--against). Every \
             change is reported with its rule code, who it breaks and the bump it needs; exit 1 when a \
             contract's version (mixin_version, a node's version) does not cover its changes or went down.",
        )
        .arg(
            Arg::new("paths")
                .value_name("PATH")
                .num_args(0..)
                .value_parser(clap::value_parser!(PathBuf))
                .help("OLD and NEW; with --against, the paths to compare [default: mixins]"),
        )
        .arg(
            Arg::new("against")
                .long("against")
                .value_name("REV")
                .help("Compare the PATHs with the same paths at this git revision (git show REV:PATH)"),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["text", "json"])
                .default_value("text")
                .help("text: rustc-style findings and a summary; json: one document for tools"),
        )
}

pub fn run(m: &ArgMatches, style: Style) -> u8 {
    let paths: Vec<PathBuf> = m.get_many::<PathBuf>("paths").map(|p| p.cloned().collect()).unwrap_or_default();
    let json = m.get_one::<String>("format").is_some_and(|f| f == "json");
    let sides = match m.get_one::<String>("against") {
        Some(rev) => against(rev, if paths.is_empty() { vec![PathBuf::from("mixins")] } else { paths }),
        None => match paths.as_slice() {
            [old, new] => Ok((from_disk(std::slice::from_ref(old)), from_disk(std::slice::from_ref(new)))),
            _ => Err("diff takes OLD and NEW, or --against REV [PATH]...".to_string()),
        },
    };
    let (old, new) = match sides {
        Ok(sides) => sides,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => return refuse(old.err(), new.err(), style),
    };
    let report = match diff::compare_all((&old.0, &old.1), (&new.0, &new.1)) {
        Ok(report) => report,
        Err(problems) => return refuse(Some(Refused::Contracts(problems, texts(&old, &new))), None, style),
    };
    if json {
        print!("{}", report.json());
    } else {
        print!("{}", report.render(style));
        print!("{}", report.summary());
    }
    if report.ok() {
        OK
    } else {
        PROBLEMS
    }
}

/// Why one side cannot be compared.
enum Refused {
    /// A path that is not there or cannot be read: a usage problem.
    Inputs(Vec<Diagnostic>),
    /// Contracts that are not valid, with the texts to show them.
    Contracts(Vec<Diagnostic>, Vec<(PathBuf, String)>),
}

fn texts(old: &Checked, new: &Checked) -> Vec<(PathBuf, String)> {
    let mixins = old.0.iter().chain(&new.0).map(|c| &c.source);
    let nodes = old.1.iter().chain(&new.1).map(|c| &c.source);
    mixins.chain(nodes).map(|s| (s.path.clone(), s.text.clone())).collect()
}

fn refuse(old: Option<Refused>, new: Option<Refused>, style: Style) -> u8 {
    let mut code = PROBLEMS;
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    for refused in [old, new].into_iter().flatten() {
        match refused {
            Refused::Inputs(d) => {
                code = USAGE;
                diagnostics.extend(d);
            }
            Refused::Contracts(d, t) => {
                diagnostics.extend(d);
                sources.extend(t);
            }
        }
    }
    let source_of = |path: &Path| {
        sources.iter().find(|(p, _)| p == path).map(|(_, t)| t.clone()).or_else(|| std::fs::read_to_string(path).ok())
    };
    eprint!("{}", render_all_with(&diagnostics, style, &source_of));
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    eprintln!("error: {errors} errors; nothing was compared");
    code
}

/// One side's valid contracts: its mixins and its node contracts.
type Checked = (Vec<Contract>, Vec<NodeContract>);

/// Where a subcontract path leads: given the paths of the side's own mixin contracts, the node's
/// file and the subcontract's `path` as written.
type Finder<'a> = dyn FnMut(&[PathBuf], &Path, &str) -> Found + 'a;

/// Checks every source; all problems of all of them at once. Mixins first, then node contracts,
/// whose subcontracts `find` follows (to the side's own mixins, or to files outside the compared
/// paths, as generation reads them); nodes are checked only when every mixin is valid.
fn check(sources: Vec<Source>, find: &mut Finder) -> Result<Checked, Refused> {
    let mut contracts = Vec::new();
    let mut problems = Vec::new();
    let mut shown = Vec::new();
    let (nodes, mixins): (Vec<Source>, Vec<Source>) = sources.into_iter().partition(|source| {
        mixin_codegen::parse::parse(source).is_ok_and(|doc| {
            mixin_codegen::validate::node::kind(&doc) == mixin_codegen::validate::node::ContractKind::Node
        })
    });
    let mixin_paths: Vec<PathBuf> = mixins.iter().map(|s| s.path.clone()).collect();
    for source in mixins {
        let text = (source.path.clone(), source.text.clone());
        match Contract::check(source) {
            Ok(c) => contracts.push(c),
            Err(d) => {
                problems.extend(d);
                shown.push(text);
            }
        }
    }
    if !problems.is_empty() {
        return Err(Refused::Contracts(problems, shown));
    }
    let texts: Vec<(PathBuf, String)> = nodes.iter().map(|s| (s.path.clone(), s.text.clone())).collect();
    match diff::check_nodes(&contracts, nodes, &mut |node: &Path, path: &str| find(&mixin_paths, node, path)) {
        Ok(nodes) => Ok((contracts, nodes)),
        Err(problems) => Err(Refused::Contracts(problems, texts)),
    }
}

/// `a/b/../c` is `a/c`: a subcontract path joined to its node's folder, as git names files.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}

/// The folder a node's file is in (`.` for a file named without one), as generation joins
/// subcontract paths to it.
fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Subcontract paths in the working tree: the side's own mixin when the path leads to one of
/// its files (the same file, however reached: `..`, symbolic links), the file on disk otherwise.
/// `canonical` holds the side's files' canonical paths once they were needed.
fn on_disk(canonical: &mut Option<Vec<(PathBuf, PathBuf)>>, known: &[PathBuf], node: &Path, written: &str) -> Found {
    let path = folder_of(node).join(written);
    match std::fs::metadata(&path) {
        Err(_) => return Found::Missing(path),
        Ok(m) if m.is_dir() => return Found::NotAFile(path, "a folder"),
        Ok(m) if !m.is_file() => return Found::NotAFile(path, "not a regular file"),
        Ok(_) => {}
    }
    if let Ok(real) = std::fs::canonicalize(&path) {
        let known = canonical.get_or_insert_with(|| {
            known.iter().filter_map(|k| Some((std::fs::canonicalize(k).ok()?, k.clone()))).collect()
        });
        if let Some((_, same)) = known.iter().find(|(k, _)| *k == real) {
            return Found::Known(same.clone());
        }
    }
    match load::read(&path) {
        Ok(source) => Found::Source(source),
        Err(d) => Found::Unreadable(*d),
    }
}

/// Subcontract paths at a git revision: the subcontract `../../../mixins/m.yaml` of
/// `REV:nodes/n/v1_0_0/contract.yaml` is `mixins/m.yaml` at REV, one of the side's own files or
/// read from git.
fn at_revision(rev: &str, known: &[PathBuf], node: &Path, written: &str) -> Found {
    let prefix = format!("{rev}:");
    let node = node.to_string_lossy();
    let file = normalize(&folder_of(Path::new(node.strip_prefix(&prefix).unwrap_or(&node))).join(written));
    let shown = PathBuf::from(format!("{prefix}{}", file.display()));
    if known.contains(&shown) {
        return Found::Known(shown);
    }
    match git::contracts(rev, &file) {
        Ok(blobs) => match blobs.as_slice() {
            [] => Found::Missing(shown),
            // One contract file at the path itself, not the only one of a folder.
            [one] if Path::new(&one.shown).file_name() == file.file_name() => {
                match load::from_bytes(&shown, one.bytes.clone()) {
                    Ok(source) => Found::Source(source),
                    Err(d) => Found::Unreadable(*d),
                }
            }
            _ => Found::NotAFile(shown, "a folder"),
        },
        Err(e) => Found::Unreadable(Diagnostic::error("E0001", &shown, format!("cannot read file: {e}"))),
    }
}

fn from_disk(paths: &[PathBuf]) -> Result<Checked, Refused> {
    let (inputs, problems) = load::discover(paths);
    if !problems.is_empty() {
        return Err(Refused::Inputs(problems));
    }
    // Each file once (load reads a file named twice, on its own and in its folder, once), in
    // path order.
    let mut files: Vec<PathBuf> = inputs.files.into_iter().map(|f| f.path).collect();
    files.sort();
    let mut sources = Vec::new();
    let mut unreadable = Vec::new();
    for file in &files {
        match load::read(file) {
            Ok(s) => sources.push(s),
            Err(d) => unreadable.push(*d),
        }
    }
    let mut canonical = None;
    with_unreadable(check(sources, &mut |known, node, path| on_disk(&mut canonical, known, node, path)), unreadable)
}

/// Files that could not be read are reported with the contracts that are not valid.
fn with_unreadable(checked: Result<Checked, Refused>, unreadable: Vec<Diagnostic>) -> Result<Checked, Refused> {
    if unreadable.is_empty() {
        return checked;
    }
    match checked {
        Ok(_) => Err(Refused::Contracts(unreadable, Vec::new())),
        Err(Refused::Contracts(mut d, texts)) => {
            d.extend(unreadable);
            Err(Refused::Contracts(d, texts))
        }
        Err(inputs) => Err(inputs),
    }
}

type Sides = (Result<Checked, Refused>, Result<Checked, Refused>);

/// The PATHs in the working tree against the same PATHs at `rev`. A PATH missing on one side (a
/// folder added or deleted since) has no contracts there.
fn against(rev: &str, paths: Vec<PathBuf>) -> Result<Sides, String> {
    git::check_revision(rev)?;
    let mut old_sources = Vec::new();
    let mut unreadable = Vec::new();
    let mut at_rev = Vec::new();
    let mut blobs = Vec::new();
    for path in &paths {
        let found = git::contracts(rev, path)?;
        at_rev.push(!found.is_empty());
        blobs.extend(found);
    }
    // A file named twice (on its own and in its folder) is one contract.
    blobs.sort_by(|a, b| a.shown.cmp(&b.shown));
    blobs.dedup_by(|a, b| a.shown == b.shown);
    for blob in blobs {
        match load::from_bytes(&blob.shown, blob.bytes) {
            Ok(s) => old_sources.push(s),
            Err(d) => unreadable.push(*d),
        }
    }
    let old =
        with_unreadable(check(old_sources, &mut |known, node, path| at_revision(rev, known, node, path)), unreadable);
    // A path that is gone from the working tree but was there at the revision: all removed.
    let present: Vec<PathBuf> =
        paths.iter().zip(&at_rev).filter(|(p, was)| p.exists() || !**was).map(|(p, _)| p.clone()).collect();
    let new = if present.is_empty() { Ok((Vec::new(), Vec::new())) } else { from_disk(&present) };
    Ok((old, new))
}
