//! The library's entry point: `Builder`, like prost-build's `Config`.

use crate::diagnostics::{render_all, Diagnostic, Label, Severity, Style};
use crate::each;
use crate::emit::{self, EmitOptions, MixinSummary, NodeSummary};
use crate::locate::{Anchor, Seg, SpanIndex};
use crate::model::{Mixin, MixinRef, Node, Project};
use crate::validate::node::resolve::{MixinInfo, Target};
use crate::validate::node::{ContractKind, Draft};
use crate::validate::UntypedNames;
use crate::{format, load, names, order, parallel, parse, user_syntax, validate, write};
use proc_macro2::TokenStream;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

mod pages;

/// Name of the root file that declares one module per mixin.
pub const ROOT_FILE: &str = "mixins.rs";

/// How long a run waits for another one on the same output folder.
const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// Configures and runs the generator.
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), mixin_codegen::Error> {
///     mixin_codegen::Builder::new().input("mixins").generate()?;
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    cargo: Option<bool>,
    timings: bool,
    jobs: Option<usize>,
    lock_timeout: Duration,
    sync: bool,
    validate: validate::Options,
    emit: EmitSettings,
    option_errors: Vec<String>,
    /// Where `generate` and `check` also put the Markdown pages (`.docs_out`).
    #[cfg(feature = "docs")]
    docs_out: Option<PathBuf>,
    /// Where `generate` and `check` also put the JSON Schemas (`.schema_out`).
    #[cfg(feature = "schema")]
    schema_out: Option<PathBuf>,
}

/// The emit options as the builder keeps them: plain text and flags, because syntax (token
/// streams) cannot cross threads; each worker builds its own [`EmitOptions`] from them.
#[derive(Debug, Clone)]
struct EmitSettings {
    async_methods: bool,
    serde: bool,
    timestamp_type: Option<String>,
    object_type: Option<String>,
    fallback_type: Option<String>,
    /// `(path, attribute)`, both as the user wrote them (already checked to parse).
    type_attributes: Vec<(String, String)>,
    /// `.shared_types_from(..)`, as the user wrote it (already checked to be a module path).
    shared_types: Option<String>,
    /// `.reuse_mixin(..)`: modules the crate at `shared_types` generated, re-exported, not made.
    reused_mixins: Vec<String>,
}

