"""Shared fixtures: the built site, a local server for it, the local Chromium, the commands;
and the folder rule that marks every test from where it lives.

- tests/unit/: no site build, no browser: the fast set (`pytest tests/unit`).
- tests/site/: builds a site or runs the snippet check (marked `site`).
- tests/browser/: drives Chromium (marked `browser`).

A test file anywhere else, or a fast test asking for the built site or the browser, stops the
run before any test starts, so an expensive test cannot land in the fast set by accident.
Browser tests skip with the reason where Playwright or a Chromium is missing, so
`pytest -m "not browser and not slow"` runs with only the site's dependencies installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dlmd.quality.browsing import chromium, chromium_path
from dlmd.quality.build import build_site
from dlmd.quality.gzip_server import serving
from dlmd.quality.pages import base_path
from dlmd.quality.stock_site import build_stock_site

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# The addresses the session's site is built with (dlmd.pages.site_address), fixed so that the
# tests see the same links wherever they run, whatever the checkout's remote or CI's variables.
BUILD_ADDRESSES = {
    "SITE_URL": "https://test-owner.github.io/dl-medical-diagnostics/",
    "REPO_URL": "https://github.com/test-owner/dl-medical-diagnostics",
    "SITE_BRANCH": "test-branch",
}


def command(name: str) -> list[str]:
    """A console script of the dlmd package, from the environment the tests run in."""
    found = Path(sys.executable).with_name(name)
    if not found.is_file():
        found = Path(shutil.which(name) or name)
    return [str(found)]


TESTS = Path(__file__).resolve().parent
FOLDERS = {"unit": None, "site": pytest.mark.site, "browser": pytest.mark.browser}
# The fixtures a folder may not use: what makes a test belong to a costlier folder.
SITE_FIXTURES = {
    *("built_site", "site_url", "gzip_site_url", "site_snippet_report"),
    *("stock_site", "stock_site_url"),
}
BROWSER_FIXTURES = {"browser", "page"}
NOT_ALLOWED = {"unit": SITE_FIXTURES | BROWSER_FIXTURES, "site": BROWSER_FIXTURES, "browser": set()}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark each test from its folder; refuse one outside the three folders, or one in a
    cheaper folder than the fixtures it uses."""
    problems = []
    for item in items:
        path = Path(item.path).resolve()
        folder = path.relative_to(TESTS).parts[0] if path.is_relative_to(TESTS) else None
        name = path.relative_to(TESTS.parent) if path.is_relative_to(TESTS.parent) else path
        if folder not in FOLDERS:
            problems.append(f"{name}: test files go in tests/unit, tests/site or tests/browser")
            continue
        if FOLDERS[folder] is not None:
            item.add_marker(FOLDERS[folder])
        # A parameter that shares a fixture's name (test_citations' `page`) is no fixture.
        params = set(getattr(getattr(item, "callspec", None), "params", {}))
        used = set(getattr(item, "fixturenames", ())) - params
        misplaced = sorted(NOT_ALLOWED[folder] & used)
        if misplaced:
            where = "tests/browser" if BROWSER_FIXTURES & set(misplaced) else "tests/site"
            problems.append(f"{name}::{item.name} uses {', '.join(misplaced)}: move it to {where}")
    if problems:
        raise pytest.UsageError("\n".join(dict.fromkeys(problems)))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` writes it with BUILD_ADDRESSES, built once per
    test session."""
    out = tmp_path_factory.mktemp("site")
    return build_site(out, config_file=REPO / "mkdocs.yml", env=BUILD_ADDRESSES)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site on a local static server, at the root."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def gzip_site_url(built_site: Path) -> Iterator[str]:
    """URL of the built site at its production path, on a loopback server that gzips like the
    host (dlmd.quality.gzip_server): for Lighthouse, transfer sizes and the 404 page."""
    with serving(built_site, base_path(built_site)) as url:
        yield url


@pytest.fixture(scope="session")
def stock_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same content in stock Material (dlmd.quality.stock_site), built once per session:
    the baseline the performance gate measures the site against."""
    return build_stock_site(tmp_path_factory.mktemp("stock") / "site", REPO / "mkdocs.yml")


@pytest.fixture(scope="session")
def stock_site_url(stock_site: Path) -> Iterator[str]:
    """URL of the stock build on its own loopback server that gzips like the host."""
    with serving(stock_site, base_path(stock_site)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """The Chromium find_chromium.sh finds, driven by Playwright (never a download)."""
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    try:
        chromium_path()
    except FileNotFoundError as error:
        pytest.skip(f"no Chromium: {error}")
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser context and page for one test."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def site_snippet_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The snippet check's JSON report for all of docs/, offline, from an empty cache, with
    every output block compared with what its code block printed.

    Run once per session (it trains the article's model and the tutorial notebooks); the
    report also carries `returncode` and the checker's printed `output`.
    """
    folder = tmp_path_factory.mktemp("snippets")
    report = folder / "report.json"
    command_line = [*command("check-snippets"), "--offline-data", str(SHARED / "datasets")]
    # Two pages at a time: the PyTorch trainings use one thread, so the other core would idle.
    command_line += ["--jobs", "2", "--cache-dir", str(folder / "cache")]
    command_line += ["--json", str(report), "docs"]
    result = subprocess.run(command_line, cwd=REPO, capture_output=True, text=True, timeout=3600)
    assert report.is_file(), f"the check wrote no report:\n{result.stdout}{result.stderr}"
    return {
        **json.loads(report.read_text(encoding="utf-8")),
        "returncode": result.returncode,
        "output": result.stdout + result.stderr,
    }
