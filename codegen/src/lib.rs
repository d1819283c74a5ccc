//! mixin-codegen: typed Rust from ONEX mixin YAML contracts.
//!
//! The pipeline, one module per stage: [`load`] (files, UTF-8) -> [`parse`] (YAML) ->
//! [`validate`] (into the checked [`model`]) -> [`emit`] (syntax trees) -> [`format`] -> [`write`].
//! Use it from `build.rs` through [`Builder`]. With the `diff` feature, [`diff`] compares two
//! versions of the contracts and says which version bump their changes need. With `docs`,
//! [`docs`] writes a Markdown page per mixin; with `schema`, [`schema`] writes JSON Schemas of the
//! format and of each mixin's configuration.

mod builder;
pub mod diagnostics;
#[cfg(feature = "diff")]
pub mod diff;
#[cfg(feature = "docs")]
pub mod docs;
mod each;
pub mod emit;
pub mod format;
#[cfg(any(feature = "diff", feature = "schema"))]
mod json_string;
pub mod load;
pub mod locate;
pub mod model;
pub mod names;
mod order;
mod parallel;
pub mod parse;
#[cfg(feature = "schema")]
pub mod schema;
mod user_syntax;
pub mod validate;
pub mod write;

pub use builder::{
    Builder, CheckReport, Error, FileSummary, ProjectReport, Report, StageTimings, StaleFile, ValidationReport,
    ROOT_FILE,
};
pub use diagnostics::{Diagnostic, Severity};
pub use validate::UntypedNames;
