#!/usr/bin/env python3
"""Run every code snippet of the site exactly as printed: `python scripts/check_snippets.py --help`.

The logic lives in scripts/snippetcheck/ (its docstring documents the markers, the notebook
metadata and the JSON report).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from snippetcheck.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