impl EmitSettings {
    fn options(&self) -> EmitOptions {
        // Checked to parse as a type when the option was set. Parsed once per thread; the
        // defaults are built without the parser.
        let ty = |t: &Option<String>| t.as_deref().and_then(|t| user_syntax::parse_type(t).ok());
        // Spelt as the default is written, it is the default, whose path follows each mixin's
        // choice (`String`, or the full path where a mixin defines a `String` of its own).
        let is_default_string =
            |t: &&String| t.parse::<TokenStream>().is_ok_and(|t| t.to_string() == ":: std :: string :: String");
        EmitOptions {
            async_methods: self.async_methods,
            serde: self.serde,
            timestamp_type: ty(&self.timestamp_type.as_ref().filter(|t| !is_default_string(t)).cloned()),
            object_type: ty(&self.object_type),
            fallback_type: ty(&self.fallback_type),
            type_attributes: self
                .type_attributes
                .iter()
                // Checked to be outer attributes when the option was set; parsed once per thread.
                .filter_map(|(path, attribute)| {
                    Some((path.clone(), user_syntax::parse_outer_attributes(attribute).ok()?))
                })
                .collect(),
            // Checked to be a module path when the option was set; parsed once per thread.
            shared_types: self.shared_types.as_deref().and_then(|p| user_syntax::parse_module_path(p).ok()),
            reused_mixins: self.reused_mixins.clone(),
        }
    }
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            inputs: Vec::new(),
            out_dir: None,
            cargo: None,
            timings: false,
            jobs: None,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            sync: false,
            validate: validate::Options::default(),
            emit: EmitSettings {
                async_methods: true,
                serde: true,
                timestamp_type: None,
                object_type: None,
                fallback_type: None,
                type_attributes: Vec::new(),
                shared_types: None,
                reused_mixins: Vec::new(),
            },
            option_errors: Vec::new(),
            #[cfg(feature = "docs")]
            docs_out: None,
            #[cfg(feature = "schema")]
            schema_out: None,
        }
    }

    /// A contract file (mixin or node), or a folder: every `*.yaml`/`*.yml` in it and in its
    /// subfolders (hidden ones skipped), in sorted order.
    pub fn input(mut self, path: impl AsRef<Path>) -> Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    pub fn inputs<P: AsRef<Path>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.inputs.extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// Where to write; defaults to `$OUT_DIR`.
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Trait methods are blocking (`fn x(&self, ..) -> Result<..>`) instead of returning futures.
    pub fn blocking(mut self, blocking: bool) -> Self {
        self.emit.async_methods = !blocking;
        self
    }

    /// Whether generated types derive serde's `Serialize` and `Deserialize` (default true).
    pub fn serde(mut self, serde: bool) -> Self {
        self.emit.serde = serde;
        self
    }

    /// What to say about action inputs and outputs with no declared type, which get the fallback
    /// type: nothing ([`UntypedNames::Allow`]), one warning W0220 per file ([`UntypedNames::Warn`],
    /// the default) or an error E0222 for each ([`UntypedNames::Deny`]).
    pub fn untyped_names(mut self, policy: UntypedNames) -> Self {
        self.validate.untyped = policy;
        self
    }

    /// `true` is [`untyped_names`](Self::untyped_names)`(UntypedNames::Deny)`, `false` the default
    /// (`Warn`).
    pub fn strict_types(self, strict: bool) -> Self {
        self.untyped_names(if strict { UntypedNames::Deny } else { UntypedNames::Warn })
    }

    /// The Rust type for `timestamp`/`datetime` (default `String`), e.g. `chrono::DateTime<chrono::Utc>`.
    pub fn timestamp_type(mut self, ty: &str) -> Self {
        if self.check_type("timestamp_type", ty) {
            self.emit.timestamp_type = Some(ty.to_string());
        }
        self
    }

    /// The Rust type for `object` (default the generated `Value`), e.g. `serde_json::Value`.
    pub fn object_type(mut self, ty: &str) -> Self {
        if self.check_type("object_type", ty) {
            self.emit.object_type = Some(ty.to_string());
        }
        self
    }

    /// The Rust type for inputs and outputs with no declared type (default the generated `Value`).
    pub fn fallback_type(mut self, ty: &str) -> Self {
        if self.check_type("fallback_type", ty) {
            self.emit.fallback_type = Some(ty.to_string());
        }
        self
    }

    /// The Rust type of an action input or output that the contract gives no type, by its
    /// `module.action.name` path: `.io_type("error_handling.should_retry.attempt_number", "u32")`.
    /// It comes after an explicit type in the contract (which wins, with warning W0223) and before
    /// every other rule (README's type resolution order). A path that matches nothing is W0223.
    /// The type must implement what generated payloads derive: `Debug`, `Clone`, `PartialEq`,
    /// `Default`, and serde's traits unless `.serde(false)`. The last override of a path wins.
    pub fn io_type(mut self, path: &str, ty: &str) -> Self {
        let segments: Vec<&str> = path.split('.').collect();
        if segments.len() != 3 || segments.iter().any(|s| s.is_empty()) {
            self.option_errors.push(format!(
                "io_type: `{path}` is not a `module.action.name` path (such as `error_handling.should_retry.attempt_number`)"
            ));
        } else if self.check_type("io_type", ty) {
            self.validate.io_types.retain(|(p, _)| p != path);
            self.validate.io_types.push((path.to_string(), ty.to_string()));
        }
        self
    }

    /// Adds an attribute (`#[derive(Eq)]`, `#[non_exhaustive]`...) to generated types whose
    /// `module.Type` path starts with `path` (`.` for every type).
    pub fn type_attribute(mut self, path: &str, attribute: &str) -> Self {
        match user_syntax::parse_outer_attributes(attribute) {
            Ok(_) => self.emit.type_attributes.push((path.to_string(), attribute.to_string())),
            Err(e) => self.option_errors.push(format!("type_attribute: `{attribute}` is not an outer attribute: {e}")),
        }
        self
    }

    /// Reuse the shared types (`Node`, `NodeType`, `Version`, `ActionSpec`, `Value`, the config
    /// bounds...) that another crate generated, instead of defining copies of them: `path` is the
    /// public module where that crate includes its `mixins.rs` (`"::first_crate::mixins"`). The
    /// root file then re-exports them from there (`pub use ::first_crate::mixins::{..};`), so the
    /// two crates' mixins take and give the same types: a type implementing `first_crate`'s `Node`
    /// can implement this crate's mixin traits too. With serde on here, that crate must have
    /// generated with serde as well (the derives here need its types' impls); blocking or async may
    /// differ. `path` must be a module path (`a::b`, `::a::b`, `crate::a`), else an option error.
    pub fn shared_types_from(mut self, path: &str) -> Self {
        match user_syntax::parse_module_path(path) {
            Ok(_) => self.emit.shared_types = Some(path.to_string()),
            Err(e) => self.option_errors.push(format!("shared_types_from: `{path}` is not a module path: {e}")),
        }
        self
    }

    /// With [`shared_types_from`](Self::shared_types_from): the mixin whose module is `module`
    /// (`"error_handling"`, as generated) is the other crate's too, so it is not generated again
    /// but re-exported from there (`pub use ::first_crate::mixins::error_handling;`). Its contract
    /// is still read and checked (node contracts here may list it, and their modules then name the
    /// other crate's `Configuration` and traits), but this run's type options do not apply to it:
    /// it is as the other crate generated it, from the same contract (the generated code fails
    /// to build when that module's `VERSION` is not this contract's `mixin_version`). A module
    /// that no contract here generates is an option error, as is `reuse_mixin` without
    /// `shared_types_from`.
    pub fn reuse_mixin(mut self, module: &str) -> Self {
        if !self.emit.reused_mixins.iter().any(|m| m == module) {
            self.emit.reused_mixins.push(module.to_string());
        }
        self
    }

    /// Whether to print `cargo:` directives (rerun-if-changed, warnings). Defaults to true when
    /// running inside a build script.
    pub fn emit_rerun_directives(mut self, on: bool) -> Self {
        self.cargo = Some(on);
        self
    }

    /// Measure each stage (for benchmarks); see [`Report::timings`].
    pub fn timings(mut self, on: bool) -> Self {
        self.timings = on;
        self
    }

    /// How many contracts to work on at once. By default (or with 0): in a build script, cargo's
    /// job count (`NUM_JOBS`, what `-j` says), elsewhere the machine's available parallelism;
    /// never more than there are contracts. 1 works on one contract at a time, on the calling
    /// thread. Output and diagnostics are the same, in the same order, whatever the number.
    pub fn jobs(mut self, jobs: usize) -> Self {
        self.jobs = (jobs > 0).then_some(jobs);
        self
    }

    /// W0223 for `.io_type` paths whose module is none of the mixins (those of a mixin are
    /// checked with the mixin, where the path can be placed).
    fn overrides_for_no_mixin(&self, mixins: &[MixinSummary]) -> Vec<Diagnostic> {
        let file = self.inputs.first().map_or(Path::new("."), |p| p.as_path());
        let modules = each::map(mixins, &mut |m| m.module.name.as_str());
        let mut out = Vec::new();
        for (path, _) in &self.validate.io_types {
            let module = path.split('.').next().unwrap_or_default();
            if modules.contains(&module) {
                continue;
            }
            let d = Diagnostic::warning(
                "W0223",
                file,
                format!("`.io_type(\"{path}\", ..)` names the module `{module}`, which no contract here generates"),
            );
            out.push(match crate::validate::suggest::closest(module, modules.iter().copied()) {
                Some(near) => d.with_help(format!("did you mean `{near}`?")),
                None => {
                    d.with_help(format!("modules here: {}", each::map(&modules, &mut |m| format!("`{m}`")).join(", ")))
                }
            });
        }
        out
    }

    /// How long `generate` and `check` wait for another run that is using the output folder
    /// (default 60 s) before they fail, saying so.
    pub fn lock_timeout(mut self, timeout: Duration) -> Self {
        self.lock_timeout = timeout;
        self
    }

    /// Whether each written file is flushed to disk before it is renamed into place, so that
    /// after a power cut too each file is old or new (default false: a kill needs no flush, as a
    /// rename is atomic, and a flush per file costs milliseconds; BENCHMARKS.md section 6).
    pub fn sync(mut self, sync: bool) -> Self {
        self.sync = sync;
        self
    }

    fn check_type(&mut self, what: &str, ty: &str) -> bool {
        match user_syntax::parse_type(ty) {
            Ok(_) => true,
            Err(e) => {
                self.option_errors.push(format!("{what}: `{ty}` is not a Rust type: {e}"));
                false
            }
        }
    }

    fn job_count(&self, contracts: usize) -> usize {
        if contracts <= 1 || self.jobs == Some(1) {
            return 1;
        }
        // Reads cgroup files on Linux: only asked when there is a choice to make.
        let available = std::thread::available_parallelism().map_or(1, usize::from);
        let jobs = self.jobs.unwrap_or_else(|| {
            let cargo_jobs = std::env::var("NUM_JOBS").ok().and_then(|n| n.parse::<usize>().ok());
            match cargo_jobs {
                Some(n) if self.in_build_script() => n.clamp(1, available),
                _ => available,
            }
        });
        jobs.clamp(1, contracts.max(1))
    }

    fn in_build_script(&self) -> bool {
        self.cargo.unwrap_or_else(|| {
            std::env::var_os("OUT_DIR").is_some() && std::env::var_os("CARGO_MANIFEST_DIR").is_some()
        })
    }

    fn resolve_out_dir(&self) -> Result<PathBuf, Error> {
        match &self.out_dir {
            Some(d) => Ok(d.clone()),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::Options(vec!["no output folder: call out_dir(..) or run from a build script".into()])
            }),
        }
    }

    fn check_options(&self) -> Result<(), Error> {
        let mut problems = self.option_errors.clone();
        if let (Some(first), None) = (self.emit.reused_mixins.first(), &self.emit.shared_types) {
            problems.push(format!(
                "reuse_mixin: `{first}` would come from the crate of the shared types, but `.shared_types_from(..)` names none"
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Options(problems))
        }
    }

    /// Every `.reuse_mixin(..)` module must be one that a contract here generates.
    fn check_reused(&self, mixins: &[MixinSummary]) -> Result<(), Error> {
        let modules = || mixins.iter().map(|m| m.module.name.as_str());
        let problems: Vec<String> = self
            .emit
            .reused_mixins
            .iter()
            .filter(|r| !modules().any(|m| m == r.as_str()))
            .map(|r| {
                let hint = match crate::validate::suggest::closest(r, modules()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => {
                        format!("modules here: {}", modules().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "))
                    }
                };
                format!("reuse_mixin: no contract here generates the module `{r}` ({hint})")
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Options(problems))
        }
    }

    /// Validates the contracts and writes `mixins.rs` plus one file per mixin. Writes nothing if any
    /// contract has an error; rewrites only files whose content changed; removes files it generated
    /// earlier for contracts that are gone. Every file reaches the folder by a rename, after all of
    /// them are complete, and while the run holds the folder's lock (see [`crate::write`]).
    pub fn generate(&self) -> Result<Report, Error> {
        self.check_options()?;
        let out_dir = self.resolve_out_dir()?;
        // Folders made here (parents too) and the lock go again if the run fails.
        let transaction = write::Transaction::begin(&out_dir, self.write_settings())?;
        let cargo = self.in_build_script();
        self.run(Some(&out_dir), Sink::Stage(transaction)).and_then(|mut run| {
            if cargo {
                run.print_cargo_directives();
            }
            let models = std::mem::take(&mut run.models);
            let nodes = if models.is_empty() { Vec::new() } else { run.nodes.clone() };
            let report = run.finish_generate()?;
            self.generate_pages(report, &models, &nodes)
        })
    }

    /// Compares `dir` with what `generate` would write there, without writing: the stale files
    /// are exactly those `generate` would create, replace or remove.
    pub fn check(&self) -> Result<CheckReport, Error> {
        self.check_options()?;
        let out_dir = self.resolve_out_dir()?;
        let comparison = write::Comparison::begin(&out_dir, self.write_settings())?;
        let mut run = self.run(Some(&out_dir), Sink::Compare(comparison))?;
        let models = std::mem::take(&mut run.models);
        let nodes = if models.is_empty() { Vec::new() } else { run.nodes.clone() };
        let report = run.finish_check()?;
        self.check_pages(report, &models, &nodes)
    }

    fn write_settings(&self) -> write::Settings {
        write::Settings { is_ours: format::is_header, lock_timeout: self.lock_timeout, sync: self.sync }
    }

    /// Validates the contracts without generating code.
    pub fn validate(&self) -> Result<ValidationReport, Error> {
        self.check_options()?;
        let run = self.run(None, Sink::Nothing)?;
        let nodes = each::map(&run.nodes, &mut |(n, _)| n.name.clone());
        Ok(ValidationReport { diagnostics: run.diagnostics, files: run.checked, nodes })
    }

    /// Validates the contracts into the checked model of them all, for back ends other than the
    /// Rust one: every valid mixin (those that node contracts reach included) and every node,
    /// each in name order. Any error is [`Error::Contracts`]; warnings come with the project.
    pub fn project(&self) -> Result<ProjectReport, Error> {
        self.check_options()?;
        let run = self.run_keeping(None, Sink::Nothing, true)?;
        if run.has_errors() {
            return Err(Error::contracts(run.diagnostics));
        }
        let mut mixins: Vec<Mixin> = each::map_into(run.models, &mut |(m, _)| m);
        order::sort_by(&mut mixins, |a, b| a.name.cmp(&b.name));
        let nodes = each::map_into(run.nodes, &mut |(n, _)| n);
        Ok(ProjectReport { project: Project { mixins, nodes }, diagnostics: run.diagnostics })
    }

    fn run(&self, out_dir: Option<&Path>, sink: Sink) -> Result<Run, Error> {
        self.run_keeping(out_dir, sink, self.keeps_models())
    }

    /// [`Self::run`], keeping every checked model in [`Run::models`] when `keep_models` is set.
    fn run_keeping(&self, out_dir: Option<&Path>, sink: Sink, keep_models: bool) -> Result<Run, Error> {
        let (inputs, problems) = load::discover(&self.inputs);
        if !problems.is_empty() {
            return Err(Error::Inputs(problems));
        }
        if inputs.files.is_empty() {
            return Err(Error::Inputs(vec![Diagnostic::error(
                "E0001",
                self.inputs.first().map_or(Path::new("."), |p| p.as_path()),
                "no contract files (*.yaml, *.yml) found",
            )]));
        }
        let mut run = Run {
            inputs,
            sink,
            diagnostics: Vec::new(),
            summaries: Vec::new(),
            checked: Vec::new(),
            names: HashMap::new(),
            drafts: Vec::new(),
            nodes: Vec::new(),
            reached: Vec::new(),
            timings: StageTimings::default(),
            measure: self.timings,
            models: Vec::new(),
            keep_models,
        };
        match self.fill(&mut run, out_dir) {
            Ok(()) => Ok(run),
            Err(e) => {
                run.discard_staged();
                Err(e)
            }
        }
    }

    /// Processes every contract into `run`, then the root file.
    fn fill(&self, run: &mut Run, out_dir: Option<&Path>) -> Result<(), Error> {
        let files = run.inputs.files.clone();
        let work = Work {
            builder: self,
            code: out_dir.is_some(),
            keep_models: run.keep_models,
            errors: AtomicBool::new(false),
        };
        let jobs = self.job_count(files.len());
        let options = self.emit.options();
        if jobs == 1 {
            for file in &files {
                let done = work.process(file, &options);
                run.merge(done, &work, out_dir)?;
            }
        } else {
            parallel::in_order(
                &files,
                jobs,
                || self.emit.options(),
                |options, file| work.process(file, options),
                |done| run.merge(done, &work, out_dir),
            )?;
        }
        self.resolve_nodes(run, &work, out_dir, &options)?;
        // Contract errors first: they are the user's to fix, and which contracts were emitted
        // before an error was seen depends on the number of jobs.
        if run.has_errors() {
            return Ok(());
        }
        run.diagnostics.extend(self.overrides_for_no_mixin(&run.summaries));
        self.check_reused(&run.summaries)?;
        if out_dir.is_some() {
            // Node modules left from contracts that are gone are stale, even when no node is left.
            run.scan_also(Path::new(emit::NODES_MODULE))?;
            let files: Vec<(String, String)> = each::map(&run.nodes, &mut |(node, shown)| {
                let syntax = emit::node_file(node, &options);
                (emit::node_file_name(node), format::format_file(syntax, &format::header(Some(shown))))
            });
            for (name, text) in files {
                run.output(&name, text)?;
            }
            // By name: the root file is the same whatever order the inputs were named in.
            order::sort_by(&mut run.summaries, |a, b| a.name.cmp(&b.name));
            let nodes: Vec<NodeSummary> = each::map(&run.nodes, &mut |(n, _)| NodeSummary::of(n));
            let chunks = emit::root_file_with_nodes(&run.summaries, &nodes, &options);
            let text = format::format_root(chunks, &format::header(None));
            run.output(ROOT_FILE, text)?;
        }
        Ok(())
    }
}

impl Builder {
    /// Follows every node's subcontracts, reading and generating the mixins they reach that were
    /// not among the inputs (each file once), then checks what needs them: the targets, the node
    /// types, integration fields and mixins listed twice, node names used twice.
    fn resolve_nodes(
        &self,
        run: &mut Run,
        work: &Work,
        out_dir: Option<&Path>,
        options: &EmitOptions,
    ) -> Result<(), Error> {
        if run.drafts.is_empty() {
            return Ok(());
        }
        let mut reached: HashMap<PathBuf, Reached> = HashMap::new();
        for (path, what) in std::mem::take(&mut run.reached) {
            reached.insert(std::fs::canonicalize(&path).unwrap_or(path), what);
        }
        let drafts = std::mem::take(&mut run.drafts);
        let all: Vec<&Draft> = each::map(&drafts, &mut |(d, _, _)| d);
        let mut duplicates = validate::node::resolve::unique_names(&all);
        let taken: Vec<PathBuf> = each::map(&duplicates, &mut |d| d.primary.file.clone());
        for (draft, shown, mut own) in drafts {
            let base = match draft.source.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let mut targets = Vec::new();
            for entry in &draft.entries {
                targets.push(self.target(run, work, &mut reached, &base.join(&entry.path), out_dir, options)?);
            }
            let source = draft.source.clone();
            let (node, diagnostics) = validate::node::resolve::resolve(draft, targets);
            own.extend(diagnostics);
            let (here, elsewhere): (Vec<Diagnostic>, Vec<Diagnostic>) =
                duplicates.into_iter().partition(|d| d.primary.file == source);
            duplicates = elsewhere;
            own.extend(here);
            if own.iter().any(Diagnostic::is_error) {
                work.errors.store(true, Ordering::Relaxed);
            }
            // In the file's order, as the diagnostics of a contract checked alone are.
            order::sort_by(&mut own, Diagnostic::cmp_in_file);
            run.diagnostics.extend(own);
            if let Some(node) = node.filter(|n| !taken.contains(&n.source)) {
                run.nodes.push((node, shown));
            }
        }
        // By name: the root file and reports are the same whatever order the inputs were named in.
        order::sort_by(&mut run.nodes, |a, b| a.0.name.cmp(&b.0.name));
        if !run.nodes.is_empty() {
            if let Some(clash) = run.summaries.iter().find(|m| m.module.name == emit::NODES_MODULE) {
                let path =
                    run.checked.iter().find(|f| f.mixin == clash.name).map(|f| f.path.clone()).unwrap_or_default();
                let text = load::read(&path).map(|s| s.text).unwrap_or_default();
                let mut d = Diagnostic::error(
                    "E0315",
                    &path,
                    format!(
                        "`{}` would become the module `{}`, which holds the node contracts here",
                        clash.name,
                        emit::NODES_MODULE
                    ),
                )
                .with_help("rename the mixin: with node contracts among the inputs, `crate::nodes` is theirs");
                d.primary.location = locate_name(&text);
                run.diagnostics.push(d);
                work.errors.store(true, Ordering::Relaxed);
            }
        }
        Ok(())
    }

    /// What one subcontract path leads to. A mixin contract not read yet is read, validated and
    /// generated here, like an input.
    fn target(
        &self,
        run: &mut Run,
        work: &Work,
        reached: &mut HashMap<PathBuf, Reached>,
        path: &Path,
        out_dir: Option<&Path>,
        options: &EmitOptions,
    ) -> Result<Target, Error> {
        match std::fs::metadata(path) {
            Err(_) => return Ok(Target::Missing(path.to_path_buf())),
            Ok(m) if !m.is_file() => return Ok(Target::NotAFile(path.to_path_buf(), load::describe(&m.file_type()))),
            Ok(_) => {}
        }
        let Ok(resolved) = std::fs::canonicalize(path) else { return Ok(Target::Missing(path.to_path_buf())) };
        if let Some(what) = reached.get(&resolved) {
            return Ok(what.target(path));
        }
        // Read once, watched by cargo like an input.
        let what = match run.inputs.add_file(path) {
            Ok(true) => {
                let file = run.inputs.files.last().cloned().expect("just added");
                match work.read(&file) {
                    Err(done) => {
                        run.merge(done, work, out_dir)?;
                        Reached::Broken
                    }
                    Ok((_, doc, _))
                        if validate::node::kind(&doc) == ContractKind::Node || !validate::is_mixin_like(&doc) =>
                    {
                        Reached::Other(validate::node::looks_like(&doc))
                    }
                    Ok((source, doc, timings)) => {
                        let done = work.process_doc(&file, &source, doc, options, timings);
                        let info = done.mixin.as_ref().map(|c| c.info.clone());
                        let before = run.names.len();
                        run.merge(done, work, out_dir)?;
                        match info {
                            Some(info) if run.names.len() > before => Reached::Mixin(info),
                            _ => Reached::Broken,
                        }
                    }
                }
            }
            Ok(false) => Reached::Broken,
            Err(d) => {
                run.diagnostics.push(*d);
                Reached::Broken
            }
        };
        let target = what.target(path);
        reached.insert(resolved, what);
        Ok(target)
    }
}

impl Reached {
    fn target(&self, path: &Path) -> Target {
        match self {
            Reached::Mixin(info) => Target::Mixin(info.clone()),
            Reached::Other(looks) => Target::NotAMixin(path.to_path_buf(), looks.clone()),
            Reached::Broken => Target::Broken,
        }
    }
}

/// What every contract's processing shares, across threads.
struct Work<'a> {
    builder: &'a Builder,
    /// Whether to emit and format code (not for `validate`).
    code: bool,
    /// Whether to keep each checked model: for [`Builder::project`] and the back ends that read
    /// them all at the end.
    keep_models: bool,
    /// Set when any contract had an error: nothing will be written, so no more code is made.
    errors: AtomicBool,
}

