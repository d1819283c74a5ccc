//! One mixin's page, in the shape of the format guide's Step 6 README: what the mixin is, its
//! actions, how a node uses it, its configuration, output models, metrics and dependencies.

use super::escape::{cell, code, code_cell, text};
use super::fields::{self, lookup, short_value, type_text, Row};
use super::Page;
use crate::model::{Action, DataSection, Dependency, DependencyKind, MetricKind, Mixin, NodeType, Param, TypeDef};
use crate::model::{TypeRef, Value};
use std::fmt::Write;

/// The page's file name: the module's, which names the Rust file too (`error_handling.md`).
pub fn file_name(mixin: &Mixin) -> String {
    format!("{}.md", mixin.module.name)
}

/// `Error Handling Mixin`, from the module name (a validated snake_case identifier).
pub fn title(mixin: &Mixin) -> String {
    let words: Vec<String> = mixin
        .module
        .name
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect();
    format!("{} Mixin", words.join(" "))
}

/// "All node types", or the list.
pub fn applicable(node_types: &[NodeType]) -> String {
    if NodeType::ALL.iter().all(|n| node_types.contains(n)) {
        "All node types".to_string()
    } else {
        node_types.iter().map(|n| n.wire()).collect::<Vec<_>>().join(", ")
    }
}

/// The node contract field that holds this mixin's configuration.
pub fn integration_field(mixin: &Mixin) -> String {
    format!("{}_configuration", mixin.module.name)
}

pub fn page(mixin: &Mixin, shown: &str) -> Page {
    let mut out = super::header(Some(shown));
    let m = mixin;
    let _ = writeln!(out, "# {}\n", title(m));
    let _ = writeln!(out, "- **Mixin**: {}", code(&m.name));
    let _ = writeln!(out, "- **Version**: {}", m.version);
    let _ = writeln!(out, "- **Applicable**: {}", applicable(&m.node_types));
    let _ = writeln!(
        out,
        "- **Rust**: module {}, trait {}, configuration {}",
        code(&m.module.as_rust()),
        code(&m.trait_name.as_rust()),
        code(&format!("{}::Configuration", m.module.as_rust()))
    );
    let _ = writeln!(out, "\n## Overview\n\n{}\n", text(&m.description));
    actions(&mut out, m);
    usage(&mut out, m);
    configuration(&mut out, m);
    output_models(&mut out, m);
    data_sections(&mut out, m);
    metrics(&mut out, m);
    dependencies(&mut out, m);
    Page { path: file_name(m), text: finish(out) }
}

/// One line break at the end, none doubled.
fn finish(mut out: String) -> String {
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn table(out: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(head.len()));
    for row in rows {
        debug_assert_eq!(row.len(), head.len());
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}

fn requirement(required: bool) -> &'static str {
    if required {
        "required"
    } else {
        "optional"
    }
}

fn actions(out: &mut String, m: &Mixin) {
    out.push_str("## Actions\n\n");
    table(
        out,
        &["action", "required", "timeout", "description"],
        m.actions.iter().map(|a| {
            vec![
                code_cell(&a.name),
                requirement(a.required).into(),
                format!("{} ms", a.timeout_ms),
                cell(&a.description),
            ]
        }),
    );
    for a in &m.actions {
        action(out, m, a);
    }
}

fn action(out: &mut String, m: &Mixin, a: &Action) {
    let _ = writeln!(out, "### {}\n", code(&a.name));
    let _ = writeln!(out, "{}\n", text(&a.description));
    let input = a.input.as_ref().map_or_else(String::new, |i| format!("input: {}", i.as_rust()));
    let output = a.output.as_ref().map_or_else(|| "()".to_string(), |o| o.as_rust());
    let _ = writeln!(
        out,
        "{}, timeout {} ms. Rust: {}.\n",
        if a.required { "Required" } else { "Optional (answers `NotImplemented` until implemented)" },
        a.timeout_ms,
        code(&format!(
            "fn {}(&self{}{input}) -> {output}",
            a.method.as_rust(),
            if input.is_empty() { "" } else { ", " }
        ))
    );
    params(out, m, "Inputs", a.input.as_ref().map(|i| i.as_rust()), &a.inputs);
    params(out, m, "Outputs", a.output.as_ref().map(|o| o.as_rust()), &a.outputs);
}

fn params(out: &mut String, m: &Mixin, what: &str, rust: Option<String>, params: &[Param]) {
    let Some(rust) = rust else {
        let _ = writeln!(out, "{what}: none.\n");
        return;
    };
    let _ = writeln!(out, "{what} ({}):\n", code(&rust));
    table(
        out,
        &["name", "type", "description"],
        params.iter().map(|p| vec![code_cell(&p.name), cell(&type_text(m, &p.ty)), cell(&p.description)]),
    );
}

