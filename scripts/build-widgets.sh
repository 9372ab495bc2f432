#!/usr/bin/env bash
# Builds the book's interactive widgets: the binding crate chapters-code/widgets-wasm
# (the core crate behind wasm-bindgen) compiled to WebAssembly, with wasm-bindgen's
# JavaScript, into src/widgets/pkg/ (ignored by git; mdBook copies it into the book).
# Installs what it needs once, when missing: the wasm32-unknown-unknown target
# (rustup, about a minute) and wasm-bindgen-cli at the version Cargo.lock pins for
# the wasm-bindgen crate (cargo install into ~/.cargo/bin, a few minutes on 2 cores).
# The release build of the core for wasm takes about 80 s the first time, seconds after.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# The version of the wasm-bindgen crate in Cargo.lock: the CLI must match it.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$version" ] || { echo "build-widgets: no wasm-bindgen in Cargo.lock" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "build-widgets: installing the wasm32-unknown-unknown target (about a minute, once)"
    rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    echo "build-widgets: installing wasm-bindgen-cli $version into ~/.cargo/bin (a few minutes, once)"
    # --locked fails while the registry lacks a crate version the CLI's own lock
    # file names (seen with webpki-roots); then build with the newest compatible ones.
    cargo install --locked wasm-bindgen-cli --version "$version" ||
        cargo install wasm-bindgen-cli --version "$version"
fi

# Small and fast: optimise for size, one codegen unit, link-time optimisation.
# A target folder of its own, so these settings never rebuild the native release.
echo "build-widgets: building chapters-code/widgets-wasm for wasm32 (about 80 s the first time)"
CARGO_PROFILE_RELEASE_OPT_LEVEL=s \
    CARGO_PROFILE_RELEASE_LTO=true \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo build --locked --release -p widgets-wasm --target wasm32-unknown-unknown \
    --target-dir target/widgets-wasm
wasm-bindgen --target web --no-typescript --out-dir src/widgets/pkg \
    target/widgets-wasm/wasm32-unknown-unknown/release/widgets_wasm.wasm
echo "build-widgets: src/widgets/pkg/widgets_wasm_bg.wasm is $(wc -c <src/widgets/pkg/widgets_wasm_bg.wasm) bytes"