/// One contract, processed: what it reported and, if valid, what it became.
struct Processed {
    /// The file as reached.
    path: PathBuf,
    diagnostics: Vec<Diagnostic>,
    mixin: Option<Checked>,
    /// A node contract checked alone, with the name its file is shown by.
    node: Option<(Draft, String)>,
    /// Whether the file is a node contract (valid or not).
    is_node: bool,
    timings: StageTimings,
}

struct Checked {
    summary: FileSummary,
    root: MixinSummary,
    /// What nodes that list the mixin need of it.
    info: MixinInfo,
    /// The formatted module file, unless code was not wanted or could not be written anyway.
    code: Option<String>,
    /// The checked model and its header name, when the caller keeps them.
    model: Option<(Mixin, String)>,
}

impl Work<'_> {
    /// Load, parse, validate, emit and format one contract: everything that needs no other contract.
    fn process(&self, file: &load::ContractFile, options: &EmitOptions) -> Processed {
        match self.read(file) {
            Ok((source, doc, timings)) => self.process_doc(file, &source, doc, options, timings),
            Err(done) => done,
        }
    }

    /// Load and parse one file; a failure is the file's one diagnostic.
    #[allow(clippy::result_large_err)]
    fn read(&self, file: &load::ContractFile) -> Result<(load::Source, parse::Yaml, StageTimings), Processed> {
        let mut timings = StageTimings::default();
        let measure = self.builder.timings;
        let failed = |d: Box<Diagnostic>, timings| {
            self.errors.store(true, Ordering::Relaxed);
            Processed {
                path: file.path.clone(),
                diagnostics: vec![*d],
                mixin: None,
                node: None,
                is_node: false,
                timings,
            }
        };
        let start = Instant::now();
        let source = load::read(&file.path);
        if measure {
            timings.load += start.elapsed();
        }
        let source = match source {
            Ok(s) => s,
            Err(d) => return Err(failed(d, timings)),
        };
        let start = Instant::now();
        let doc = parse::parse(&source);
        if measure {
            timings.parse += start.elapsed();
        }
        match doc {
            Ok(doc) => Ok((source, doc, timings)),
            Err(d) => Err(failed(d, timings)),
        }
    }

    /// Validate, emit and format one parsed contract.
    fn process_doc(
        &self,
        file: &load::ContractFile,
        source: &load::Source,
        doc: parse::Yaml,
        options: &EmitOptions,
        mut timings: StageTimings,
    ) -> Processed {
        let measure = self.builder.timings;
        let mut time = |stage: fn(&mut StageTimings) -> &mut Duration, start: Instant| {
            if measure {
                *stage(&mut timings) += start.elapsed();
            }
        };
        let path = file.path.clone();
        if validate::node::kind(&doc) == ContractKind::Node {
            let start = Instant::now();
            let (draft, diagnostics) = validate::node::validate(source, &doc, &self.builder.validate);
            time(|t| &mut t.validate, start);
            if diagnostics.iter().any(Diagnostic::is_error) {
                self.errors.store(true, Ordering::Relaxed);
            }
            let node = draft.map(|d| (d, file.shown.clone()));
            return Processed { path, diagnostics, mixin: None, node, is_node: true, timings };
        }
        let start = Instant::now();
        let (mixin, diagnostics) = validate::validate(source, &doc, &self.builder.validate);
        time(|t| &mut t.validate, start);
        drop(doc);
        if diagnostics.iter().any(Diagnostic::is_error) {
            self.errors.store(true, Ordering::Relaxed);
        }
        let Some(mixin) = mixin else {
            return Processed { path, diagnostics, mixin: None, node: None, is_node: false, timings };
        };
        // A reused mixin's module is the other crate's: nothing to write.
        let reused = self.builder.emit.reused_mixins.contains(&mixin.module.name);
        let code = (self.code && !reused && !self.errors.load(Ordering::Relaxed)).then(|| {
            let start = Instant::now();
            let syntax = emit::mixin_file(&mixin, options);
            time(|t| &mut t.emit, start);
            let start = Instant::now();
            let text = format::format_file(syntax, &format::header(Some(&file.shown)));
            time(|t| &mut t.format, start);
            text
        });
        let checked = Checked {
            summary: FileSummary::of(&mixin),
            root: MixinSummary::of(&mixin),
            info: MixinInfo {
                mixin: MixinRef {
                    name: mixin.name.clone(),
                    module: mixin.module.clone(),
                    trait_name: mixin.trait_name.clone(),
                    source: mixin.source.clone(),
                    variant: names::to_ident(&mixin.module.name, names::Case::UpperCamel)
                        .unwrap_or_else(|_| mixin.trait_name.clone()),
                    has_actions: !mixin.actions.is_empty(),
                },
                node_types: mixin.node_types.clone(),
            },
            code,
            model: self.keep_models.then(|| (mixin, file.shown.clone())),
        };
        Processed { path, diagnostics, mixin: Some(checked), node: None, is_node: false, timings }
    }
}

