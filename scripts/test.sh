#!/usr/bin/env bash
# Every check of the book, as CI runs it: formatting, lints, then `cargo test`,
# which runs every Rust block of the book as a doctest, checks every printed
# number, redraws every figure and compares it with the committed one, builds the
# book with mdBook (no warnings allowed) and checks its links offline; then the
# browser test opens every page of the built book in headless Chromium; then every
# notebook in notebooks/ is executed with the evcxr Rust kernel (the notebooks
# assert the chapters' numbers, scripts/notebooks.sh), and a chapter's notebook is
# run from Jupyter's web interface in Chromium (scripts/notebook-browser-test.sh).
#
# On a fresh machine the tools are installed in the background, side by side with
# the compilation: evcxr, mdBook and the light ones (Chromium with apt-get,
# playwright-core, the Jupyter venv), and each step waits only for what it uses.
# The notebooks run in the background too, from the moment evcxr is there. Each
# step prints what it does, how long it usually takes, and how long it took; the
# background jobs' output goes to target/test-sh/<job>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

export logs=target/test-sh
rm -rf "$logs"
mkdir -p "$logs"
run_start=$SECONDS
timings=()

say() { echo "test.sh: $*"; }

# ---- background jobs: started at once, awaited by the step that needs them ----

jobs_started=()
# start_job <job> <command...>: runs the command with its output in $logs/<job>.log,
# then writes its exit status and seconds to $logs/<job>.done.
start_job() {
    local job=$1
    shift
    : >"$logs/$job.log"
    # setsid: a job of its own, which stop_background can stop as one group. A new
    # session is also a scheduler group of its own (Linux's autogroups), which
    # shares the cores evenly with the others whatever its processes' nice value;
    # so a job started after the renice below lowers its group's weight too.
    setsid bash -c '
        [ "$(nice)" -eq 0 ] || echo 10 >/proc/self/autogroup 2>/dev/null || true
        start=$SECONDS
        if "${@:3}" </dev/null >>"$1/$2.log" 2>&1; then rc=0; else rc=$?; fi
        echo "$rc $((SECONDS - start))" >"$1/$2.done"' _ "$logs" "$job" "$@" &
    jobs_started+=("$job:$!")
}
# background <job> <what it does, how long it usually takes> <command...>
background() {
    local job=$1 what=$2
    shift 2
    say "background: $job: $what (log: $logs/$job.log)"
    start_job "$job" "$@"
}
# in_own_group <job> <command...>: a foreground step's command, run as a job (see
# start_job) with its output shown as it comes; returns its exit status. In this
# script's own session the compiles would share the cores evenly with the kernel's
# install and the notebooks, whatever their nice value (measured: the kernel took
# 844 s beside them instead of 388 s alone).
in_own_group() {
    local job=$1 rc
    start_job "$@"
    tail -n +1 -f --pid="${jobs_started[-1]##*:}" "$logs/$job.log"
    read -r rc _ <"$logs/$job.done"
    return "$rc"
}
# await <job> [<job whose part it is>]: wait until it has finished; stop with its
# log if it (or the job it is part of) failed.
await() {
    local job=$1 whole=${2:-$1} rc took waited=$SECONDS
    if [ ! -e "$logs/$job.done" ]; then
        say "waiting for background job $job ..."
        while [ ! -e "$logs/$job.done" ] && [ ! -e "$logs/$whole.done" ]; do sleep 2; done
    fi
    read -r rc took <"$logs/$job.done" 2>/dev/null || read -r rc took <"$logs/$whole.done"
    [ -e "$logs/$job.done" ] || [ "$rc" -ne 0 ] || rc=1
    if [ "$rc" -ne 0 ]; then
        tail -n 40 "$logs/$whole.log" >&2
        say "background job $job FAILED (exit $rc; full log: $logs/$whole.log)" >&2
        exit 1
    fi
    if [ ! -e "$logs/$job.awaited" ]; then
        touch "$logs/$job.awaited"
        timings+=("$(printf '%6s s  %s (background; waited %s s for it)' "$took" "$job" "$((SECONDS - waited))")")
    fi
}
# If a step fails, stop the cargo installs still running (safe to interrupt), and
# let apt-get, npm and pip finish (interrupting dpkg would break the machine's
# package database).
stop_background() {
    local entry job pid
    for entry in "${jobs_started[@]}"; do
        job=${entry%%:*} pid=${entry##*:}
        [ -e "$logs/$job.done" ] && continue
        case $job in
        evcxr | book-tools | notebooks | notebook-browser | lints | compile | cargo-test) kill -- -"$pid" 2>/dev/null || true ;;
        *) say "waiting for background job $job to finish before stopping" && wait "$pid" 2>/dev/null || true ;;
        esac
    done
}
trap stop_background EXIT

