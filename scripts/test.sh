#!/usr/bin/env bash
# Every check of the book, as CI runs it: formatting, lints, then `cargo test`,
# which runs every Rust block of the book as a doctest, checks every printed
# number, redraws every figure and compares it with the committed one, builds the
# book with mdBook (no warnings allowed) and checks its links offline; then the
# browser test opens every page of the built book in headless Chromium; last,
# every notebook in notebooks/ is executed with the evcxr Rust kernel, and the
# notebooks assert the chapters' numbers (scripts/notebooks.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/install-tools.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
mkdir -p target
scripts/build-widgets.sh # the widgets' wasm, which the built book (tests/built_book.rs) copies
cargo test --workspace --locked 2>&1 | tee target/cargo-test.log
scripts/browser-test.sh
mdbook build -d target/widgets-book >/dev/null && node browser-test/check-widgets.mjs target/widgets-book
scripts/notebooks.sh

# One closing line that CI can read: every cargo test, plus the browser test and
# each notebook as one check each (any failure above has already stopped the script).
tests=$(awk '/^test result:/ {n += $4} END {print n + 0}' target/cargo-test.log)
notebooks=$(find notebooks -name '*.ipynb' | wc -l)
echo "all checks: $((tests + 1 + notebooks)) passed, 0 failed"
