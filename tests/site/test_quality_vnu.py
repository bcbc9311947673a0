"""Valid HTML (issue 6): the Nu Html Checker reports no error on any page, and no warning but
those listed in quality.vnu.KNOWN_WARNINGS with the reason they stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from dlmd.quality.pages import site_pages
from dlmd.quality.vnu import FileReport, check_files
from dlmd.quality.weight import html_file

FILES = [html_file(page) for page in site_pages(REPO / "docs")]


@pytest.fixture(scope="module")
def vnu_reports(built_site: Path) -> dict[str, FileReport]:
    # One Java start for every HTML document of the site, the 404 page included.
    return check_files(built_site, sorted(built_site.rglob("*.html")))


@pytest.mark.parametrize("name", FILES)
def test_page_is_valid_html(vnu_reports: dict[str, FileReport], name: str) -> None:
    assert name in vnu_reports, f"{name} was not built"
    report = vnu_reports[name]
    found = report.errors + report.warnings
    assert not found, "\n".join(message.describe() for message in found)


def test_every_html_file_is_checked(vnu_reports: dict[str, FileReport]) -> None:
    assert sorted(vnu_reports) == sorted(FILES), "an HTML file that is not a known page"
