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

Markers before a block (markers.py) skip it or raise its timeout; notebooks carry targets and
records of their stored outputs in their metadata (notebooks.py).

JSON report (`--json`, version 1): {"version", "summary": counts and duration (report.py),
"pages": [PageResult with its blocks' BlockResult (results.py), as dictionaries]}.
"""
