#!/usr/bin/env bash
# What `[profile.dev.build-override] opt-level = 3` gains a consumer with many contracts.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

ROUNDS=3
N=1000
OPT=3
KEEP=0
usage() {
    cat <<USAGE
Usage: bench/build-override.sh [--n N] [--opt-level L] [--rounds R] [--keep]

Two identical throwaway consumer crates, each with N synthetic contracts (default 1000,
written by the bench's corpus writer) in mixins/ and
  [build-dependencies] mixin-codegen = { path = "$REPO/codegen" }
  build.rs: mixin_codegen::Builder::new().input("mixins").generate()
(src/lib.rs is empty, so the generated code's own compilation, the same in both, is left
out). One of them adds
  [profile.dev.build-override]
  opt-level = L        (default 3)
For R rounds (default 3), alternating which crate goes first, it times
  - clean:  'cargo clean' then 'cargo build' (compiles the generator, with or without
            optimisation, then runs it on all N contracts);
  - rerun:  touch one contract, 'cargo build' (cargo reruns build.rs only: the dev loop),
  - no-op:  'cargo build' again with nothing changed (build.rs must not run; reported),
and reads the generator's own run time, which build.rs reports. Prints medians and the
gain. 'cargo fetch' runs first; each crate has its own CARGO_TARGET_DIR in a temporary
directory, removed unless --keep.
USAGE
}
while [ $# -gt 0 ]; do
    case $1 in
        --n) N=${2:?--n needs a value}; shift 2 ;;
        --opt-level) OPT=${2:?--opt-level needs a value}; shift 2 ;;
        --rounds) ROUNDS=${2:?--rounds needs a value}; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mixin-build-override.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT

echo "writing $N contracts..." >&2
run_logged "$TMP/bench-build.log" cargo build --release --manifest-path "$HERE/Cargo.toml"
BENCH_BIN=$(cargo metadata --manifest-path "$HERE/Cargo.toml" --format-version 1 --no-deps |
    sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release/mixin-codegen-bench
run_logged "$TMP/corpus.log" "$BENCH_BIN" corpus --n "$N" --dir "$TMP/corpus"

make_crate() { # make_crate NAME EXTRA-TOML
    local dir="$TMP/$1"
    mkdir -p "$dir/src"
    cp -r "$TMP/corpus" "$dir/mixins"
    cat >"$dir/Cargo.toml" <<TOML
[package]
name = "consumer-$1"
version = "0.0.0"
edition = "2021"
publish = false

[build-dependencies]
mixin-codegen = { path = "$REPO/codegen" }

[workspace]
$2
TOML
    # build.rs logs each run's generation time to runs.log beside Cargo.toml (not a
    # cargo:warning, which cargo replays from its cache even when build.rs does not run).
    cat >"$dir/build.rs" <<'RS'
use std::io::Write;
fn main() {
    let t = std::time::Instant::now();
    mixin_codegen::Builder::new().input("mixins").generate().unwrap();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let log = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runs.log");
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(log).unwrap();
    writeln!(f, "GENERATE_MS={ms:.1}").unwrap();
}
RS
    : >"$dir/src/lib.rs"
    run_logged "$TMP/$1-fetch.log" cargo fetch --manifest-path "$dir/Cargo.toml"
}
make_crate default ""
make_crate opt "[profile.dev.build-override]
opt-level = $OPT"

echo "Machine: $(machine)"
echo "Contracts: $N synthetic (bench corpus), dev profile; 'opt' adds [profile.dev.build-override] opt-level = $OPT"
echo

# runs CRATE: how many times its build.rs has run; gen_ms CRATE: the last run's generation time.
runs() { if [ -f "$TMP/$1/runs.log" ]; then wc -l <"$TMP/$1/runs.log" | tr -d ' '; else echo 0; fi; }
gen_ms() { sed -n 's/^GENERATE_MS=\([0-9.]*\)$/\1/p' "$TMP/$1/runs.log" | tail -n 1; }
clean_build() { # -> "seconds generate_ms"
    local c=$1 t0 s
    CARGO_TARGET_DIR="$TMP/target-$c" cargo clean --manifest-path "$TMP/$c/Cargo.toml" >/dev/null 2>&1
    t0=$(now)
    CARGO_TARGET_DIR="$TMP/target-$c" run_logged "$TMP/$c-build.log" cargo build --frozen --manifest-path "$TMP/$c/Cargo.toml"
    s=$(elapsed "$t0")
    echo "$s $(gen_ms "$c")"
}
rerun_build() { # -> "seconds generate_ms"
    local c=$1 t0 s
    touch "$TMP/$c/mixins/mixin_synth_00000.yaml"
    t0=$(now)
    CARGO_TARGET_DIR="$TMP/target-$c" run_logged "$TMP/$c-rerun.log" cargo build --frozen --manifest-path "$TMP/$c/Cargo.toml"
    s=$(elapsed "$t0")
    echo "$s $(gen_ms "$c")"
}
noop_build() { # -> "seconds ran|skipped": a build with nothing changed must not rerun build.rs
    local c=$1 t0 s before
    before=$(runs "$c")
    t0=$(now)
    CARGO_TARGET_DIR="$TMP/target-$c" run_logged "$TMP/$c-noop.log" cargo build --frozen --manifest-path "$TMP/$c/Cargo.toml"
    s=$(elapsed "$t0")
    if [ "$(runs "$c")" != "$before" ]; then echo "$s ran"; else echo "$s skipped"; fi
}
declare -a DC=() DG=() DR=() OC=() OG=() OR=() NOOP=()
echo "| round | first | default: clean s | (generate ms) | opt: clean s | (generate ms) | default: rerun s | opt: rerun s |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|"
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order="default opt"; else order="opt default"; fi
    for c in $order; do
        out=$(clean_build "$c"); read -r cs cg <<<"$out"
        out=$(rerun_build "$c"); read -r rs _ <<<"$out"
        out=$(noop_build "$c"); NOOP+=("$c:${out#* }")
        if [ "$c" = default ]; then DC+=("$cs"); DG+=("$cg"); DR+=("$rs"); else OC+=("$cs"); OG+=("$cg"); OR+=("$rs"); fi
    done
    echo "| $r | ${order%% *} | ${DC[-1]} | ${DG[-1]} | ${OC[-1]} | ${OG[-1]} | ${DR[-1]} | ${OR[-1]} |"
done
mdc=$(median "${DC[@]}"); moc=$(median "${OC[@]}"); mdg=$(median "${DG[@]}"); mog=$(median "${OG[@]}")
mdr=$(median "${DR[@]}"); mor=$(median "${OR[@]}")
echo
echo "Medians over $ROUNDS rounds ($N contracts):"
echo "| | default (opt-level 0) | build-override opt-level $OPT | opt/default |"
echo "|---|---:|---:|---:|"
echo "| clean 'cargo build' | $mdc s | $moc s | $(ratio "$moc" "$mdc") |"
echo "| generator run inside it | $mdg ms | $mog ms | $(ratio "$mog" "$mdg") |"
echo "| rebuild after touching one contract | $mdr s | $mor s | $(ratio "$mor" "$mdr") |"
echo
echo "'cargo build' again with nothing changed, build.rs: ${NOOP[*]} (expected: skipped every time)"
