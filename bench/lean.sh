#!/usr/bin/env bash
# Compile cost and size of the generated code, this tree's generator against an older commit's,
# measured side by side in one run (issue 13).
set -euo pipefail
shopt -s inherit_errexit
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

ROUNDS=5
OLD=482bb2e
KEEP=0
PROFILE=0
NO_SERDE=0
SETS=()
usage() {
    cat <<USAGE
Usage: bench/lean.sh [--rounds R] [--old COMMIT] [--set NAME=DIR]... [--profile] [--no-serde] [--keep]

Builds the mixin-codegen CLI of COMMIT (default $OLD; its source taken with 'git archive',
built once into target/lean-bench/COMMIT/) and of this tree, generates every contract set
with both into throwaway crates that consume the code as the example consumer does
(a std-only build.rs copies the files into OUT_DIR; src/lib.rs includes mixins.rs), and
measures, for R rounds (default 5), alternating which side goes first:
  - 'cargo check' of the generated crate alone (touch src/lib.rs, CARGO_INCREMENTAL=0;
    serde already checked), with serde derives unless --no-serde;
  - 'cargo build' (dev profile) of the same crate alone, the same way;
and the generated lines per contract (every file, mixins.rs included, over the contracts).
It prints each round, the medians and the ratios new/old.

Sets (default: mixins=$REPO/mixins and corpus=the real contracts, the first of
$REPO/tests/corpus/mixins, $REPO/../shared/corpus/mixins, $REPO/../../shared/corpus/mixins that
exists). A set whose every contract is byte-identical to one of an earlier set is reported and
measured once, with the earlier set.

--profile also runs, once per side and set, on the nightly toolchain ('cargo +nightly'):
  - 'rustc -Zmacro-stats': lines of code each derive expands to;
  - 'rustc -Ztime-passes' on a check build: time per compiler pass;
  - ablations: 'cargo check' of the crate with one derive removed from the module files
    (not from mixins.rs), to see what each derive costs.
Everything happens in a temporary directory, removed unless --keep.
USAGE
}
while [ $# -gt 0 ]; do
    case $1 in
        --rounds) ROUNDS=${2:?--rounds needs a value}; shift 2 ;;
        --old) OLD=${2:?--old needs a commit}; shift 2 ;;
        --set) SETS+=("${2:?--set needs NAME=DIR}"); shift 2 ;;
        --profile) PROFILE=1; shift ;;
        --no-serde) NO_SERDE=1; shift ;;
        --keep) KEEP=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
