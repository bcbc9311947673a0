"""Lighthouse (issues 6 and 13) on one page of each type, served with gzip: Accessibility, Best
Practices and SEO must be 100 (deterministic for a static page: one audit each). Performance
is gated against stock Material by test_quality_load_cost.py, not by Lighthouse's score, which
swings with the machine's load; site-figures prints the score beside stock's."""

from __future__ import annotations

import pytest
from conftest import REPO
from dlmd.quality.lighthouse import GATED, PAGES, run_lighthouse
from dlmd.quality.pages import source_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_lighthouse_pages_exist() -> None:
    paths = {page.path for page in source_pages(REPO / "docs")}
    assert set(PAGES) <= paths, f"not in the site: {set(PAGES) - paths}"


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.rstrip("/") or "home")
def test_lighthouse_categories_are_100(gzip_site_url: str, path: str) -> None:
    result = run_lighthouse(gzip_site_url + path)  # slow: ~15 s
    assert set(GATED) <= set(result.scores)
    assert not result.problems(), f"/{path}:\n" + "\n".join(result.problems())
