//! The back ends besides Rust, which read every checked model at the end of a run: Markdown pages
//! (feature `docs`) and JSON Schemas (feature `schema`). Each writes its own folder through the
//! shared write stage, with its own header to recognise its stale files by.

use super::{Builder, CheckReport, Error, Report, Sink, StaleFile};
use crate::each;
use crate::model::{Mixin, Node};
use crate::write;
#[cfg(any(feature = "docs", feature = "schema"))]
use std::path::Path;
use std::path::PathBuf;

/// Checked models with the names their headers show.
type Models = [(Mixin, String)];
/// Checked node contracts with the names their headers show.
type Nodes = [(Node, String)];

/// One back end's output: where it goes, how its files are recognised, and the files.
struct Output {
    dir: PathBuf,
    is_ours: fn(&str) -> bool,
    files: Vec<(String, String)>,
}

impl Builder {
    /// Whether a run must keep its checked models for a back end that `generate`/`check` run too.
    pub(super) fn keeps_models(&self) -> bool {
        !self.page_dirs().is_empty()
    }

    /// The folders that `generate` and `check` fill besides the Rust one.
    fn page_dirs(&self) -> Vec<PathBuf> {
        #[allow(unused_mut)]
        let mut dirs = Vec::new();
        #[cfg(feature = "docs")]
        dirs.extend(self.docs_out.clone());
        #[cfg(feature = "schema")]
        dirs.extend(self.schema_out.clone());
        dirs
    }

    #[allow(unused_variables)]
    fn outputs(&self, models: &Models, nodes: &Nodes) -> Vec<Output> {
        #[allow(unused_mut)]
        let mut out = Vec::new();
        #[cfg(feature = "docs")]
        if let Some(dir) = &self.docs_out {
            out.push(docs_output(dir, models, nodes));
        }
        #[cfg(feature = "schema")]
        if let Some(dir) = &self.schema_out {
            out.push(schema_output(dir, models));
        }
        out
    }

    fn settings(&self, is_ours: fn(&str) -> bool) -> write::Settings {
        write::Settings { is_ours, lock_timeout: self.lock_timeout, sync: self.sync }
    }

    /// After the Rust files are in place: every other back end's folder, one transaction each.
    pub(super) fn generate_pages(&self, mut report: Report, models: &Models, nodes: &Nodes) -> Result<Report, Error> {
        for output in self.outputs(models, nodes) {
            let summary = write::write_files(&output.dir, output.files, self.settings(output.is_ours))?;
            add(&mut report, summary);
        }
        Ok(report)
    }

    /// What `generate_pages` would change, added to the Rust folder's stale files.
    pub(super) fn check_pages(
        &self,
        mut report: CheckReport,
        models: &Models,
        nodes: &Nodes,
    ) -> Result<CheckReport, Error> {
        for output in self.outputs(models, nodes) {
            let differences = write::compare_files(&output.dir, output.files, self.settings(output.is_ours))?;
            report.stale.extend(differences.into_iter().map(stale));
        }
        Ok(report)
    }

    /// Runs the front end only (no Rust), keeping the models; contract errors fail it.
    fn models(&self) -> Result<super::Run, Error> {
        self.check_options()?;
        let run = self.run_keeping(None, Sink::Nothing, true)?;
        if run.has_errors() {
            return Err(Error::contracts(run.diagnostics));
        }
        Ok(run)
    }

    /// Writes one back end's files alone (the CLI's `docs` and `schema`).
    #[allow(dead_code)]
    fn write_only(&self, output: impl Fn(&Models, &Nodes) -> Output) -> Result<Report, Error> {
        let run = self.models()?;
        let output = output(&run.models, &run.nodes);
        let summary = write::write_files(&output.dir, output.files, self.settings(output.is_ours))?;
        let watched = run.watched();
        let mut report = Report {
            diagnostics: run.diagnostics,
            files_written: 0,
            files_unchanged: 0,
            files_removed: Vec::new(),
            files_cleaned: Vec::new(),
            mixins: each::map(&run.models, &mut |(m, _)| m.name.clone()),
            nodes: each::map(&run.nodes, &mut |(n, _)| n.name.clone()),
            watched,
            timings: run.timings,
        };
        add(&mut report, summary);
        Ok(report)
    }

