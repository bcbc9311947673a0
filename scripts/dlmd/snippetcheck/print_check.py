"""Compare `#>` comments with what each print() call printed (print_comments.py finds them);
`--write-outputs` rewrites the comments that differ."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dlmd.snippetcheck.output_check import output_diff
from dlmd.snippetcheck.output_rules import OutputRule, lines_match
from dlmd.snippetcheck.print_comments import loosely_equal, render
from dlmd.snippetcheck.results import FAILED, PASSED

if TYPE_CHECKING:
    from dlmd.snippetcheck.model import Block, Page
    from dlmd.snippetcheck.print_comments import PrintExpectation
    from dlmd.snippetcheck.results import PageResult


def _matches(shown: list[str], rendered: list[str], rule: OutputRule) -> bool:
    if shown == rendered or lines_match(shown, rendered, rule):
        return True
    return any(line == '"""' for line in rendered) and loosely_equal(shown, rendered)


def _where(block: Block, code_line: int) -> str:
    index = min(max(code_line, 1), len(block.origins)) - 1
    file, line = block.origins[index] if block.origins else (block.file, block.line)
    return f"{file}:{line}"


def differences(
    block: Block, calls: list[dict[str, Any]]
) -> list[tuple[PrintExpectation, list[str]]]:
    """(expectation, what pytest-examples would write there) for each one that differs."""
    rule = block.output_rule or OutputRule()
    by_line: dict[int, list[dict[str, Any]]] = {}
    for call in calls:
        by_line.setdefault(call["line"], []).append(call)
    found = []
    for expectation in block.run.prints:
        made = by_line.get(expectation.call_line)
        if not made:
            continue  # never ran: pytest-examples leaves its comments alone too
        rendered = render(made, expectation.col)
        if not _matches(expectation.shown, rendered, rule):
            found.append((expectation, rendered))
    return found


def verify_print_comments(page: Page, result: PageResult, printed: dict[int, list]) -> None:
    """Fail a block whose `#>` comments differ from what it printed, at the first such line."""
    by_number = {report.number: report for report in result.blocks}
    for block in page.blocks:
        report = by_number[block.number]
        if not block.run.prints or report.status != PASSED or block.number not in printed:
            continue
        found = differences(block, printed[block.number])
        if not found:
            continue
        expectation, rendered = found[0]
        at = expectation.start if expectation.start <= expectation.end else expectation.after
        where = _where(block, at)
        report.status, report.location = FAILED, where
        rule = block.output_rule or OutputRule()
        report.message = (
            f"the #> output under the print() at {_where(block, expectation.call_line)} differs "
            f"from what it printed (declared variation: {rule.describe()}); if the new output is "
            f"right, rewrite it with check-snippets --write-outputs {page.path}"
            + (f" ({len(found) - 1} more print() calls differ)" if len(found) > 1 else "")
        )
        report.diff = output_diff(expectation.shown, rendered, rule, where)
        report.failing_line = expectation.shown[0] if expectation.shown else ""


def write_print_comments(page: Page, result: PageResult, printed: dict[int, list]) -> None:
    """Rewrite the differing `#>` comments of blocks that otherwise ran to the end."""
    by_number = {report.number: report for report in result.blocks}
    others_fail = any(
        r.status == FAILED and not (by_number_block(page, r.number).run.prints and r.diff)
        for r in result.blocks
    )
    if others_fail or result.errors:
        return
    lines = page.source.read_bytes().decode("utf-8").split("\n")
    edits: list[tuple[int, int, list[str]]] = []  # (first page line, lines replaced, new lines)
    for block in page.blocks:
        report = by_number[block.number]
        if block.number not in printed or not block.run.prints:
            continue
        if any(file != block.file for file, _ in block.origins):
            continue  # an included file: left for a hand edit
        found = differences(block, printed[block.number])
        for expectation, rendered in found:
            anchor_line = block.origins[expectation.after - 1][1]  # page line of the call's end
            code_text = block.code.split("\n")[expectation.after - 1]
            page_text = lines[anchor_line - 1].rstrip("\r")
            prefix = page_text[: len(page_text) - len(code_text)] + " " * expectation.col
            count = expectation.end - expectation.start + 1 if expectation.shown else 0
            new = [(prefix + line).rstrip() for line in rendered]
            edits.append((anchor_line + 1, count, new))
        if found:
            report.status, report.diff, report.location = PASSED, "", ""
            report.message = ""
            report.note = "#> comments rewritten from this run by --write-outputs"
    for first, count, new in sorted(edits, reverse=True):
        lines[first - 1 : first - 1 + count] = new
    if edits:
        page.source.write_bytes("\n".join(lines).encode("utf-8"))


def by_number_block(page: Page, number: int) -> Block:
    return next(b for b in page.blocks if b.number == number)
