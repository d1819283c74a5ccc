//! mixin-codegen benchmark support: the synthetic corpus, the naive baseline pipeline and
//! the call into mixin-codegen ("ours"). The binary in main.rs drives them.

pub mod corpus;
pub mod naive;
pub mod ours;
