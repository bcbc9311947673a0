"""No JavaScript (issue 6): with scripts off, every page's content is visible, its navigation
links every page (on a phone once the menu button opens the drawer), and each quiz answer
shows when its "Show answer" block is opened."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.browsing import View
from dlmd.quality.nojs import CONTEXT_OPTIONS, check_page
from dlmd.quality.pages import SitePage, site_pages, source_pages

pytestmark = pytest.mark.browser

PAGES = site_pages(REPO / "docs")
LINKED = [page.path for page in source_pages(REPO / "docs")]  # all but the not-found page
WIDTHS = [View("light", "desktop"), View("light", "phone")]


@pytest.fixture(scope="module")
def pages_without_js(browser: Any) -> Iterator[dict[str, Any]]:
    contexts = [browser.new_context(**view.context_options(), **CONTEXT_OPTIONS) for view in WIDTHS]
    for context in contexts:
        context.set_default_timeout(10_000)
    yield {view.width: context.new_page() for view, context in zip(WIDTHS, contexts, strict=True)}
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", [view.width for view in WIDTHS])
@pytest.mark.parametrize("site_page", PAGES, ids=lambda page: page.label)
def test_page_reads_without_javascript(
    pages_without_js: dict[str, Any], gzip_site_url: str, site_page: SitePage, width: str
) -> None:
    page = pages_without_js[width]
    result = check_page(page, gzip_site_url, site_page.path, LINKED, phone=width == "phone")
    assert not result.problems, f"/{site_page.path} ({width}, no JavaScript):\n" + "\n".join(
        result.problems
    )
