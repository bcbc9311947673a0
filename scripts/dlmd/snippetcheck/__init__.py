"""Snippet check: every code block of the site runs exactly as printed.

    check-snippets [PATH ...]   (default: the docs folder; options: check-snippets --help)
    Exit status: 0 everything passed, 1 something failed, 2 usage or configuration error.
    The last line printed is exactly `N passed, N failed, N skipped` (blocks and cells; page-level
    errors count as failed; blocked and not-run blocks are counted on the line before).

What runs, and how (see inventory.py for the classification):
- Each Markdown page runs in a fresh Python process, each notebook in a fresh Jupyter kernel,
  in a fresh temporary working directory and HOME. A page's Python blocks run in order, each
  once, in one namespace (a real `__main__`, as in a notebook). The first failure stops the
  page; its later Python blocks are `blocked`.
- Failures name the Markdown line: `docs/index.md:123` (included code: the included file's
  line), or `docs/tutorials/x.ipynb code cell 3, line 2` (code cells counted from 1).

Markers before a block (markers.py) skip it or raise its timeout; notebooks carry targets
(`{"name": minimum}` or `{"name": {"min": a, "max": b}}`) and records of their stored outputs in
their metadata (notebooks.py).

Output blocks (Markdown; output_blocks.py, output_check.py, output_rules.py, output_write.py):
a ```text block right after a ```python block (only blank lines and markers between) is that
block's expected output and is compared with what it printed; the comparison fails at the
output block's line with a diff. Variation is declared before the output block, e.g.
    <!-- check: output numbers=0.02 timings -->    <!-- check: output numbers=5% ellipsis -->
and a ```text block no Python block owns needs <!-- check: illustration reason="..." -->.
`--write-outputs` rewrites the output blocks that differ from this run.

JSON report (`--json`, version 1): {"version", "summary": counts and duration (report.py),
"pages": [PageResult with its blocks' BlockResult (results.py), as dictionaries]}.
"""
