"""Snippet check: every code block of the site runs exactly as printed.

    check-snippets [PATH ...]                               (default: docs/)
        --offline-data DIR   serve known dataset downloads from DIR (tests and CI use
                             ../shared/datasets) and refuse any other network access
        --json PATH          write the report below as JSON
        --no-cache           run every page, even ones that passed unchanged
        --cache-dir DIR      default .cache/snippets
        -j N                 run N pages at a time
        --timeout SECONDS    per block or cell (default 60)
        --write-outputs      run the notebooks and store their fresh outputs in the .ipynb
        --lock PATH          lock file pip blocks are checked against (requirements/test.txt)
        -f, --config-file    the site's mkdocs.yml (default: ./mkdocs.yml; the lock and the
                             cache default to paths beside it)
        -q                   tables only for pages that failed
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

Markers (Markdown): an HTML comment on the line(s) right before a fence, e.g.
    <!-- check: skip reason="needs a GPU" -->      <!-- check: timeout=300 -->
Inside admonitions and tabs leave a blank line between the marker and the fence (without it
Python-Markdown wraps the comment and the block in one <p>).
Notebook code cells: metadata {"dlmd": {"skip": "reason", "timeout": 300}}.

Notebook metadata (see notebooks.py): `metadata.dlmd.targets = {"name": minimum}` checks values
the notebook computes; `--write-outputs` stores `cell.metadata.dlmd.source_sha256` in each run
cell, and a normal check fails cells whose stored outputs are stale.

JSON report (`--json`), version 1:
    {"version": 1,
     "summary": {"passed", "failed", "skipped", "blocked", "not_run", "pages", "pages_failed",
                 "pages_cached", "duration"},
     "pages": [{"path": "docs/index.md", "kind": "markdown" | "notebook",
                "status": "passed" | "failed", "cached": bool, "duration": seconds,
                "errors": ["file:line: page-level problem", ...],
                "metrics": {"test_accuracy": 0.97},           # notebooks with targets
                "offline_files": [{"path": "mnist/mnist.npz", "sha256": "..."}],
                "blocks": [{"number": 1,                      # position on the page, from 1
                            "file": "docs/index.md", "line": 95,   # opening fence; null for cells
                            "cell": null, "markdown_cell": null, "position": null,  # notebooks
                            "language": "python",
                            "kind": "python" | "pip" | "shell" | "text" | "custom" | "unclassified",
                            "status": "passed" | "failed" | "blocked" | "skipped" | "not-run",
                            "message": "...", "location": "docs/index.md:123",
                            "failing_line": "...", "traceback": "...", "output": "...",
                            "note": "...", "duration": seconds}]}]}
"""
