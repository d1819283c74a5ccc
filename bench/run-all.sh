#!/usr/bin/env bash
# Runs every benchmark behind BENCHMARKS.md, one after the other, saving each output.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
OUT=${1:-}
if [ "$OUT" = -h ] || [ "$OUT" = --help ] || [ -z "$OUT" ]; then
    cat <<USAGE
Usage: bench/run-all.sh OUTDIR

Runs, in sequence (never two at once, so they do not disturb each other), saving each
one's stdout to OUTDIR/<name>.md and its progress to OUTDIR/<name>.log:
  stages-release       cargo run --manifest-path bench/Cargo.toml --release -- --n 1,100,1000,10000
  stages-build-script  cargo run --manifest-path bench/Cargo.toml --profile build-script -- --n 1,100,1000,10000
  compile-time         bench/compile-time.sh --rounds 5
  generated-check      bench/generated-check.sh --rounds 3
  build-override-3     bench/build-override.sh --n 1000 --rounds 3 --opt-level 3
  build-override-1     bench/build-override.sh --n 1000 --rounds 3 --opt-level 1
  instructions         bench/instructions.sh 30 (needs valgrind)
Takes about an hour on a 2-core machine.
USAGE
    [ -z "$OUT" ] && exit 2 || exit 0
fi
mkdir -p "$OUT"
cd "$REPO"
step() { # step NAME CMD...
    local name=$1; shift
    echo "== $name: $* ($(date -u +%H:%M:%S))" >&2
    "$@" >"$OUT/$name.md" 2>"$OUT/$name.log"
}
# Build both profiles first so compilation is not part of any run.
cargo build --manifest-path bench/Cargo.toml --release 2>"$OUT/build.log"
cargo build --manifest-path bench/Cargo.toml --profile build-script 2>>"$OUT/build.log"
step stages-release cargo run -q --manifest-path bench/Cargo.toml --release -- --n 1,100,1000,10000
step stages-build-script cargo run -q --manifest-path bench/Cargo.toml --profile build-script -- --n 1,100,1000,10000
step compile-time bench/compile-time.sh --rounds 5
step generated-check bench/generated-check.sh --rounds 3
step build-override-3 bench/build-override.sh --n 1000 --rounds 3 --opt-level 3
step build-override-1 bench/build-override.sh --n 1000 --rounds 3 --opt-level 1
step instructions bench/instructions.sh 30
echo "done ($(date -u +%H:%M:%S)); results in $OUT" >&2
