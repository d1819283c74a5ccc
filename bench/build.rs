// Records which profile the bench was built with, so every table says so.
fn main() {
    let opt = std::env::var("OPT_LEVEL").unwrap_or_else(|_| "?".into());
    // OUT_DIR is <target>/<profile dir>/build/<pkg>-<hash>/out; the profile dir is
    // "debug" for dev, "release", or the custom profile's name ("build-script").
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    let parts: Vec<&str> = out.split(['/', '\\']).collect();
    let profile = parts
        .iter()
        .rposition(|p| *p == "build")
        .and_then(|i| i.checked_sub(1))
        .map(|i| parts[i].to_string())
        .unwrap_or_else(|| "?".into());
    println!("cargo:rustc-env=BENCH_OPT_LEVEL={opt}");
    println!("cargo:rustc-env=BENCH_PROFILE_DIR={profile}");
    println!("cargo:rerun-if-changed=build.rs");
}
