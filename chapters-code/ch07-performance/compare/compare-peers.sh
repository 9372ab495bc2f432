#!/usr/bin/env bash
# Chapter 7's comparison: time our methods, the peers and the machine's limits
# in one run, write chapters-code/ch07-performance/data/results.csv and print
# the ratio table. Dev-only; not part of the test command.
#
#   PYTHON=/path/to/python bash chapters-code/ch07-performance/compare/compare-peers.sh [MAX_LOAD]
#
# Timings on a shared machine are only worth keeping when it is quiet: the
# script waits until the 1-minute load average is below MAX_LOAD (default 1.2;
# 99 measures at once). PYTHON (default python3) runs the Python peers; it
# needs numpy, scipy and opencv-python-headless.
#
# After a run, bring the book up to date with the new results.csv:
#   cargo run -p ch07-performance        # figures, and the pages' generated blocks
#   cargo test -p ch07-performance       # names each page line whose number changed
# then edit those lines (prose and assertion together) until the tests pass.
#
# The benchmark and the Rust peers live in compare/rust-peers, a crate with a
# workspace and a Cargo.lock of its own, so that the book's tests and
# `cargo clippy --workspace --all-targets` never compile criterion,
# ndarray-conv or imageproc. This script is the only thing that builds it,
# so it also checks its formatting and lints, as CI does for the workspace.
set -euo pipefail
cd "$(dirname "$0")/../../.."
max_load=${1:-1.2}
python=${PYTHON:-python3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
target=$CARGO_TARGET_DIR
peers=chapters-code/ch07-performance/compare/rust-peers/Cargo.toml

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

cargo fmt --check --manifest-path "$peers"
cargo clippy --locked --all-targets --manifest-path "$peers" -- -D warnings
cargo build --locked --release --manifest-path "$peers" --benches --bins
# Collecting needs no speed: the debug build the tests use is enough.
cargo build -p ch07-performance --bins
wait_for_quiet
load_start=$(cut -d' ' -f1 /proc/loadavg)
# The limits first, while nothing else of ours runs: `key: value` lines.
mapfile -t limits < <("$target/release/ch07-rust-peers")
cargo bench --locked --manifest-path "$peers" --bench grid
peers_csv=$(mktemp)
if command -v "$python" >/dev/null; then
    "$python" chapters-code/ch07-performance/compare/peers.py "$peers_csv" || echo "python peers failed; skipped" >&2
fi
load_end=$(cut -d' ' -f1 /proc/loadavg)
model=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
# The vector instruction sets the core's loops can use (AVX-512 is avx512f).
flags=$(for f in avx2 fma avx512f; do grep -q -w "$f" /proc/cpuinfo && printf ' %s' "$f"; done)
locked() { grep -A1 "^name = \"$1\"$" "${peers%Cargo.toml}Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p'; }
"$target/debug/ch07-performance" collect "$target/criterion" "$peers_csv" \
    "machine: $model, $(nproc) cores,${flags:- no avx2}" \
    "date: $(date -u +%F)" \
    "load average (1 min): $load_start at the start, $load_end at the end" \
    "rustc: $(rustc --version | cut -d' ' -f2); one thread unless the series says otherwise; same mode; medians in ms" \
    "peers: $("$python" -c 'import scipy, cv2; print("scipy", scipy.__version__, "opencv", cv2.__version__)' 2>/dev/null || echo 'python peers missing'); ndarray-conv $(locked ndarray-conv), imageproc $(locked imageproc)" \
    "${limits[@]}"
rm -f "$peers_csv"
