"""Skip pages that passed and have not changed since.

A page's key covers what decides its result: its code blocks in order (language, header, code,
markers; output blocks with their owner and declared variation), the files it includes, the
lock file's pins, the Python version, the checker's own code and whether the check ran offline;
notebooks are keyed on the whole .ipynb file. Only
passing pages are stored. The offline files a page used are stored with their SHA-256 and
re-checked on a hit, so a changed data set re-runs the pages that used it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from dlmd.snippetcheck.lockfile import read_lock
from dlmd.snippetcheck.model import Page
from dlmd.snippetcheck.results import PASSED, PageResult

CACHE_FORMAT = 1


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def _lock_digest(path: Path, _mtime_ns: int) -> str:
    """The lock's pins only: a re-lock that changes no version (just pip-compile's `# via`
    comments) does not re-run every page."""
    pins = read_lock(path).pins
    text = "\n".join(f"{name}=={version}" for name, version in sorted(pins.items()))
    return hashlib.sha256(text.encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def checker_digest() -> str:
    """Hash of this package's code: a new checker re-runs everything."""
    digest = hashlib.sha256()
    for file in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def page_key(page: Page, lock_path: Path, offline: bool, timeout: float) -> str:
    material: dict[str, Any] = {
        "format": CACHE_FORMAT,
        "page": page.path,
        "python": sys.version,
        "checker": checker_digest(),
        "lock": _lock_digest(lock_path, lock_path.stat().st_mtime_ns),
        "offline": offline,
        "timeout": timeout,  # a block that passed under a longer timeout may fail a shorter one
    }
    if page.kind == "notebook":
        material["notebook"] = _file_digest(page.source)
    else:
        material["blocks"] = [
            [b.language, b.header, b.code, b.skip_reason, b.timeout, b.problem]
            + [b.owner.number if b.owner else None, repr(b.output_rule)]  # output blocks
            + [repr(b.run)]  # namespace, `#>` comments... (conventions.py)
            for b in page.blocks
        ]
        material["included"] = [[str(p), _file_digest(p)] for p in page.included if p.is_file()]
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


class SnippetCache:
    """One JSON file per page under `directory`; `read=False` runs every page (still writes)."""

    def __init__(self, directory: Path, read: bool = True) -> None:
        self.directory = directory
        self.read = read

    def _entry(self, page: Page) -> Path:
        name = hashlib.sha256(page.path.encode()).hexdigest()[:32]
        return self.directory / f"{name}.json"

    def get(self, page: Page, key: str, offline_data: Path | None) -> PageResult | None:
        if not self.read:
            return None
        try:
            entry = json.loads(self._entry(page).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if entry.get("key") != key:
            return None
        result = PageResult.from_dict(entry["result"])
        for used in result.offline_files:
            if offline_data is None:
                return None
            path = offline_data / used["path"]
            if not path.is_file() or _file_digest(path) != used["sha256"]:
                return None
        if len(result.blocks) != len(page.blocks):
            return None
        # Line numbers move when prose changes without touching code: report today's lines.
        for cached, block in zip(result.blocks, page.blocks, strict=True):
            cached.file, cached.line = block.file, block.line
        result.cached = True
        return result

    def put(self, page: Page, key: str, result: PageResult) -> None:
        if result.status != PASSED:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        entry = {"key": key, "result": result.to_dict()}
        # Atomic replace: pages finish in parallel, and an interrupted write must not corrupt.
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(entry, stream)
        os.replace(temporary, self._entry(page))