enum Sink {
    Nothing,
    Stage(write::Transaction),
    Compare(write::Comparison),
}

struct Run {
    inputs: load::Inputs,
    sink: Sink,
    diagnostics: Vec<Diagnostic>,
    summaries: Vec<MixinSummary>,
    checked: Vec<FileSummary>,
    /// mixin_name -> the file that defined it first.
    names: HashMap<String, PathBuf>,
    /// Node contracts checked alone, in input order, waiting for their subcontracts.
    drafts: Vec<(Draft, String, Vec<Diagnostic>)>,
    /// Nodes whose subcontracts all resolved.
    nodes: Vec<(Node, String)>,
    /// What each file became, by the path it was reached by: what a subcontract path leads to
    /// (resolved only when there is a node, so a run of mixins alone asks nothing more of the
    /// file system).
    reached: Vec<(PathBuf, Reached)>,
    timings: StageTimings,
    measure: bool,
    /// Every valid mixin's checked model with its header name, in input order, kept only when
    /// asked for ([`Builder::project`], docs, schemas): a run that writes code needs no more than
    /// each mixin's summary.
    models: Vec<(Mixin, String)>,
    keep_models: bool,
}

/// What a file read in this run turned out to be, for the subcontracts that lead to it.
#[derive(Clone)]
enum Reached {
    Mixin(MixinInfo),
    /// Not a mixin contract: what it looks like.
    Other(String),
    /// A contract with errors of its own, reported in its own file.
    Broken,
}

