//! Generates typed Rust for every contract in mixins/ into OUT_DIR.

fn main() -> Result<(), mixin_codegen::Error> {
    mixin_codegen::Builder::new().input("mixins").generate()?;
    Ok(())
}
