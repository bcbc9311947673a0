"""Abbreviations by touch and keyboard (issue 26): an explained abbreviation takes focus, so a
tap or the Tab key shows its meaning, with JavaScript (the theme's tooltip) and without (the
title spelled out after the word); a glossary link leads to its entry."""

from __future__ import annotations

from typing import Any

import pytest
from dlmd.quality.browsing import View

pytestmark = pytest.mark.browser

FIRST_ABBR = "article abbr[tabindex='0']"
AFTER = "element => getComputedStyle(element, '::after').content"


def open_article(browser: Any, site_url: str, view: View, *, javascript: bool) -> Any:
    context = browser.new_context(**view.context_options(), java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{site_url}article/")
    return page


def test_a_tap_shows_an_abbreviation_without_javascript(browser: Any, site_url: str) -> None:
    page = open_article(browser, site_url, View("light", "phone"), javascript=False)
    try:
        abbr = page.locator(FIRST_ABBR).first
        title = abbr.get_attribute("title")
        assert abbr.evaluate(AFTER) == "none", "the meaning shows before a tap"
        abbr.tap()
        assert abbr.evaluate("element => element === document.activeElement")
        assert abbr.evaluate(AFTER) == f'" ({title})"'
    finally:
        page.context.close()


def test_the_tab_key_reaches_an_abbreviation_and_shows_its_meaning(
    browser: Any, site_url: str
) -> None:
    page = open_article(browser, site_url, View("light", "desktop"), javascript=True)
    try:
        abbr = page.locator(FIRST_ABBR).first
        title = abbr.get_attribute("title")
        for _ in range(300):
            page.keyboard.press("Tab")
            if abbr.evaluate("element => element === document.activeElement"):
                break
        else:
            pytest.fail(f"300 Tab presses never reached the abbreviation {abbr.inner_text()!r}")
        shown = page.get_by_text(title, exact=True).filter(visible=True)
        after = abbr.evaluate(AFTER)
        spelled_out = after == f'" ({title})"'
        assert shown.count() >= 1 or spelled_out, f"{title!r} not shown; ::after is {after}"
        assert after in ("none", f'" ({title})"'), f"an empty or wrong meaning shows: {after}"
    finally:
        page.context.close()


def test_a_glossary_link_leads_to_its_entry(browser: Any, site_url: str) -> None:
    page = open_article(browser, site_url, View("light", "desktop"), javascript=False)
    try:
        link = page.locator("article a.dlmd-term[href$='#prevalence']")
        link.click()
        page.wait_for_url("**/glossary/#prevalence")
        assert page.locator("h3#prevalence").is_visible()
    finally:
        page.context.close()