impl Run {
    fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Undoes the files written so far (the run failed before committing them).
    fn discard_staged(&mut self) {
        self.sink = Sink::Nothing;
    }

    /// Takes one processed contract, in input order: checks what needs the contracts before it
    /// (unique names) and hands its code to the sink.
    fn merge(&mut self, done: Processed, work: &Work, out_dir: Option<&Path>) -> Result<(), Error> {
        self.timings.add(&done.timings);
        if done.is_node {
            self.reached.push((done.path, Reached::Other(validate::node::NODE_LOOKS.to_string())));
            match done.node {
                // Reported with what its subcontracts lead to, all of the file's in one order.
                Some((draft, shown)) => self.drafts.push((draft, shown, done.diagnostics)),
                None => self.diagnostics.extend(done.diagnostics),
            }
            return Ok(());
        }
        self.diagnostics.extend(done.diagnostics);
        let Some(checked) = done.mixin else {
            self.reached.push((done.path, Reached::Broken));
            return Ok(());
        };
        if !self.unique(&checked.root, &checked.summary.path) {
            work.errors.store(true, Ordering::Relaxed);
            self.reached.push((done.path, Reached::Broken));
            return Ok(());
        }
        self.reached.push((done.path, Reached::Mixin(checked.info.clone())));
        let file_name = checked.root.file_name.clone();
        self.models.extend(checked.model);
        self.checked.push(checked.summary);
        self.summaries.push(checked.root);
        match checked.code {
            Some(code) if out_dir.is_some() && !self.has_errors() => self.output(&file_name, code),
            _ => Ok(()),
        }
    }

