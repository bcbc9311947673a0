"""`--write-outputs` for Markdown pages: replace the output blocks that differ from this run.

Only the lines between an output block's fences change, with the block's own indentation (and
blockquote prefix) and line ending; every other byte of the file stays as it was. A block that
already matches, under its declared variation, is left alone, so a second run changes nothing.
The new text is what the code block printed, verbatim: re-add any `...` by hand. Nothing is
written while any other block of the page fails.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dlmd.snippetcheck.results import FAILED, PASSED

if TYPE_CHECKING:
    from dlmd.snippetcheck.model import Block, Page
    from dlmd.snippetcheck.results import BlockResult, PageResult

_PREFIX = re.compile(r"^[ \t>]*")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")


def _new_body(opening: str, printed: list[str]) -> list[str] | str:
    """The block's new content lines, or why they cannot be written."""
    prefix = _PREFIX.match(opening).group()  # type: ignore[union-attr]
    fence = _FENCE.match(opening[len(prefix) :])
    if fence is None:
        return "its opening fence is not where the check found it; has the file changed?"
    closing = fence.group("fence")
    if any(line.lstrip().startswith(closing) for line in printed):
        return (
            f"the output has a line starting with {closing}, which would close the block; "
            f"open and close the block with a longer fence ({closing[0] * (len(closing) + 1)})"
        )
    end = "\r" if opening.endswith("\r") else ""
    return [(prefix + line).rstrip() + end for line in printed]


def write_markdown_outputs(page: Page, result: PageResult) -> None:
    """Rewrite the page's output blocks that failed with a difference; report what could not."""
    stuck = [r for r in result.blocks if r.status == FAILED and not r.diff]
    changed = [r for r in result.blocks if r.status == FAILED and r.diff]
    if not changed:
        return
    if stuck or result.errors:
        result.errors.append(
            f"{page.path}: output blocks not written because other blocks of the page fail"
        )
        return
    by_number: dict[int, Block] = {b.number: b for b in page.blocks}
    lines = page.source.read_bytes().decode("utf-8").split("\n")
    written: list[BlockResult] = []
    # Bottom up, so that a block with more or fewer lines does not move the ones above it.
    for report in sorted(changed, key=lambda r: r.line or 0, reverse=True):
        block = by_number[report.number]
        if block.file != page.path or block.line is None or block.end_line is None:
            result.errors.append(
                f"{block.where}: cannot rewrite an output block in an included file; "
                "edit it by hand"
            )
            continue
        printed = report.output.removesuffix("\n").split("\n") if report.output else []
        body = _new_body(lines[block.line - 1], printed)
        if isinstance(body, str):
            result.errors.append(f"{block.where}: output block not written: {body}")
            continue
        lines[block.line : block.end_line - 1] = body
        written.append(report)
    if written:
        page.source.write_bytes("\n".join(lines).encode("utf-8"))
    for report in written:
        report.status, report.message, report.diff = PASSED, "", ""
        report.location = ""
        report.note = "rewritten from this run by --write-outputs"