# step <what it does> <how long it usually takes> <command...>
step() {
    local what=$1 usual=$2 start=$SECONDS
    shift 2
    say "== $what (usually $usual)"
    "$@"
    say "== $what: done in $((SECONDS - start)) s"
    timings+=("$(printf '%6s s  %s' "$((SECONDS - start))" "$what")")
}

# ---- tools, in the background ----

# On a fresh machine the two cargo installs are the longest steps: evcxr_jupyter
# (the notebooks' kernel) and mdBook with mdbook-katex (needed from `cargo test`
# on). They run beside the workspace's compile; the notebooks start as soon as the
# kernel and the Jupyter venv are there.
#
# job_ok <job>: wait until the background job has finished; fail if it failed.
job_ok() {
    local rc
    while [ ! -e "$logs/$1.done" ]; do sleep 2; done
    read -r rc _ <"$logs/$1.done"
    [ "$rc" -eq 0 ] || { echo "$1 failed (see $logs/$1.log)" && return 1; }
}
export -f job_ok
background evcxr "evcxr_jupyter (once per machine: about 8 minutes beside the compile on 2 cores; seconds when installed)" \
    scripts/install-tools.sh evcxr
background jupyter-venv "the pinned Jupyter in target/notebooks/venv (once per checkout: under a minute)" scripts/install-tools.sh jupyter

# Every notebook executed headless (scripts/notebooks.sh), in the background from
# the moment its tools are installed: it mostly waits for one rustc at a time, so it
# fills the cores while the workspace's compile, `cargo test` and the browser
# tests run. Its result is awaited at the end.
notebooks_when_ready() {
    job_ok evcxr && job_ok jupyter-venv && scripts/notebooks.sh
}
# The notebook browser test runs once every notebook has: started beside a lane
# that was still running (in the idle lane's build folder), its kernel once never
# answered Jupyter in 180 s, and on a fresh machine the notebooks end long before
# the rest. It takes slot-0, where the notebooks' crates are compiled.
notebook_browser_when_ready() {
    job_ok notebooks && job_ok browser-tools && NOTEBOOK_SLOT=0 scripts/notebook-browser-test.sh
}
export -f notebooks_when_ready notebook_browser_when_ready
background notebooks "every notebook executed headless with the evcxr kernel, two at a time, as soon as the kernel is installed (about a minute per notebook on 2 shared cores; 3-4 more for the first from nothing)" notebooks_when_ready
background notebook-browser "a notebook run from Jupyter's web interface in Chromium, once the notebooks have run (about a minute)" notebook_browser_when_ready

# The kernel's install and then the notebooks are the longest chain of work (on a
# fresh machine about 12 CPU-minutes of cargo install, then about 12 of notebooks),
# and the rest does not wait for them until the end. Everything started from here
# on runs at a lower priority (nice 10, and its job's scheduler group too, as do
# the compiles, see in_own_group): the chain takes the cores when it can use them,
# and the rest fills the gaps. Measured on a fresh machine: the kernel in 465 s
# and the notebooks done at 859 s, then the rest by 1297 s.
renice -n 10 -p $$ >/dev/null

# mdBook installs into a staging folder of its own (scripts/install-tools.sh), so it
# does not wait for the kernel's install, which holds ~/.cargo's install lock.
background book-tools "mdBook and mdbook-katex (once per machine: about 5 minutes alone, up to 20 at low priority beside the kernel and the notebooks; seconds when installed)" \
    scripts/install-tools.sh book

background browser-tools "Chromium (apt-get) and playwright-core (once per machine: 1-2 minutes)" scripts/install-tools.sh browser
background widgets "the interactive widgets' WebAssembly into src/widgets/pkg, which the built book copies (about a minute the first time, plus the wasm32 target with rustup if missing; seconds when built)" scripts/build-widgets.sh

# ---- formatting, lints and the test build ----

step "cargo fmt --check" "seconds" cargo fmt --all -- --check

