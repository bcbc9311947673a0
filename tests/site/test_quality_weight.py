"""Weight budget (issue 6): each page's gzipped transfer (HTML, CSS, JS, images, fonts, as
dlmd.pageweight counts them) stays under 90 KB for a Markdown page and 128 KB for a
notebook page, and every page the sources make is one the quality gates check."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from dlmd.quality.pages import NOT_FOUND, SitePage, site_pages
from dlmd.quality.weight import budget_of, problems, weigh

PAGES = site_pages(REPO / "docs")  # every source page, then the not-found page


def test_every_built_page_is_a_checked_page(built_site: Path) -> None:
    # URL paths of every HTML page in the built site (each directory's index.html).
    folders = [index.parent.relative_to(built_site) for index in built_site.rglob("index.html")]
    built = {"" if folder.as_posix() == "." else folder.as_posix() + "/" for folder in folders}
    expected = {page.path for page in PAGES if page.path != NOT_FOUND}
    assert built == expected, (
        f"pages built but not checked: {sorted(built - expected)}; "
        f"pages checked but not built: {sorted(expected - built)}"
    )
    assert (built_site / NOT_FOUND).is_file()


@pytest.mark.parametrize("site_page", PAGES, ids=lambda page: page.label)
def test_page_is_within_its_weight_budget(built_site: Path, site_page: SitePage) -> None:
    weight = weigh(built_site, site_page)
    assert weight.requests >= 2, f"/{site_page.path}: only {weight.requests} file(s) counted"
    found = problems(weight, site_page)
    budget = f"{budget_of(weight, site_page) / 1000:g} KB"
    assert not found, f"/{site_page.path} ({site_page.kind}, {budget}):\n" + "\n".join(found)