    /// `mixin_name` must be unique across inputs; the root file's name is reserved.
    fn unique(&mut self, mixin: &MixinSummary, path: &Path) -> bool {
        // Positions are looked up only when there is something to report.
        let text_of = |path: &Path| load::read(path).map(|source| source.text).unwrap_or_default();
        let here = || Label { file: path.to_path_buf(), location: locate_name(&text_of(path)), message: String::new() };
        if mixin.file_name == ROOT_FILE {
            let mut d = Diagnostic::error(
                "E0112",
                path,
                format!("`{}` would generate `{ROOT_FILE}`, the root file's name", mixin.name),
            )
            .with_help("choose another mixin_name");
            d.primary = Label { message: "reserved name".into(), ..here() };
            self.diagnostics.push(d);
            return false;
        }
        if let Some(first) = self.names.get(&mixin.name) {
            let first_text = text_of(first);
            let mut d =
                Diagnostic::error("E0111", path, format!("mixin_name `{}` is used by two contracts", mixin.name))
                    .with_help("every mixin needs its own mixin_name")
                    .with_secondary(Label {
                        file: first.clone(),
                        location: locate_name(&first_text),
                        message: "first used here".into(),
                    });
            d.primary = Label { message: "used again here".into(), ..here() };
            self.diagnostics.push(d);
            return false;
        }
        self.names.insert(mixin.name.clone(), path.to_path_buf());
        true
    }