# Lints and tests compile the same crates. `cargo clippy` only checks them (no
# code), so `cargo test` would compile every dependency a second time. In a fresh
# target/ (a fresh clone, as CI has) the workspace is compiled once instead: clippy
# is the compiler of the workspace's own crates (RUSTC_WORKSPACE_WRAPPER, as
# `cargo clippy` does it, with the same `-D warnings`), and the same build runs the
# tests. With an existing target/, the usual `cargo clippy` reuses what is there,
# so plain `cargo test` and this script do not rebuild each other's crates.
clippy_once() {
    # A lint that cannot fail is a defect: check first that clippy-driver, called
    # this way, turns a warning into an error (it takes a second).
    local canary=$logs/clippy-canary
    mkdir -p "$canary"
    printf 'pub fn f() -> i32 {\n    return 1;\n}\n' >"$canary/lib.rs"
    if env "${shared_build[@]}" clippy-driver rustc --edition 2024 --crate-type lib --emit=metadata \
        --out-dir "$canary" "$canary/lib.rs" >"$canary/log" 2>&1 ||
        ! grep -q 'needless.return' "$canary/log"; then
        cat "$canary/log" >&2
        say "clippy-driver did not reject a needless return with -D warnings: the lint step could not fail" >&2
        return 1
    fi
    in_own_group compile env "${shared_build[@]}" cargo test --workspace --all-targets --locked --no-run
}
# Set only for the two cargo commands: exported, they would reach evcxr's cargo in
# the notebooks too, and lint the notebooks' cells.
shared_build=()
if [ -d target/debug ]; then
    step "cargo clippy: lints every crate and target" "2-3 minutes from nothing, seconds when built" \
        in_own_group lints cargo clippy --workspace --all-targets --locked -- -D warnings
    step "cargo test --no-run: compiles the tests" "5-10 minutes from nothing, 5 after a change to the core crate, seconds when built" \
        in_own_group compile cargo test --workspace --locked --no-run
else
    # CLIPPY_ARGS is how cargo-clippy passes `-- -D warnings` to clippy-driver.
    shared_build=(
        RUSTC_WORKSPACE_WRAPPER="$(command -v clippy-driver)"
        CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
    )
    step "compile every crate and target once, with clippy's lints (-D warnings)" \
        "about 6 minutes from nothing on 2 cores, 15-20 beside the installs" clippy_once
fi

# ---- cargo test ----

step "wait for mdBook" "0 s when installed" await book-tools
step "wait for the widgets' WebAssembly" "0 s when built" await widgets
run_cargo_test() {
    say "runs the doctests (every chapter's code blocks), the unit, property and figure tests, and builds the book"
    in_own_group cargo-test env "${shared_build[@]}" cargo test --workspace --locked
    # Where the time went: the slowest test programs.
    awk '/^     Running / {name = $2 " " $3} /^   Doc-tests / {name = "doctests of " $2}
         /^test result:/ {sub(/s$/, "", $NF); printf "%8.1f s  %s\n", $NF, name}' "$logs/cargo-test.log" |
        sort -rn | head -n 5 | sed 's/^/test.sh: slowest: /' || true
}
step "cargo test" "under a minute once compiled; the doctests compile as they run" run_cargo_test

# ---- the browsers and the notebooks ----

await browser-tools
step "browser test of the book" "about 20 s" scripts/browser-test.sh
widgets_test() {
    mdbook build -d target/widgets-book >/dev/null && node browser-test/check-widgets.mjs target/widgets-book
}
step "browser test of the interactive widgets, against the native crate" "about a minute" widgets_test

step "wait for the notebooks (running in the background since the kernel was installed)" "0-10 minutes" await notebooks
grep '^notebooks: ' "$logs/notebooks.log" | sed 's/^/test.sh: /'
step "wait for the notebook in Jupyter's web interface (running in the background since the notebooks ended)" "0-1 minute" await notebook-browser
sed 's/^/test.sh: /' "$logs/notebook-browser.log"

# ---- summary ----

say "time per step:"
for line in "${timings[@]}"; do echo "  $line"; done
say "total $((SECONDS - run_start)) s; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"

# One closing line that CI can read: every cargo test, plus the book's browser test,
# the widgets' browser test, each notebook, and the notebook browser test as one
# check each (any failure above has already stopped the script).
tests=$(awk '/^test result:/ {n += $4} END {print n + 0}' "$logs/cargo-test.log")
notebooks=$(find notebooks -name '*.ipynb' | wc -l)
echo "all checks: $((tests + 2 + notebooks + 1)) passed, 0 failed"
