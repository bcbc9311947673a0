"""Privacy and offline (issue 6): with every request beyond the site's own origin cut, each
page loads completely, asks nothing of another origin, and leaves no error in the console;
search and instant navigation work offline too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.browsing import View, wait_until_ready
from dlmd.quality.network import Recorder, cut_network, load_and_record, origin_of
from dlmd.quality.pages import SitePage, site_pages

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

PAGES = site_pages(REPO / "docs")


@pytest.fixture(scope="module")
def offline(browser: Any, gzip_site_url: str) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(**View("light", "desktop").context_options())
    context.set_default_timeout(10_000)
    cut_network(context, origin_of(gzip_site_url))
    page = context.new_page()
    yield page, Recorder(page, origin_of(gzip_site_url))
    context.close()


@pytest.mark.parametrize("site_page", PAGES, ids=lambda page: page.label)
def test_page_works_offline_and_stays_on_its_origin(
    offline: tuple[Any, Recorder], gzip_site_url: str, site_page: SitePage
) -> None:
    page, recorder = offline
    traffic = load_and_record(page, recorder, gzip_site_url + site_page.path)
    stylesheets = [url for url in traffic.requests if url.endswith(".css")]
    assert stylesheets, f"/{site_page.path}: no stylesheet request was recorded"
    problems = traffic.problems()
    assert not problems, f"/{site_page.path}:\n" + "\n".join(problems)


def test_search_works_offline(offline: tuple[Any, Recorder], gzip_site_url: str) -> None:
    page, recorder = offline
    traffic = load_and_record(page, recorder, gzip_site_url)
    page.locator(".md-search__input").click()
    # Typed key by key, as a reader does: Material searches on key events.
    page.locator(".md-search__input").press_sequentially("learning", delay=20)  # site name
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert not traffic.problems(), "\n".join(traffic.problems())


def test_following_a_link_works_offline(offline: tuple[Any, Recorder], gzip_site_url: str) -> None:
    # Material's instant navigation only takes over on the production host: its sitemap
    # names that host's port, so here a click loads the page the ordinary way.
    page, recorder = offline
    traffic = load_and_record(page, recorder, gzip_site_url)
    home_heading = page.locator(".md-content h1").inner_text()
    page.locator(".md-sidebar--primary a[href$='/faq/']").click()
    expect(page).to_have_url(gzip_site_url + "faq/")
    expect(page.locator(".md-content h1")).not_to_have_text(home_heading)
    wait_until_ready(page)
    assert not traffic.problems(), "\n".join(traffic.problems())
