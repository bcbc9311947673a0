"""Helpers shared by the snippet-check tests: run the checker in-process on fixture pages."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from conftest import REPO, SHARED
from dlmd.snippetcheck.cli import main

FIXTURES = REPO / "tests" / "fixtures" / "snippets"
REL = "tests/fixtures/snippets"
OFFLINE = SHARED / "datasets"


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return hits[occurrence - 1]


def check(tmp_path: Path, *args: str | Path) -> tuple[int, dict[str, Any], str]:
    """Run the checker in-process (fresh cache); return exit code, JSON report, printed text."""
    report = tmp_path / "report.json"
    out = io.StringIO()
    argv = [str(a) for a in args] + ["--json", str(report), "--cache-dir", str(tmp_path / "cache")]
    code = main(argv, stdout=out)
    return code, json.loads(report.read_text()), out.getvalue()


def blocks(report: dict[str, Any], page: int = 0) -> list[dict[str, Any]]:
    return report["pages"][page]["blocks"]


def statuses(report: dict[str, Any], page: int = 0) -> list[str]:
    return [b["status"] for b in blocks(report, page)]
