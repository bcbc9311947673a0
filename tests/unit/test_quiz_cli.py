"""`check-quizzes` as run from a shell: exit codes and `file:line: message` lines."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import REPO, command

FIXTURES = REPO / "tests" / "fixtures" / "quizzes"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command("check-quizzes"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
    )


def test_valid_files_exit_zero_with_a_summary() -> None:
    result = run("tests/fixtures/quizzes/valid")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "2 quizzes with 4 questions in 1 files: all valid.\n"


def test_invalid_folder_prints_one_line_per_problem_and_exits_one() -> None:
    result = run("tests/fixtures/quizzes/invalid", "tests/fixtures/quizzes/valid")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(list((FIXTURES / "invalid").glob("*.md")))
    assert (
        "tests/fixtures/quizzes/invalid/two-correct-single-choice.md:11: question 1 is single "
        "choice but marks 2 options correct (lines 10, 11)" in result.stdout
    )
    assert all(line.startswith("tests/fixtures/quizzes/invalid/") for line in lines)
    assert "11 quiz problem(s) found." in result.stderr


def test_single_file_path_is_shown_as_typed_from_the_working_directory(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# P\n\n<!-- quiz -->\n1. Q?\n    - [x] A\n    - [ ] B\n    - [ ] C\n<!-- /quiz -->\n"
    )
    result = run("page.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("page.md:4: question 1 has no explanation;")


def test_default_checks_the_sites_docs() -> None:
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith("all valid.\n")


def test_missing_path_is_a_usage_error() -> None:
    result = run("no/such/folder")
    assert result.returncode == 2
    assert "no such file or folder: no/such/folder" in result.stderr
