//! `mixin-codegen diff OLD NEW` and `mixin-codegen diff --against REV [PATH]...`.

use super::git;
use clap::{Arg, ArgMatches, Command};
use mixin_codegen::diagnostics::{render_all_with, Style};
use mixin_codegen::diff::{self, Contract};
use mixin_codegen::load::{self, Source};
use mixin_codegen::Diagnostic;
use std::path::{Path, PathBuf};

use crate::{OK, PROBLEMS, USAGE};

pub fn command() -> Command {
    Command::new("diff")
        .about("Classify every change between two versions of the contracts and check their version bumps")
        .long_about(
            "Compare OLD with NEW (contract files or folders, matched by mixin_name), or the working tree's PATHs with \
             the same paths at a git revision (--against). Every change is reported with its rule code, who it \
             breaks and the bump it needs; exit 1 when a contract's mixin_version does not cover its changes or \
             went down.",
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
    let report = match diff::compare(&old, &new) {
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

fn texts(old: &[Contract], new: &[Contract]) -> Vec<(PathBuf, String)> {
    old.iter().chain(new).map(|c| (c.source.path.clone(), c.source.text.clone())).collect()
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

/// Checks every source; all problems of all of them at once. Node contracts (which folders may
/// hold beside mixins) are not compared: the rules are about mixins.
fn check(sources: Vec<Source>) -> Result<Vec<Contract>, Refused> {
    let mut contracts = Vec::new();
    let mut problems = Vec::new();
    let mut shown = Vec::new();
    for source in sources {
        let is_node = mixin_codegen::parse::parse(&source).is_ok_and(|doc| {
            mixin_codegen::validate::node::kind(&doc) == mixin_codegen::validate::node::ContractKind::Node
        });
        if is_node {
            continue;
        }
        let text = (source.path.clone(), source.text.clone());
        match Contract::check(source) {
            Ok(c) => contracts.push(c),
            Err(d) => {
                problems.extend(d);
                shown.push(text);
            }
        }
    }
    if problems.is_empty() {
        Ok(contracts)
    } else {
        Err(Refused::Contracts(problems, shown))
    }
}

fn from_disk(paths: &[PathBuf]) -> Result<Vec<Contract>, Refused> {
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
    with_unreadable(check(sources), unreadable)
}

/// Files that could not be read are reported with the contracts that are not valid.
fn with_unreadable(
    checked: Result<Vec<Contract>, Refused>,
    unreadable: Vec<Diagnostic>,
) -> Result<Vec<Contract>, Refused> {
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

type Sides = (Result<Vec<Contract>, Refused>, Result<Vec<Contract>, Refused>);

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
    let old = with_unreadable(check(old_sources), unreadable);
    // A path that is gone from the working tree but was there at the revision: all removed.
    let present: Vec<PathBuf> =
        paths.iter().zip(&at_rev).filter(|(p, was)| p.exists() || !**was).map(|(p, _)| p.clone()).collect();
    let new = if present.is_empty() { Ok(Vec::new()) } else { from_disk(&present) };
    Ok((old, new))
}
