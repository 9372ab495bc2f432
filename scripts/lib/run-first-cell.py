"""Run a notebook's first code cell (its `:dep` lines) in a new kernel, headless.

Usage: run-first-cell.py <notebook.ipynb>
scripts/explore.sh runs it (through notebook_warm_up in scripts/lib/notebook-env.sh)
so that evcxr's build folder and cache hold the crates the notebook compiles before
a reader opens it. Runs with the venv's Python (it needs nbclient) and the
environment notebook_env sets. Fails if the cell errors.
"""

import os
import sys

import nbclient
import nbformat

path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
first = next(cell for cell in notebook.cells if cell.cell_type == "code")
notebook.cells = [first]
client = nbclient.NotebookClient(
    notebook,
    timeout=1800,
    # A kernel starts in 10-20 s, but in minutes on a machine busy compiling.
    startup_timeout=600,
    # The kernel starts where the notebook is, as in Jupyter: `:dep` paths are
    # relative to it.
    resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
)
try:
    client.execute()
except nbclient.exceptions.CellExecutionError as error:
    sys.exit(f"{path}: its first cell failed:\n{error}")
