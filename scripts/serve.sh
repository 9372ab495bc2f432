#!/usr/bin/env bash
# Read the book: installs the pinned mdBook and preprocessor if missing, then
# serves the book at http://localhost:3000 (rebuilding when a page changes).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

scripts/install-tools.sh book
scripts/build-widgets.sh # the interactive widgets (WebAssembly) into src/widgets/pkg
exec mdbook serve --hostname 127.0.0.1 --port 3000 "$@"
