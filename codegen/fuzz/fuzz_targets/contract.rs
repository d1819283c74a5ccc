//! Bytes -> load -> parse -> validate -> emit -> format: nothing may panic, and a contract that
//! validates must generate Rust that parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mixin_codegen::emit::{self, EmitOptions};
use mixin_codegen::load::Source;
use mixin_codegen::{format, parse, validate};
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let source = Source { path: PathBuf::from("fuzz.yaml"), text: text.to_string() };
    let Ok(doc) = parse::parse(&source) else { return };
    let (mixin, diagnostics) = validate::validate(&source, &doc, &validate::Options::default());
    for d in &diagnostics {
        let _ = d.render(&|_| Some(text.to_string()), mixin_codegen::diagnostics::Style::Plain);
    }
    if let Some(mixin) = mixin {
        let file = emit::mixin_file(&mixin, &EmitOptions::default());
        let code = format::format_file(file, &format::header(Some("fuzz.yaml")));
        syn::parse_file(&code).expect("generated code parses");
        assert!(!code.contains("compile_error!"), "the emitter fell back to compile_error!");
    }
});
