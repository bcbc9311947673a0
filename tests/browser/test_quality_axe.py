"""Accessibility: axe-core finds no violation on any page, in the light and dark palettes, at
desktop and phone widths (issue 6). The site follows the reader's system palette, which each
browser context sets; collapsible blocks are opened so their content is checked too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.axe import open_collapsed, scan
from dlmd.quality.browsing import VIEWS, View, wait_until_ready
from dlmd.quality.network import cut_network, origin_of
from dlmd.quality.pages import SitePage, site_pages

pytestmark = pytest.mark.browser

PAGES = site_pages(REPO / "docs")


@pytest.fixture(scope="module")
def page_in(browser: Any, gzip_site_url: str) -> Iterator[Callable[[View], Any]]:
    """One browser page per view, reused for every page of the site (offline, as a reader)."""
    opened: dict[View, Any] = {}

    def get(view: View) -> Any:
        if view not in opened:
            context = browser.new_context(**view.context_options())
            context.set_default_timeout(10_000)
            cut_network(context, origin_of(gzip_site_url))
            opened[view] = context.new_page()
        return opened[view]

    yield get
    for page in opened.values():
        page.context.close()


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.label)
@pytest.mark.parametrize("site_page", PAGES, ids=lambda page: page.label)
def test_page_has_no_axe_violation(
    page_in: Callable[[View], Any], gzip_site_url: str, site_page: SitePage, view: View
) -> None:
    page = page_in(view)
    page.goto(gzip_site_url + site_page.path)
    wait_until_ready(page)
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    assert scheme == view.scheme, f"the {view.palette} palette did not apply (scheme {scheme})"
    open_collapsed(page)
    violations = scan(page)
    assert not violations, f"/{site_page.path} ({view.label}):\n" + "\n".join(
        violation.describe() for violation in violations
    )
