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
echo "notebooks: executing ${#notebooks[@]} notebooks (1.5-2 minutes each on 2 shared cores: the kernel starts, the first cell takes 10-40 s, later cells 1-20 s each; 4-5 minutes more for the first from nothing, which compiles the crates)"
failed=()
for notebook in "${notebooks[@]}"; do
    name=$(basename "$notebook" .ipynb)
    executed=$executed_dir/$name.ipynb
    start=$SECONDS
    # --allow-errors keeps the executed copy, with the compiler's or the failed
    # assert's message, when a cell errors; the check after it fails the run.
    if "$NOTEBOOK_VENV/bin/jupyter" nbconvert --to notebook --execute --allow-errors \
        --ExecutePreprocessor.timeout=1200 \
        --output-dir "$executed_dir" --output "$name" "$notebook" \
        >"$executed_dir/$name.log" 2>&1 &&
        "$NOTEBOOK_VENV/bin/python" scripts/check-executed-notebook.py "$executed" "$name"; then
        echo "notebooks: $name passed in $((SECONDS - start)) s"
        # Its first cell compiled everything it needs: scripts/explore.sh need not.
        notebook_mark_warm "$notebook"
    else
        echo "notebooks: $name FAILED after $((SECONDS - start)) s (nbconvert's log: $executed_dir/$name.log)" >&2
        failed+=("$name")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "notebooks: failed: ${failed[*]}" >&2
    exit 1
fi
echo "notebooks: all ${#notebooks[@]} notebooks ran to the end; executed copies in target/notebooks/executed/"
