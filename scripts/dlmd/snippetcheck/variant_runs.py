"""Run a page with framework variants (variants.py) once per variant, and merge the results.

Each variant's session is the page's untabbed blocks plus that variant's tabs, in page order, in
its own fresh process, so a Keras block never sees a PyTorch block's variables. A failure from a
session names its variant, after the file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from dlmd.snippetcheck.results import FAILED, PASSED, PageResult, initial_page_result

if TYPE_CHECKING:
    from dlmd.snippetcheck.model import Page
    from dlmd.snippetcheck.workspace import RunOptions


def variant_page(page: Page, variant: str) -> Page:
    """The page as one variant's session sees it: untabbed blocks and that variant's blocks."""
    blocks = [b for b in page.blocks if b.variant in (None, variant)]
    return replace(page, blocks=blocks, errors=[], variants=())


def merge_results(page: Page, sessions: list[tuple[str, PageResult]]) -> PageResult:
    """One result for the page from its variants' sessions.

    A block in a variant's tab takes that session's result. A block of no variant ran in every
    session: it takes the first failure, else the first pass (durations added up). A failure
    from running or comparing names its variant; a static problem (found without running) is
    the same in every session and is reported once, as it is.
    """
    merged = initial_page_result(page)
    for _variant, result in sessions:
        merged.duration += result.duration
        merged.offline_files += [f for f in result.offline_files if f not in merged.offline_files]
        merged.errors += [e for e in result.errors if e not in merged.errors]
    static = {b.number for b in merged.blocks if b.status == FAILED}
    chosen = []
    for block, initial in zip(page.blocks, merged.blocks, strict=True):
        runs = [
            (variant, report)
            for variant, result in sessions
            for report in result.blocks
            if report.number == initial.number
        ]
        failed = [(v, r) for v, r in runs if r.status == FAILED]
        passed = [r for _, r in runs if r.status == PASSED]
        if initial.number in static or not runs:
            chosen.append(initial)
        elif failed:
            variant, report = failed[0]
            report.message = f"{variant} variant: {report.message}"
            report.variant = variant
            chosen.append(report)
        elif passed:
            passed[0].duration = round(sum(r.duration for r in passed), 3)
            passed[0].variant = block.variant or ""
            chosen.append(passed[0])
        else:
            runs[0][1].variant = block.variant or ""
            chosen.append(runs[0][1])
    merged.blocks = chosen
    merged.duration = round(merged.duration, 3)
    return merged


def run_variants(
    page: Page, options: RunOptions, run_session: Callable[[Page, RunOptions], PageResult]
) -> PageResult:
    """Run each variant's session with `run_session`, one after another, and merge them."""
    sessions = [(v, run_session(variant_page(page, v), options)) for v in page.variants]
    return merge_results(page, sessions)
