"""Every documented command works in a clone with no remote at all (issue 21): the build
leaves the repository links out (no placeholder, no edit, Colab or source link), and
site-figures, page-weight, check-snippets and make-figures run there, or stop with one line
saying what is missing, never with a traceback.

site-figures drives Chromium, so this lives with the browser tests; it measures one page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, SHARED, command

# Without these, the build would take the addresses from CI's or the caller's environment.
ADDRESS_VARIABLES = (
    *("SITE_URL", "REPO_URL", "SITE_BRANCH"),
    *("GITHUB_ACTIONS", "GITHUB_REPOSITORY", "GITHUB_HEAD_REF", "GITHUB_REF_NAME"),
)
PLACEHOLDER = "dlmd-site"  # the owner of the addresses mkdocs.yml used to hard-code


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this checkout's commit with its `origin` removed, and the tools setup would
    install (node_modules) and the notebook figures already compressed (.cache), borrowed."""
    root = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(root)], check=True)
    subprocess.run(["git", "-C", str(root), "remote", "remove", "origin"], check=True)
    remotes = subprocess.run(["git", "-C", str(root), "remote"], capture_output=True, text=True)
    assert remotes.stdout == ""
    if (REPO / "node_modules").is_dir():
        (root / "node_modules").symlink_to(REPO / "node_modules")
    if (REPO / ".cache" / "notebook-figures").is_dir():
        shutil.copytree(REPO / ".cache" / "notebook-figures", root / ".cache" / "notebook-figures")
    return root


def run(clone: Path, *line: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ADDRESS_VARIABLES}
    result = subprocess.run(
        list(line), cwd=clone, env=env, capture_output=True, text=True, timeout=900
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def built(clone: Path) -> Path:
    python = command("python")[0]
    result = run(clone, python, "-m", "mkdocs", "build", "--strict", "-d", "built")
    assert result.returncode == 0, result.stderr
    return clone / "built"


def test_the_build_leaves_the_repository_links_out(built: Path) -> None:
    for path in sorted(built.rglob("*")):
        if path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            text = path.read_text(encoding="utf-8")
            assert PLACEHOLDER not in text, f"{path} names the placeholder {PLACEHOLDER}"
        if path.suffix == ".html":
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            # Pages may cite other projects on GitHub; none may link to a repository of its own.
            assert page.select("a.md-source, a[rel=edit], link[rel=canonical]") == [], path
            assert not page.find_all("a", href=re.compile("colab.research.google.com")), path
            assert not page.find_all("a", string="View source"), path
    about = BeautifulSoup((built / "about" / "index.html").read_text("utf-8"), "html.parser")
    assert "issue tracker" not in about.get_text()
    assert "We treat accessibility problems as bugs." in about.get_text()
    notebook = built / "tutorials" / "first-model" / "index.html"
    buttons = BeautifulSoup(notebook.read_text("utf-8"), "html.parser").select(".dlmd-nb-actions a")
    assert [a.get_text() for a in buttons] == ["Download notebook"]
    assert (notebook.parent / buttons[0]["href"]).is_file()


def test_page_weight_and_site_figures_run_on_it(clone: Path, built: Path) -> None:
    weights = run(clone, *command("page-weight"), "built")
    assert weights.returncode == 0, weights.stderr
    assert "faq/index.html" in weights.stdout
    # Only the FAQ, to keep the cost low: the same code path as every page.
    figures = run(
        clone, *command("site-figures"), "--site", "built", "--no-lighthouse", "--page", "faq/"
    )
    assert figures.returncode == 0, figures.stdout + figures.stderr
    assert "1 pages in" in figures.stdout


def test_check_snippets_and_make_figures_run_in_it(clone: Path, tmp_path: Path) -> None:
    data = str(SHARED / "datasets")
    checked = run(clone, *command("check-snippets"), "--offline-data", data, "docs/faq.md")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    mnist = SHARED / "datasets" / "mnist" / "mnist.npz"
    drawn = run(clone, *command("make-figures"), "--out", str(tmp_path), "--mnist", str(mnist))
    assert drawn.returncode == 0, drawn.stderr
    assert sorted(path.name for path in tmp_path.glob("*.svg")) == sorted(
        path.name for path in (clone / "docs" / "assets" / "figures").glob("*.svg")
    )


def test_a_missing_tool_is_one_line_not_a_traceback(clone: Path, built: Path) -> None:
    env_path = f"{Path(command('python')[0]).parent}:/usr/bin:/bin"
    # No Chromium anywhere it looks: CHROMIUM names a file that is not a program.
    result = subprocess.run(
        [*command("site-figures"), "--site", "built", "--no-lighthouse", "--page", "faq/"],
        cwd=clone,
        env={"PATH": env_path, "HOME": str(clone), "CHROMIUM": str(clone / "README.md")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("site-figures: ") and "CHROMIUM" in line