    /// Has the sink look in `folder` (relative to the output folder) for stale files too.
    fn scan_also(&mut self, folder: &Path) -> Result<(), Error> {
        match &mut self.sink {
            Sink::Nothing => {}
            Sink::Stage(transaction) => transaction.scan_also(folder)?,
            Sink::Compare(comparison) => comparison.scan_also(folder)?,
        }
        Ok(())
    }

    /// Hands one file to the sink. `name` is relative to the output folder.
    fn output(&mut self, name: &str, text: String) -> Result<(), Error> {
        let start = Instant::now();
        match &mut self.sink {
            Sink::Nothing => {}
            Sink::Stage(transaction) => {
                transaction.put(Path::new(name), text.as_bytes())?;
            }
            Sink::Compare(comparison) => {
                comparison.put(Path::new(name), text.as_bytes())?;
            }
        }
        if self.measure {
            self.timings.write += start.elapsed();
        }
        Ok(())
    }

    /// Every file read and every folder listed: what cargo must watch.
    fn watched(&self) -> Vec<PathBuf> {
        let mut watched = each::map(&self.inputs.files, &mut |f| f.path.clone());
        watched.extend_from_slice(&self.inputs.folders);
        watched
    }

    fn print_cargo_directives(&self) {
        for path in self.watched() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        for d in self.diagnostics.iter().filter(|d| d.severity == Severity::Warning) {
            println!("cargo:warning={}", d.to_string().replace('\n', " "));
        }
    }

    fn finish_generate(mut self) -> Result<Report, Error> {
        let Sink::Stage(transaction) = std::mem::replace(&mut self.sink, Sink::Nothing) else {
            return Err(Error::Internal(PathBuf::new(), "generate ran without a staging sink".into()));
        };
        if self.has_errors() {
            drop(transaction);
            return Err(Error::contracts(self.diagnostics));
        }
        let start = Instant::now();
        let summary = transaction.commit()?;
        if self.measure {
            self.timings.write += start.elapsed();
        }
        let watched = self.watched();
        Ok(Report {
            diagnostics: self.diagnostics,
            files_written: summary.written.len(),
            files_unchanged: summary.unchanged,
            files_removed: summary.removed,
            files_cleaned: summary.cleaned,
            mixins: each::map_into(self.summaries, &mut |s| s.name),
            watched,
            nodes: each::map_into(self.nodes, &mut |(n, _)| n.name),
            timings: self.timings,
        })
    }

    fn finish_check(mut self) -> Result<CheckReport, Error> {
        if self.has_errors() {
            return Err(Error::contracts(self.diagnostics));
        }
        let Sink::Compare(comparison) = std::mem::replace(&mut self.sink, Sink::Nothing) else {
            return Err(Error::Internal(PathBuf::new(), "check ran without a compare sink".into()));
        };
        let text = |bytes: Option<Vec<u8>>| bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
        let stale = comparison
            .finish()?
            .into_iter()
            .map(|d| StaleFile { path: d.path, change: d.change, expected: text(d.expected), actual: text(d.actual) })
            .collect();
        Ok(CheckReport { diagnostics: self.diagnostics, stale })
    }
}

fn locate_name(text: &str) -> Option<crate::diagnostics::Location> {
    let anchor = Anchor::value(&[Seg::key("mixin_name")]);
    SpanIndex::build_for(text, [&anchor]).find(&anchor)
}

/// Time spent in each stage, summed over all contracts (when [`Builder::timings`] is on). With
/// several jobs the stages overlap, so their sum can exceed the wall time.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StageTimings {
    pub load: Duration,
    pub parse: Duration,
    pub validate: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub write: Duration,
}

impl StageTimings {
    fn add(&mut self, other: &StageTimings) {
        self.load += other.load;
        self.parse += other.parse;
        self.validate += other.validate;
        self.emit += other.emit;
        self.format += other.format;
        self.write += other.write;
    }
}

