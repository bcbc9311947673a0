"""Compare an output block with what its code block printed; say how to fix a difference.

What a block "printed" is what a reader sees under a notebook cell: sys.stdout and sys.stderr
interleaved, then the repr() of the value of a last bare expression unless it is None or the
line ends with `;` (runner_child.py). Output from C libraries (TensorFlow's start-up logs) is
not part of it, as in Jupyter. A carriage return overwrites the start of its line as Jupyter
renders it (so a progress bar shows its last state), terminal colour codes are dropped, and
trailing whitespace and trailing blank lines do not count.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from dlmd.snippetcheck.output_rules import ELLIPSIS, OutputRule, line_matches, lines_match
from dlmd.snippetcheck.results import BLOCKED, FAILED, PASSED

if TYPE_CHECKING:
    from dlmd.snippetcheck.model import Block, Page
    from dlmd.snippetcheck.results import PageResult

DIFF_LINES = 30  # lines of a failure's diff shown in the report
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def printed_lines(text: str) -> list[str]:
    """What a reader sees of a block's output, one entry per line."""
    lines = []
    for raw in _ANSI.sub("", text.replace("\r\n", "\n")).split("\n"):
        parts = raw.split("\r")
        line = parts[0]
        for part in parts[1:]:  # a carriage return writes over the start of the line
            line = part + line[len(part) :]
        lines.append(line.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    return lines


def shown_lines(code: str) -> list[str]:
    """The output block's lines as the page shows them (same trimming as printed_lines)."""
    lines = [line.rstrip() for line in code.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def output_diff(expected: list[str], actual: list[str], rule: OutputRule, where: str) -> str:
    """A short unified diff; printed lines the rule accepts are shown as their shown line."""
    seen = list(actual)
    if not (rule.ellipsis and any(line.strip() == ELLIPSIS for line in expected)):
        for index, (want, got) in enumerate(zip(expected, actual, strict=False)):
            if line_matches(want, got, rule):
                seen[index] = want
    diff = list(
        difflib.unified_diff(
            expected, seen, f"shown at {where}", "printed by the code block", lineterm="", n=1
        )
    )
    if len(diff) > DIFF_LINES:
        diff = diff[:DIFF_LINES] + [f"... ({len(diff) - DIFF_LINES} more diff lines)"]
    return "\n".join(diff)


def mismatch_message(block: Block, page_path: str) -> str:
    assert block.owner is not None and block.output_rule is not None
    declared = block.output_rule.describe()
    return (
        f"the output shown here differs from what the code block at {block.owner.where} "
        f"printed (declared variation: {declared}); if the new output is right, rewrite it with "
        f"check-snippets --write-outputs {page_path}; if it varies from run to "
        "run, declare that right before the output block, e.g. "
        "<!-- check: output numbers=0.02 timings --> (or ellipsis, with ... for the varying part)"
    )


def verify_outputs(page: Page, result: PageResult) -> None:
    """Compare each owned output block with what its owner printed; set its status."""
    by_number = {report.number: report for report in result.blocks}
    for block in page.blocks:
        if block.owner is None:
            continue
        report = by_number[block.number]
        owner = by_number[block.owner.number]
        if report.status != BLOCKED or owner.status != PASSED:
            continue
        expected = shown_lines(block.code)
        actual = printed_lines(owner.output)
        report.output = "".join(line + "\n" for line in actual)
        assert block.output_rule is not None
        if lines_match(expected, actual, block.output_rule):
            report.status, report.message = PASSED, ""
        else:
            report.status = FAILED
            report.location = block.where
            report.message = mismatch_message(block, page.path)
            report.diff = output_diff(expected, actual, block.output_rule, block.where)


def owners(page: Page) -> set[int]:
    """Numbers of the Python blocks whose output an output block shows."""
    return {block.owner.number for block in page.blocks if block.owner is not None}
