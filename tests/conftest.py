"""Shared fixtures: the built site, a local server for it, and Debian's chromium."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from dlmd.quality.browsing import chromium

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` writes it, built once per test session."""
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}"
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_directory(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `root` on a free loopback port; return the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site on a local static server."""
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def gzip_site_url(built_site: Path) -> Iterator[str]:
    """URL of the built site at its production path, on a loopback server that gzips like the
    host (scripts/quality/gzip_server.py): for Lighthouse, transfer sizes and the 404 page."""
    from dlmd.quality.gzip_server import serving
    from dlmd.quality.pages import base_path

    with serving(built_site, base_path(built_site)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
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
    """The snippet check's JSON report for all of docs/, offline, from an empty cache.

    Run once per session (it trains the article's model and the tutorial notebooks); the
    report also carries `returncode` and the checker's printed `output`.
    """
    folder = tmp_path_factory.mktemp("snippets")
    report = folder / "report.json"
    command = [
        sys.executable,
        "scripts/check_snippets.py",
        "--offline-data",
        str(SHARED / "datasets"),
    ]
    command += ["--cache-dir", str(folder / "cache"), "--json", str(report), "docs"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert report.is_file(), f"the check wrote no report:\n{result.stdout}{result.stderr}"
    return {
        **json.loads(report.read_text(encoding="utf-8")),
        "returncode": result.returncode,
        "output": result.stdout + result.stderr,
    }
