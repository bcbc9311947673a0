"""Copying snippets (issue 6): on every page, each code block has a copy button, and clicking
it puts exactly the block's code on the clipboard: no line numbers, prompts, annotation
markers or output. Exact expectations for each kind of block are in test_quality_theme.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.browsing import View, wait_until_ready
from dlmd.quality.clipboard import CONTEXT_OPTIONS, check_copies
from dlmd.quality.pages import SitePage, site_pages

pytestmark = pytest.mark.browser

PAGES = site_pages(REPO / "docs")


@pytest.fixture(scope="module")
def clipboard_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**View("light", "desktop").context_options(), **CONTEXT_OPTIONS)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("site_page", PAGES, ids=lambda page: page.label)
def test_copy_buttons_copy_exactly_the_code(
    clipboard_page: Any, gzip_site_url: str, site_page: SitePage
) -> None:
    clipboard_page.goto(gzip_site_url + site_page.path)
    wait_until_ready(clipboard_page)
    result = check_copies(clipboard_page)
    problems = result.problems()
    assert not problems, f"/{site_page.path}:\n" + "\n".join(problems)
