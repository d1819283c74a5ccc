#!/usr/bin/env bash
# Instruction counts (valgrind callgrind) of ours and the naive pipeline on the same N synthetic
# contracts, optimised and in the build-script profile: repeatable whatever else the machine is
# doing, unlike wall time.
# Usage: bench/instructions.sh [N]   (default 30; needs valgrind: apt-get install valgrind)
# With KEEP=DIR the callgrind files are kept in DIR (<profile>-<pipeline>.out), for
# `callgrind_annotate --inclusive=yes DIR/build-script-ours-1-job.out` (where the time goes).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-30}"
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
cargo build -q --manifest-path bench/Cargo.toml --release
cargo build -q --manifest-path bench/Cargo.toml --profile build-script
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
keep="${KEEP:-}"
[ -z "$keep" ] || mkdir -p "$keep"
bench/target/release/mixin-codegen-bench corpus --n "$n" --dir "$dir/corpus" >/dev/null
# ours on one thread (`ours-1-job`): the work it does, comparable with the one-threaded naive
# pipeline; with its default threads valgrind would serialise them and add their overhead.
for profile in release build-script; do
  bin=bench/target/$profile/mixin-codegen-bench
  for which in ours-1-job naive; do
    valgrind --tool=callgrind --callgrind-out-file="$dir/$which.out" "$bin" __child "$which" "$dir/corpus" \
      "$dir/out-$profile-$which" >/dev/null 2>"$dir/$which.err"
    total=$(grep -o 'Collected : [0-9]*' "$dir/$which.err" | awk '{print $3}')
    printf '%-13s %-10s %15s instructions for %s contracts\n' "$profile" "$which" "$total" "$n"
    [ -z "$keep" ] || cp "$dir/$which.out" "$keep/$profile-$which.out"
  done
done
