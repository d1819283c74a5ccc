//! The `mixin-codegen` command: generate, check and validate mixin contracts, and write their
//! documentation and JSON Schemas.

mod cli;

use clap::{Arg, ArgAction, ArgMatches, Command};
use mixin_codegen::diagnostics::{render_all, Style, Tally};
use mixin_codegen::write::Change;
use mixin_codegen::{Builder, Diagnostic, Error, Severity, UntypedNames};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

const OK: u8 = 0;
const PROBLEMS: u8 = 1;
const USAGE: u8 = 2;

fn paths_arg() -> Arg {
    Arg::new("paths")
        .value_name("PATH")
        .num_args(0..)
        .value_parser(clap::value_parser!(PathBuf))
        .help("Contract files, or folders whose *.yaml/*.yml files are read in sorted order [default: mixins]")
}

fn generation_args(cmd: Command) -> Command {
    cmd.arg(paths_arg())
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("DIR")
                .required(true)
                .value_parser(clap::value_parser!(PathBuf))
                .help("Output folder"),
        )
        .arg(
            Arg::new("blocking")
                .long("blocking")
                .action(ArgAction::SetTrue)
                .help("Blocking trait methods instead of futures"),
        )
        .arg(
            Arg::new("no-serde")
                .long("no-serde")
                .action(ArgAction::SetTrue)
                .help("Do not derive serde traits on generated types"),
        )
        .args(untyped_args())
        .arg(type_arg("timestamp-type", "Rust type for timestamp/datetime [default: String]"))
        .arg(type_arg("object-type", "Rust type for object [default: the generated Value]"))
        .arg(type_arg("fallback-type", "Rust type for untyped inputs/outputs [default: the generated Value]"))
        .arg(io_type_arg())
        .arg(
            Arg::new("shared-types-from")
                .long("shared-types-from")
                .value_name("PATH")
                .help("Re-export the shared types (Node, Value, ActionSpec...) from the module PATH of another crate's generated code (::first_crate::mixins) instead of defining them"),
        )
        .arg(
            Arg::new("reuse-mixin")
                .long("reuse-mixin")
                .value_name("MODULE")
                .action(ArgAction::Append)
                .requires("shared-types-from")
                .help("With --shared-types-from: re-export the mixin module MODULE (error_handling) from PATH instead of generating it"),
        )
        .arg(
            Arg::new("lock-timeout")
                .long("lock-timeout")
                .value_name("SECONDS")
                .value_parser(clap::value_parser!(f64))
                .help("How long to wait for another run using --out before giving up [default: 60]"),
        )
        .arg(
            Arg::new("type-attribute")
                .long("type-attribute")
                .value_name("PATH=ATTR")
                .action(ArgAction::Append)
                .help("Add ATTR to generated types whose module.Type path starts with PATH ('.' for all)"),
        )
}

/// The policy for action inputs/outputs with no declared type, and `--strict`, its short form.
fn untyped_args() -> [Arg; 2] {
    [
        Arg::new("untyped-names")
            .long("untyped-names")
            .value_name("POLICY")
            .value_parser(UntypedNames::ALL.map(UntypedNames::as_str))
            .help("Inputs/outputs without a declared type: allow (say nothing), warn (W0220, once per file) or deny (E0222 for each) [default: warn]"),
        Arg::new("strict")
            .long("strict")
            .action(ArgAction::SetTrue)
            .conflicts_with("untyped-names")
            .help("Same as --untyped-names deny: inputs/outputs without a type are errors"),
    ]
}

/// `--jobs`: 0 would mean nothing to run on.
fn job_count(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (without --jobs: the number of CPUs)".to_string()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

fn exit_codes(problems: &str) -> String {
    format!("Exit codes:\n  0  success (warnings and notes do not fail)\n  1  {problems}\n  2  usage or I/O errors (bad options, missing or unreadable paths)")
}

fn io_type_arg() -> Arg {
    Arg::new("io-type")
        .long("io-type")
        .value_name("PATH=TYPE")
        .action(ArgAction::Append)
        .help("Rust type of the untyped action input/output at module.action.name")
}

fn type_arg(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name).long(name).value_name("TYPE").help(help)
}

fn jobs_arg() -> Arg {
    Arg::new("jobs")
        .long("jobs")
        .short('j')
        .value_name("N")
        .value_parser(job_count)
        .global(true)
        .help("Contracts to process at once [default: the number of CPUs]")
}

fn color_arg() -> Arg {
    Arg::new("color")
        .long("color")
        .value_name("WHEN")
        .value_parser(["auto", "always", "never"])
        .default_value("auto")
        .global(true)
        .help("Colour diagnostics")
}