/// What `generate` did.
#[derive(Debug, Clone)]
pub struct Report {
    /// Warnings and notes (errors make `generate` fail).
    pub diagnostics: Vec<Diagnostic>,
    pub files_written: usize,
    pub files_unchanged: usize,
    /// Generated files of contracts that are gone.
    pub files_removed: Vec<PathBuf>,
    /// What interrupted runs had left in the folder (temporary files, a lock file), removed.
    pub files_cleaned: Vec<PathBuf>,
    /// The mixins generated, by name.
    pub mixins: Vec<String>,
    /// The node contracts generated, by `node_name`.
    pub nodes: Vec<String>,
    /// Every contract file read (the mixins that node contracts reach included) and every folder
    /// listed: what a build script prints as `cargo:rerun-if-changed`.
    pub watched: Vec<PathBuf>,
    pub timings: StageTimings,
}

/// A file that `generate` would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    pub path: PathBuf,
    /// What `generate` would do with it.
    pub change: write::Change,
    /// `None`: the file should not be there.
    pub expected: Option<String>,
    /// `None`: the file is missing.
    pub actual: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub stale: Vec<StaleFile>,
}

/// What one valid contract holds, for `validate`'s listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    pub path: PathBuf,
    pub mixin: String,
    pub actions: usize,
    pub output_models: usize,
    pub configs: usize,
    pub sections: usize,
    pub metrics: usize,
    pub dependencies: usize,
}

impl FileSummary {
    fn of(m: &Mixin) -> Self {
        FileSummary {
            path: m.source.clone(),
            mixin: m.name.clone(),
            actions: m.actions.len(),
            output_models: m.output_models.len(),
            configs: m.configs.len(),
            sections: m.sections.len(),
            metrics: m.metrics.len(),
            dependencies: m.provides.len() + m.requires.len(),
        }
    }
}

/// What [`Builder::project`] gives: the checked model, and the warnings and notes found.
#[derive(Debug, Clone)]
pub struct ProjectReport {
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
pub struct ValidationReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Mixin contracts that passed (those reached through node contracts included).
    pub files: Vec<FileSummary>,
    /// Node contracts that passed, by `node_name`, in name order.
    pub nodes: Vec<String>,
}

/// Why generation failed.
pub enum Error {
    /// Contract problems: every diagnostic of every file.
    Contracts(Vec<Diagnostic>),
    /// Inputs that do not exist or cannot be listed.
    Inputs(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io { path: PathBuf, error: std::io::Error },
    /// A builder option was wrong.
    Options(Vec<String>),
    /// The generator produced invalid Rust: a bug in mixin-codegen.
    Internal(PathBuf, String),
}

impl From<write::Error> for Error {
    fn from(e: write::Error) -> Self {
        Error::Io { path: e.path, error: e.error }
    }
}

impl Error {
    fn contracts(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.retain(|d| d.severity != Severity::Note);
        Error::Contracts(diagnostics)
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Contracts(d) | Error::Inputs(d) => d,
            _ => &[],
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Contracts(d) | Error::Inputs(d) => {
                f.write_str(&render_all(d, Style::Plain))?;
                let tally = crate::diagnostics::Tally::of(d);
                write!(f, "mixin-codegen: generation failed: {tally}")
            }
            Error::Io { path, error } => write!(f, "mixin-codegen: {}: {error}", path.display()),
            Error::Options(problems) => write!(f, "mixin-codegen: invalid options: {}", problems.join("; ")),
            Error::Internal(path, e) => {
                write!(f, "mixin-codegen: internal error for {}: {e} (please report this bug)", path.display())
            }
        }
    }
}

/// Same as Display: `fn main() -> Result<(), Error>` in build.rs prints it with Debug, and cargo
/// should show readable diagnostics, not an escaped string.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f)?;
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::{Builder, Error};

    fn option_problems(builder: Builder) -> Vec<String> {
        match builder.check_options() {
            Err(Error::Options(problems)) => problems,
            _ => Vec::new(),
        }
    }

    #[test]
    fn type_options_must_be_types() {
        let ok = Builder::new()
            .timestamp_type("chrono::DateTime<chrono::Utc>")
            .object_type("serde_json::Value")
            .fallback_type("std::collections::BTreeMap<String, Vec<u8>>");
        assert!(option_problems(ok).is_empty());
        let bad = Builder::new().timestamp_type("Vec<").object_type("fn evil() {}").fallback_type("");
        let problems = option_problems(bad);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("timestamp_type: `Vec<` is not a Rust type"), "{problems:?}");
    }

    #[test]
    fn type_attributes_must_be_outer_attributes_and_nothing_else() {
        let ok = Builder::new().type_attribute(".", "#[derive(Eq, Hash)] #[non_exhaustive]");
        assert!(option_problems(ok).is_empty());
        for bad in ["#[derive(Eq)] pub", "pub", "", "#![allow(dead_code)]", "#[derive(Eq)] struct X;", "derive(Eq)"] {
            let problems = option_problems(Builder::new().type_attribute(".", bad));
            assert_eq!(problems.len(), 1, "{bad:?} accepted");
            assert!(problems[0].contains("is not an outer attribute"), "{problems:?}");
        }
    }
}

#[cfg(test)]
mod default_spelt_out {
    use super::Builder;

    fn generate(builder: Builder, name: &str) -> Vec<(String, String)> {
        let out = std::env::temp_dir().join(format!("mixin-codegen-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let contracts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../mixins");
        builder.input(contracts).out_dir(&out).emit_rerun_directives(false).generate().unwrap();
        let mut files: Vec<(String, String)> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().into_string().unwrap(), std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        std::fs::remove_dir_all(&out).unwrap();
        files
    }

    #[test]
    fn the_default_timestamp_type_spelt_out_is_the_default() {
        let default = generate(Builder::new(), "timestamp-default");
        let spelt = generate(Builder::new().timestamp_type("::std::string::String"), "timestamp-spelt");
        assert_eq!(default, spelt);
        let other = generate(Builder::new().timestamp_type("std::time::SystemTime"), "timestamp-other");
        assert_ne!(default, other);
    }
}
