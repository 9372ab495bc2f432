#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless with the evcxr Rust kernel and
# fails if any cell errors or panics, or a notebook does not reach its last cell.
# The notebooks check their own numbers: each asserts the chapter's results, and
# its last cell prints `CHECKED <notebook>`. scripts/check-executed-notebook.py
# reads the executed copy: evcxr reports a failed assert (a panic) only on
# stderr, not as a cell error, so nbconvert's exit status alone would miss it.
#
# Installs what is missing, once per machine, and skips what is present:
# evcxr_jupyter (pinned, into ~/.cargo/bin; ~13 minutes on 2 cores), and a Python
# venv with nbconvert (scripts/notebooks-requirements.txt) in target/notebooks/.
# Jupyter's and evcxr's files stay there too (not in $HOME), except evcxr's build
# folder, kept so reruns are quick, in /tmp (or $TMPDIR): see EVCXR_TMPDIR below.
#   target/notebooks/executed/   the executed notebooks, with their outputs
#
# Usage: scripts/notebooks.sh [notebooks/chNN-topic.ipynb ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

EVCXR_VERSION=0.22.0
work=$root/target/notebooks
mkdir -p "$work"

# evcxr_jupyter has no --version flag; ask cargo what it installed.
if cargo install --list | grep -q "^evcxr_jupyter v$EVCXR_VERSION:"; then
    echo "notebooks: evcxr_jupyter $EVCXR_VERSION already installed"
else
    echo "notebooks: installing evcxr_jupyter $EVCXR_VERSION (about 13 minutes on 2 cores, once per machine)"
    cargo install --locked --quiet evcxr_jupyter --version "$EVCXR_VERSION"
fi

# The venv is rebuilt only when the pinned requirements change.
requirements=scripts/notebooks-requirements.txt
venv=$work/venv
if cmp -s "$requirements" "$venv/installed-requirements.txt" 2>/dev/null; then
    echo "notebooks: Python venv already installed"
else
    echo "notebooks: installing nbconvert into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/installed-requirements.txt"
fi

# Keep the settings, kernels and caches of Jupyter and evcxr in target/notebooks/.
export JUPYTER_PATH=$work/jupyter
export JUPYTER_DATA_DIR=$work/jupyter-data
export JUPYTER_RUNTIME_DIR=$work/jupyter-runtime
export JUPYTER_CONFIG_DIR=$work/jupyter-config
export IPYTHONDIR=$work/ipython
export XDG_CACHE_HOME=$work/cache
export EVCXR_CONFIG_DIR=$work/evcxr-config
# One build folder for all notebooks, kept between runs: cargo reuses the compiled
# dependencies, so only the first notebook of the first run builds them. Not in
# target/: cargo takes a package there for a stray member of this workspace. Not
# in $HOME either: evcxr's cells link the standard library through a relative
# rpath that is one `..` short, which only resolves when the folder shares no
# parent with ~/.rustup (the extra `..` then stops at /).
export EVCXR_TMPDIR=${TMPDIR:-/tmp}/convolution-book-evcxr-$(id -u)-$(printf %s "$root" | cksum | cut -d' ' -f1)
mkdir -p "$EVCXR_TMPDIR" "$EVCXR_CONFIG_DIR"
# Start from the workspace's lock file so the notebooks build the same versions of
# ndarray, plotters and image as `cargo test` (cargo drops what they do not use).
[ -f "$EVCXR_TMPDIR/Cargo.lock" ] || cp Cargo.lock "$EVCXR_TMPDIR/Cargo.lock"

# Register the kernel (kernelspec "rust") where JUPYTER_PATH points.
evcxr_jupyter --install >/dev/null

if [ $# -gt 0 ]; then
    notebooks=("$@")
else
    notebooks=(notebooks/*.ipynb)
fi
mkdir -p "$work/executed"
failed=()
for notebook in "${notebooks[@]}"; do
    name=$(basename "$notebook" .ipynb)
    executed=$work/executed/$name.ipynb
    echo "notebooks: executing $notebook"
    start=$SECONDS
    # --allow-errors keeps the executed copy, with the compiler's or the failed
    # assert's message, when a cell errors; the check after it fails the run.
    if "$venv/bin/jupyter" nbconvert --to notebook --execute --allow-errors \
        --ExecutePreprocessor.timeout=1200 \
        --output-dir "$work/executed" --output "$name" "$notebook" \
        >"$work/executed/$name.log" 2>&1 &&
        "$venv/bin/python" scripts/check-executed-notebook.py "$executed" "$name"; then
        echo "notebooks: $name passed in $((SECONDS - start)) s"
    else
        echo "notebooks: $name FAILED after $((SECONDS - start)) s (nbconvert's log: $work/executed/$name.log)" >&2
        failed+=("$name")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "notebooks: failed: ${failed[*]}" >&2
    exit 1
fi
echo "notebooks: all ${#notebooks[@]} notebooks ran to the end; executed copies in target/notebooks/executed/"
