# shellcheck shell=bash
# One home for how this repository runs its notebooks with Jupyter and the evcxr
# Rust kernel. Sourced (with $root set to the repository's top folder) by
# scripts/install-tools.sh, scripts/notebooks.sh (every notebook, headless),
# scripts/explore.sh (Jupyter for a reader) and scripts/notebook-browser-test.sh.
#
# Everything stays out of $HOME and the user's Jupyter set-up:
#   target/notebooks/venv          the pinned Jupyter (scripts/install-tools.sh jupyter)
#   target/notebooks/jupyter/      the "rust" kernelspec, seen only by this Jupyter
#   target/notebooks/jupyter-*     Jupyter's config, data and runtime files
#   target/notebooks/checkpoints/  Jupyter's checkpoints ("File > Save and Checkpoint")
#   target/notebooks/cache/evcxr/  evcxr's cache of compiled crates (`:cache`, see
#                                  target/notebooks/evcxr-config/init.evcxr)
#   $NOTEBOOK_BUILD_DIRS/slot-N/   evcxr's build folders, kept between kernels (see
#                                  scripts/lib/evcxr-kernel.sh)

EVCXR_VERSION=0.22.0
NOTEBOOK_WORK=$root/target/notebooks
NOTEBOOK_VENV=$NOTEBOOK_WORK/venv
# evcxr's build folders, one per kernel running at the same time. Not in target/:
# cargo takes a package there for a stray member of this workspace. Not in $HOME
# either: evcxr's cells link the standard library through a relative rpath that is
# one `..` short, which only resolves when the folder shares no parent with
# ~/.rustup (the extra `..` then stops at /). Named after this checkout's path.
NOTEBOOK_BUILD_DIRS=${TMPDIR:-/tmp}/convolution-book-evcxr-$(id -u)-$(printf %s "$root" | cksum | cut -d' ' -f1)

# Size of evcxr's cache of compiled crates, in MB (all chapters' dependencies take
# about a third of it).
EVCXR_CACHE_MB=1500
# evcxr compiles every cell, and the crates it loads, at opt-level 2 unless told
# otherwise. At 1 a chapter-8 kernel whose crates are compiled took 49 CPU-seconds
# instead of 97 (43 s instead of 70 s), and compiling chapter 5's crates from
# nothing 285 instead of 299; at 0 the cells themselves ran slowly (67 CPU-seconds).
# Measured 2026-12-01 with /usr/bin/time, one kernel at a time, nothing else running.
EVCXR_OPT_LEVEL=1

# notebook_env: point Jupyter and evcxr at the folders above and register the kernel.
notebook_env() {
    [ -x "$NOTEBOOK_VENV/bin/jupyter" ] ||
        { echo "notebooks: no Jupyter in $NOTEBOOK_VENV: run scripts/install-tools.sh jupyter" >&2 && return 1; }
    command -v evcxr_jupyter >/dev/null ||
        { echo "notebooks: evcxr_jupyter is missing: run scripts/install-tools.sh evcxr" >&2 && return 1; }
    export JUPYTER_PATH=$NOTEBOOK_WORK/jupyter
    export JUPYTER_DATA_DIR=$NOTEBOOK_WORK/jupyter-data
    export JUPYTER_RUNTIME_DIR=$NOTEBOOK_WORK/jupyter-runtime
    export JUPYTER_CONFIG_DIR=$NOTEBOOK_WORK/jupyter-config
    export IPYTHONDIR=$NOTEBOOK_WORK/ipython
    # evcxr keeps its `:cache` in $XDG_CACHE_HOME/evcxr.
    export XDG_CACHE_HOME=$NOTEBOOK_WORK/cache
    # evcxr runs init.evcxr in every new kernel: keep compiled crates between kernels,
    # so a new kernel copies the dependencies (ndarray, plotters, image, ...) instead
    # of compiling them.
    export EVCXR_CONFIG_DIR=$NOTEBOOK_WORK/evcxr-config
    export NOTEBOOK_BUILD_DIRS
    mkdir -p "$EVCXR_CONFIG_DIR" "$XDG_CACHE_HOME" "$NOTEBOOK_BUILD_DIRS"
    printf ':cache %s\n:opt %s\n' "$EVCXR_CACHE_MB" "$EVCXR_OPT_LEVEL" >"$EVCXR_CONFIG_DIR/init.evcxr"

    # Register the kernel (kernelspec "rust") where JUPYTER_PATH points, then start it
    # through scripts/lib/evcxr-kernel.sh, which gives it a build folder of its own.
    evcxr_jupyter --install >/dev/null
    "$NOTEBOOK_VENV/bin/python" - "$JUPYTER_PATH/kernels/rust/kernel.json" "$root/scripts/lib/evcxr-kernel.sh" <<'EOF'
import json, sys
path, wrapper = sys.argv[1], sys.argv[2]
with open(path) as f:
    spec = json.load(f)
spec["argv"] = ["bash", wrapper, "--control_file", "{connection_file}"]
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
EOF
}

