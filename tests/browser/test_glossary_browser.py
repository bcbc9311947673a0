"""A glossary link leads to its entry (issue 26). Abbreviations by touch and keyboard:
test_abbreviations_browser.py."""

from __future__ import annotations

from typing import Any

import pytest
from dlmd.quality.browsing import View

pytestmark = pytest.mark.browser


def open_article(browser: Any, site_url: str, view: View, *, javascript: bool) -> Any:
    context = browser.new_context(**view.context_options(), java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{site_url}article/")
    return page


def test_a_glossary_link_leads_to_its_entry(browser: Any, site_url: str) -> None:
    page = open_article(browser, site_url, View("light", "desktop"), javascript=False)
    try:
        link = page.locator("article a.dlmd-term[href$='#prevalence']")
        link.click()
        page.wait_for_url("**/glossary/#prevalence")
        assert page.locator("h3#prevalence").is_visible()
    finally:
        page.context.close()
