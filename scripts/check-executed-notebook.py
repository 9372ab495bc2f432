"""Fail unless an executed notebook ran every cell without error to its CHECKED line.

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
    for output in cell.outputs:
        if output.output_type == "stream":
            printed.append(output.text)
        elif output.output_type == "error":
            message = "\n".join(output.get("traceback", [])) or output.get("evalue", "")
            message = re.sub(r"\x1b\[[0-9;]*m", "", message)  # terminal colours
            problems.append(f"cell {number} failed:\n{cell.source}\n--- error ---\n{message}")
if f"CHECKED {name}" not in "".join(printed).splitlines():
    problems.append(f"the last cell did not print 'CHECKED {name}'")
if problems:
    sys.exit(f"{path}:\n" + "\n\n".join(problems))
