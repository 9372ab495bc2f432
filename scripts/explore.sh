#!/usr/bin/env bash
# Explore the chapters in Jupyter: one command that installs what the notebooks
# need (once per machine: the evcxr Rust kernel, and a pinned Jupyter Notebook in
# a venv under target/), compiles each notebook's crates once so that the first
# cell of any notebook takes seconds, then serves notebooks/ on 127.0.0.1 and
# prints the address to open. Ctrl-C stops it.
#
# Nothing is written to your own Jupyter or evcxr set-up: see
# scripts/lib/notebook-env.sh for where everything goes.
#
# Environment: EXPLORE_PORT (default 8888; another free port if that one is taken),
# EXPLORE_TOKEN (default: a new random one; it is part of the printed address),
# EXPLORE_WARM_UP (the notebooks whose crates are compiled before Jupyter starts;
# default all of them; scripts/notebook-browser-test.sh names only the one it opens).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=lib/notebook-env.sh
. scripts/lib/notebook-env.sh

scripts/install-tools.sh evcxr jupyter
notebook_env
# shellcheck disable=SC2086 # a list of paths, split on spaces
notebook_warm_up ${EXPLORE_WARM_UP:-notebooks/*.ipynb}

port=$(free_port "${EXPLORE_PORT:-8888}")
token=${EXPLORE_TOKEN:-$(python3 -c 'import secrets; print(secrets.token_hex(16))')}
jupyter_server_command "$port" "$token"
cat <<EOF
explore: Jupyter serves notebooks/ at

    http://127.0.0.1:$port/tree?token=$token

explore: open it, click a chapter's notebook (ch01-discrete.ipynb, ...), then
explore: Run > Run All Cells. Ctrl-C here stops Jupyter.
EOF
exec "${JUPYTER_SERVER[@]}"
