//! `mixin-codegen docs` and `mixin-codegen schema`: the back ends besides Rust, each into its
//! own `--out` folder, with `--check` to compare instead of writing.

use clap::{Arg, ArgAction, ArgMatches, Command};
use mixin_codegen::diagnostics::Style;
use mixin_codegen::Builder;
use std::path::PathBuf;

use crate::{failure, paths_arg, stale_report, written};

fn command(name: &'static str, about: &'static str, out_help: &'static str) -> Command {
    Command::new(name)
        .about(about)
        .arg(paths_arg())
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("DIR")
                .required(true)
                .value_parser(clap::value_parser!(PathBuf))
                .help(out_help),
        )
        .arg(
            Arg::new("check")
                .long("check")
                .action(ArgAction::SetTrue)
                .help("Write nothing; exit 1 with a diff when DIR differs from what would be written"),
        )
}

pub fn docs_command() -> Command {
    command(
        "docs",
        "Write a Markdown page per mixin (<module>.md) and an index (README.md) into --out",
        "Folder for the pages",
    )
}

pub fn schema_command() -> Command {
    command(
        "schema",
        "Write JSON Schemas into --out: mixin-contract.schema.json and <module>.config.schema.json per mixin",
        "Folder for the schemas",
    )
}

fn builder(m: &ArgMatches) -> (Builder, PathBuf, bool) {
    let paths: Vec<PathBuf> = m.get_many::<PathBuf>("paths").map(|p| p.cloned().collect()).unwrap_or_default();
    let paths = if paths.is_empty() { vec![PathBuf::from("mixins")] } else { paths };
    let mut b = Builder::new().inputs(paths).emit_rerun_directives(false);
    if let Some(&jobs) = m.get_one::<usize>("jobs") {
        b = b.jobs(jobs);
    }
    let out = m.get_one::<PathBuf>("out").cloned().unwrap_or_default();
    (b, out, m.get_flag("check"))
}

pub fn docs(m: &ArgMatches, style: Style) -> u8 {
    let (b, out, check) = builder(m);
    let b = b.docs_out(out);
    if check {
        return b.check_docs().map_or_else(|e| failure(e, style), |r| stale_report(r, style, "docs"));
    }
    written(b.docs(), "documented", style)
}

pub fn schema(m: &ArgMatches, style: Style) -> u8 {
    let (b, out, check) = builder(m);
    let b = b.schema_out(out);
    if check {
        return b.check_schemas().map_or_else(|e| failure(e, style), |r| stale_report(r, style, "schema"));
    }
    written(b.schemas(), "schemas for", style)
}
