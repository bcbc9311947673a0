"""Figures on a phone (issue 26): at 390 x 844 every figure shows its stacked phone variant,
whose smallest label renders at 11 CSS px or more, and a tap on it opens the full-size drawing.

The size a label renders at is measured in the browser: the width the image takes on the page
times the font size of the label in the SVG the browser chose, over the SVG's own width.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.browsing import View, wait_until_ready

pytestmark = pytest.mark.browser

SMALLEST_LABEL_PX = 11
# Pages that place a figure, from their sources (directory URLs).
FIGURE_PAGES = sorted(
    ("" if path.stem == "index" else path.with_suffix("").as_posix() + "/")
    for path in (p.relative_to(REPO / "docs") for p in (REPO / "docs").rglob("*.md"))
    if "assets/figures/" in (REPO / "docs" / path).read_text(encoding="utf-8")
)

MEASURE = """async () => {
  const found = [];
  for (const img of document.querySelectorAll("figure.dlmd-figure img")) {
    img.loading = "eager";
    img.scrollIntoView();
    await img.decode().catch(() => null);
    const svg = new DOMParser().parseFromString(
      await (await fetch(img.currentSrc)).text(), "image/svg+xml");
    const viewBox = svg.documentElement.viewBox.baseVal;
    const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(t.style.fontSize));
    const link = img.closest("a");
    found.push({
      src: img.currentSrc,
      smallest: Math.min(...sizes) * img.getBoundingClientRect().width / viewBox.width,
      link: link ? link.href : null,
      linkHeight: link ? link.getBoundingClientRect().height : 0,
    });
  }
  return found;
}"""


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**View("light", "phone").context_options())
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def figures(page: Any, url: str) -> list[dict[str, Any]]:
    page.goto(url)
    wait_until_ready(page)
    return page.evaluate(MEASURE)


def test_some_pages_place_figures() -> None:
    assert len(FIGURE_PAGES) >= 3, FIGURE_PAGES


@pytest.mark.parametrize("path", FIGURE_PAGES, ids=lambda path: path.rstrip("/") or "home")
def test_every_figure_label_is_legible_at_390px(phone: Any, site_url: str, path: str) -> None:
    found = figures(phone, site_url + path)
    assert found, f"/{path}: no figure found"
    for figure in found:
        assert figure["src"].endswith("-phone.svg"), (
            f"/{path}: {figure['src']} is not a phone variant at 390 px: "
            "make-figures draws one for each figure (dlmd/make_figures.py)"
        )
        assert figure["smallest"] >= SMALLEST_LABEL_PX, (
            f"/{path}: {figure['src']}: the smallest label renders at "
            f"{figure['smallest']:.1f} CSS px, under {SMALLEST_LABEL_PX}"
        )


@pytest.mark.parametrize("path", FIGURE_PAGES, ids=lambda path: path.rstrip("/") or "home")
def test_a_tap_opens_the_full_size_figure(phone: Any, site_url: str, path: str) -> None:
    for figure in figures(phone, site_url + path):
        full = figure["src"].replace("-phone.svg", ".svg")
        assert figure["link"] == full, f"/{path}: {figure['src']} is not linked to {full}"
        assert figure["linkHeight"] >= 44, f"/{path}: the link to {full} is too small to tap"
        response = phone.request.get(full)
        assert response.ok and "<svg" in response.text(), f"{full} does not open"


def test_desktop_keeps_the_figures_made_for_the_column(browser: Any, site_url: str) -> None:
    context = browser.new_context(**View("light", "desktop").context_options())
    try:
        found = figures(context.new_page(), site_url + "article/")
    finally:
        context.close()
    assert found and not any(figure["src"].endswith("-phone.svg") for figure in found)
