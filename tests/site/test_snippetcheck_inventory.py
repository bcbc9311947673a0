"""The inventory finds exactly the code blocks the site renders, at the right file and line."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from dlmd.markdown.fences import find_fences
from dlmd.quality.pages import url_path_for_source
from dlmd.snippetcheck.config import load_site_config
from dlmd.snippetcheck.includes import Origin, expand_includes
from dlmd.snippetcheck.inventory import (
    CUSTOM,
    PIP,
    PYTHON,
    SHELL,
    SHOWN,
    strip_front_matter,
)
from dlmd.snippetcheck.lockfile import read_lock
from dlmd.snippetcheck.markers import MarkerError, parse_marker
from dlmd.snippetcheck.output_blocks import OUTPUT
from dlmd.snippetcheck.sources import collect_files, read_page

FIXTURES = REPO / "tests" / "fixtures" / "snippets"
SITE = load_site_config(REPO / "mkdocs.yml")
LOCK = read_lock(REPO / "requirements" / "test.txt", "requirements/test.txt")
SITE_PAGES = sorted(p for p in (REPO / "docs").rglob("*.md"))


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    """1-based line number of the `occurrence`-th line containing `text`."""
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return hits[occurrence - 1]


def real_superfences(path: Path) -> tuple[list[str], list[tuple[int, int]]]:
    """The lines after pymdownx.snippets and the (start, end) of every fence superfences renders,
    from the real extensions configured like mkdocs.yml."""
    md = markdown.Markdown(
        extensions=["pymdownx.snippets", "pymdownx.superfences", "pymdownx.highlight", "attr_list"],
        extension_configs={
            "pymdownx.snippets": {
                "base_path": [str(b) for b in SITE.snippets.base_paths],
                "check_paths": SITE.snippets.check_paths,
                "auto_append": list(SITE.snippets.auto_append),
            }
        },
    )
    body, _ = strip_front_matter(path.read_text(encoding="utf-8-sig"))
    fenced = md.preprocessors["fenced_code_block"]
    found: list[tuple[int, int]] = []
    original = fenced.process_nested_block

    def record(ws: str, content: str, start: int, end: int) -> None:
        found.append((start, end - 1))
        original(ws, content, start, end)

    fenced.process_nested_block = record
    expanded = md.preprocessors["snippet"].run(body.split("\n"))
    fenced.run(md.preprocessors["normalize_whitespace"].run(list(expanded)))
    return expanded, found


def our_fences(path: Path) -> tuple[list[str], list[tuple[int, int]]]:
    body, offset = strip_front_matter(path.read_text(encoding="utf-8-sig"))
    lines = body.split("\n")
    origins = [Origin(path, offset + i + 1) for i in range(len(lines))]
    expanded = expand_includes(lines, origins, SITE.snippets)
    fences, _ = find_fences(expanded.lines)
    return expanded.lines, [(f.start, f.end) for f in fences]


@pytest.mark.parametrize(
    "path",
    [FIXTURES / "fences_tricky.md", FIXTURES / "include_section.md", FIXTURES / "passing.md"]
    + SITE_PAGES,
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_same_fences_and_includes_as_the_renderer(path: Path) -> None:
    real_lines, real_fences = real_superfences(path)
    lines, fences = our_fences(path)
    assert lines == real_lines
    assert fences == real_fences


def test_tricky_fences_are_all_found_with_dedented_code() -> None:
    page = read_page(FIXTURES / "fences_tricky.md", SITE, LOCK)
    path = FIXTURES / "fences_tricky.md"
    codes = [b.code for b in page.blocks]
    assert codes[:3] == ["in_list = 1", "in_quote = 2", "tilde = 3"]
    assert codes[4:7] == ["deep = 4", "attr_list = 5", "in_html = 6"]
    deep = page.blocks[4]
    assert (deep.file, deep.line) == (
        "tests/fixtures/snippets/fences_tricky.md",
        line_of(path, "deep.py"),
    )
    assert deep.origins == [(deep.file, line_of(path, "deep = 4"))]


def test_fences_the_renderer_gives_up_on_are_errors() -> None:
    page = read_page(FIXTURES / "fences_tricky.md", SITE, LOCK)
    path = FIXTURES / "fences_tricky.md"
    errors = [str(e) for e in page.errors]
    where = "tests/fixtures/snippets/fences_tricky.md"
    warning = line_of(path, "ok_line = 7") - 1  # the fence in the warning admonition
    assert any(
        e.startswith(f"{where}:{warning}: ")
        and "indented less than the opening fence" in e
        and f"see {where}:{line_of(path, 'less_indented')}" in e
        for e in errors
    ), errors
    rejected = line_of(path, "```python foo")
    assert f"{where}:{rejected}: the fence header '```python foo' is not accepted" in "\n".join(
        errors
    )
    assert any("is never closed" in e for e in errors), errors


def test_blocks_nested_in_tabs_and_details_with_their_markdown_lines() -> None:
    path = FIXTURES / "passing.md"
    page = read_page(path, SITE, LOCK)
    summary = [(b.language, b.kind, b.line) for b in page.blocks]
    assert summary == [
        ("bash", PIP, line_of(path, "```bash")),
        ("python", PYTHON, line_of(path, 'title="first.py"')),
        ("text", OUTPUT, line_of(path, "```text")),
        ("python", PYTHON, line_of(path, "        ```python")),  # tab inside an admonition
        ("py", PYTHON, line_of(path, "```py hl_lines")),
        ("python3", PYTHON, line_of(path, "```python3")),  # inside ??? details
        ("python", PYTHON, line_of(path, "```python", 4)),
        ("yaml", SHOWN, line_of(path, "```yaml")),
        ("python", PYTHON, line_of(path, "```python", 5)),
        ("bash", SHELL, line_of(path, "```bash", 2)),
    ]
    assert page.blocks[2].owner is page.blocks[1]  # the output block shows block 2's output
    assert page.blocks[3].code == "doubled = total * 2"
    assert page.blocks[3].origins == [(page.path, line_of(path, "doubled = total"))]
    assert page.blocks[-2].skip_reason == "shows an interactive prompt; a check has no reader"
    assert page.blocks[-1].skip_reason and page.blocks[-1].problem is None
    assert "numpy==" in page.blocks[0].note and "matplotlib==" in page.blocks[0].note


def test_included_lines_keep_their_file_and_line() -> None:
    page = read_page(FIXTURES / "include_section.md", SITE, LOCK)
    sections = "tests/fixtures/snippets/included/sections.py"
    included = [(sections, line) for line in (1, 2, 3, 5, 7)]  # no section markers (4, 6)
    code = (REPO / sections).read_text(encoding="utf-8").splitlines()
    shown = "\n".join(line for line in code if "--8<--" not in line) + "\n"
    assert [b.code for b in page.blocks] == [shown, f"before = 0\n{shown}\nafter = before + 1"]
    assert page.blocks[0].origins == included
    page_file = "tests/fixtures/snippets/include_section.md"
    path = FIXTURES / "include_section.md"
    assert page.blocks[1].origins == [
        (page_file, line_of(path, "before = 0")),
        *included,
        (page_file, line_of(path, "after = before")),
    ]
    assert REPO / sections in page.included


@pytest.mark.parametrize("part", [":2:3", ":greeting"])
def test_an_include_of_part_of_a_file_is_an_error_at_its_line(tmp_path: Path, part: str) -> None:
    page_file = tmp_path / "page.md"
    include = f"tests/fixtures/snippets/included/sections.py{part}"
    page_file.write_text(f'# Page\n\n```python\n--8<-- "{include}"\n```\n')
    page = read_page(page_file, SITE, LOCK)
    assert [str(e) for e in page.errors] == [
        f"{page_file}:4: include '{include}': the snippet check reads whole files only, not line "
        "ranges or sections; include the whole file"
    ]


def test_missing_include_is_an_error_at_its_line(tmp_path: Path) -> None:
    page_file = tmp_path / "page.md"
    page_file.write_text('# Page\n\n```python\n--8<-- "no/such/file.py"\n```\n')
    page = read_page(page_file, SITE, LOCK)
    assert [str(e) for e in page.errors] == [
        f"{page_file}:4: included file 'no/such/file.py' not found in the snippet base paths "
        f"({REPO / 'includes'}, {REPO})"
    ]


def test_unclassified_fences_are_errors() -> None:
    path = FIXTURES / "unclassified.md"
    page = read_page(path, SITE, LOCK)
    problems = [(b.line, b.problem) for b in page.blocks]
    assert problems[0][0] == line_of(path, "```rust")
    assert "unknown code block language 'rust'" in problems[0][1]
    assert "code block without a language" in problems[1][1]
    assert "attributes the checker does not understand (class='numberLines')" in problems[2][1]
    assert all(b.kind != CUSTOM for b in page.blocks)


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("<!-- check: skip -->", "needs a reason"),
        ('<!-- check: skip reason="" -->', "needs a reason"),
        ('<!-- check: reason="x" -->', "reason= only goes with skip"),
        ("<!-- check: timeout=0 -->", "positive number"),
        ("<!-- check: timeout=soon -->", "positive number"),
        ("<!-- check: retries=3 -->", "unknown check marker key 'retries'"),
        ("<!-- check: skip reason='x'", "whole one-line HTML comment"),
    ],
)
def test_bad_markers_are_rejected(marker: str, message: str) -> None:
    with pytest.raises(MarkerError, match=message):
        parse_marker(marker)


def test_markers_parse() -> None:
    marker = parse_marker('<!-- check: skip reason="needs a GPU" timeout=300 -->')
    assert (marker.skip, marker.reason, marker.timeout) == (True, "needs a GPU", 300.0)


def test_marker_must_be_followed_by_a_block(tmp_path: Path) -> None:
    page_file = tmp_path / "page.md"
    page_file.write_text(
        "<!-- check: timeout=90 -->\n\n```python\nx = 1\n```\n\n"
        '<!-- check: skip reason="stray" -->\nSome prose.\n'
    )
    page = read_page(page_file, SITE, LOCK)
    assert page.blocks[0].timeout == 90
    assert [str(e) for e in page.errors] == [
        f"{page_file}:7: this check marker is not followed by a code block (only blank lines "
        "may come between a marker and its block)"
    ]


def test_skip_marker_without_reason_fails_the_block() -> None:
    path = FIXTURES / "skip_without_reason.md"
    page = read_page(path, SITE, LOCK)
    (block,) = page.blocks
    assert block.skip_reason is None and "needs a reason" in (block.problem or "")
    assert (
        block.problem_at
        == f"tests/fixtures/snippets/skip_without_reason.md:{line_of(path, '<!--')}"
    )


def test_collect_files_finds_pages_and_notebooks_and_rejects_others(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# a\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "b-checkpoint.ipynb").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    assert collect_files([tmp_path]) == [tmp_path / "a.md", tmp_path / "sub" / "b.ipynb"]
    with pytest.raises(ValueError, match="not a Markdown page"):
        collect_files([tmp_path / "notes.txt"])
    with pytest.raises(FileNotFoundError):
        collect_files([tmp_path / "missing.md"])


def test_notebook_cells_and_markdown_fences() -> None:
    page = read_page(FIXTURES / "targets.ipynb", SITE, LOCK)
    assert [(b.cell, b.markdown_cell, b.kind) for b in page.blocks] == [
        (None, 1, PIP),
        (1, None, PYTHON),
        (2, None, PYTHON),
        (3, None, PYTHON),
    ]
    assert page.blocks[0].where == "tests/fixtures/snippets/targets.ipynb Markdown cell 1, line 5"
    assert page.blocks[1].where == "tests/fixtures/snippets/targets.ipynb code cell 1"
    assert page.targets == {"accuracy": 0.9}


def _article_blocks(html: str) -> int:
    article = BeautifulSoup(html, "html.parser").find("article")
    assert article is not None
    return len(article.select("div.highlight"))


def test_block_counts_match_the_built_site(built_site: Path) -> None:
    """Every highlighted code block on every built page is one the checker found, and back."""
    mismatches = []
    for source in SITE_PAGES:
        relative = source.relative_to(REPO / "docs")
        html = url_path_for_source(PurePosixPath(relative.as_posix())) + "index.html"
        page = read_page(source, SITE, LOCK)
        found = sum(1 for b in page.blocks if b.kind != CUSTOM)
        rendered = _article_blocks((built_site / html).read_text(encoding="utf-8"))
        if found != rendered:
            mismatches.append(f"{relative}: checker found {found}, site renders {rendered}")
    assert not mismatches
    assert SITE_PAGES, "no pages to compare"
