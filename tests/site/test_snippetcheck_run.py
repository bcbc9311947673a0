"""The checker runs fixture pages for real (child processes, Jupyter kernels), reports clearly."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, SHARED, command
from dlmd.snippetcheck.cli import main
from snippet_runs import FIXTURES, OFFLINE, REL, blocks, check, line_of, statuses

def test_a_page_that_passes(tmp_path: Path) -> None:
    code, report, text = check(tmp_path, FIXTURES / "passing.md")
    assert code == 0
    assert statuses(report) == [
        "not-run",  # pip install, checked against the lock
        "passed",
        "passed",  # output block: what the block before printed
        "passed",  # nested in a tab inside an admonition
        "passed",  # `if __name__ == "__main__":` body ran, or the next block would fail
        "passed",  # inside ??? details: asserts what the blocks before it did
        "passed",  # writes files
        "not-run",  # yaml
        "skipped",
        "skipped",  # a shell command, skipped with a reason
    ]
    assert blocks(report)[5]["output"] == "all good\n"
    assert blocks(report)[-2]["message"] == "shows an interactive prompt; a check has no reader"
    assert text.splitlines()[-1] == "6 passed, 0 failed, 2 skipped"
    assert report["summary"] | {"duration": 0} == {
        "passed": 6, "failed": 0, "skipped": 2, "blocked": 0, "not_run": 2,
        "pages": 1, "pages_failed": 0, "pages_cached": 0, "duration": 0,
    }  # fmt: skip


def test_relative_and_home_paths_in_snippets_land_in_the_sandbox(tmp_path: Path) -> None:
    # The working directory and HOME are fresh temporary folders; an absolute path written
    # on purpose is not intercepted (see snippetcheck/sandbox.py).
    check(tmp_path, FIXTURES / "passing.md")
    assert not list(REPO.rglob("scratch.txt"))
    assert not (Path.home() / "snippet-home.txt").exists()


def test_name_error_in_block_3_points_at_the_markdown_line(tmp_path: Path) -> None:
    code, report, text = check(tmp_path, FIXTURES / "name_error.md")
    assert code == 1
    assert statuses(report) == ["passed", "passed", "failed", "blocked", "blocked"]
    failed = blocks(report)[2]
    line = line_of(FIXTURES / "name_error.md", "print(undefined_name)")
    assert failed["location"] == f"{REL}/name_error.md:{line}"
    assert failed["message"] == "NameError: name 'undefined_name' is not defined"
    assert failed["failing_line"] == "print(undefined_name)"
    assert f'File "{REL}/name_error.md", line {line}, in <module>' in failed["traceback"]
    assert blocks(report)[3]["message"] == "not run: an earlier block failed"
    assert f"FAILED block 3 at {REL}/name_error.md:{line}: NameError" in text
    assert text.splitlines()[-1] == "2 passed, 1 failed, 0 skipped"


def test_syntax_error(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, FIXTURES / "syntax_error.md")
    assert code == 1
    failed = blocks(report)[1]
    assert (
        failed["location"]
        == f"{REL}/syntax_error.md:{line_of(FIXTURES / 'syntax_error.md', 'def broken')}"
    )
    assert failed["message"].startswith("SyntaxError: ")
    assert failed["failing_line"] == "def broken(:"


def test_timeout_kills_the_block_and_names_the_running_line(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, "--timeout", "2", FIXTURES / "timeout.md")
    assert code == 1
    # The marker gives block 1 twenty seconds, so its 2.5 s sleep passes the 2 s default.
    assert statuses(report) == ["passed", "failed", "blocked"]
    failed = blocks(report)[1]
    assert failed["message"].startswith("timed out after 2 s")
    assert "<!-- check: timeout=" in failed["message"]
    assert (
        failed["location"]
        == f"{REL}/timeout.md:{line_of(FIXTURES / 'timeout.md', 'time.sleep(30)')}"
    )
    assert failed["failing_line"] == "time.sleep(30)"


def test_sys_exit_halfway_is_a_failure(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, FIXTURES / "sys_exit.md")
    assert code == 1
    assert statuses(report) == ["passed", "failed", "blocked"]
    failed = blocks(report)[1]
    assert failed["message"] == "the snippet exits the interpreter (sys.exit(0))"
    assert (
        failed["location"]
        == f"{REL}/sys_exit.md:{line_of(FIXTURES / 'sys_exit.md', 'sys.exit(0)', 2)}"
    )
    assert failed["output"] == "before the exit\n"


def test_skip_marker_without_reason_is_rejected(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, FIXTURES / "skip_without_reason.md")
    assert code == 1
    (block,) = blocks(report)
    assert block["status"] == "failed"
    assert (
        block["location"]
        == f"{REL}/skip_without_reason.md:{line_of(FIXTURES / 'skip_without_reason.md', '<!--')}"
    )
    assert "a skip marker needs a reason" in block["message"]
    assert block["output"] == ""  # it did not run


def test_unclassified_fences_are_rejected(tmp_path: Path) -> None:
    code, report, text = check(tmp_path, FIXTURES / "unclassified.md")
    assert code == 1
    assert statuses(report) == ["failed", "failed", "failed"]
    path = FIXTURES / "unclassified.md"
    assert blocks(report)[0]["location"] == f"{REL}/unclassified.md:{line_of(path, '```rust')}"
    assert "unknown code block language 'rust'" in blocks(report)[0]["message"]
    assert text.splitlines()[-1] == "0 passed, 3 failed, 0 skipped"


def test_pip_install_of_a_package_missing_from_the_lock(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, FIXTURES / "pip_missing.md")
    assert code == 1
    (block,) = blocks(report)
    assert block["status"] == "failed"
    assert block["message"] == (
        "package 'left-pad-for-python' is not in requirements/test.txt: add it to the .in file "
        "and re-lock, or remove it from the page"
    )


def test_included_code_fails_at_the_included_file_line(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, FIXTURES / "includes.md")
    assert code == 1
    assert statuses(report) == ["passed", "failed"]
    failed = blocks(report)[1]
    helper = FIXTURES / "included" / "helper.py"
    assert failed["location"] == f"{REL}/included/helper.py:{line_of(helper, 'undefined_suffix')}"
    assert failed["message"] == "NameError: name 'undefined_suffix' is not defined"
    assert failed["output"] == "HELLO!\n"  # the line before ran: shout() came from the include


def test_mixed_page_and_included_lines_map_back_to_both_files(tmp_path: Path) -> None:
    page = tmp_path / "mixed.md"
    page.write_text(
        '```python\nprefix = "a"\n--8<-- "tests/fixtures/snippets/included/helper.py"\n'
        "print(shout(prefix))\nwhisper(prefix)\n```\n"
    )
    code, report, _ = check(tmp_path, page)
    assert code == 1
    (block,) = blocks(report)
    helper = FIXTURES / "included" / "helper.py"
    assert block["location"] == f"{REL}/included/helper.py:{line_of(helper, 'undefined_suffix')}"
    assert block["output"] == "A!\n"
    # The traceback names the page's own line for the call, the helper's line for the failure.
    assert f'File "{page}", line 5, in <module>' in block["traceback"]
    assert f'File "{REL}/included/helper.py", line 6, in whisper' in block["traceback"]


def test_include_forms_run(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, FIXTURES / "include_section.md")
    assert code == 0
    assert statuses(report) == ["passed", "passed"]


def test_a_process_that_dies_is_reported_at_its_block(tmp_path: Path) -> None:
    page = tmp_path / "dies.md"
    page.write_text("```python\nx = 1\n```\n\n```python\nimport os\n\nos._exit(3)\n```\n")
    code, report, _ = check(tmp_path, page)
    assert code == 1
    assert statuses(report) == ["passed", "failed"]
    assert blocks(report)[1]["location"] == f"{page}:5"
    assert blocks(report)[1]["message"].startswith(
        "the Python process exited with code 3 (os._exit() or a crash in a C extension?)"
    )


def test_network_access_names_the_url(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, "--offline-data", OFFLINE, FIXTURES / "network.md")
    assert code == 1
    (block,) = blocks(report)
    assert block["message"] == "this snippet needs the network: https://example.com/data.csv"


def test_reading_stdin_is_reported(tmp_path: Path) -> None:
    _, report, _ = check(tmp_path, FIXTURES / "stdin.md")
    (block,) = blocks(report)
    assert block["status"] == "failed"
    assert block["message"].startswith("snippet reads from stdin")


def test_flooding_stdout_is_reported(tmp_path: Path) -> None:
    _, report, _ = check(tmp_path, FIXTURES / "flood.md")
    (block,) = blocks(report)
    assert block["status"] == "failed"
    assert (
        block["message"] == "the snippet printed more than 1,000,000 bytes; print a summary instead"
    )
    assert len(block["output"]) <= 25_000  # the report keeps a tail, not the flood


def test_a_failing_notebook_cell(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, FIXTURES / "failing_cell.ipynb")
    assert code == 1
    assert statuses(report) == ["passed", "passed", "failed", "blocked"]
    failed = blocks(report)[2]
    assert failed["cell"] == 3
    assert failed["location"] == f"{REL}/failing_cell.ipynb code cell 3, line 2"
    assert failed["message"] == "ZeroDivisionError: division by zero"
    assert failed["failing_line"] == "ratio = total / difference"
    assert blocks(report)[1]["output"] == "6\n"


def test_notebook_targets_stale_outputs_and_write_outputs(tmp_path: Path) -> None:
    notebook = tmp_path / "targets.ipynb"
    shutil.copy(FIXTURES / "targets.ipynb", notebook)

    code, report, _ = check(tmp_path, notebook)
    assert code == 0
    assert report["pages"][0]["metrics"] == {"accuracy": pytest.approx(0.95)}
    assert blocks(report)[3]["output"] == "runs as in a script\n"

    code, _, _ = check(tmp_path, "--write-outputs", notebook)
    assert code == 0
    stored = json.loads(notebook.read_text())
    cells = [c for c in stored["cells"] if c["cell_type"] == "code"]
    assert "".join(cells[1]["outputs"][0]["text"]) == "accuracy 0.950\n"
    assert all(len(c["metadata"]["dlmd"]["source_sha256"]) == 64 for c in cells)
    assert check(tmp_path, notebook)[0] == 0  # fresh outputs are not stale

    # Edit a cell without refreshing its outputs, and drop another cell's record: both stale.
    # The edit also misses the target.
    stored = json.loads(notebook.read_text())
    code_cells = [c for c in stored["cells"] if c["cell_type"] == "code"]
    code_cells[1]["source"] = "".join(code_cells[1]["source"]) + "\naccuracy = scores.min() - 0.5"
    del code_cells[2]["metadata"]["dlmd"]["source_sha256"]
    notebook.write_text(json.dumps(stored))
    code, report, _ = check(tmp_path, notebook)
    assert code == 1
    assert statuses(report) == ["not-run", "passed", "failed", "failed"]
    edited, unrecorded = blocks(report)[2], blocks(report)[3]
    assert edited["location"] == f"{notebook} code cell 2"
    assert edited["message"].startswith("stored outputs are stale: the cell changed since")
    assert unrecorded["location"] == f"{notebook} code cell 3"
    assert unrecorded["message"].startswith(
        "stored outputs are stale: the cell has stored outputs but no record"
    )
    assert report["pages"][0]["errors"] == [
        f"{notebook}: target accuracy: 0.4000 is below its minimum 0.9"
    ]


def test_notebook_range_targets_fail_above_their_maximum(tmp_path: Path) -> None:
    """A value that must stay low (air in Hounsfield units) has an upper bound."""
    stored = json.loads((FIXTURES / "targets.ipynb").read_text())
    notebook = tmp_path / "range.ipynb"

    def run_with(targets: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        stored["metadata"]["dlmd"]["targets"] = targets
        notebook.write_text(json.dumps(stored))
        code, report, _ = check(tmp_path, notebook)
        return code, report["pages"][0]

    code, page = run_with({"accuracy": {"min": 0.9, "max": 0.96}})
    assert code == 0 and page["errors"] == []
    assert page["metrics"] == {"accuracy": pytest.approx(0.95)}

    code, page = run_with({"accuracy": {"max": 0.94}})
    assert code == 1
    assert page["errors"] == [f"{notebook}: target accuracy: 0.9500 is above its maximum 0.94"]

    code, page = run_with({"accuracy": {"max": "low"}})
    assert code == 1
    assert "'accuracy'" in page["errors"][0] and "is not a number" in page["errors"][0]


def test_parallel_jobs_give_the_same_report(tmp_path: Path) -> None:
    pages = [
        FIXTURES / n for n in ("name_error.md", "failing_cell.ipynb", "passing.md", "sys_exit.md")
    ]

    def without_times(report: dict[str, Any]) -> dict[str, Any]:
        for page in report["pages"]:
            page["duration"] = 0
            for block in page["blocks"]:
                block["duration"] = 0
        report["summary"]["duration"] = 0
        return report

    serial = check(tmp_path / "serial", "-j", "1", *pages)
    parallel = check(tmp_path / "parallel", "-j", "2", *pages)
    assert serial[0] == parallel[0] == 1
    assert without_times(serial[1]) == without_times(parallel[1])
    assert [p["path"] for p in parallel[1]["pages"]] == sorted(f"{REL}/{p.name}" for p in pages)


def test_command_line_from_the_repository_root(tmp_path: Path) -> None:
    result = subprocess.run(
        [*command("check-snippets"), "--cache-dir", str(tmp_path),
         f"{REL}/name_error.md", f"{REL}/passing.md"],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "8 passed, 1 failed, 2 skipped"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/page.md"], "no such file or folder"),
        (["pyproject.toml"], "not a Markdown page"),
        (["-j", "0", f"{REL}/passing.md"], "-j needs a number"),
        (["--offline-data", "no/such/dir", f"{REL}/passing.md"], "no such folder"),
        (["--lock", "no/such/lock.txt", f"{REL}/passing.md"], "cannot read the lock file"),
        (["--no-such-option"], "unrecognized arguments"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = subprocess.run(
        [*command("check-snippets"), "--cache-dir", str(tmp_path), *args],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.slow
def test_offline_mnist_is_served_from_the_shared_copy(tmp_path: Path) -> None:
    code, report, _ = check(tmp_path, "--offline-data", OFFLINE, FIXTURES / "offline_mnist.md")
    assert code == 0, blocks(report)
    assert blocks(report)[0]["output"].endswith("(60000, 28, 28) (10000, 28, 28) 5\n")
    sums = (OFFLINE / "mnist" / "SHA256SUMS").read_text()
    assert report["pages"][0]["offline_files"] == [
        {"path": "mnist/mnist.npz", "sha256": sums.split()[0]}
    ]


def test_a_malformed_notebook_is_reported_and_the_other_pages_still_run(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-broken.ipynb").write_text('{"nbformat": 4, "metadata": {}, "cells": {"a": 1}}')
    (pages / "b-page.md").write_text("# Fine\n\n```python\nprint('ran')\n```\n")
    code, report, _ = check(tmp_path, pages)
    assert code == 1
    broken, fine = report["pages"]
    assert broken["status"] == "failed"
    assert broken["errors"][0].startswith(f"{broken['path']}: cannot read the notebook")
    assert fine["status"] == "passed" and statuses(report, 1) == ["passed"]
