#!/usr/bin/env bash
# Installs the pinned book tools into ~/.cargo/bin, skipping any that are already
# present at the right version, so a second run on the same machine takes seconds.
set -euo pipefail

MDBOOK_VERSION=0.5.4
MDBOOK_KATEX_VERSION=0.10.0

export PATH="$HOME/.cargo/bin:$PATH"

# install_if_missing <binary> <crate> <version>
install_if_missing() {
    local bin=$1 crate=$2 version=$3
    if command -v "$bin" >/dev/null 2>&1 && "$bin" --version 2>/dev/null | grep -q "$version"; then
        echo "install-tools: $bin $version already installed"
        return
    fi
    echo "install-tools: installing $crate $version (a few minutes on 2 cores, once per machine)"
    cargo install --locked --quiet "$crate" --version "$version"
}

install_if_missing mdbook mdbook "$MDBOOK_VERSION"
install_if_missing mdbook-katex mdbook-katex "$MDBOOK_KATEX_VERSION"
