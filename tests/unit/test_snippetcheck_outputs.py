"""Output blocks on Markdown pages are compared with what their code block printed for real."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dlmd.snippetcheck.markers import MarkerError, parse_marker
from dlmd.snippetcheck.output_check import printed_lines
from dlmd.snippetcheck.output_rules import OutputRule, line_matches, lines_match
from snippet_runs import FIXTURES, REL, blocks, check, line_of, statuses


def test_outputs_that_match_pass_with_their_declared_variation(tmp_path: Path) -> None:
    code, report, text = check(tmp_path, FIXTURES / "outputs_passing.md")
    assert code == 0, text
    kinds = [(b["kind"], b["status"]) for b in blocks(report)]
    assert kinds == [
        ("python", "passed"), ("output", "passed"),  # stdout and stderr together
        ("python", "passed"), ("output", "passed"),  # the last bare expression's value
        ("python", "passed"),  # ends with `;`: nothing shown, no output block needed
        ("python", "passed"), ("output", "passed"),  # \r progress bar, timings, numbers=0.02
        ("python", "passed"), ("output", "passed"),  # ellipsis, inside an admonition
        ("output", "skipped"),  # illustration
    ]  # fmt: skip
    assert blocks(report)[3]["output"] == "45\n"
    assert blocks(report)[4]["output"] == ""
    assert blocks(report)[6]["output"] == (
        "3/3 - 2s - 734us/step - loss: 0.2513\naccuracy: 0.9712\n"
    )
    assert blocks(report)[-1]["message"] == "illustration: a sample of a longer run's log"
    assert text.splitlines()[-1] == "9 passed, 0 failed, 1 skipped"


def test_a_wrong_deterministic_line_fails_at_the_output_block_with_a_diff(tmp_path: Path) -> None:
    page = FIXTURES / "outputs_wrong.md"
    code, report, text = check(tmp_path, page)
    assert code == 1
    wrong = blocks(report)[1]
    where = f"{REL}/outputs_wrong.md:{line_of(page, '```text')}"
    assert (wrong["status"], wrong["location"]) == ("failed", where)
    assert (
        f"differs from what the code block at {REL}/outputs_wrong.md:7 printed"
        in (wrong["message"])
    )
    assert f"--write-outputs {REL}/outputs_wrong.md" in wrong["message"]
    assert "<!-- check: output numbers=" in wrong["message"]
    assert wrong["diff"].splitlines()[-2:] == [
        "-(1000, 28, 28) (1000,)",
        "+(10000, 28, 28) (10000,)",
    ]
    # The printed report names the line and shows the diff under it.
    assert f"FAILED block 2 at {where}: the output shown here differs" in text
    assert "    | -(1000, 28, 28) (1000,)" in text.splitlines()


def test_a_number_passes_inside_its_tolerance_and_fails_outside(tmp_path: Path) -> None:
    page = FIXTURES / "outputs_wrong.md"
    _code, report, _text = check(tmp_path, page)
    inside, outside = blocks(report)[3], blocks(report)[5]
    assert inside["status"] == "passed"  # 0.9761 shown as 0.9700, numbers=0.01
    assert outside["status"] == "failed"  # 0.9761 shown as 0.9500
    assert outside["location"] == f"{REL}/outputs_wrong.md:{line_of(page, '```text', 3)}"
    assert "(declared variation: numbers=0.01)" in outside["message"]
    # The line within tolerance is not flagged in the diff; only the one outside is.
    assert [line for line in outside["diff"].splitlines() if line[:1] in "+-"][2:] == [
        "-Test accuracy: 0.9500",
        "+Test accuracy: 0.9761",
    ]


def test_an_output_block_nobody_owns_needs_a_marker(tmp_path: Path) -> None:
    page = FIXTURES / "outputs_unowned.md"
    code, report, _text = check(tmp_path, page)
    assert code == 1
    assert statuses(report) == ["passed", "failed", "skipped", "failed"]
    prose, after_skip = blocks(report)[1], blocks(report)[3]
    assert prose["location"] == f"{REL}/outputs_unowned.md:{line_of(page, '```text')}"
    assert "follows no Python block" in prose["message"]
    assert '<!-- check: illustration reason="' in prose["message"]
    assert after_skip["location"] == f"{REL}/outputs_unowned.md:{line_of(page, '```text', 2)}"
    assert "is skipped, so nothing checks this output" in after_skip["message"]


def test_write_outputs_rewrites_only_the_blocks_that_differ(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    shutil.copyfile(FIXTURES / "outputs_wrong.md", page)
    before = page.read_bytes()
    code, report, _ = check(tmp_path / "first", "--write-outputs", page)
    assert code == 0, report
    after = page.read_bytes()
    old, new = before.decode().split("\n"), after.decode().split("\n")
    changed = [n for n, (a, b) in enumerate(zip(old, new, strict=False), 1) if a != b]
    first, accuracy = line_of(page, "(10000, 28, 28) (10000,)", 2), line_of(page, "0.9761", 3)
    assert changed[:2] == [first, accuracy]  # one line in each wrong block, nothing else
    assert old[: first - 1] == new[: first - 1]
    assert (
        old[first : accuracy - 1] == new[first : accuracy - 1]
    )  # incl. the block within tolerance
    # The block inside the admonition keeps its indentation; a blank line stays blank.
    assert new[-6:] == ["    ```text", "    indented", "", "    with a blank line", "    ```", ""]
    assert [b["note"] for b in blocks(report) if b["kind"] == "output"].count(
        "rewritten from this run by --write-outputs"
    ) == 3
    code, _report, _ = check(tmp_path / "second", "--write-outputs", page)
    assert code == 0
    assert page.read_bytes() == after  # nothing varies here, so a second run changes nothing


def test_write_outputs_keeps_line_endings_and_byte_order_mark(tmp_path: Path) -> None:
    lf, crlf = tmp_path / "lf.md", tmp_path / "crlf.md"
    shutil.copyfile(FIXTURES / "outputs_wrong.md", lf)
    crlf.write_bytes(b"\xef\xbb\xbf" + lf.read_bytes().replace(b"\n", b"\r\n"))
    check(tmp_path / "lf", "--write-outputs", lf)
    check(tmp_path / "crlf", "--write-outputs", crlf)
    assert b"(60000,)\r\n(10000, 28, 28) (10000,)\r\n```\r\n" in crlf.read_bytes()
    assert crlf.read_bytes() == b"\xef\xbb\xbf" + lf.read_bytes().replace(b"\n", b"\r\n")


def test_write_outputs_writes_nothing_while_a_code_block_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# P\n\n```python\nprint('a')\n```\n\n```text\nb\n```\n\n```python\n1/0\n```\n")
    before = page.read_bytes()
    code, report, _ = check(tmp_path, "--write-outputs", page)
    assert code == 1 and page.read_bytes() == before
    assert report["pages"][0]["errors"] == [
        f"{report['pages'][0]['path']}: output blocks not written because other blocks of the "
        "page fail"
    ]


def test_editing_an_expected_output_reruns_the_page(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# P\n\n```python\nprint('a')\n```\n\n```text\na\n```\n")
    assert check(tmp_path, page)[0] == 0
    assert check(tmp_path, page)[1]["summary"]["pages_cached"] == 1
    page.write_text("# P\n\n```python\nprint('a')\n```\n\n```text\nchanged\n```\n")
    code, report, _ = check(tmp_path, page)
    assert code == 1 and report["summary"]["pages_cached"] == 0


@pytest.mark.parametrize(
    ("expected", "actual", "rule", "matches"),
    [
        ("loss: 0.2584", "loss: 0.2584   ", OutputRule(), True),  # trailing whitespace
        ("loss: 0.2584", "loss: 0.2590", OutputRule(), False),
        ("loss: 0.2584", "loss: 0.2590", OutputRule(tolerance=0.001), True),
        ("loss: 0.2584", "loss: 0.2600", OutputRule(tolerance=0.001), False),
        ("loss: 0.2584", "loss: 0.2700", OutputRule(tolerance=0.05, relative=True), True),
        ("loss: 0.2584", "loss: 0.3000", OutputRule(tolerance=0.05, relative=True), False),
        ("loss: 0.2584", "cost: 0.2584", OutputRule(tolerance=1.0), False),  # text is exact
        ("1 2", "1 2 3", OutputRule(tolerance=1.0), False),  # as many numbers
        ("1875 - 3s - 2ms/step", "1875 - 41s - 870us/step", OutputRule(), False),
        ("1875 - 3s - 2ms/step", "1875 - 41s - 870us/step", OutputRule(timings=True), True),
        ("1875 - 3s", "1875 - 3.4s", OutputRule(tolerance=0.5), True),  # a number, no timings
        ("1875/1875 - 3s", "1874/1875 - 3s", OutputRule(timings=True), False),
        ("Model: ...", "Model: sequential_3", OutputRule(), False),  # `...` literal by default
        ("Model: ...", "Model: sequential_3", OutputRule(ellipsis=True), True),
        ("a ... c", "a b", OutputRule(ellipsis=True), False),
    ],
)  # fmt: skip
def test_line_rules(expected: str, actual: str, rule: OutputRule, matches: bool) -> None:
    assert line_matches(expected, actual, rule) is matches


def test_a_whole_line_ellipsis_stands_for_any_lines() -> None:
    rule = OutputRule(ellipsis=True)
    assert lines_match(["start", "...", "done"], ["start", "done"], rule)
    assert lines_match(["start", "...", "done"], ["start", "1", "2", "done"], rule)
    assert not lines_match(["start", "...", "done"], ["start", "1"], rule)
    assert not lines_match(["start", "...", "done"], ["start", "1", "done"], OutputRule())


def test_printed_lines_as_a_notebook_shows_them() -> None:
    assert printed_lines("1/3\r2/3\r3/3 done\nnext  \n\n\n") == ["3/3 done", "next"]
    assert printed_lines("long line\rab\n") == ["abng line"]  # \r overwrites, as in Jupyter
    assert printed_lines("\x1b[1mbold\x1b[0m\r\n") == ["bold"]


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- check: numbers=0.02 -->", "belongs in an output marker"),
        ("<!-- check: output numbers=abc -->", "numbers= takes a positive tolerance"),
        ("<!-- check: output numbers=-1 -->", "numbers= takes a positive tolerance"),
        ("<!-- check: output timings=yes -->", "write timings without a value"),
        ("<!-- check: illustration -->", "an illustration marker takes only a reason"),
        ('<!-- check: illustration skip reason="x" -->', "takes only a reason"),
    ],
)
def test_malformed_output_markers_say_what_to_write(marker: str, message: str) -> None:
    with pytest.raises(MarkerError, match=message):
        parse_marker(marker)


def test_output_markers_only_go_before_output_blocks(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# P\n\n<!-- check: output numbers=0.1 -->\n```python\nprint(1)\n```\n\n"
        '```text\n1\n```\n\n```python\nprint(2)\n```\n\n<!-- check: skip reason="x" -->\n'
        "```text\n2\n```\n"
    )
    code, report, _ = check(tmp_path, page)
    assert code == 1
    first, output = blocks(report)[0], blocks(report)[-1]
    assert "go right before an output block" in first["message"]
    assert "an output block never runs, so skip and timeout do not apply" in output["message"]
