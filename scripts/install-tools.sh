#!/usr/bin/env bash
# Installs the pinned tools the other scripts need, skipping any that are already
# present at the right version, so a second run on the same machine takes seconds.
#
# Usage: scripts/install-tools.sh [book] [browser] [evcxr] [jupyter]   (default: all)
#   book     mdBook and mdbook-katex into ~/.cargo/bin (cargo install; about 4-7
#            minutes on 2 shared cores, once per machine)
#   browser  Debian's Chromium (apt-get, about 1-2 minutes) and playwright-core
#            into browser-test/node_modules (npm ci, seconds)
#   evcxr    the evcxr Rust kernel for Jupyter into ~/.cargo/bin (cargo install, in
#            a light release profile; see EVCXR_BUILD below)
#   jupyter  a Python venv with the pinned Jupyter Notebook and nbconvert
#            (scripts/notebooks-requirements.txt) in target/notebooks/venv (about a
#            minute, once per checkout)
# Groups named together run one after the other; scripts/test.sh runs some of them
# in the background while it compiles.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=lib/notebook-env.sh
. scripts/lib/notebook-env.sh

MDBOOK_VERSION=0.5.4
MDBOOK_KATEX_VERSION=0.10.0

export PATH="$HOME/.cargo/bin:$PATH"

say() { echo "install-tools: $*"; }

# install_if_missing <binary> <crate> <version>
install_if_missing() {
    local bin=$1 crate=$2 version=$3
    if command -v "$bin" >/dev/null 2>&1 && "$bin" --version 2>/dev/null | grep -q "$version"; then
        say "$bin $version already installed"
        return
    fi
    say "installing $crate $version (a few minutes on 2 cores, once per machine)"
    # Into a staging root, then copied into ~/.cargo/bin: `cargo install` holds its
    # root's lock (~/.cargo/.crates.toml) for the whole build, so with the default
    # root this install and the kernel's (scripts/test.sh runs them side by side)
    # would run one after the other. The check above finds the copy by its version;
    # `cargo install --list` does not list it, and removing it is `rm`.
    local staging
    staging=$(mktemp -d)
    cargo install --locked --quiet --root "$staging" "$crate" --version "$version"
    mkdir -p "$HOME/.cargo/bin"
    cp "$staging/bin/$bin" "$HOME/.cargo/bin/$bin"
    rm -rf "$staging"
}

install_book() {
    install_if_missing mdbook mdbook "$MDBOOK_VERSION"
    install_if_missing mdbook-katex mdbook-katex "$MDBOOK_KATEX_VERSION"
}

# The browser tests (scripts/browser-test.sh, scripts/notebook-browser-test.sh)
# drive Debian's Chromium through playwright-core, pinned in browser-test/package.json.
install_browser() {
    if [ -x /usr/bin/chromium ]; then
        say "chromium already installed"
    else
        say "installing chromium with apt-get (about 1-2 minutes; log: target/apt-get.log)"
        local sudo_if_needed=()
        [ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo)
        mkdir -p target
        if ! { "${sudo_if_needed[@]}" apt-get update &&
            "${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; } \
            </dev/null >target/apt-get.log 2>&1; then
            tail -n 30 target/apt-get.log >&2
            say "apt-get could not install chromium (full log: target/apt-get.log)" >&2
            return 1
        fi
    fi
    local node_major wanted have
    node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$node_major" -lt 20 ]; then
        say "the browser tests need Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))" >&2
        return 1
    fi
    wanted=$(node -p 'require("./browser-test/package.json").dependencies["playwright-core"]')
    have=$(node -p 'require("./browser-test/node_modules/playwright-core/package.json").version' 2>/dev/null || true)
    if [ "$have" = "$wanted" ]; then
        say "playwright-core $wanted already installed"
    else
        say "installing playwright-core $wanted into browser-test/node_modules"
        (cd browser-test && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# evcxr_jupyter's own speed matters in one place: a cell's variables get their
# types from rust-analyzer's type inference (the ra_ap_hir* crates), which at
# opt-level 0 made a notebook's first cells 5-9 times slower. Everything else it
# runs (the Jupyter protocol, tokio, the IDE features behind Tab completion, cargo
# metadata) waits for rustc. So: a light release profile (opt-level 1, no LTO, no
# debug info, 16 codegen units), and opt-level 0 for the crates off the type
# inference path. Measured 2026-12-01 on a quiet 2-core machine, each installed on
# its own with /usr/bin/time, then chapters 1 and 9 run headless with it:
#   evcxr's own optimised profile                 not measured (LTO)
#   opt-level 1, 256 codegen units (until now)    533 s, 1022 CPU-s; notebooks 97 s
#   everything at opt-level 0                     203 s,  373 CPU-s; notebooks 455 s
#   this profile                                  388 s,  742 CPU-s; notebooks 97 s
# (16 codegen units alone: ra_ap_hir_ty 193 instead of 233 CPU-s.)
EVCXR_BUILD=(
    CARGO_PROFILE_RELEASE_OPT_LEVEL=1
    CARGO_PROFILE_RELEASE_LTO=false
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
    CARGO_PROFILE_RELEASE_DEBUG=false
)
EVCXR_OFF_THE_HOT_PATH=(
    ra_ap_ide ra_ap_ide_assists ra_ap_ide_completion ra_ap_ide_diagnostics ra_ap_ide_ssr
    ra_ap_project_model ra_ap_vfs-notify tokio zeromq evcxr evcxr_jupyter cargo_metadata toml
)
install_evcxr() {
    # evcxr_jupyter has no --version flag; ask cargo what it installed.
    if cargo install --list | grep -q "^evcxr_jupyter v$EVCXR_VERSION:"; then
        say "evcxr_jupyter $EVCXR_VERSION already installed"
        return
    fi
    say "installing evcxr_jupyter $EVCXR_VERSION (about 6 minutes on 2 quiet cores, 8 beside a compile; once per machine)"
    local crate config=()
    for crate in "${EVCXR_OFF_THE_HOT_PATH[@]}"; do
        config+=(--config "profile.release.package.$crate.opt-level=0")
    done
    env "${EVCXR_BUILD[@]}" cargo install "${config[@]}" --locked --quiet evcxr_jupyter --version "$EVCXR_VERSION"
}

# The venv is rebuilt only when the pinned requirements change.
install_jupyter() {
    local requirements=scripts/notebooks-requirements.txt
    if cmp -s "$requirements" "$NOTEBOOK_VENV/installed-requirements.txt" 2>/dev/null; then
        say "Jupyter venv already installed ($NOTEBOOK_VENV)"
        return
    fi
    say "installing Jupyter Notebook and nbconvert into $NOTEBOOK_VENV (about a minute)"
    rm -rf "$NOTEBOOK_VENV"
    mkdir -p "$(dirname "$NOTEBOOK_VENV")"
    python3 -m venv "$NOTEBOOK_VENV"
    "$NOTEBOOK_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$NOTEBOOK_VENV/installed-requirements.txt"
}

[ $# -gt 0 ] || set -- book browser evcxr jupyter
for group in "$@"; do
    case $group in
    book | browser | evcxr | jupyter) "install_$group" ;;
    *)
        say "unknown group '$group' (expected: book, browser, evcxr, jupyter)" >&2
        exit 2
        ;;
    esac
done
