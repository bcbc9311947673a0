"""One name for a source file in every message (dlmd.markdown.paths.source_name): the build,
`check-quizzes` and `check-snippets` print `docs/page.md`, from any working directory."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import command
from dlmd.markdown.paths import source_name

BROKEN_QUIZ = "# Page\n\n<!-- quiz -->\n1. Which?\n    - [x] A\n    - [x] B\n<!-- /quiz -->\n"


def site(root: Path) -> Path:
    (root / "docs" / "part").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: A site\n", encoding="utf-8")
    page = root / "docs" / "part" / "page.md"
    page.write_text(BROKEN_QUIZ, encoding="utf-8")
    return page


def test_a_page_is_named_from_its_site_folder_wherever_the_command_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = site(tmp_path / "site")
    for where in (tmp_path, tmp_path / "site", tmp_path / "site" / "docs" / "part"):
        monkeypatch.chdir(where)
        assert source_name(page) == "docs/part/page.md"
        assert source_name(page.relative_to(where)) == "docs/part/page.md"
        assert source_name(page, tmp_path / "site" / "docs") == "part/page.md"


def test_a_file_in_no_site_is_named_as_typed_else_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loose = tmp_path / "notes" / "page.md"
    loose.parent.mkdir()
    loose.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert source_name(loose) == "notes/page.md"
    monkeypatch.chdir(loose.parent)
    elsewhere = tmp_path / "other.md"
    assert source_name(elsewhere) == elsewhere.resolve().as_posix()


def test_check_quizzes_names_the_page_the_same_from_any_folder(tmp_path: Path) -> None:
    page = site(tmp_path / "site")
    outputs = set()
    for where in (tmp_path, tmp_path / "site"):
        result = subprocess.run(
            [*command("check-quizzes"), str(page)], cwd=where, capture_output=True, text=True
        )
        assert result.returncode == 1, result.stderr
        outputs.add(result.stdout.split(": ")[0])
    assert outputs == {"docs/part/page.md:4"}  # the question
