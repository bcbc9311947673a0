"""The theme itself, on a specimen page holding one of each element it styles
(tests/fixtures/theme-specimen.md), built into a copy of the site: no axe violation in either
palette at either width, valid HTML, and copy buttons that copy exactly the code to type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BUILD_ADDRESSES, REPO
from dlmd.quality.axe import open_collapsed, scan
from dlmd.quality.browsing import VIEWS, View, settle, wait_until_ready
from dlmd.quality.clipboard import CONTEXT_OPTIONS, check_copies
from dlmd.quality.gzip_server import serving
from dlmd.quality.pages import base_path
from dlmd.quality.vnu import check_files
from quiz_sites import build_fixture_site

SPECIMEN = REPO / "tests" / "fixtures" / "theme-specimen.md"

# What each copy button on the specimen must put on the clipboard, in page order.
EXPECTED_COPIES = [
    'print("hello")',  # first content tab
    "python -c 'print(\"hello\")'",  # console session: no "$ " prompt, no output
    "import numpy as np\n\nrng = np.random.default_rng(0)\nprint(rng.integers(0, 10, size=3))",
    'print("printed output")',  # its output block below has no button
    "total = 2 + 3\nprint(total)\nfor i in range(2):\n    print(i)",  # pycon: no >>>, no output
    "Plain text with    several   spaces\nand a second line.",
]


@pytest.fixture(scope="module")
def specimen_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The small fixture site (tests/quiz_sites.py: the real theme, plugins and extensions) with
    # the specimen as one more page, built with the addresses, so the header has its repo link.
    root = tmp_path_factory.mktemp("specimen-site")
    pages = {SPECIMEN.name: SPECIMEN.read_text(encoding="utf-8")}
    return build_fixture_site(root, pages, env=BUILD_ADDRESSES)


@pytest.fixture(scope="module")
def specimen_url(specimen_site: Path) -> Iterator[str]:
    with serving(specimen_site, base_path(specimen_site)) as url:
        yield url + "theme-specimen/"


def test_specimen_is_valid_html(specimen_site: Path) -> None:
    reports = check_files(specimen_site, [specimen_site / "theme-specimen" / "index.html"])
    report = reports["theme-specimen/index.html"]
    found = report.errors + report.warnings
    assert not found, "\n".join(message.describe() for message in found)


@pytest.mark.browser
@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.label)
def test_specimen_has_no_axe_violation(browser: Any, specimen_url: str, view: View) -> None:
    context = browser.new_context(**view.context_options())
    try:
        page = context.new_page()
        page.goto(specimen_url)
        wait_until_ready(page)
        assert page.evaluate("document.body.dataset.mdColorScheme") == view.scheme
        open_collapsed(page)
        found = [f"first tab: {violation.describe()}" for violation in scan(page)]
        # Then every other content tab, as a reader switching tabs sees it.
        inputs = page.locator(".tabbed-set > input")
        assert inputs.count() >= 2, "the specimen lost its content tabs"
        for index in range(1, inputs.count()):
            page.locator(f"label[for='{inputs.nth(index).get_attribute('id')}']").click()
            settle(page)
            found += [f"tab {index + 1}: {violation.describe()}" for violation in scan(page)]
        assert not found, f"theme specimen ({view.label}):\n" + "\n".join(found)
    finally:
        context.close()


@pytest.mark.browser
def test_specimen_copy_buttons_copy_exactly_the_code(browser: Any, specimen_url: str) -> None:
    context = browser.new_context(**View("light", "desktop").context_options(), **CONTEXT_OPTIONS)
    try:
        page = context.new_page()
        page.goto(specimen_url)
        wait_until_ready(page)
        result = check_copies(page)
        assert result.missing == [], f"code blocks without a copy button: {result.missing}"
        assert [check.copied.rstrip() for check in result.checks] == EXPECTED_COPIES
    finally:
        context.close()
