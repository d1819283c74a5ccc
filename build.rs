//! Generates typed Rust for every mixin contract in mixins/ and every node contract in nodes/
//! (found in its subfolders) into OUT_DIR.

fn main() -> Result<(), mixin_codegen::Error> {
    mixin_codegen::Builder::new().input("mixins").input("nodes").generate()?;
    Ok(())
}
