#!/usr/bin/env bash
# `cargo check` time of the generated code for the repo's mixins/, with and without serde derives.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

ROUNDS=3
KEEP=0
MIXINS="$REPO/mixins"
usage() {
    cat <<USAGE
Usage: bench/generated-check.sh [--rounds R] [--mixins DIR] [--keep]

Generates the contracts of DIR (default: the example consumer's $REPO/mixins) with the
mixin-codegen CLI twice, into two throwaway crates:
  serde:     'generate DIR --out src/generated', crate depends on serde (derive feature)
  no-serde:  'generate DIR --out src/generated --no-serde', crate has no dependencies
Each crate consumes the code as the example consumer does: a build.rs (std only, the same in
both) copies src/generated/ into OUT_DIR and src/lib.rs has
include!(concat!(env!("OUT_DIR"), "/mixins.rs")).
Then, for R rounds (default 3), alternating which crate goes first, it times
  - 'cargo check' from clean (after 'cargo clean'; includes serde/serde_derive for 'serde'), and
  - 'cargo check' of the crate alone (touch src/lib.rs, CARGO_INCREMENTAL=0),
and prints both medians per crate and their ratios. 'cargo fetch' runs first so downloads
are not timed. Everything happens in a temporary directory, removed unless --keep.
USAGE
}
while [ $# -gt 0 ]; do
    case $1 in
        --rounds) ROUNDS=${2:?--rounds needs a value}; shift 2 ;;
        --mixins) MIXINS=$(cd "${2:?--mixins needs a value}" && pwd); shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
ls "$MIXINS"/*.y*ml >/dev/null 2>&1 || die "no contracts in $MIXINS"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mixin-generated-check.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT

# The CLI, built once (not timed).
echo "building the mixin-codegen CLI..." >&2
run_logged "$TMP/cli-build.log" cargo build --release --manifest-path "$REPO/Cargo.toml" -p mixin-codegen --features cli
CLI=$(cargo metadata --manifest-path "$REPO/Cargo.toml" --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release/mixin-codegen
[ -x "$CLI" ] || die "CLI not found at $CLI"

make_crate() { # make_crate NAME DEPS-TOML [CLI-FLAGS...]
    local name=$1 deps=$2; shift 2
    local dir="$TMP/$name"
    mkdir -p "$dir/src/generated"
    cat >"$dir/Cargo.toml" <<TOML
[package]
name = "generated-$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$deps

[workspace]
TOML
    cat >"$dir/build.rs" <<'RS'
// Puts the generated files where the example consumer's build.rs would: in OUT_DIR.
fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    for entry in std::fs::read_dir("src/generated").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, std::path::Path::new(&out).join(path.file_name().unwrap())).unwrap();
    }
    println!("cargo:rerun-if-changed=src/generated");
}
RS
    cat >"$dir/src/lib.rs" <<'RS'
#![allow(dead_code, unused_imports, clippy::all)]
include!(concat!(env!("OUT_DIR"), "/mixins.rs"));
RS
    run_logged "$TMP/$name-generate.log" "$CLI" generate "$MIXINS" --out "$dir/src/generated" "$@"
    run_logged "$TMP/$name-fetch.log" cargo fetch --manifest-path "$dir/Cargo.toml"
}
make_crate serde 'serde = { version = "1", features = ["derive"] }'
make_crate no-serde '' --no-serde
if grep -rqE 'serde' "$TMP/no-serde/src/generated"; then
    echo "warning: the --no-serde output still mentions serde:" >&2
    grep -rnE 'serde' "$TMP/no-serde/src/generated" | head -5 >&2
fi

lines() { cat "$TMP/$1/src/generated/"*.rs | wc -l | tr -d ' '; }
n_contracts=$(find "$MIXINS" -maxdepth 1 -name "*.y*ml" | wc -l | tr -d ' ')
echo "Machine: $(machine)"
echo "Contracts: $n_contracts from $MIXINS; generated lines: serde $(lines serde), no-serde $(lines no-serde)"
echo

check_clean() { # -> seconds
    local c=$1 t0
    CARGO_TARGET_DIR="$TMP/target-$c" cargo clean --manifest-path "$TMP/$c/Cargo.toml" >/dev/null 2>&1
    t0=$(now)
    CARGO_TARGET_DIR="$TMP/target-$c" run_logged "$TMP/$c-check.log" cargo check --frozen --manifest-path "$TMP/$c/Cargo.toml"
    elapsed "$t0"
}
check_crate() { # -> seconds, the crate alone (deps and build script already checked)
    local c=$1 t0
    touch "$TMP/$c/src/lib.rs"
    t0=$(now)
    CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$TMP/target-$c" run_logged "$TMP/$c-check2.log" \
        cargo check --frozen --manifest-path "$TMP/$c/Cargo.toml"
    elapsed "$t0"
}
declare -a CS=() CN=() OS=() ON=()
echo "| round | first | serde: clean s | no-serde: clean s | serde: crate only s | no-serde: crate only s |"
echo "|---:|---|---:|---:|---:|---:|"
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then
        cs=$(check_clean serde); os=$(check_crate serde)
        cn=$(check_clean no-serde); on=$(check_crate no-serde); first=serde
    else
        cn=$(check_clean no-serde); on=$(check_crate no-serde)
        cs=$(check_clean serde); os=$(check_crate serde); first=no-serde
    fi
    CS+=("$cs"); CN+=("$cn"); OS+=("$os"); ON+=("$on")
    echo "| $r | $first | $cs | $cn | $os | $on |"
done
mcs=$(median "${CS[@]}"); mcn=$(median "${CN[@]}"); mos=$(median "${OS[@]}"); mon=$(median "${ON[@]}")
echo
echo "Medians over $ROUNDS rounds:"
echo "| cargo check | with serde derives | without (--no-serde) | without/with |"
echo "|---|---:|---:|---:|"
echo "| from clean (incl. dependencies) | $mcs s | $mcn s | $(ratio "$mcn" "$mcs") |"
echo "| the generated crate alone | $mos s | $mon s | $(ratio "$mon" "$mos") |"
