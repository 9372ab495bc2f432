#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless with the evcxr Rust kernel and
# fails if any cell errors or panics, or a notebook does not reach its last cell.
# The notebooks check their own numbers: each asserts the chapter's results, and
# its last cell prints `CHECKED <notebook>`. scripts/check-executed-notebook.py
# reads the executed copy: evcxr reports a failed assert (a panic) only on
# stderr, not as a cell error, so nbconvert's exit status alone would miss it.
#
# Installs what is missing (scripts/install-tools.sh evcxr jupyter) and runs the
# kernel as scripts/lib/notebook-env.sh sets it up, as scripts/explore.sh does:
# evcxr's build folder and cache are kept, so only the first notebook of the first
# run compiles the dependencies.
#   target/notebooks/executed/   the executed notebooks, with their outputs
#
# Usage: scripts/notebooks.sh [notebooks/chNN-topic.ipynb ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=lib/notebook-env.sh
. scripts/lib/notebook-env.sh

scripts/install-tools.sh evcxr jupyter
notebook_env

if [ $# -gt 0 ]; then
    notebooks=("$@")
else
    notebooks=(notebooks/*.ipynb)
fi
executed_dir=$NOTEBOOK_WORK/executed
mkdir -p "$executed_dir"
# Two notebooks at a time on a machine with two cores or more (NOTEBOOK_JOBS sets
# it): a cell mostly waits for one rustc, so two lanes keep both cores busy. Lane N
# runs its kernels in evcxr's build folder slot-N (scripts/lib/evcxr-kernel.sh);
# the longest notebooks (by the last run's times) go first.
jobs=${NOTEBOOK_JOBS:-$(($(nproc) >= 2 ? 2 : 1))}
[ "${#notebooks[@]}" -ge "$jobs" ] || jobs=${#notebooks[@]}
queue=$executed_dir/queue
for notebook in "${notebooks[@]}"; do
    name=$(basename "$notebook" .ipynb)
    rm -f "$executed_dir/$name.result"
    echo "$(cat "$executed_dir/$name.seconds" 2>/dev/null || echo 0) $notebook"
done | sort -rn | cut -d' ' -f2- >"$queue"
echo "notebooks: executing ${#notebooks[@]} notebooks, $jobs at a time (about a minute each on 2 shared cores: the kernel starts in 7-10 s, the first cell takes 10-20 s, later cells 1-10 s each; 2-3 minutes more from nothing, which compiles the crates)"

# The first cell of a notebook compiles the dependencies (ndarray, plotters, image,
# ...) when evcxr's cache lacks them: do that once in slot-0 before the lanes start,
# or both lanes would compile them side by side.
if [ "$jobs" -gt 1 ]; then
    NOTEBOOK_SLOT=0 notebook_warm_up "$(head -n 1 "$queue")"
    # evcxr's cache holds only registry crates: the book's own (the core crate,
    # book-figures, ...) would be compiled again in every other slot. Start each
    # empty slot from a copy of slot-0's build instead; cargo rebuilds whatever it
    # finds out of date, so a stale copy costs time, never a wrong result.
    for ((lane = 1; lane < jobs; lane++)); do
        slot=$NOTEBOOK_BUILD_DIRS/slot-$lane
        if [ -d "$NOTEBOOK_BUILD_DIRS/slot-0/target" ] && [ ! -d "$slot/target" ]; then
            mkdir -p "$slot"
            cp -a "$NOTEBOOK_BUILD_DIRS/slot-0/target" "$slot/target"
        fi
    done
fi

# next_notebook: take the first notebook off the queue (empty when none is left).
next_notebook() {
    local first
    exec 8>"$queue.lock"
    flock 8
    first=$(head -n 1 "$queue")
    sed -i 1d "$queue"
    exec 8>&-
    echo "$first"
}

# run_lane <lane>: execute notebooks from the queue until it is empty.
run_lane() {
    local lane=$1 notebook name executed start
    while notebook=$(next_notebook) && [ -n "$notebook" ]; do
        name=$(basename "$notebook" .ipynb)
        executed=$executed_dir/$name.ipynb
        start=$SECONDS
        # --allow-errors keeps the executed copy, with the compiler's or the failed
        # assert's message, when a cell errors; the check after it fails the run.
        if NOTEBOOK_SLOT=$lane "$NOTEBOOK_VENV/bin/jupyter" nbconvert --to notebook --execute --allow-errors \
            --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.startup_timeout=600 \
            --output-dir "$executed_dir" --output "$name" "$notebook" \
            >"$executed_dir/$name.log" 2>&1 &&
            "$NOTEBOOK_VENV/bin/python" scripts/check-executed-notebook.py "$executed" "$name"; then
            echo "notebooks: $name passed in $((SECONDS - start)) s"
            echo "$((SECONDS - start))" >"$executed_dir/$name.seconds"
            echo passed >"$executed_dir/$name.result"
            # Its first cell compiled everything it needs in slot-0, so
            # scripts/explore.sh need not (explore's first kernel takes slot-0).
            [ "$lane" -ne 0 ] || notebook_mark_warm "$notebook"
        else
            echo "notebooks: $name FAILED after $((SECONDS - start)) s (nbconvert's log: $executed_dir/$name.log)" >&2
            echo failed >"$executed_dir/$name.result"
        fi
    done
}

lanes=()
for ((lane = 0; lane < jobs; lane++)); do
    run_lane "$lane" &
    lanes+=($!)
done
wait "${lanes[@]}"

failed=()
for notebook in "${notebooks[@]}"; do
    name=$(basename "$notebook" .ipynb)
    [ "$(cat "$executed_dir/$name.result" 2>/dev/null)" = passed ] || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "notebooks: failed: ${failed[*]}" >&2
    exit 1
fi
echo "notebooks: all ${#notebooks[@]} notebooks ran to the end; executed copies in target/notebooks/executed/"