fn usage(out: &mut String, m: &Mixin) {
    let file = m.source.file_name().map_or_else(|| format!("{}.yaml", m.name), |f| f.to_string_lossy().into_owned());
    out.push_str("## Usage\n\n### Node contract\n\n");
    out.push_str("A node contract names the mixin in `subcontracts`; its `integration_field` holds the node's\n");
    out.push_str("configuration of the mixin (see Configuration below):\n\n");
    out.push_str("```yaml\nsubcontracts:\n");
    let _ = writeln!(out, "  - path: {}", yaml_string(&format!("mixins/{file}")));
    let _ = writeln!(out, "    integration_field: \"{}\"", integration_field(m));
    out.push_str("```\n\n### Rust\n\n");
    let module = format!("crate::{}", m.module.as_rust());
    out.push_str("```rust\n");
    let _ = writeln!(out, "// The contract's values:");
    let _ = writeln!(out, "let config = {module}::Configuration::default();");
    if let Some(yaml) = override_example(m) {
        let _ =
            writeln!(out, "// A node's override keeps every key it leaves out (serde_yaml in your own dependencies):");
        let _ = writeln!(out, "let config: {module}::Configuration = serde_yaml::from_str({yaml:?})?;");
    }
    let _ = writeln!(out, "// The actions: implement the trait for the node (the node's error type is declared once).");
    let _ = writeln!(out, "impl crate::Node for MyNode {{\n    type Error = MyError;\n}}");
    let _ = writeln!(out, "impl {module}::{} for MyNode {{", m.trait_name.as_rust());
    for a in &m.actions {
        let input = a.input.as_ref().map_or_else(String::new, |i| format!(", input: {module}::{}", i.as_rust()));
        let output = a.output.as_ref().map_or_else(|| "()".to_string(), |o| format!("{module}::{}", o.as_rust()));
        let note = if a.required { "" } else { " // optional" };
        let _ =
            writeln!(out, "    // async fn {}(&self{input}) -> Result<{output}, MyError>{note}", a.method.as_rust());
    }
    out.push_str("}\n```\n\n");
}

/// A YAML double-quoted scalar of any text: escapes keep a file name from ending the string.
fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\x60"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An override of the first number or flag in the configuration, as YAML (`circuit_failure_threshold: 10`).
fn override_example(m: &Mixin) -> Option<String> {
    let several = !matches!(config_type(m), Some(TypeDef::Alias(_)));
    for section in &m.configs {
        let Value::Map(entries) = &section.value else { continue };
        let Some(def) = section_struct(m, section) else { continue };
        for (field, (_, value)) in def.fields.iter().zip(entries) {
            let new = match (&field.ty, value) {
                (TypeRef::Integer, Value::Int(i)) => (if *i == 0 { 1 } else { i.saturating_mul(2) }).to_string(),
                (TypeRef::Float, Value::Float(f)) => format!("{:?}", if *f == 0.0 { 1.0 } else { f * 2.0 }),
                (TypeRef::Bool, Value::Bool(b)) => (!b).to_string(),
                _ => continue,
            };
            return Some(if several {
                format!("{}: {{{}: {new}}}", section.key, field.wire)
            } else {
                format!("{}: {new}", field.wire)
            });
        }
    }
    None
}

fn config_type(m: &Mixin) -> Option<&TypeDef> {
    m.types.iter().find(|t| t.name().name == "Configuration")
}

