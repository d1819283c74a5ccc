//! Typed Rust for the ONEX mixin contracts in `mixins/` and the node contracts in `nodes/`,
//! generated at build time by [mixin-codegen](../mixin_codegen/index.html).
//!
//! Each mixin contract becomes a module: `onex_mixins::error_handling::ErrorHandlingConfig`,
//! `onex_mixins::error_handling::ErrorHandlingActions`, ...; each node contract a module under
//! `nodes`: `onex_mixins::nodes::api_client_effect::ApiClientEffectContract`, `ApiClientEffectNode`.
#![deny(warnings)]
#![deny(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/mixins.rs"));
