"""How a source file is named in messages: as typed from the working directory, else absolute."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str | Path) -> str:
    """`docs/page.md` when the build or check runs from the site's folder, else the full path."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
