"""Fail unless an executed notebook ran every cell without error or panic to its
CHECKED line.

Usage: check-executed-notebook.py <executed.ipynb> <chNN-topic>
Run by scripts/notebooks.sh with the venv's Python (it needs nbformat).
"""

import re
import sys

import nbformat

path, name = sys.argv[1], sys.argv[2]
notebook = nbformat.read(path, as_version=4)
problems = []
printed = []
for number, cell in enumerate(notebook.cells, start=1):
    if cell.cell_type != "code":
        continue
    panic = "".join(
        output.text
        for output in cell.outputs
        if output.output_type == "stream" and output.name == "stderr"
    )
    if " panicked at " in panic:
        # evcxr reports a panic (a failed assert) on stderr only, not as a cell
        # error, so nbconvert alone would carry on as if nothing had happened.
        message = panic.split("stack backtrace:")[0].strip()
        problems.append(f"cell {number} panicked:\n{cell.source}\n--- panic ---\n{message}")
    for output in cell.outputs:
        if output.output_type == "stream" and output.name == "stdout":
            printed.append(output.text)
        elif output.output_type == "error":
            message = "\n".join(output.get("traceback", [])) or output.get("evalue", "")
            message = re.sub(r"\x1b\[[0-9;]*m", "", message)  # terminal colours
            problems.append(f"cell {number} failed:\n{cell.source}\n--- error ---\n{message}")
if f"CHECKED {name}" not in "".join(printed).splitlines():
    problems.append(f"the last cell did not print 'CHECKED {name}'")
if problems:
    sys.exit(f"{path}:\n" + "\n\n".join(problems))
