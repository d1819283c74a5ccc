//! The library's entry point: `Builder`, like prost-build's `Config`.

use crate::diagnostics::{render_all, Diagnostic, Label, Severity, Style};
use crate::emit::{self, EmitOptions, MixinSummary};
use crate::locate::{Anchor, Seg, SpanIndex};
use crate::model::Mixin;
use crate::{format, load, parse, validate, write};
use proc_macro2::TokenStream;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Name of the root file that declares one module per mixin.
pub const ROOT_FILE: &str = "mixins.rs";

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
    validate: validate::Options,
    emit: EmitOptions,
    option_errors: Vec<String>,
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
            validate: validate::Options::default(),
            emit: EmitOptions::default(),
            option_errors: Vec::new(),
        }
    }

    /// A contract file, or a folder: every `*.yaml`/`*.yml` directly in it, in sorted order.
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

    /// Makes an action input or output with no declared type an error.
    pub fn strict_types(mut self, strict: bool) -> Self {
        self.validate.strict_types = strict;
        self
    }

    /// The Rust type for `timestamp`/`datetime` (default `String`), e.g. `chrono::DateTime<chrono::Utc>`.
    pub fn timestamp_type(mut self, ty: &str) -> Self {
        if let Some(t) = self.parse_type("timestamp_type", ty) {
            self.emit.timestamp_type = t;
        }
        self
    }

    /// The Rust type for `object` (default the generated `Value`), e.g. `serde_json::Value`.
    pub fn object_type(mut self, ty: &str) -> Self {
        if let Some(t) = self.parse_type("object_type", ty) {
            self.emit.object_type = t;
        }
        self
    }

    /// The Rust type for inputs and outputs with no declared type (default the generated `Value`).
    pub fn fallback_type(mut self, ty: &str) -> Self {
        if let Some(t) = self.parse_type("fallback_type", ty) {
            self.emit.fallback_type = t;
        }
        self
    }

    /// Adds an attribute (`#[derive(Eq)]`, `#[non_exhaustive]`...) to generated types whose
    /// `module.Type` path starts with `path` (`.` for every type).
    pub fn type_attribute(mut self, path: &str, attribute: &str) -> Self {
        match syn::parse_str::<syn::File>(&format!("{attribute} struct S;")) {
            Ok(file) if matches!(file.items.as_slice(), [syn::Item::Struct(_)]) => {
                if let [syn::Item::Struct(s)] = file.items.as_slice() {
                    let attrs = &s.attrs;
                    self.emit.type_attributes.push((path.to_string(), quote::quote!(#(#attrs)*)));
                }
            }
            _ => self.option_errors.push(format!("type_attribute: `{attribute}` is not an outer attribute")),
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

    fn parse_type(&mut self, what: &str, ty: &str) -> Option<TokenStream> {
        match syn::parse_str::<syn::Type>(ty) {
            Ok(t) => Some(quote::quote!(#t)),
            Err(e) => {
                self.option_errors.push(format!("{what}: `{ty}` is not a Rust type: {e}"));
                None
            }
        }
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
        if self.option_errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Options(self.option_errors.clone()))
        }
    }

    /// Validates the contracts and writes `mixins.rs` plus one file per mixin. Writes nothing if any
    /// contract has an error; rewrites only files whose content changed; removes files it generated
    /// earlier for contracts that are gone.
    pub fn generate(&self) -> Result<Report, Error> {
        self.check_options()?;
        let out_dir = self.resolve_out_dir()?;
        std::fs::create_dir_all(&out_dir).map_err(|e| Error::io(&out_dir, e))?;
        let cargo = self.in_build_script();
        let run = self.run(Some(&out_dir), Sink::Stage(Vec::new()))?;
        if cargo {
            run.print_cargo_directives();
        }
        run.finish_generate(&out_dir)
    }

    /// Compares `dir` with what `generate` would write there, without writing.
    pub fn check(&self) -> Result<CheckReport, Error> {
        self.check_options()?;
        let out_dir = self.resolve_out_dir()?;
        let run = self.run(Some(&out_dir), Sink::Compare(Vec::new()))?;
        run.finish_check(&out_dir)
    }

    /// Validates the contracts without generating code.
    pub fn validate(&self) -> Result<ValidationReport, Error> {
        self.check_options()?;
        let run = self.run(None, Sink::Nothing)?;
        Ok(ValidationReport { diagnostics: run.diagnostics, files: run.checked })
    }

    fn run(&self, out_dir: Option<&Path>, sink: Sink) -> Result<Run, Error> {
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
            timings: StageTimings::default(),
            measure: self.timings,
        };
        let files = run.inputs.files.clone();
        for file in &files {
            run.one(file, self, out_dir)?;
        }
        if let Some(out_dir) = out_dir {
            if !run.has_errors() {
                let chunks = emit::root_file(&run.summaries, &self.emit);
                let text = format::format_root(chunks, &format::header(None));
                run.output(&out_dir.join(ROOT_FILE), text)?;
            }
        }
        Ok(run)
    }
}

enum Sink {
    Nothing,
    Stage(Vec<write::Staged>),
    Compare(Vec<StaleFile>),
}

struct Run {
    inputs: load::Inputs,
    sink: Sink,
    diagnostics: Vec<Diagnostic>,
    summaries: Vec<MixinSummary>,
    checked: Vec<FileSummary>,
    /// mixin_name -> the file that defined it first.
    names: HashMap<String, PathBuf>,
    timings: StageTimings,
    measure: bool,
}

impl Run {
    fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    fn time<T>(&mut self, stage: fn(&mut StageTimings) -> &mut Duration, f: impl FnOnce() -> T) -> T {
        if !self.measure {
            return f();
        }
        let start = Instant::now();
        let out = f();
        *stage(&mut self.timings) += start.elapsed();
        out
    }

    fn one(&mut self, file: &Path, builder: &Builder, out_dir: Option<&Path>) -> Result<(), Error> {
        let source = match self.time(|t| &mut t.load, || load::read(file)) {
            Ok(s) => s,
            Err(d) => {
                self.diagnostics.push(*d);
                return Ok(());
            }
        };
        let doc = match self.time(|t| &mut t.parse, || parse::parse(&source)) {
            Ok(doc) => doc,
            Err(d) => {
                self.diagnostics.push(*d);
                return Ok(());
            }
        };
        let (mixin, diagnostics) =
            self.time(|t| &mut t.validate, || validate::validate(&source, &doc, &builder.validate));
        drop(doc);
        self.diagnostics.extend(diagnostics);
        let Some(mixin) = mixin else { return Ok(()) };
        if !self.unique(&mixin, &source) {
            return Ok(());
        }
        self.checked.push(FileSummary::of(&mixin));
        let file_name = format!("{}.rs", mixin.module.name);
        self.summaries.push(MixinSummary {
            name: mixin.name.clone(),
            module: mixin.module.clone(),
            description: mixin.description.clone(),
            file_name: file_name.clone(),
        });
        let Some(out_dir) = out_dir else { return Ok(()) };
        if self.has_errors() {
            return Ok(()); // nothing will be written: skip the work
        }
        let syntax = self.time(|t| &mut t.emit, || emit::mixin_file(&mixin, &builder.emit));
        let header = format::header(Some(&display_path(file)));
        let text = self.time(|t| &mut t.format, || format::format_file(&syntax, &header));
        self.output(&out_dir.join(file_name), text)
    }

    /// `mixin_name` must be unique across inputs; the root file's name is reserved.
    fn unique(&mut self, mixin: &Mixin, source: &load::Source) -> bool {
        // Positions are looked up only when there is something to report.
        let here = || Label { file: source.path.clone(), location: locate_name(&source.text), message: String::new() };
        if format!("{}.rs", mixin.module.name) == ROOT_FILE {
            let mut d = Diagnostic::error(
                "E0112",
                &source.path,
                format!("`{}` would generate `{ROOT_FILE}`, the root file's name", mixin.name),
            )
            .with_help("choose another mixin_name");
            d.primary = Label { message: "reserved name".into(), ..here() };
            self.diagnostics.push(d);
            return false;
        }
        if let Some(first) = self.names.get(&mixin.name) {
            let first_text = std::fs::read_to_string(first).unwrap_or_default();
            let mut d = Diagnostic::error(
                "E0111",
                &source.path,
                format!("mixin_name `{}` is used by two contracts", mixin.name),
            )
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
        self.names.insert(mixin.name.clone(), source.path.clone());
        true
    }

    fn output(&mut self, target: &Path, text: String) -> Result<(), Error> {
        let measure = self.measure;
        let start = Instant::now();
        match &mut self.sink {
            Sink::Nothing => {}
            Sink::Stage(staged) => {
                if let Some(s) = write::stage(target, &text).map_err(|e| Error::io(target, e))? {
                    staged.push(s);
                }
            }
            Sink::Compare(stale) => {
                if !write::is_current(target, &text) {
                    let actual = std::fs::read_to_string(target).ok();
                    stale.push(StaleFile { path: target.to_path_buf(), expected: Some(text), actual });
                }
            }
        }
        if measure {
            self.timings.write += start.elapsed();
        }
        Ok(())
    }

    /// Every file `generate` writes into `out_dir` (a set: the output folder may hold thousands).
    fn expected_files(&self, out_dir: &Path) -> std::collections::HashSet<PathBuf> {
        let mut files: std::collections::HashSet<PathBuf> =
            self.summaries.iter().map(|s| out_dir.join(&s.file_name)).collect();
        files.insert(out_dir.join(ROOT_FILE));
        files
    }

    fn print_cargo_directives(&self) {
        for path in self.inputs.files.iter().chain(&self.inputs.folders) {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        for d in self.diagnostics.iter().filter(|d| d.severity == Severity::Warning) {
            println!("cargo:warning={}", d.to_string().replace('\n', " "));
        }
    }

    fn finish_generate(mut self, out_dir: &Path) -> Result<Report, Error> {
        let Sink::Stage(staged) = std::mem::replace(&mut self.sink, Sink::Nothing) else {
            return Err(Error::Internal(out_dir.to_path_buf(), "generate ran without a staging sink".into()));
        };
        if self.has_errors() {
            staged.into_iter().for_each(write::Staged::discard);
            return Err(Error::contracts(self.diagnostics));
        }
        let expected = self.expected_files(out_dir);
        let written = staged.len();
        for s in staged {
            let target = s.target.clone();
            s.commit().map_err(|e| Error::io(&target, e))?;
        }
        let mut removed = Vec::new();
        for file in write::rust_files(out_dir) {
            if !expected.contains(&file) && write::is_generated(&file) {
                std::fs::remove_file(&file).map_err(|e| Error::io(&file, e))?;
                removed.push(file);
            }
        }
        Ok(Report {
            diagnostics: self.diagnostics,
            files_written: written,
            files_unchanged: expected.len() - written,
            files_removed: removed,
            mixins: self.summaries.into_iter().map(|s| s.name).collect(),
            timings: self.timings,
        })
    }

    fn finish_check(mut self, out_dir: &Path) -> Result<CheckReport, Error> {
        if self.has_errors() {
            return Err(Error::contracts(self.diagnostics));
        }
        let expected = self.expected_files(out_dir);
        let Sink::Compare(mut stale) = std::mem::replace(&mut self.sink, Sink::Nothing) else {
            return Err(Error::Internal(out_dir.to_path_buf(), "check ran without a compare sink".into()));
        };
        for file in write::rust_files(out_dir) {
            if !expected.contains(&file) {
                let actual = std::fs::read_to_string(&file).ok();
                stale.push(StaleFile { path: file, expected: None, actual });
            }
        }
        Ok(CheckReport { diagnostics: self.diagnostics, stale })
    }
}

fn locate_name(text: &str) -> Option<crate::diagnostics::Location> {
    let anchor = Anchor::value(&[Seg::Key("mixin_name".into())]);
    SpanIndex::build_for(text, [&anchor]).find(&anchor)
}

/// A path as shown in headers: as given, relative to the current folder when possible, with `/`.
pub(crate) fn display_path(path: &Path) -> String {
    let rel = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let shown = rel.as_deref().unwrap_or(path);
    let joined = shown.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    // The root component is itself `/`: an absolute path must not start with `//`.
    joined.strip_prefix("//").map(|rest| format!("/{rest}")).unwrap_or(joined)
}

/// Time spent in each stage, summed over all contracts (when [`Builder::timings`] is on).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StageTimings {
    pub load: Duration,
    pub parse: Duration,
    pub validate: Duration,
    pub emit: Duration,
    pub format: Duration,
    pub write: Duration,
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
    /// The mixins generated, in input order.
    pub mixins: Vec<String>,
    pub timings: StageTimings,
}

/// A file that differs from what `generate` would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    pub path: PathBuf,
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

#[derive(Debug, Clone)]
pub struct ValidationReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Contracts that passed.
    pub files: Vec<FileSummary>,
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

impl Error {
    fn io(path: &Path, error: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), error }
    }

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
