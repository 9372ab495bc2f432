#!/usr/bin/env bash
# The book as a reader meets it: builds it with mdBook into a scratch folder,
# serves it on 127.0.0.1 and opens every page in headless Chromium
# (browser-test/check-book.mjs): no console error, every image loaded, math
# rendered, nothing fetched from another host, previous/next reach every chapter
# in order, and the search box finds the listed words. Screenshots of each page's
# first screen go to $BROWSER_SCREENSHOTS (default target/browser-screenshots).
# Needs /usr/bin/chromium, Node.js 20+ and browser-test/node_modules:
# scripts/install-tools.sh installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

fail() {
    echo "browser-test: $*" >&2
    exit 1
}
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: run scripts/install-tools.sh"
command -v node >/dev/null || fail "node is missing: install Node.js 20 or newer"
[ -d browser-test/node_modules/playwright-core ] ||
    fail "playwright-core is missing: run scripts/install-tools.sh"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/book-browser-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

start=$(date +%s)
mdbook build -d "$scratch/book" >"$scratch/build.log" 2>&1 ||
    { cat "$scratch/build.log" >&2; fail "mdbook build failed"; }
node browser-test/check-book.mjs "$scratch/book" src \
    "${BROWSER_SCREENSHOTS:-target/browser-screenshots}"
echo "browser-test: done in $(($(date +%s) - start)) s"
