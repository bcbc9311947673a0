#!/usr/bin/env python3
"""Run every code snippet of the site exactly as printed: `python scripts/check_snippets.py --help`.

The logic lives in scripts/snippetcheck/ (its docstring documents the markers, the notebook
metadata and the JSON report).
"""

import sys

from dlmd.snippetcheck.cli import main

if __name__ == "__main__":
    sys.exit(main())