fn cli() -> Command {
    Command::new("mixin-codegen")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Typed Rust from ONEX mixin YAML contracts")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .after_help(exit_codes(
            "contract errors, stale output (check), or a version that does not cover its changes (diff)",
        ))
        .arg(color_arg())
        .arg(jobs_arg())
        .subcommand(generation_args(
            Command::new("generate")
                .about("Write mixins.rs and one file per mixin into --out")
                .after_help(exit_codes("contract errors (nothing is written)")),
        ))
        .subcommand(generation_args(
            Command::new("check")
                .about("Exit 1 with a diff when --out differs from what generate would write")
                .after_help(exit_codes("contract errors, or --out is stale")),
        ))
        .subcommand(
            Command::new("validate")
                .about("Check contracts and report every problem")
                .after_help(exit_codes("contract errors"))
                .arg(paths_arg())
                .args(untyped_args())
                .arg(io_type_arg()),
        )
        .subcommand(cli::pages::docs_command().after_help(exit_codes("contract errors, or (--check) --out is stale")))
        .subcommand(cli::pages::schema_command().after_help(exit_codes("contract errors, or (--check) --out is stale")))
        .subcommand(cli::diff::command().after_help(exit_codes(
            "a contract's mixin_version does not cover its changes or went down, or contract errors",
        )))
}

