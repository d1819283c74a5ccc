# shellcheck shell=bash
# Shared helpers for the bench/*.sh scripts (sourced, not run). Needs bash, cargo, awk, date.

# Wall-clock seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }

# elapsed START: seconds since START, 3 decimals.
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

# median X...: the median of the numbers given.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B, 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.2f", a / b }'; }

# machine: one line describing this machine.
machine() {
    local cpu mem
    cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
    mem=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
    echo "$(nproc) cores, ${cpu:-unknown CPU}, ${mem:-? GiB} RAM, $(rustc --version)"
}

# run_logged LOG CMD...: runs CMD with output to LOG; on failure shows the log's tail and exits.
run_logged() {
    local log=$1; shift
    if ! "$@" >"$log" 2>&1; then
        echo "error: '$*' failed; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
}

die() { echo "error: $*" >&2; exit 1; }