    /// Compares one back end's folder alone.
    #[allow(dead_code)]
    fn check_only(&self, output: impl Fn(&Models, &Nodes) -> Output) -> Result<CheckReport, Error> {
        let run = self.models()?;
        let output = output(&run.models, &run.nodes);
        let differences = write::compare_files(&output.dir, output.files, self.settings(output.is_ours))?;
        Ok(CheckReport { diagnostics: run.diagnostics, stale: differences.into_iter().map(stale).collect() })
    }

    #[allow(dead_code)]
    fn folder(dir: &Option<PathBuf>, option: &str) -> Result<PathBuf, Error> {
        dir.clone().ok_or_else(|| Error::Options(vec![format!("no folder for the output: call {option}(..)")]))
    }
}

#[cfg(feature = "docs")]
impl Builder {
    /// Also write a Markdown page per mixin (`<module>.md`) and an index (`README.md`) into `dir`
    /// when [`generate`](Self::generate) runs, and compare them when [`check`](Self::check) runs.
    /// Same rules as the Rust folder: only changed pages are rewritten, and pages of contracts
    /// that are gone are removed.
    pub fn docs_out(mut self, dir: impl AsRef<Path>) -> Self {
        self.docs_out = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Writes the pages into the [`docs_out`](Self::docs_out) folder, and no Rust.
    pub fn docs(&self) -> Result<Report, Error> {
        let dir = Self::folder(&self.docs_out, "docs_out")?;
        self.write_only(|models, nodes| docs_output(&dir, models, nodes))
    }

    /// What [`docs`](Self::docs) would change, without writing.
    pub fn check_docs(&self) -> Result<CheckReport, Error> {
        let dir = Self::folder(&self.docs_out, "docs_out")?;
        self.check_only(|models, nodes| docs_output(&dir, models, nodes))
    }
}

#[cfg(feature = "docs")]
fn docs_output(dir: &Path, models: &Models, nodes: &Nodes) -> Output {
    let documented: Vec<crate::docs::Documented> =
        each::map(models, &mut |(mixin, shown)| crate::docs::Documented { mixin, shown });
    let nodes: Vec<crate::docs::DocumentedNode> =
        each::map(nodes, &mut |(node, shown)| crate::docs::DocumentedNode { node, shown });
    Output {
        dir: dir.to_path_buf(),
        is_ours: crate::docs::is_header,
        files: crate::docs::pages(&documented, &nodes).into_iter().map(|p| (p.path, p.text)).collect(),
    }
}

fn add(report: &mut Report, summary: write::Summary) {
    report.files_written += summary.written.len();
    report.files_unchanged += summary.unchanged;
    report.files_removed.extend(summary.removed);
    report.files_cleaned.extend(summary.cleaned);
}

fn stale(d: write::Difference) -> StaleFile {
    let text = |bytes: Option<Vec<u8>>| bytes.map(|b| String::from_utf8_lossy(&b).into_owned());
    StaleFile { path: d.path, change: d.change, expected: text(d.expected), actual: text(d.actual) }
}

#[cfg(feature = "schema")]
impl Builder {
    /// Also write the JSON Schemas (`mixin-contract.schema.json` and
    /// `<module>.config.schema.json` per mixin) into `dir` when [`generate`](Self::generate) runs,
    /// and compare them when [`check`](Self::check) runs.
    pub fn schema_out(mut self, dir: impl AsRef<Path>) -> Self {
        self.schema_out = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Writes the schemas into the [`schema_out`](Self::schema_out) folder, and no Rust.
    pub fn schemas(&self) -> Result<Report, Error> {
        let dir = Self::folder(&self.schema_out, "schema_out")?;
        self.write_only(|models, _| schema_output(&dir, models))
    }

    /// What [`schemas`](Self::schemas) would change, without writing.
    pub fn check_schemas(&self) -> Result<CheckReport, Error> {
        let dir = Self::folder(&self.schema_out, "schema_out")?;
        self.check_only(|models, _| schema_output(&dir, models))
    }
}

#[cfg(feature = "schema")]
fn schema_output(dir: &Path, models: &Models) -> Output {
    let mixins: Vec<(&Mixin, &str)> = each::map(models, &mut |(m, shown)| (m, shown.as_str()));
    Output { dir: dir.to_path_buf(), is_ours: crate::schema::is_header, files: crate::schema::files(&mixins) }
}
