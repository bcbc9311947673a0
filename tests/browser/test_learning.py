"""The site as a new visitor meets it (issue 12), in Debian's chromium: a landing page that
shows each reader their path in the first screen, path links that resolve, figures with alt
text and a caption, and old links into the former one-page article that still land on the
section they named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from dlmd.quality.browsing import View, wait_until_ready
from dlmd.quality.pages import source_pages

pytestmark = pytest.mark.browser

DESKTOP, PHONE = View("light", "desktop"), View("light", "phone")
PATH_LINKS = ".grid.cards > ul > li > p:first-child a"  # each card's title link
# Every anchor the home page had when it held the whole article, and the page it moved to.
OLD_ANCHORS = {
    **dict.fromkeys(
        [
            "what-is-deep-learning",
            "key-areas",
            "image-analysis",
            "predictive-analytics",
            "personalized-medicine",
            "medical-imaging",
            "skin-cancer",
            "diabetic-retinopathy",
            "idx-dr",
            "evidence",
            "beyond-imaging",
            "ehr",
            "clinical-nlp",
            "drug-discovery",
            "quiz",
        ],
        "article/",
    ),
    "first-model": "first-model/",
    **{
        f"step-{number}-{name}": "first-model/"
        for number, name in enumerate(
            ["install", "load", "normalize", "build", "compile", "train", "evaluate"], start=1
        )
    },
}
MARKDOWN_PAGES = [page.path for page in source_pages(REPO / "docs") if page.kind == "markdown"]


@pytest.fixture
def page_at(browser: Any) -> Iterator[Any]:
    """Open a page in a fresh context for a view (and with or without JavaScript)."""
    contexts = []

    def open_in(view: View, javascript: bool = True) -> Any:
        context = browser.new_context(**view.context_options(), java_script_enabled=javascript)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_in
    for context in contexts:
        context.close()


def test_landing_page_is_at_most_two_desktop_screens(page_at: Any, site_url: str) -> None:
    page = page_at(DESKTOP)
    page.goto(site_url)
    wait_until_ready(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * 800, f"the landing page is {height}px tall at 1280x800 (at most 1600)"


@pytest.mark.parametrize("view", [DESKTOP, PHONE], ids=lambda view: view.width)
def test_every_path_is_in_the_first_screen(page_at: Any, site_url: str, view: View) -> None:
    page = page_at(view)
    page.goto(site_url)
    wait_until_ready(page)
    links = page.locator(PATH_LINKS)
    names = links.all_inner_texts()
    assert names == [
        "Understand the evidence",
        "Train a model",
        "Test yourself",
        "Judge an AI tool",
    ]
    screen = page.viewport_size["height"]
    for index, name in enumerate(names):
        box = links.nth(index).bounding_box()
        assert box and box["y"] + box["height"] <= screen, (
            f"'{name}' ends at {box and box['y'] + box['height']:.0f}px, below the first "
            f"screen ({screen}px) on the {view.width}"
        )


def test_every_link_on_the_paths_resolves(page_at: Any, site_url: str) -> None:
    page = page_at(DESKTOP)
    page.goto(site_url)
    hrefs = page.locator(".grid.cards a").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) >= 3
    for href in hrefs:
        assert href.startswith(site_url), f"{href} leaves the site"
        response = page.request.get(href.split("#")[0])
        assert response.status == 200, f"{href}: HTTP {response.status}"
        fragment = urlsplit(href).fragment
        if fragment:
            page.goto(href)
            found = page.evaluate("id => document.getElementById(id) !== null", fragment)
            assert found, f"{href}: the page has no element with id '{fragment}'"


def figures_of(site: Path, path: str) -> list[Any]:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select("article figure")


def test_at_least_five_figures_on_markdown_pages_each_with_alt_text_and_caption(
    built_site: Path,
) -> None:
    problems, count = [], 0
    for path in MARKDOWN_PAGES:
        for figure in figures_of(built_site, path):
            count += 1
            image, caption = figure.find("img"), figure.find("figcaption")
            drawn = figure.find("svg", attrs={"role": "img"})  # inline, e.g. the explorer's
            where = f"/{path}: figure {image.get('src') if image else '(no image)'}"
            if drawn is not None and image is None:
                title = drawn.find("title")
                if title is None or not title.get_text(strip=True):
                    problems.append(f"{where}: its SVG has no title")
            elif image is None or not image.get("alt", "").strip():
                problems.append(f"{where} has no alt text")
            if caption is None or not caption.get_text(strip=True):
                problems.append(f"{where} has no caption")
    assert not problems, "\n".join(problems)
    assert count >= 5, f"only {count} figures on the Markdown pages"


@pytest.mark.parametrize(
    "view", [View("light", "desktop"), View("dark", "phone")], ids=lambda view: view.label
)
def test_figures_load_and_fit_their_column(page_at: Any, site_url: str, view: View) -> None:
    for path in ("article/", "first-model/", "applications/imaging/"):
        page = page_at(view)
        page.goto(site_url + path)
        wait_until_ready(page)
        images = page.locator("article figure img")
        assert images.count() >= 1
        for index in range(images.count()):
            image = images.nth(index)
            image.scroll_into_view_if_needed()
            image.evaluate("img => img.decode()")
            width, natural, column = image.evaluate(
                "img => [img.getBoundingClientRect().width, img.naturalWidth,"
                " img.closest('article').getBoundingClientRect().width]"
            )
            src = image.get_attribute("src")
            assert natural > 0, f"/{path}: {src} did not load"
            # Figures are dark drawings on a transparent background: slate must invert them,
            # except one drawn on its own white paper (grey levels that mean pixel values).
            inverted = "invert(1)" in image.evaluate("img => getComputedStyle(img).filter")
            paper = image.evaluate("img => !!img.closest('.dlmd-figure--paper')")
            expected = view.palette == "dark" and not paper
            assert inverted == expected, f"/{path}: {src} in {view.label}"
            assert 0 < width <= column + 0.5, f"/{path}: {src} is {width}px in a {column}px column"


def test_old_anchors_on_the_home_page_forward_to_their_section(page_at: Any, site_url: str) -> None:
    page = page_at(DESKTOP)
    for anchor, target in OLD_ANCHORS.items():
        page.goto(site_url + "#" + anchor)
        page.wait_for_url(site_url + target + "**")
        landed = urlsplit(page.url)
        assert landed.path == urlsplit(site_url + target).path, f"/#{anchor} went to {page.url}"
        if landed.fragment:
            assert landed.fragment == anchor
            found = page.evaluate("id => document.getElementById(id) !== null", anchor)
            assert found, f"/#{anchor} forwarded to {page.url}, which has no such section"


def test_old_anchors_without_javascript_land_on_a_link_to_their_section(
    page_at: Any, site_url: str
) -> None:
    page = page_at(DESKTOP, javascript=False)
    for anchor, target in OLD_ANCHORS.items():
        # The links sit in a closed disclosure; following the anchor opens it.
        page.goto(site_url + "#" + anchor)
        link = page.locator(f"article a[id='{anchor}']")
        assert link.count() == 1, f"/#{anchor}: no link with that id on the landing page"
        href = urljoin(site_url, link.get_attribute("href"))
        assert urlsplit(href).path == urlsplit(site_url + target).path, f"/#{anchor} -> {href}"
        assert urlsplit(href).fragment in ("", anchor), f"/#{anchor} -> {href}"
        assert link.is_visible(), f"/#{anchor}: the link is hidden"
