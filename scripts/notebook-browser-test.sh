#!/usr/bin/env bash
# A chapter's notebook as a reader runs it: starts scripts/explore.sh (the
# README's explore command) headless on a free port of 127.0.0.1, then
# browser-test/check-notebook.mjs opens the notebook in Jupyter's web interface in
# headless Chromium, runs all its cells from the Run menu, and checks that the
# printed arrays and the inline figures appear, with no error and no request off
# 127.0.0.1. Fails, too, if the notebook's file changed (autosave is turned off
# for the test: a run must not save outputs into notebooks/).
#
# Usage: scripts/notebook-browser-test.sh [notebooks/chNN-topic.ipynb]
#        (default: notebooks/ch01-discrete.ipynb, a quick one)
# Needs what scripts/install-tools.sh installs (browser, evcxr, jupyter).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=lib/notebook-env.sh
. scripts/lib/notebook-env.sh

notebook=${1:-notebooks/ch01-discrete.ipynb}
fail() {
    echo "notebook-browser-test: $*" >&2
    exit 1
}
[ -f "$notebook" ] || fail "no notebook $notebook"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing: run scripts/install-tools.sh browser"
[ -d browser-test/node_modules/playwright-core ] ||
    fail "playwright-core is missing: run scripts/install-tools.sh browser"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/notebook-browser-test.XXXXXX")
server_pid=
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        # explore.sh runs in a process group of its own (setsid below): stop it and
        # whatever it started; Jupyter shuts its kernels down on SIGTERM.
        kill -- -"$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

start=$SECONDS
before=$(cksum <"$notebook")
# Jupyter's user settings for this run only: no autosave.
export JUPYTERLAB_SETTINGS_DIR=$scratch/settings
mkdir -p "$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/docmanager-extension"
echo '{ "autosave": false }' >"$JUPYTERLAB_SETTINGS_DIR/@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"

port=$(free_port 0)
token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
log=$NOTEBOOK_WORK/notebook-browser-test-server.log
mkdir -p "$NOTEBOOK_WORK"
echo "notebook-browser-test: starting scripts/explore.sh on 127.0.0.1:$port (seconds when its crates are compiled; log: $log)"
# Only the notebook it opens needs its crates compiled before Jupyter starts.
EXPLORE_PORT=$port EXPLORE_TOKEN=$token EXPLORE_WARM_UP=$notebook setsid scripts/explore.sh </dev/null >"$log" 2>&1 &
server_pid=$!
# explore.sh may first compile the notebooks' crates (minutes from nothing).
until curl -fs "http://127.0.0.1:$port/api/status?token=$token" >/dev/null 2>&1; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        tail -n 40 "$log" >&2
        fail "scripts/explore.sh stopped before Jupyter answered (log above: $log)"
    fi
    [ $((SECONDS - start)) -lt 1800 ] || fail "Jupyter did not answer within 30 minutes (log: $log)"
    sleep 1
done
echo "notebook-browser-test: Jupyter answers after $((SECONDS - start)) s; running $notebook in Chromium"

status=0
node browser-test/check-notebook.mjs "http://127.0.0.1:$port" "$token" "$notebook" \
    "${BROWSER_SCREENSHOTS:-target/browser-screenshots}" || status=$?
[ "$(cksum <"$notebook")" = "$before" ] || { echo "notebook-browser-test: $notebook changed during the test: Jupyter saved it" >&2 && status=1; }
[ $status -eq 0 ] || { echo "notebook-browser-test: Jupyter's log: $log" >&2 && exit 1; }
echo "notebook-browser-test: done in $((SECONDS - start)) s"
