"""Which files the snippet check reads, and the inventory that reads each one."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dlmd.snippetcheck.config import SiteConfig
from dlmd.snippetcheck.inventory import read_markdown
from dlmd.snippetcheck.lockfile import Lock
from dlmd.snippetcheck.model import Page
from dlmd.snippetcheck.notebook_inventory import read_notebook


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Markdown pages and notebooks in `paths` (files or folders), sorted, without duplicates.

    Raises FileNotFoundError / ValueError for a missing path or an unsupported file.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted([*path.rglob("*.md"), *path.rglob("*.ipynb")]):
                if ".ipynb_checkpoints" not in file.parts and file.is_file():
                    found[file.resolve()] = None
        elif path.is_file():
            if path.suffix not in (".md", ".ipynb"):
                raise ValueError(f"{path}: not a Markdown page (.md) or notebook (.ipynb)")
            found[path.resolve()] = None
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return sorted(found)


def read_page(path: Path, site: SiteConfig, lock: Lock) -> Page:
    if path.suffix == ".ipynb":
        return read_notebook(path, site, lock)
    return read_markdown(path, site, lock)
