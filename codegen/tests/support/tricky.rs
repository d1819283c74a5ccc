//! Contracts written to break out of the generated code, shared by tests/security.rs (static
//! checks) and tests/compile.rs (which compiles them and round-trips the wire names through serde).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Text that, if rustdoc ever ran it as a doctest, fails the doctest run.
pub const BOMB: &str = "compile_error!(\"contract text ran as a doctest\");";

/// A description that tries every way out of a doc comment, a string literal or a code block.
pub fn hostile_description() -> String {
    [
        "Quotes \" and backslashes \\ and \\\" and a comment end */ and /* a start.",
        "\"}; fn evil() {} const X: &str = \"",
        "*/ fn evil() {} /*",
        "}",
        "fn evil(){}",
        "#[doc = \"closed\"] fn evil() {}",
        "\")] fn evil() {} #[doc = \"",
        "```",
        BOMB,
        "```",
        "```rust",
        BOMB,
        "```",
        "~~~",
        BOMB,
        "~~~",
        "    fn evil_indented() {}",
        &format!("    {BOMB}"),
        "\t\tfn evil_tabbed() {}",
        "",
        "> ```",
        &format!("> {BOMB}"),
        "> ```",
        "",
        &format!(">     {BOMB}"),
        "",
        &format!("-     {BOMB}"),
        "",
        &format!("1.     {BOMB}"),
        "",
        "- ```",
        &format!("  {BOMB}"),
        "  ```",
        "",
        "<pre>fn evil() {}</pre>",
        "Bidi: \u{202e}evil\u{202c} isolate \u{2066}x\u{2069} zero width \u{200b} BOM \u{feff} bell \u{7} NUL \u{0} escape \u{1b}[31m",
        "Line separator \u{2028} paragraph separator \u{2029} next line \u{85} done",
        "//! inner doc? /// outer doc?",
        "\r\nCRLF line\r",
    ]
    .join("\n")
}

fn q(s: &str) -> String {
    super::gen::quote(s)
}

/// A valid contract whose names are Rust keywords and whose text is hostile.
pub fn keyword_contract() -> String {
    let d = q(&hostile_description());
    format!(
        r#"mixin_name: "mixin_keywords"
mixin_version: {{major: 1, minor: 0, patch: 0}}
description: {d}
applicable_node_types: ["COMPUTE"]
actions:
  - name: "type"
    description: {d}
    inputs: [{{name: "async", type: "string"}}, {{name: "self", type: "integer"}}, {{name: "crate", type: "boolean"}}]
    outputs: [{{name: "fn", type: "enum[Self,self_x,None,Some,Ok,Err,type]"}}]
    required: false
    timeout_ms: 100
  - name: "mode"
    description: "An input and an output that share a name, each with its own inline type"
    inputs: [{{name: "mode", type: "enum[A,B]"}}]
    outputs: [{{name: "mode", type: "enum[C,D]"}}]
    required: false
    timeout_ms: 10
  # `self` names a method (`self_`) and, whole, its input and output types (`SelfInput`).
  - name: "self"
    description: "An action named like the receiver"
    inputs: [{{name: "x", type: "string"}}]
    outputs: [{{name: "y", type: "integer"}}]
    required: false
    timeout_ms: 5
  - name: "match"
    description: "```\n{bomb}\n```"
    inputs: ["super"]
    outputs: []
    required: true
    timeout_ms: 1
kw_config:
  type: "t"
  async: true
  fn: 1
  self: 2.5
  super: [1, 2]
  crate: {{mod: "m", Self: "S"}}
  match: null
  impl: []
  dyn: {{}}
  note: {d}
output_models:
  kw_model:
    type: "string"
    async: "string"
    fn: "integer"
    self: "boolean"
    super: "float"
    crate: "enum[A,B]"
    match: {{type: "array", items: "string"}}
  # Types named like prelude items: this mixin's code must use full std paths.
  string:
    text: "string"
    maybe: "integer"
  option:
    list: {{type: "array", items: "string"}}
  result:
    ok: "boolean"
  vec:
    when: "timestamp"
  default:
    n: "float"
  future:
    ready: "boolean"
  # Models naming models: by value, in a list (of itself too), declared before or after.
  linked:
    model: "kw_model"
    later: "declared_later"
    many: {{type: "array", items: "vec"}}
    children: {{type: "array", items: "linked"}}
  declared_later:
    flag: "boolean"
metrics:
  - name: "kw_total"
    type: "counter"
    description: {d}
    labels: ["type", "self"]
dependencies:
  - name: "kw"
    type: "capability"
    description: {d}
"#,
        bomb = super::tricky::BOMB.replace('"', "\\\"")
    )
}

/// Writes the keyword contract into `dir` under a file name with a newline and code in it (where
/// the file system allows), and returns the folder.
pub fn write_keyword_folder(dir: &Path) -> PathBuf {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let evil_name = dir.join("evil\nfn evil() {}\n\u{202e}*x.yaml");
    if std::fs::write(&evil_name, keyword_contract()).is_err() {
        std::fs::write(dir.join("keywords.yaml"), keyword_contract()).unwrap();
    }
    dir.to_path_buf()
}