fn main() -> ExitCode {
    let matches = match cli().try_get_matches() {
        Ok(m) => m,
        Err(e) => {
            let code = if e.use_stderr() { USAGE } else { OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let style = match matches.get_one::<String>("color").map(String::as_str) {
        Some("always") => Style::Color,
        Some("never") => Style::Plain,
        _ if std::io::stderr().is_terminal() => Style::Color,
        _ => Style::Plain,
    };
    let (name, sub) = matches.subcommand().expect("subcommand_required");
    if name == "diff" {
        // The report is the command's output: coloured when stdout is a terminal.
        let style = match matches.get_one::<String>("color").map(String::as_str) {
            Some("always") => Style::Color,
            Some("never") => Style::Plain,
            _ if std::io::stdout().is_terminal() => Style::Color,
            _ => Style::Plain,
        };
        return ExitCode::from(cli::diff::run(sub, style));
    }
    match name {
        "docs" => return ExitCode::from(cli::pages::docs(sub, style)),
        "schema" => return ExitCode::from(cli::pages::schema(sub, style)),
        _ => {}
    }
    let builder = builder(sub);
    ExitCode::from(match name {
        "generate" => generate(builder, style),
        "check" => check(builder, style),
        _ => validate(builder, style),
    })
}

fn builder(m: &ArgMatches) -> Builder {
    let paths: Vec<PathBuf> = m.get_many::<PathBuf>("paths").map(|p| p.cloned().collect()).unwrap_or_default();
    let paths = if paths.is_empty() { vec![PathBuf::from("mixins")] } else { paths };
    let mut b = Builder::new().inputs(paths).emit_rerun_directives(false);
    let flag = |id: &str| m.try_get_one::<bool>(id).ok().flatten().copied().unwrap_or(false);
    let untyped = m.try_get_one::<String>("untyped-names").ok().flatten().and_then(|p| p.parse().ok());
    b = b.untyped_names(if flag("strict") { UntypedNames::Deny } else { untyped.unwrap_or_default() });
    for spec in m.get_many::<String>("io-type").into_iter().flatten() {
        let (path, ty) = spec.split_once('=').unwrap_or((spec, ""));
        b = b.io_type(path, ty);
    }
    if let Some(&jobs) = m.get_one::<usize>("jobs") {
        b = b.jobs(jobs);
    }
    if let Ok(Some(out)) = m.try_get_one::<PathBuf>("out") {
        b = b.out_dir(out).blocking(flag("blocking")).serde(!flag("no-serde"));
        if let Some(t) = m.get_one::<String>("timestamp-type") {
            b = b.timestamp_type(t);
        }
        if let Some(t) = m.get_one::<String>("object-type") {
            b = b.object_type(t);
        }
        if let Some(t) = m.get_one::<String>("fallback-type") {
            b = b.fallback_type(t);
        }
        if let Some(path) = m.get_one::<String>("shared-types-from") {
            b = b.shared_types_from(path);
        }
        for module in m.get_many::<String>("reuse-mixin").into_iter().flatten() {
            b = b.reuse_mixin(module);
        }
        if let Some(&seconds) = m.get_one::<f64>("lock-timeout") {
            b = b.lock_timeout(std::time::Duration::try_from_secs_f64(seconds).unwrap_or_default());
        }
        for spec in m.get_many::<String>("type-attribute").into_iter().flatten() {
            let (path, attr) = spec.split_once('=').unwrap_or((".", spec));
            b = b.type_attribute(path, attr);
        }
    }
    b
}

/// `1 action`, `2 actions`.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn report(diagnostics: &[Diagnostic], style: Style) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_all(diagnostics, style));
    }
}

fn failure(e: Error, style: Style) -> u8 {
    match e {
        Error::Contracts(d) => {
            report(&d, style);
            eprintln!("error: {}; nothing was written", Tally::of(&d));
            PROBLEMS
        }
        Error::Inputs(d) => {
            report(&d, style);
            USAGE
        }
        other => {
            eprintln!("{other}");
            USAGE
        }
    }
}

fn generate(builder: Builder, style: Style) -> u8 {
    written(builder.generate(), "generated", style)
}

/// What a run that writes a folder (`generate`, `docs`, `schema`) did: its diagnostics, then
/// "<what> 9 mixins and 2 nodes: 3 files written, ...".
fn written(result: Result<mixin_codegen::Report, Error>, what: &str, style: Style) -> u8 {
    match result {
        Ok(r) => {
            report(&r.diagnostics, style);
            for file in &r.files_cleaned {
                eprintln!("removed {}, left by an interrupted run", file.display());
            }
            let nodes = match r.nodes.len() {
                0 => String::new(),
                n => format!(" and {}", count(n, "node", "nodes")),
            };
            eprintln!(
                "{what} {}{nodes}: {} written, {} unchanged, {} removed",
                count(r.mixins.len(), "mixin", "mixins"),
                count(r.files_written, "file", "files"),
                r.files_unchanged,
                r.files_removed.len()
            );
            OK
        }
        Err(e) => failure(e, style),
    }
}

fn check(builder: Builder, style: Style) -> u8 {
    match builder.check() {
        Ok(r) => stale_report(r, style, "generate"),
        Err(e) => failure(e, style),
    }
}

/// Exit 0 when nothing is stale, else 1 after a unified diff of every stale file.
fn stale_report(r: mixin_codegen::CheckReport, style: Style, fix: &str) -> u8 {
    report(&r.diagnostics.iter().filter(|d| d.severity != Severity::Note).cloned().collect::<Vec<_>>(), style);
    if r.stale.is_empty() {
        eprintln!("up to date");
        return OK;
    }
    for file in r.stale.iter().filter(|f| f.change == Change::Leftover) {
        println!("left by an interrupted run: {} ({fix} removes it)", file.path.display());
    }
    for file in r.stale.iter().filter(|f| f.change != Change::Leftover) {
        // Absolute paths keep a single slash after the `a/`/`b/` prefix.
        let path = file.path.display().to_string().trim_start_matches('/').to_string();
        let (old, new) = (file.actual.as_deref().unwrap_or(""), file.expected.as_deref().unwrap_or(""));
        let (old_name, new_name) = match file.change {
            Change::Create => ("/dev/null".to_string(), format!("b/{path}")),
            Change::Remove => (format!("a/{path}"), "/dev/null".to_string()),
            _ => (format!("a/{path}"), format!("b/{path}")),
        };
        if file.change == Change::Replace && file.actual.is_none() {
            println!("{} is not a readable file; {fix} needs to write a file there", file.path.display());
        }
        let diff = similar::TextDiff::from_lines(old, new);
        print!("{}", diff.unified_diff().context_radius(3).header(&old_name, &new_name));
    }
    let stale = match r.stale.len() {
        1 => "1 file in the output folder is stale".to_string(),
        n => format!("{n} files in the output folder are stale"),
    };
    eprintln!("error: {stale}; run `mixin-codegen {fix}` to update them");
    PROBLEMS
}

fn validate(builder: Builder, style: Style) -> u8 {
    match builder.validate() {
        Ok(r) => {
            report(&r.diagnostics, style);
            for f in &r.files {
                println!(
                    "ok {}: YAML syntax, schema, required fields, node types, {}, {}, {}, {}, {}, {}",
                    f.path.display(),
                    count(f.actions, "action", "actions"),
                    count(f.output_models, "output model", "output models"),
                    count(f.configs, "config section", "config sections"),
                    count(f.sections, "data section", "data sections"),
                    count(f.metrics, "metric", "metrics"),
                    count(f.dependencies, "dependency", "dependencies")
                );
            }
            for node in &r.nodes {
                println!("ok node {node}: node contract, every subcontract a mixin that applies to it");
            }
            let tally = Tally::of(&r.diagnostics);
            let failed = tally.errors > 0;
            let valid = r.files.len() + r.nodes.len();
            println!("{}: {tally}", count(valid, "valid contract", "valid contracts"));
            if failed {
                PROBLEMS
            } else {
                OK
            }
        }
        Err(e) => failure(e, style),
    }
}
