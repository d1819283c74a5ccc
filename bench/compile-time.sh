#!/usr/bin/env bash
# Compile-from-clean time of mixin-codegen as a build-dependency vs prost-build's default build.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

ROUNDS=3
KEEP=0
PROST_VERSION=0.14
usage() {
    cat <<USAGE
Usage: bench/compile-time.sh [--rounds R] [--prost VERSION] [--keep]

Compares, side by side in one run, how long a clean 'cargo build' (dev profile, so the
build-dependencies get cargo's build-override defaults) takes for two throwaway crates:
  mixin:  [build-dependencies] mixin-codegen = { path = "$REPO/codegen" }
          (default features: no CLI dependencies), build.rs generating one contract
          (bench/fixtures/mixin_error_handling.yaml, the guide's contract)
  prost:  [build-dependencies] prost-build = "$PROST_VERSION" (default features),
          build.rs that compiles nothing: let _ = prost_build::Config::new();
so only dependency compilation (plus mixin's one generation) is compared.
'cargo fetch' runs first so downloads are not timed; builds run with --frozen.
Each round runs 'cargo clean' then a timed 'cargo build' for each crate, alternating which
goes first, each with its own CARGO_TARGET_DIR in a temporary directory (removed at the
end unless --keep). Prints each round, the medians and the ratio mixin/prost (target <= 0.7).

  --rounds R       rounds (default 3)
  --prost VERSION  prost-build version requirement (default $PROST_VERSION)
  --keep           keep the temporary directory
USAGE
}
while [ $# -gt 0 ]; do
    case $1 in
        --rounds) ROUNDS=${2:?--rounds needs a value}; shift 2 ;;
        --prost) PROST_VERSION=${2:?--prost needs a value}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mixin-compile-time.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT

# --- the two throwaway crates ------------------------------------------------------------
mkdir -p "$TMP/mixin/src" "$TMP/mixin/mixins" "$TMP/prost/src"
cat >"$TMP/mixin/Cargo.toml" <<TOML
[package]
name = "mixin-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[build-dependencies]
mixin-codegen = { path = "$REPO/codegen" }

[workspace]
TOML
cat >"$TMP/mixin/build.rs" <<'RS'
fn main() {
    mixin_codegen::Builder::new().input("mixins").generate().unwrap();
}
RS
cp "$HERE/fixtures/mixin_error_handling.yaml" "$TMP/mixin/mixins/"

cat >"$TMP/prost/Cargo.toml" <<TOML
[package]
name = "prost-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[build-dependencies]
prost-build = "$PROST_VERSION"

[workspace]
TOML
cat >"$TMP/prost/build.rs" <<'RS'
fn main() {
    let _ = prost_build::Config::new();
}
RS
: >"$TMP/mixin/src/lib.rs"
: >"$TMP/prost/src/lib.rs"

# --- fetch first, so no download is timed ------------------------------------------------
for c in mixin prost; do
    run_logged "$TMP/$c-fetch.log" cargo fetch --manifest-path "$TMP/$c/Cargo.toml"
done
# The mixin side must not pull the CLI's dependencies.
cargo tree --manifest-path "$TMP/mixin/Cargo.toml" -e normal,build --prefix none >"$TMP/mixin-tree.txt"
if grep -Eq '^(clap|similar) ' "$TMP/mixin-tree.txt"; then
    die "mixin-codegen's default features pull CLI dependencies: $(grep -E '^(clap|similar) ' "$TMP/mixin-tree.txt" | tr '\n' ' ')"
fi
cargo tree --manifest-path "$TMP/prost/Cargo.toml" -e normal,build --prefix none >"$TMP/prost-tree.txt"
count() { sed 's/ (\*)$//' "$1" | sort -u | wc -l | tr -d ' '; }
prost_resolved=$(grep -m1 '^prost-build ' "$TMP/prost-tree.txt" | awk '{ print $2 }')

echo "Machine: $(machine)"
echo "mixin: $(count "$TMP/mixin-tree.txt") crates in the build graph (incl. itself); prost: prost-build $prost_resolved, $(count "$TMP/prost-tree.txt") crates"
echo

declare -a T_mixin=() T_prost=()
build() { # build CRATE -> seconds
    local c=$1 t0 s
    CARGO_TARGET_DIR="$TMP/target-$c" cargo clean --manifest-path "$TMP/$c/Cargo.toml" >/dev/null 2>&1
    t0=$(now)
    CARGO_TARGET_DIR="$TMP/target-$c" run_logged "$TMP/$c-build.log" \
        cargo build --frozen --manifest-path "$TMP/$c/Cargo.toml"
    s=$(elapsed "$t0")
    echo "$s"
}
echo "| round | first | mixin-codegen s | prost-build s | mixin/prost |"
echo "|---:|---|---:|---:|---:|"
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then
        a=$(build mixin); b=$(build prost); first=mixin
    else
        b=$(build prost); a=$(build mixin); first=prost
    fi
    T_mixin+=("$a"); T_prost+=("$b")
    echo "| $r | $first | $a | $b | $(ratio "$a" "$b") |"
done
ma=$(median "${T_mixin[@]}"); mb=$(median "${T_prost[@]}")
echo
echo "Median clean build over $ROUNDS rounds: mixin-codegen ${ma} s, prost-build ${mb} s, ratio mixin/prost $(ratio "$ma" "$mb") (target <= 0.70)"
