#!/usr/bin/env bash
# Chapter 7's comparison: time our methods and the peers on the same grid in
# one run, write chapters-code/ch07-performance/data/results.csv and print
# the ratio table (ours / peer). Dev-only; not part of the test command.
#
#   bash chapters-code/ch07-performance/compare/compare-peers.sh [MAX_LOAD]
#
# Timings on a shared machine are only worth keeping when it is quiet: the
# script waits until the 1-minute load average is below MAX_LOAD (default 1.2).
set -euo pipefail
cd "$(dirname "$0")/../../.."
max_load=${1:-1.2}
target=${CARGO_TARGET_DIR:-target}

wait_for_quiet() {
    while true; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        if awk -v l="$load" -v m="$max_load" 'BEGIN { exit !(l < m) }'; then
            echo "load average $load < $max_load: measuring" >&2
            return
        fi
        echo "load average $load >= $max_load: waiting 30 s" >&2
        sleep 30
    done
}

cargo build --release -p ch07-performance --benches --bins
wait_for_quiet
load_start=$(cut -d' ' -f1 /proc/loadavg)
cargo bench -p ch07-performance --bench grid
peers_csv=$(mktemp)
if command -v python3 >/dev/null; then
    python3 chapters-code/ch07-performance/compare/peers.py "$peers_csv" || echo "python peers failed; skipped" >&2
fi
load_end=$(cut -d' ' -f1 /proc/loadavg)
model=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
"$target/release/ch07-performance" collect "$target/criterion" "$peers_csv" \
    "machine: $model, $(nproc) cores, $(grep -o -w -m1 avx2 /proc/cpuinfo || echo no) $(grep -o -w -m1 fma /proc/cpuinfo || echo no)" \
    "date: $(date -u +%F)" \
    "load average (1 min): $load_start at the start, $load_end at the end" \
    "rustc: $(rustc --version | cut -d' ' -f2); one thread unless the series says otherwise; same mode; medians in ms" \
    "peers: $(python3 -c 'import scipy, cv2; print("scipy", scipy.__version__, "opencv", cv2.__version__)' 2>/dev/null || echo 'python peers missing'); ndarray-conv 0.6.1"
rm -f "$peers_csv"
