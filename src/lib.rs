//! Typed Rust for the ONEX mixin contracts in `mixins/`, generated at build time by
//! [mixin-codegen](../mixin_codegen/index.html).
//!
//! Each contract becomes a module: `onex_mixins::error_handling::ErrorHandlingConfig`,
//! `onex_mixins::error_handling::ErrorHandlingActions`, ...
#![deny(warnings)]
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/mixins.rs"));