# notebook_stamp <notebook>: a checksum of what the notebook's first cell compiles:
# the cell itself, the crates under chapters-code/, Cargo.lock, rustc and evcxr.
notebook_stamp() {
    {
        python3 -c '
import json, sys
cells = json.load(open(sys.argv[1]))["cells"]
print("".join(next(c["source"] for c in cells if c["cell_type"] == "code")))' "$1"
        find "$root/chapters-code" -type f \( -name '*.rs' -o -name Cargo.toml \) -print0 | sort -z | xargs -0 cat
        cat "$root/Cargo.lock"
        rustc -V
        echo "evcxr $EVCXR_VERSION, opt-level $EVCXR_OPT_LEVEL"
    } | cksum | cut -d' ' -f1
}
notebook_stamp_file() { echo "$NOTEBOOK_BUILD_DIRS/warm/$(basename "$1" .ipynb)"; }

# notebook_mark_warm <notebook>: its first cell ran in slot-0 with the current sources.
notebook_mark_warm() {
    mkdir -p "$NOTEBOOK_BUILD_DIRS/warm"
    notebook_stamp "$1" >"$(notebook_stamp_file "$1")"
}

# notebook_warm_up [notebook ...]: run the first code cell (the `:dep` lines) of each
# notebook whose stamp is out of date, headless, so that evcxr's build folder and
# cache hold everything it compiles and a reader's first cell takes seconds.
notebook_warm_up() {
    local notebook todo=()
    for notebook in "$@"; do
        if [ "$(cat "$(notebook_stamp_file "$notebook")" 2>/dev/null)" != "$(notebook_stamp "$notebook")" ]; then
            todo+=("$notebook")
        fi
    done
    if [ ${#todo[@]} -eq 0 ]; then
        echo "notebooks: every notebook's crates are already compiled"
        return
    fi
    echo "notebooks: compiling the crates of ${#todo[@]} notebook(s) once, headless (from nothing about 2-3 minutes for the first, then 10-40 s each)"
    local start
    for notebook in "${todo[@]}"; do
        start=$SECONDS
        "$NOTEBOOK_VENV/bin/python" "$root/scripts/lib/run-first-cell.py" "$notebook"
        notebook_mark_warm "$notebook"
        echo "notebooks:   $(basename "$notebook" .ipynb): $((SECONDS - start)) s"
    done
}

# jupyter_server_command <port> <token>: sets JUPYTER_SERVER to the command that
# serves notebooks/ with Jupyter Notebook on 127.0.0.1 only, offline (no news feed,
# no update or extension checks), without opening a browser.
jupyter_server_command() {
    JUPYTER_SERVER=(
        "$NOTEBOOK_VENV/bin/jupyter" notebook
        --no-browser --ip=127.0.0.1 --port="$1" --ServerApp.port_retries=0
        --IdentityProvider.token="$2"
        --ServerApp.root_dir="$root/notebooks"
        # Checkpoints out of notebooks/ (by default Jupyter writes
        # notebooks/.ipynb_checkpoints/, which the notebook checks would take for notebooks).
        --FileCheckpoints.checkpoint_dir="$NOTEBOOK_WORK/checkpoints"
        --LabApp.news_url=None
        --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate
        --LabServerApp.extension_manager=readonly
    )
    # Jupyter refuses to run as root unless told; CI and these machines run as root.
    [ "$(id -u)" -ne 0 ] || JUPYTER_SERVER+=(--allow-root)
}

# free_port [preferred]: the preferred port if nothing listens on it, else any free one.
free_port() {
    python3 - "${1:-0}" <<'EOF'
import socket, sys
for port in (int(sys.argv[1]), 0):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(s.getsockname()[1])
    break
EOF
}
