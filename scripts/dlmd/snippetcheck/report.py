"""Print a table per page and the closing line; write the JSON report."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from dlmd.snippetcheck.results import (
    BLOCKED,
    FAILED,
    NOT_RUN,
    PASSED,
    SKIPPED,
    BlockResult,
    PageResult,
)

REPORT_VERSION = 1


def summary(results: Iterable[PageResult]) -> dict[str, int]:
    results = list(results)
    counts = {status: 0 for status in (PASSED, FAILED, SKIPPED, BLOCKED, NOT_RUN)}
    for page in results:
        for block in page.blocks:
            counts[block.status] += 1
        counts[FAILED] += len(page.errors)  # page-level problems count as failures
    return {
        **{status.replace("-", "_"): count for status, count in counts.items()},
        "pages": len(results),
        "pages_failed": sum(1 for p in results if p.status == FAILED),
        "pages_cached": sum(1 for p in results if p.cached),
    }


def closing_line(counts: dict[str, int]) -> str:
    return f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"


def _where(block: BlockResult) -> str:
    if block.cell is not None:
        return f"cell {block.cell}"
    if block.markdown_cell is not None:
        return f"md {block.markdown_cell}:{block.line}"
    return str(block.line)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.rstrip("\n").split("\n"))


def format_page(page: PageResult, verbose: bool = True) -> str:
    ran = sum(1 for b in page.blocks if b.ran)
    how = "from cache" if page.cached else f"{page.duration:.1f} s"
    lines = [f"{page.path}: {page.status} ({len(page.blocks)} blocks, {ran} run, {how})"]
    if page.blocks and (verbose or page.status == FAILED):
        rows = [("block", "where", "language", "kind", "status", "time")]
        for b in page.blocks:
            time = f"{b.duration:.2f} s" if b.status in (PASSED, FAILED) else ""
            rows.append((str(b.number), _where(b), b.language or "-", b.kind, b.status, time))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            lines.append(
                "  "
                + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
    for b in page.blocks:
        if b.status != FAILED:
            continue
        lines.append(f"  FAILED block {b.number} at {b.location}: {b.message}")
        if b.failing_line:
            lines.append(f"      {b.failing_line}")
        if b.traceback:
            lines.append(_indent(b.traceback, "    | "))
        if b.diff:
            lines.append(_indent(b.diff, "    | "))
        if b.output and not b.traceback and not b.diff:
            tail = [line[:200] for line in b.output.rstrip("\n").split("\n")[-10:]]
            lines.append(_indent("\n".join(tail), "    > "))
    for error in page.errors:
        lines.append(f"  ERROR {error}")
    for name, value in page.metrics.items():
        lines.append(f"  metric {name} = {value:.4f}")
    return "\n".join(lines)


def print_page(page: PageResult, stream: TextIO, verbose: bool = True) -> None:
    stream.write(format_page(page, verbose) + "\n")
    stream.flush()


def print_summary(results: list[PageResult], stream: TextIO) -> dict[str, int]:
    counts = summary(results)
    stream.write(
        f"{counts['pages']} pages ({counts['pages_cached']} from cache, "
        f"{counts['pages_failed']} failed); {counts['blocked']} blocks blocked by an earlier "
        f"failure, {counts['not_run']} not run (text and checked pip blocks)\n"
    )
    stream.write(closing_line(counts) + "\n")
    stream.flush()
    return counts


def report_dict(results: list[PageResult], duration: float) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "summary": {**summary(results), "duration": round(duration, 3)},
        "pages": [page.to_dict() for page in results],
    }


def write_json(path: Path, results: list[PageResult], duration: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report_dict(results, duration), indent=2) + "\n", encoding="utf-8")
