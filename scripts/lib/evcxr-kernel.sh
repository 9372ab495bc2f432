#!/usr/bin/env bash
# The "rust" kernel as this repository's Jupyter starts it (the kernelspec that
# scripts/lib/notebook-env.sh registers runs this): evcxr_jupyter, with a build
# folder kept between kernels, so a new kernel finds the book's crates already
# compiled there and its first cell takes seconds instead of minutes.
#
# Two kernels must not share a build folder (evcxr rewrites the crate in it for
# every cell), so each running kernel holds a lock on its own: the first free one of
# $NOTEBOOK_BUILD_DIRS/slot-0, slot-1, ... A second notebook open at the same time
# gets slot-1, where the first cell compiles the book's own crates once more (the
# dependencies come from evcxr's cache). NOTEBOOK_SLOT, when set, is tried first.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)

if [ -n "${NOTEBOOK_BUILD_DIRS:-}" ]; then
    # scripts/notebooks.sh runs two notebooks at a time and asks each kernel for
    # its lane's slot (NOTEBOOK_SLOT), so each lane keeps reusing one folder.
    for slot in ${NOTEBOOK_SLOT:-} 0 1 2 3 4 5 6 7; do
        dir=$NOTEBOOK_BUILD_DIRS/slot-$slot
        mkdir -p "$dir"
        exec 9>"$dir.lock"
        # The lock stays held by evcxr_jupyter (fd 9 is inherited) until it exits.
        if flock -n 9; then
            # Start from the workspace's lock file so the notebooks build the same
            # versions of ndarray, plotters and image as `cargo test`.
            [ -f "$dir/Cargo.lock" ] || cp "$root/Cargo.lock" "$dir/Cargo.lock"
            export EVCXR_TMPDIR=$dir
            break
        fi
        exec 9>&-
    done
fi
# With no free slot, evcxr uses a fresh temporary folder of its own.
exec evcxr_jupyter "$@"
