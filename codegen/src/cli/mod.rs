//! Subcommands of the binary that need more than the builder.

pub mod diff;
mod git;
pub mod pages;
