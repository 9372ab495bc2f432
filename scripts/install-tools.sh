#!/usr/bin/env bash
# Installs the pinned book tools into ~/.cargo/bin, and what the browser test
# needs (Debian's Chromium, playwright-core into browser-test/node_modules),
# skipping any that are already present at the right version, so a second run on
# the same machine takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

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

# The browser test (scripts/browser-test.sh) drives Debian's Chromium.
if [ -x /usr/bin/chromium ]; then
    echo "install-tools: chromium already installed"
else
    echo "install-tools: installing chromium and chromium-driver with apt-get"
    sudo_if_needed=()
    [ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo)
    "${sudo_if_needed[@]}" apt-get update
    "${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

# ... through playwright-core, pinned in browser-test/package.json (needs Node.js 20+).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
    echo "install-tools: the browser test needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))" >&2
    exit 1
fi
wanted=$(node -p 'require("./browser-test/package.json").dependencies["playwright-core"]')
have=$(node -p 'require("./browser-test/node_modules/playwright-core/package.json").version' 2>/dev/null || true)
if [ "$have" = "$wanted" ]; then
    echo "install-tools: playwright-core $wanted already installed"
else
    echo "install-tools: installing playwright-core $wanted into browser-test/node_modules"
    (cd browser-test && npm ci --no-audit --no-fund)
fi