if [ ${#SETS[@]} = 0 ]; then
    SETS=("mixins=$REPO/mixins")
    for c in "$REPO/tests/corpus/mixins" "$REPO/../shared/corpus/mixins" "$REPO/../../shared/corpus/mixins"; do
        if [ -d "$c" ]; then SETS+=("corpus=$(cd "$c" && pwd)"); break; fi
    done
fi
OLD_SHA=$(git -C "$REPO" rev-parse --verify "$OLD^{commit}") || die "unknown commit $OLD"
OLD_SHORT=${OLD_SHA:0:7}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/mixin-lean.XXXXXX")
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi; }
trap cleanup EXIT

target_dir() { # the workspace's target folder
    cargo metadata --manifest-path "$REPO/Cargo.toml" --format-version 1 --no-deps |
        sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p'
}
TARGET=$(target_dir)

# The two generators (not timed). The old one is cached by commit: its source cannot change.
OLD_DIR="$TARGET/lean-bench/$OLD_SHA"
OLD_CLI="$OLD_DIR/target/release/mixin-codegen"
if [ ! -x "$OLD_CLI" ]; then
    echo "building the mixin-codegen CLI of $OLD_SHORT (once)..." >&2
    rm -rf "$OLD_DIR/src" && mkdir -p "$OLD_DIR/src"
    git -C "$REPO" archive "$OLD_SHA" | tar -x -C "$OLD_DIR/src"
    CARGO_TARGET_DIR="$OLD_DIR/target" run_logged "$TMP/old-cli-build.log" \
        cargo build --release --manifest-path "$OLD_DIR/src/Cargo.toml" -p mixin-codegen --features cli
fi
echo "building this tree's mixin-codegen CLI..." >&2
run_logged "$TMP/new-cli-build.log" cargo build --release --manifest-path "$REPO/Cargo.toml" -p mixin-codegen --features cli
NEW_CLI="$TARGET/release/mixin-codegen"
[ -x "$OLD_CLI" ] && [ -x "$NEW_CLI" ] || die "a CLI is missing: $OLD_CLI $NEW_CLI"

GEN_FLAGS=()
SERDE_DEP='serde = { version = "1", features = ["derive"] }'
if [ "$NO_SERDE" = 1 ]; then GEN_FLAGS=(--no-serde); SERDE_DEP=''; fi

make_crate() { # make_crate DIR CLI CONTRACTS-DIR
    local dir=$1 cli=$2 contracts=$3 name
    name=$(basename "$dir")
    mkdir -p "$dir/src/generated"
    cat >"$dir/Cargo.toml" <<TOML
[package]
name = "lean-$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$SERDE_DEP

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
    # The same relative input path on both sides, so the headers are alike.
    (cd "$(dirname "$contracts")" && run_logged "$dir.generate.log" "$cli" generate "$(basename "$contracts")" \
        --out "$dir/src/generated" "${GEN_FLAGS[@]}")
    run_logged "$dir.fetch.log" cargo fetch --manifest-path "$dir/Cargo.toml"
}

# Sets, without the ones an earlier set already holds byte for byte.
declare -a NAMES=() DIRS=()
for set in "${SETS[@]}"; do
    name=${set%%=*} dir=${set#*=}
    ls "$dir"/*.y*ml >/dev/null 2>&1 || die "no contracts in $dir"
    dup=""
    for i in "${!DIRS[@]}"; do
        all=1
        for f in "$dir"/*.y*ml; do cmp -s "$f" "${DIRS[$i]}/$(basename "$f")" || { all=0; break; }; done
        if [ "$all" = 1 ]; then dup=${NAMES[$i]}; break; fi
    done
    n=$(find "$dir" -maxdepth 1 -name '*.y*ml' | wc -l | tr -d ' ')
    if [ -n "$dup" ]; then
        echo "Set $name ($n contracts, $dir): every contract is byte-identical to the one of the same name in $dup, so it is measured with $dup."
        continue
    fi
    NAMES+=("$name"); DIRS+=("$dir")
done

echo "Machine: $(machine)"
echo "Old: $OLD_SHORT ($(git -C "$REPO" log -1 --format=%s "$OLD_SHA")); new: this tree at $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- codegen || echo ' + uncommitted changes')"
echo "Generated with serde derives: $([ "$NO_SERDE" = 1 ] && echo no || echo yes)"
echo
export CARGO_TARGET_DIR="$TMP/target"
for i in "${!NAMES[@]}"; do
    for side in old new; do
        cli=$OLD_CLI; [ "$side" = new ] && cli=$NEW_CLI
        make_crate "$TMP/$side-${NAMES[$i]}" "$cli" "${DIRS[$i]}"
        # Not timed: dependencies and the build script, in both profiles.
        run_logged "$TMP/$side-${NAMES[$i]}.warm.log" cargo check --frozen --manifest-path "$TMP/$side-${NAMES[$i]}/Cargo.toml"
        run_logged "$TMP/$side-${NAMES[$i]}.warm2.log" cargo build --frozen --manifest-path "$TMP/$side-${NAMES[$i]}/Cargo.toml"
    done
done

count_lines() { cat "$1/src/generated/"*.rs | wc -l | tr -d ' '; }
count_contracts() { find "$1" -maxdepth 1 -name '*.y*ml' | wc -l | tr -d ' '; }

echo "Generated lines (all files, mixins.rs included):"
echo
echo "| set | contracts | old lines | new lines | old lines/contract | new lines/contract | new/old |"
echo "|---|---:|---:|---:|---:|---:|---:|"
tot_c=0 tot_o=0 tot_n=0
for i in "${!NAMES[@]}"; do
    c=$(count_contracts "${DIRS[$i]}") o=$(count_lines "$TMP/old-${NAMES[$i]}") n=$(count_lines "$TMP/new-${NAMES[$i]}")
    tot_c=$((tot_c + c)) tot_o=$((tot_o + o)) tot_n=$((tot_n + n))
    po=$(awk -v a="$o" -v b="$c" 'BEGIN { printf "%.1f", a / b }') pn=$(awk -v a="$n" -v b="$c" 'BEGIN { printf "%.1f", a / b }')
    echo "| ${NAMES[$i]} | $c | $o | $n | $po | $pn | $(ratio "$n" "$o") |"
done
echo

# timed KIND DIR -> "CPU WALL": CPU seconds (user + system, cargo and rustc together) and wall
# seconds of 'cargo KIND' of the crate alone. The machine is shared: wall time moves with the
# load beside it, CPU time much less, so the ratios are taken on CPU time.
timed() {
    local kind=$1 dir=$2 t
    touch "$dir/src/lib.rs"
    t=$( { TIMEFORMAT='%3U %3S %3R'; time CARGO_INCREMENTAL=0 run_logged "$dir.$kind.log" \
        cargo "$kind" --frozen --manifest-path "$dir/Cargo.toml"; } 2>&1 )
    awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%.3f %.3f", a[1] + a[2], a[3] }'
}
cpu() { echo "${1%% *}"; }
wall() { echo "${1##* }"; }

declare -A T=() W=()
echo "CPU seconds (wall seconds in brackets) of the generated crate alone:"
echo
echo "| round | first | set | old check | new check | old build | new build |"
echo "|---:|---|---|---:|---:|---:|---:|"
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order="old new"; else order="new old"; fi
    for i in "${!NAMES[@]}"; do
        set=${NAMES[$i]}
        declare -A now_=()
        for kind in check build; do
            for side in $order; do
                t=$(timed "$kind" "$TMP/$side-$set")
                now_[$side-$kind]="$(cpu "$t") ($(wall "$t"))"
                T[$set-$side-$kind]="${T[$set-$side-$kind]:-} $(cpu "$t")"
                W[$set-$side-$kind]="${W[$set-$side-$kind]:-} $(wall "$t")"
            done
        done
        echo "| $r | ${order%% *} | $set | ${now_[old-check]} | ${now_[new-check]} | ${now_[old-build]} | ${now_[new-build]} |"
        unset now_
    done
done
echo
echo "Medians over $ROUNDS rounds, the generated crate alone, CPU seconds (wall in brackets; ratios of CPU):"
echo
echo "| set | old check | new check | check new/old | old build | new build | build new/old |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for set in "${NAMES[@]}"; do
    # shellcheck disable=SC2086
    oc=$(median ${T[$set-old-check]}) nc=$(median ${T[$set-new-check]}) ob=$(median ${T[$set-old-build]}) nb=$(median ${T[$set-new-build]})
    # shellcheck disable=SC2086
    woc=$(median ${W[$set-old-check]}) wnc=$(median ${W[$set-new-check]}) wob=$(median ${W[$set-old-build]}) wnb=$(median ${W[$set-new-build]})
    echo "| $set | $oc ($woc) | $nc ($wnc) | **$(ratio "$nc" "$oc")** | $ob ($wob) | $nb ($wnb) | **$(ratio "$nb" "$ob")** |"
done
echo
echo "All sets: $tot_c contracts, lines per contract $(awk -v a="$tot_o" -v b="$tot_c" 'BEGIN { printf "%.1f", a / b }') old, $(awk -v a="$tot_n" -v b="$tot_c" 'BEGIN { printf "%.1f", a / b }') new: **$(ratio "$tot_n" "$tot_o")**"

[ "$PROFILE" = 1 ] || exit 0

# ---------------------------------------------------------------------------------------------
# Where the check time goes (nightly only).
# ---------------------------------------------------------------------------------------------
cargo +nightly --version >/dev/null 2>&1 || die "--profile needs the nightly toolchain"
export CARGO_TARGET_DIR="$TMP/target-nightly"
echo
echo "## Profile (nightly: $(rustc +nightly --version))"
for i in "${!NAMES[@]}"; do
    for side in old new; do
        dir="$TMP/$side-${NAMES[$i]}"
        run_logged "$dir.nwarm.log" cargo +nightly check --frozen --manifest-path "$dir/Cargo.toml"
        echo
        echo "### $side, ${NAMES[$i]}: lines each macro expands to (-Zmacro-stats)"
        echo
        touch "$dir/src/lib.rs"
        CARGO_INCREMENTAL=0 run_logged "$dir.macro-stats.log" \
            cargo +nightly rustc --frozen --profile check --lib --manifest-path "$dir/Cargo.toml" -- -Zmacro-stats
        echo '```'
        grep '^macro-stats' "$dir.macro-stats.log" | sed 's/^macro-stats //' | grep -v '^=*$' | grep -v 'MACRO EXPANSION STATS' || true
        echo '```'
        echo
        echo "### $side, ${NAMES[$i]}: compiler passes of 'cargo check' (-Ztime-passes, passes over 0.02 s)"
        echo
        touch "$dir/src/lib.rs"
        CARGO_INCREMENTAL=0 run_logged "$dir.time-passes.log" \
            cargo +nightly rustc --frozen --profile check --lib --manifest-path "$dir/Cargo.toml" -- -Ztime-passes
        echo '```'
        awk '/^time:/ { t = $2; sub(";", "", t); if (t + 0 >= 0.02) print }' "$dir.time-passes.log" |
            sed 's/rss:.*)\t*/  /' || true
        echo '```'
    done
done

# Ablations: one derive removed from every module file (mixins.rs untouched), checked on stable.
export CARGO_TARGET_DIR="$TMP/target"
ablate() { # ablate SRC-CRATE DERIVE -> a copy of the crate without that derive
    local src=$1 derive=$2 dst="$1-without-${2//[^A-Za-z]/}"
    rm -rf "$dst" && cp -r "$src" "$dst"
    sed -i "s/\(lean-[a-z-]*\)\"/\1-abl\"/" "$dst/Cargo.toml"
    for f in "$dst"/src/generated/*.rs; do
        [ "$(basename "$f")" = mixins.rs ] && continue
        # Derive lists with Copy/Eq keep Clone and PartialEq, which those need.
        case $derive in
            Clone|PartialEq) sed -i "/#\[derive(.*\(Copy\|Eq,\)/!s/\(#\[derive(.*\)\b$derive, /\1/" "$f" ;;
            *) sed -i "s/\(#\[derive(.*\)$derive, /\1/; s/\(#\[derive(.*\), $derive)/\1)/" "$f" ;;
        esac
    done
    echo "$dst"
}
echo
echo "### Ablations: 'cargo check' of the crate alone with one derive removed from the module files"
echo
echo "| side | set | derive removed | derive lists still naming it | check CPU s (median of 3) | saved s |"
echo "|---|---|---|---:|---:|---:|"
for i in "${!NAMES[@]}"; do
    for side in old new; do
        dir="$TMP/$side-${NAMES[$i]}"
        base=$(median "$(cpu "$(timed check "$dir")")" "$(cpu "$(timed check "$dir")")" "$(cpu "$(timed check "$dir")")")
        echo "| $side | ${NAMES[$i]} | (none) | | $base | |"
        for derive in '::serde::Deserialize' '::serde::Serialize' Debug Clone PartialEq; do
            grep -q "$derive" "$dir"/src/generated/*.rs || continue
            abl=$(ablate "$dir" "$derive")
            run_logged "$abl.warm.log" cargo check --frozen --manifest-path "$abl/Cargo.toml"
            t=$(median "$(cpu "$(timed check "$abl")")" "$(cpu "$(timed check "$abl")")" "$(cpu "$(timed check "$abl")")")
            left=$(grep -h '#\[derive' "$abl"/src/generated/*.rs | grep -c -- "$derive" || true)
            echo "| $side | ${NAMES[$i]} | \`$derive\` | $left | $t | $(awk -v a="$base" -v b="$t" 'BEGIN { printf "%.3f", a - b }') |"
        done
    done
done
