"""Other sites' conventions (issue 27): pytest-examples' fence attributes and `#>` comments,
markdown-exec's executed fences, show-only languages, isolation, --python and --setup."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from dlmd.snippetcheck.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "othersites"
LOCK = REPO / "requirements" / "test.txt"
SETUP = FIXTURES / "pytest_examples_setup.py"


@pytest.fixture(autouse=True)
def _fence_module_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES))


def check(tmp_path: Path, site: Path, page: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    report = tmp_path / "report.json"
    out = io.StringIO()
    argv = [str(page), "-f", str(site / "mkdocs.yml"), "--lock", str(LOCK), "--no-cache"]
    argv += ["--cache-dir", str(tmp_path / "cache"), "--json", str(report), *args]
    code = main(argv, stdout=out)
    return code, json.loads(report.read_text()), out.getvalue()


def table(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(b["kind"], b["status"]) for b in report["pages"][0]["blocks"]]


def copy_site(tmp_path: Path, name: str) -> Path:
    site = tmp_path / name
    shutil.copytree(FIXTURES / name, site)
    return site


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_pytest_examples_attributes_skip_and_run_what_it_does(tmp_path: Path) -> None:
    site = FIXTURES / "pytest_examples_site"
    code, report, text = check(tmp_path, site, site / "docs" / "models.md", "--setup", str(SETUP))
    assert code == 0, text
    assert [status for _, status in table(report)] == [
        "passed",  # #> comments match
        "skipped",  # test="skip"
        "skipped",  # requires="3.99"
        "passed",  # attributes: its own namespace, so `user` is not defined there
        "passed",  # group="shop"
        "passed",  # same group: sees `basket`
        "passed",  # test="xfail": raised, as expected
        "passed",  # a print() in a loop, one #> line per call
        "passed",  # a long value in a triple-quoted block, wrapped as black wraps it
        "passed",  # the set-up hook fixed random.randint, as pydantic's conftest does
    ]
    blocks = report["pages"][0]["blocks"]
    assert blocks[1]["message"] == 'test="skip" (pytest-examples)'
    assert blocks[2]["message"] == "requires Python 3.99"
    assert "(10 blocks, 8 run," in text.splitlines()[0]


def test_a_wrong_comment_fails_at_its_line_and_write_outputs_fixes_it(tmp_path: Path) -> None:
    site = copy_site(tmp_path, "pytest_examples_site")
    page = site / "docs" / "models.md"
    original = page.read_text()
    page.write_text(original.replace("#> ['apple', 'pear'] / 2", "#> ['apple', 'plum'] / 2"))
    code, report, text = check(tmp_path, site, page, "--setup", str(SETUP))
    assert code == 1
    failed = [b for b in report["pages"][0]["blocks"] if b["status"] == "failed"]
    assert len(failed) == 1
    assert failed[0]["location"].endswith(f"models.md:{line_of(page, 'plum')}")
    assert "-#> ['apple', 'plum'] / 2" in failed[0]["diff"]
    assert "+#> ['apple', 'pear'] / 2" in failed[0]["diff"]
    assert "the #> output under the print() at" in failed[0]["message"]

    code, _, text = check(tmp_path, site, page, "--setup", str(SETUP), "--write-outputs")
    assert code == 0, text
    assert page.read_text() == original


def test_a_missing_comment_line_is_written_under_its_print(tmp_path: Path) -> None:
    site = copy_site(tmp_path, "pytest_examples_site")
    page = site / "docs" / "models.md"
    original = page.read_text()
    page.write_text(original.replace("    #> 1\n", ""))
    code, report, _ = check(tmp_path, site, page, "--setup", str(SETUP))
    assert code == 1
    check(tmp_path, site, page, "--setup", str(SETUP), "--write-outputs")
    assert page.read_text() == original


def test_without_the_set_up_hook_the_dice_line_fails_at_its_comment(tmp_path: Path) -> None:
    site = copy_site(tmp_path, "pytest_examples_site")
    page = site / "docs" / "models.md"
    page.write_text(page.read_text().replace("random.randint(1, 6)", "random.randint(4, 6)"))
    code, report, _ = check(tmp_path, site, page)
    assert code == 1
    (failed,) = [b for b in report["pages"][0]["blocks"] if b["status"] == "failed"]
    assert failed["location"].endswith(f"models.md:{line_of(page, '#> 3')}")


def test_a_failing_set_up_hook_is_reported(tmp_path: Path) -> None:
    hook = tmp_path / "setup.py"
    hook.write_text("raise RuntimeError('the database is not there')\n")
    site = FIXTURES / "pytest_examples_site"
    code, report, _ = check(tmp_path, site, site / "docs" / "models.md", "--setup", str(hook))
    assert code == 1
    first = report["pages"][0]["blocks"][0]
    assert first["status"] == "failed"
    assert first["message"] == "the site's set-up hook failed before this page ran"
    assert "RuntimeError: the database is not there" in first["traceback"]


def test_markdown_exec_fences_run_as_markdown_exec_runs_them(tmp_path: Path) -> None:
    site = FIXTURES / "mdexec_site"
    code, report, text = check(tmp_path, site, site / "docs" / "usage.md")
    assert code == 0, text
    assert table(report) == [
        ("python", "passed"),  # exec="1"
        ("python", "passed"),  # a fresh namespace of its own
        ("python", "passed"),  # session="shop"
        ("python", "passed"),  # the same session
        ("python", "passed"),  # pycon: its >>> lines
        ("shell", "skipped"),  # bash exec: not run by the check, and said so
        ("text", "not-run"),  # tree: shown
        ("text", "not-run"),  # no exec: markdown-exec leaves it to the highlighter
        ("text", "not-run"),  # ini: a show-only language
        ("text", "not-run"),  # md exec="1": rendered as Markdown...
        ("python", "passed"),  # ...so the fence inside runs, with what on_config set
    ]
    assert "does not run shell commands" in report["pages"][0]["blocks"][5]["message"]


def test_markdown_exec_convention_turned_off(tmp_path: Path) -> None:
    site = FIXTURES / "mdexec_site"
    code, report, _ = check(
        tmp_path, site, site / "docs" / "usage.md", "--ignore-convention", "markdown-exec"
    )
    assert code == 0
    kinds = [kind for kind, _ in table(report)]
    assert kinds[:7] == ["custom"] * 7
    assert kinds[7] == "python"  # without the convention a plain fence runs, as on this site


def test_an_error_in_an_executed_fence_fails_at_its_line(tmp_path: Path) -> None:
    site = copy_site(tmp_path, "mdexec_site")
    page = site / "docs" / "usage.md"
    page.write_text(page.read_text().replace('basket.append("pear")', "basket.append(pear)"))
    code, report, _ = check(tmp_path, site, page)
    assert code == 1
    failed = [b for b in report["pages"][0]["blocks"] if b["status"] == "failed"]
    assert failed[0]["location"].endswith(f"usage.md:{line_of(page, 'basket.append(pear)')}")


def test_unknown_fences_fail_unless_shown_on_request(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```\nsome text\n```\n\n```bash\nmake docs\n```\n\n```csv\na,b\n```\n")
    code, report, _ = check(tmp_path, REPO, page)
    assert code == 1
    assert [s for _, s in table(report)] == ["failed", "failed", "not-run"]
    code, report, _ = check(tmp_path, REPO, page, "--show-unknown")
    assert code == 0
    notes = [b["note"] for b in report["pages"][0]["blocks"]]
    assert notes[0] == "an untagged fence, shown and not run (a guess: --show-unknown)"
    assert notes[1] == "a bash block, shown and not run (a guess: --show-unknown)"
    code, report, _ = check(tmp_path, REPO, page, "--ignore-convention", "show-only")
    assert [s for _, s in table(report)] == ["failed", "failed", "failed"]


@pytest.mark.parametrize("how", ["--isolate", "marker"])
def test_isolation_switch(tmp_path: Path, how: str) -> None:
    page = tmp_path / "page.md"
    marker = "<!-- check: isolated -->\n\n" if how == "marker" else ""
    page.write_text(
        "```python\nx = 1\n```\n\n" + marker + "```python\nassert 'x' not in globals()\n```\n"
    )
    args = ["--isolate"] if how == "--isolate" else []
    code, report, text = check(tmp_path, REPO, page, *args)
    assert code == 0, text
    code, report, _ = check(tmp_path, REPO, page.with_name("page.md"))
    assert code == (0 if how == "marker" else 1)  # without the switch the page shares globals


def test_another_interpreter_runs_the_snippets_without_the_checkers_dependencies(
    tmp_path: Path,
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nimport importlib.util, sys\n"
        f"assert sys.prefix == {str(venv)!r}, sys.prefix\n"
        "assert importlib.util.find_spec('mkdocs') is None\nprint('ok')\n#> ok\n```\n"
    )
    code, report, text = check(tmp_path, REPO, page, "--python", str(venv / "bin" / "python"))
    assert code == 0, text
    code, _, _ = check(tmp_path, REPO, page)
    assert code == 1  # the checker's own interpreter has mkdocs


def test_a_validator_given_as_a_dotted_path_is_imported(tmp_path: Path) -> None:
    from dlmd.snippetcheck.config import ConfigError, load_site_config

    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    template = (
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.superfences:\n"
        "      custom_fences:\n        - name: python\n          class: python\n"
        "          validator: {}\n"
    )
    config.write_text(template.format("markdown_exec.validator"))
    (fence_type,) = load_site_config(config).custom_fences
    assert fence_type.executes and fence_type.validator is not None
    config.write_text(template.format("no_such_module.validator"))
    with pytest.raises(
        ConfigError, match="validator 'no_such_module.validator' cannot be imported"
    ):
        load_site_config(config)


def test_attributes_that_no_convention_knows_still_fail(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text('```python {test="skip" colour="red"}\nprint(1)\n```\n')
    code, report, _ = check(tmp_path, FIXTURES / "pytest_examples_site", page)
    assert code == 1
    assert "colour='red'" in report["pages"][0]["blocks"][0]["message"]


def test_a_failure_stops_only_what_depends_on_it(tmp_path: Path) -> None:
    # markdown-exec runs every executed fence on its own (pytest-examples every example): one
    # that fails does not stop the others, only the later blocks of its session.
    page = tmp_path / "page.md"
    page.write_text(
        '```python exec="1"\nraise RuntimeError("boom")\n```\n\n'
        '```python exec="1" session="s"\nx = 1\nraise ValueError(x)\n```\n\n'
        '```python exec="1" session="s"\nprint(x)\n```\n\n'
        '```python exec="1"\nprint("still runs")\n```\n'
    )
    code, report, _ = check(tmp_path, FIXTURES / "mdexec_site", page)
    assert code == 1
    assert [s for _, s in table(report)] == ["failed", "failed", "blocked", "passed"]


def test_a_comment_takes_the_output_markers_variation(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    block = "```python\nx = 0.1 + 0.2\n\nprint(x)\n#> 0.3\n```\n"  # prints 0.30000000000000004
    page.write_text(block)
    code, report, _ = check(tmp_path, REPO, page)
    assert code == 1
    assert report["pages"][0]["blocks"][0]["location"].endswith("page.md:5")
    page.write_text("<!-- check: output numbers=0.001 -->\n\n" + block)
    code, report, text = check(tmp_path, REPO, page)
    assert code == 0, text


def _python_3_9() -> str | None:
    """A Python 3.9 on this machine (the oldest the runner supports), if one runs."""
    import glob

    candidates = [
        shutil.which("python3.9"),
        *sorted(glob.glob(str(Path.home() / ".pyenv/versions/3.9*/bin/python3"))),
    ]
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0:
            return candidate
    return None


def test_the_runner_works_on_python_3_9(tmp_path: Path) -> None:
    python = _python_3_9()
    if python is None:
        pytest.skip("no Python 3.9 interpreter on this machine")
    site = FIXTURES / "pytest_examples_site"
    code, report, text = check(
        tmp_path, site, site / "docs" / "models.md", "--setup", str(SETUP), "--python", python
    )
    assert code == 0, text
    assert [s for _, s in table(report)].count("passed") == 8
