#!/usr/bin/env bash
# Builds the book's interactive widgets: the crate chapters-code/widgets-wasm (the
# core crate behind plain WebAssembly exports) compiled to one .wasm file, copied
# to src/widgets/pkg/widgets_wasm.wasm (ignored by git; mdBook copies it into the
# book). The JavaScript that loads it is written by hand (src/widgets/wasm.js), so
# nothing but cargo is needed. Installs the wasm32-unknown-unknown target once
# when it is missing (rustup, about a minute). The release build of the core for
# wasm takes about 45-80 s the first time on 2 shared cores, seconds after.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "build-widgets: installing the wasm32-unknown-unknown target (about a minute, once)"
    rustup target add wasm32-unknown-unknown
fi

# Small and fast: optimise for size, one codegen unit, link-time optimisation, no
# unwinding, and no debug information or symbol names in the file.
# A target folder of its own, so these settings never rebuild the native release.
echo "build-widgets: building chapters-code/widgets-wasm for wasm32 (about 45-80 s the first time)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=s \
    CARGO_PROFILE_RELEASE_LTO=true \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    CARGO_PROFILE_RELEASE_PANIC=abort \
    CARGO_PROFILE_RELEASE_STRIP=true \
    cargo build --locked --release -p widgets-wasm --target wasm32-unknown-unknown \
    --target-dir target/widgets-wasm
mkdir -p src/widgets/pkg
# Files wasm-bindgen wrote here before the widgets loaded the module themselves.
rm -f src/widgets/pkg/widgets_wasm.js src/widgets/pkg/widgets_wasm_bg.wasm
install -m 644 target/widgets-wasm/wasm32-unknown-unknown/release/widgets_wasm.wasm src/widgets/pkg/widgets_wasm.wasm
echo "build-widgets: src/widgets/pkg/widgets_wasm.wasm is $(wc -c <src/widgets/pkg/widgets_wasm.wasm) bytes"
