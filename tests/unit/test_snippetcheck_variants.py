"""Framework variants: each framework's tabs run as their own session with the untabbed blocks."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from dlmd.snippetcheck.cli import main
from dlmd.snippetcheck.config import load_site_config
from dlmd.snippetcheck.inventory import read_markdown
from dlmd.snippetcheck.lockfile import read_lock

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "snippets"
REL = "tests/fixtures/snippets"


def check(tmp_path: Path, *paths: Path) -> tuple[int, dict[str, Any], str]:
    """Run the checker in-process with a fresh cache: exit code, JSON report, printed text."""
    report = tmp_path / "report.json"
    out = io.StringIO()
    argv = [*map(str, paths), "--json", str(report), "--cache-dir", str(tmp_path / "cache")]
    code = main(argv, stdout=out)
    return code, json.loads(report.read_text()), out.getvalue()


def read(tmp_path: Path, text: str):  # noqa: ANN201 - a Page
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    site = load_site_config(Path("mkdocs.yml"))
    return read_markdown(page, site, read_lock(Path("requirements/test.txt")))


def line_of(path: Path, text: str, occurrence: int = 1) -> int:
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return hits[occurrence - 1]


def test_each_variant_runs_apart_with_the_untabbed_blocks(tmp_path: Path) -> None:
    code, report, text = check(tmp_path, FIXTURES / "variants.md")
    assert code == 0, text
    blocks = report["pages"][0]["blocks"]
    assert [(b["kind"], b["status"], b["variant"]) for b in blocks] == [
        ("python", "passed", ""),
        ("python", "passed", "Keras"),
        ("output", "passed", "Keras"),
        ("python", "passed", "PyTorch"),
        ("output", "passed", "PyTorch"),
        ("python", "passed", ""),  # "Linux / macOS" is not a variant: it runs in both
        ("pip", "not-run", ""),
        ("python", "passed", ""),  # asserts it saw exactly one variant's names
        ("output", "passed", ""),
    ]


def test_a_name_only_the_other_framework_defines_fails_naming_file_line_and_framework(
    tmp_path: Path,
) -> None:
    code, report, text = check(tmp_path, FIXTURES / "variants_leak.md")
    assert code == 1
    failed = report["pages"][0]["blocks"][1]
    line = line_of(FIXTURES / "variants_leak.md", "print(model)")
    assert failed["status"] == "failed"
    assert failed["location"] == f"{REL}/variants_leak.md:{line}"
    assert failed["message"].startswith("PyTorch variant: NameError")
    assert "'model' is not defined" in failed["message"]
    assert f"at {REL}/variants_leak.md:{line}: PyTorch variant: NameError" in text


def test_tabs_are_plain_tabs_without_the_declaration(tmp_path: Path) -> None:
    text = (FIXTURES / "variants_leak.md").read_text().replace("variants: [Keras, PyTorch]\n", "")
    page = read(tmp_path, text)
    assert page.variants == ()
    assert [b.variant for b in page.blocks] == [None, None]


def test_blocks_get_the_innermost_variant_tab(tmp_path: Path) -> None:
    page = read(tmp_path, (FIXTURES / "variants.md").read_text())
    assert page.errors == []
    assert [b.variant for b in page.blocks] == [
        None, "Keras", "Keras", "PyTorch", "PyTorch", None, None, None, None,
    ]  # fmt: skip


def test_a_tab_line_inside_a_code_block_opens_no_tab(tmp_path: Path) -> None:
    page = read(
        tmp_path,
        "---\nvariants: [Keras, PyTorch]\n---\n\n"
        '=== "Keras"\n\n    ```python\n    a = 1\n    ```\n\n'
        '=== "PyTorch"\n\n    ```markdown\n    === "Keras"\n    ```\n\n'
        "    ```python\n    b = 2\n    ```\n",
    )
    assert page.errors == []
    assert [b.variant for b in page.blocks] == ["Keras", "PyTorch", "PyTorch"]


def test_a_declared_variant_without_a_tab_is_an_error(tmp_path: Path) -> None:
    page = read(
        tmp_path,
        '---\nvariants: [Keras, Pytorch]\n---\n\n=== "Keras"\n\n    ```python\n    a = 1\n    ```\n'
        '\n=== "PyTorch"\n\n    ```python\n    a = 2\n    ```\n',
    )
    assert [str(e) for e in page.errors] == [
        f"{page.path}:1: front matter declares the variant(s) 'Pytorch', but no code block is in "
        'a tab titled so; tab titles must match exactly (=== "Pytorch")'
    ]


def test_a_declaration_that_is_not_a_list_of_titles_is_an_error(tmp_path: Path) -> None:
    page = read(tmp_path, "---\nvariants: Keras\n---\n\n```python\na = 1\n```\n")
    assert len(page.errors) == 1
    assert "must be a list of tab titles" in str(page.errors[0])


def test_an_output_block_outside_its_blocks_tab_is_an_error(tmp_path: Path) -> None:
    page = read(
        tmp_path,
        '---\nvariants: [Keras, PyTorch]\n---\n\n=== "Keras"\n\n    ```python\n    print(1)\n'
        '    ```\n```text\n1\n```\n\n=== "PyTorch"\n\n    ```python\n    print(2)\n    ```\n',
    )
    output = page.blocks[1]
    assert output.owner is None
    assert output.problem is not None
    assert "outside the 'Keras' tab" in output.problem