fn section_struct<'m>(m: &'m Mixin, section: &DataSection) -> Option<&'m crate::model::StructDef> {
    match &section.ty {
        TypeRef::Named(name) => match lookup(m, name)? {
            TypeDef::Struct(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn configuration(out: &mut String, m: &Mixin) {
    out.push_str("## Configuration\n\n");
    if m.configs.is_empty() {
        let _ = writeln!(
            out,
            "The mixin has no configuration section: the integration field holds an empty mapping ({}).\n",
            code("Configuration")
        );
        return;
    }
    let _ = match config_type(m) {
        Some(TypeDef::Alias(_)) => writeln!(
            out,
            "The integration field holds the {} section ({} is an alias of its struct); an override gives any of its keys and keeps the contract's value for the others. Unknown keys are errors.\n",
            code(&m.configs[0].key),
            code("Configuration"),
        ),
        _ => writeln!(
            out,
            "The integration field holds one entry per section ({} has a field per section); an override gives any of their keys and keeps the contract's value for the others. Unknown keys are errors.\n",
            code("Configuration")
        ),
    };
    for section in &m.configs {
        let _ = writeln!(
            out,
            "### {}\n\nThe contract's values: {}{}.\n",
            code(&section.key),
            code(&format!("{}::{}()", m.module.as_rust(), section.accessor.as_rust())),
            rust_name(&section.ty)
        );
        let rows = match (section_struct(m, section), &section.value) {
            (Some(def), Value::Map(entries)) => fields::rows(m, def, Some(entries)),
            _ => vec![Row {
                key: section.key.clone(),
                ty: type_text(m, &section.ty),
                default: Some(&section.value),
                bounds: String::new(),
                doc: String::new(),
            }],
        };
        table(
            out,
            &["key", "type", "default", "bounds", "description"],
            rows.iter().map(|r| {
                let default = r.default.map_or_else(|| "-".to_string(), |v| code_cell(&short_value(v)));
                let bounds = if r.bounds.is_empty() { "-".to_string() } else { cell(&r.bounds) };
                vec![code_cell(&r.key), cell(&r.ty), default, bounds, cell(&r.doc)]
            }),
        );
    }
}

/// " (Rust `Name`)" for a type of the mixin's own (a section's or a model's), else nothing.
fn rust_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(n) => format!(" (Rust {})", code(&n.as_rust())),
        _ => String::new(),
    }
}

fn output_models(out: &mut String, m: &Mixin) {
    if m.output_models.is_empty() {
        return;
    }
    out.push_str("## Output models\n\n");
    for model in &m.output_models {
        let _ = writeln!(out, "### {}\n\nThe output model{}.\n", code(&model.name), rust_name(&model.ty));
        let def = match &model.ty {
            TypeRef::Named(n) => match lookup(m, n) {
                Some(TypeDef::Struct(s)) => Some(s),
                _ => None,
            },
            _ => None,
        };
        match def {
            Some(def) => table(
                out,
                &["field", "type", "description"],
                fields::rows(m, def, None).iter().map(|r| vec![code_cell(&r.key), cell(&r.ty), cell(&r.doc)]),
            ),
            None => {
                let _ = writeln!(out, "Type: {}.\n", text(&type_text(m, &model.ty)));
            }
        }
    }
}

fn data_sections(out: &mut String, m: &Mixin) {
    if m.sections.is_empty() {
        return;
    }
    out.push_str("## Data sections\n\nSections the format does not define, generated as read-only typed data:\n\n");
    table(
        out,
        &["section", "Rust", "type"],
        m.sections.iter().map(|s| {
            vec![
                code_cell(&s.key),
                code_cell(&format!("{}::{}", m.module.as_rust(), s.accessor.as_rust())),
                cell(&type_text(m, &s.ty)),
            ]
        }),
    );
}

fn metrics(out: &mut String, m: &Mixin) {
    if m.metrics.is_empty() {
        return;
    }
    out.push_str("## Metrics\n\n");
    table(
        out,
        &["name", "type", "labels", "buckets", "description"],
        m.metrics.iter().map(|metric| {
            let kind = match metric.kind {
                MetricKind::Counter => "counter",
                MetricKind::Gauge => "gauge",
                MetricKind::Histogram => "histogram",
            };
            let labels = if metric.labels.is_empty() {
                "-".to_string()
            } else {
                metric.labels.iter().map(|l| code_cell(l)).collect::<Vec<_>>().join(", ")
            };
            let buckets = if metric.buckets.is_empty() {
                "-".to_string()
            } else {
                metric.buckets.iter().map(|b| format!("{b}")).collect::<Vec<_>>().join(", ")
            };
            vec![code_cell(&metric.name), kind.into(), labels, buckets, cell(&metric.description)]
        }),
    );
}

pub fn dependency_kind(kind: DependencyKind) -> &'static str {
    match kind {
        DependencyKind::Capability => "capability",
        DependencyKind::Protocol => "protocol",
        DependencyKind::Service => "service",
        DependencyKind::Resource => "resource",
    }
}

fn dependencies(out: &mut String, m: &Mixin) {
    if m.provides.is_empty() && m.requires.is_empty() {
        return;
    }
    out.push_str("## Dependencies\n\n");
    let rows = |deps: &[Dependency]| -> Vec<Vec<String>> {
        deps.iter()
            .map(|d| {
                vec![
                    code_cell(&d.name),
                    dependency_kind(d.kind).into(),
                    requirement(!d.optional).into(),
                    cell(&d.description),
                ]
            })
            .collect()
    };
    for (what, deps) in [("Provided", &m.provides), ("Required", &m.requires)] {
        if deps.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {what}\n");
        table(out, &["name", "type", "needed", "description"], rows(deps));
    }
}
