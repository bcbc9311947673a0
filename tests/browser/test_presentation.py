"""How the site looks to a reader, in Chromium (issue 12, part B): output blocks labelled and
without copy buttons, tables that fit the column (or scroll in their own box on a phone), a logo
that stands out on the header, a usable glossary, a palette toggle whose first click shows, a
readable phone header, and no edit button that opens a notebook's JSON."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.browsing import View, wait_until_ready
from dlmd.quality.clipboard import show_every_code_block
from dlmd.quality.pages import source_pages
from PIL import Image

DESKTOP = View("light", "desktop")
PHONE = View("light", "phone")


def pages_containing(built_site: Path, marker: str) -> list[str]:
    """URL paths of built pages whose <body> holds `marker` (the <head> carries the site's
    styles, which name every class)."""
    return [
        page.path
        for page in source_pages(REPO / "docs")
        if marker
        in (built_site / page.path / "index.html").read_text(encoding="utf-8").split("</head>")[1]
    ]


def open_page(browser: Any, url: str, view: View, **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(**view.context_options(), **options)
    page = context.new_page()
    page.goto(url)
    if options.get("java_script_enabled", True):
        wait_until_ready(page)
    return context, page


# --- Output blocks -------------------------------------------------------------------------

OUTPUT_PROBLEMS = """() => {
  const found = [];
  const blocks = [...document.querySelectorAll(".md-content .dlmd-output")];
  blocks.forEach((block, index) => {
    const name = `output ${index + 1} (${block.innerText.trim().split("\\n")[1] || ""})`;
    const label = block.querySelector(":scope > .dlmd-output__label");
    // A block in a tab that is not selected (framework variants) is hidden with its label.
    const shown = block.getBoundingClientRect().height > 0;
    if (!label || label.textContent.trim() !== "Output"
        || (shown && label.getBoundingClientRect().height === 0))
      found.push(`${name}: no visible "Output" label`);
    if (block.querySelector("[data-clipboard-target], .md-clipboard"))
      found.push(`${name}: has a copy button`);
    const code = block.querySelector("pre > code");
    const python = document.querySelector(".md-content .language-python.highlight pre > code");
    if (code && python) {
      const look = (el) => getComputedStyle(el).backgroundColor;
      if (look(code) === look(python)) found.push(`${name}: styled like the code above it`);
    }
  });
  // A text block right after a Python block is output; every one must have been labelled.
  document.querySelectorAll(".language-python.highlight + .language-text.highlight")
    .forEach((block) => found.push(`unlabelled output: ${block.innerText.slice(0, 40)}`));
  return {count: blocks.length, found};
}"""


@pytest.mark.browser
def test_output_blocks_are_labelled_and_have_no_copy_button(
    browser: Any, built_site: Path, site_url: str
) -> None:
    notebooks = pages_containing(built_site, "dlmd-nb-cell")
    markdown = [
        path for path in pages_containing(built_site, "dlmd-output") if path not in notebooks
    ]
    assert markdown, "no Markdown page shows an output block: is the presentation hook on?"
    assert notebooks, "no notebook page found"
    context, page = open_page(browser, site_url, DESKTOP)
    try:
        problems = []
        for path in markdown + notebooks:
            page.goto(site_url + path)
            wait_until_ready(page)
            show_every_code_block(page)  # copy buttons come as blocks scroll into view
            result = page.evaluate(OUTPUT_PROBLEMS)
            if result["count"] == 0:
                problems.append(f"/{path}: no labelled output block")
            problems += [f"/{path}: {problem}" for problem in result["found"]]
        assert not problems, "\n".join(problems)
    finally:
        context.close()


# --- Tables --------------------------------------------------------------------------------

# For each table in the content: its width, the width of the column it sits in, and the box
# that scrolls it sideways (Material's wrapper, or the table itself without JavaScript).
TABLES = """() => [...document.querySelectorAll(".md-content table")].map((table) => {
  const column = table.closest(".md-content__inner");
  const style = getComputedStyle(column);
  const available = column.clientWidth - parseFloat(style.paddingLeft)
    - parseFloat(style.paddingRight);
  // The nearest box that scrolls and is narrower than the table: it is the one that clips.
  const clips = (box) => ["auto", "scroll"].includes(getComputedStyle(box).overflowX)
    && box.clientWidth + 1 < table.scrollWidth;
  let box = table;
  while (box && box !== column && !clips(box)) box = box.parentElement;
  const scrolls = box && box !== column;
  return {
    name: (table.querySelector("th") || table).innerText.trim().slice(0, 30),
    width: table.getBoundingClientRect().width,
    content: table.scrollWidth,
    available,
    scrollBox: scrolls ? {
      width: box.getBoundingClientRect().width,
      right: box.getBoundingClientRect().right,
      overflows: box.scrollWidth > box.clientWidth + 1,
      cue: getComputedStyle(box).backgroundImage,
      focusable: box.tabIndex >= 0,
    } : null,
  };
})"""


def table_pages(built_site: Path) -> list[str]:
    pages = pages_containing(built_site, "<table")
    assert {"applications/imaging/", "applications/genomics/"} <= set(pages), pages
    return pages


@pytest.mark.browser
def test_no_table_is_wider_than_its_column_on_desktop(
    browser: Any, built_site: Path, site_url: str
) -> None:
    context, page = open_page(browser, site_url, DESKTOP)
    try:
        problems = []
        for path in table_pages(built_site):
            page.goto(site_url + path)
            wait_until_ready(page)
            for table in page.evaluate(TABLES):
                widest = max(table["width"], table["content"])
                if widest > table["available"] + 1 or (table["scrollBox"] or {}).get("overflows"):
                    problems.append(
                        f"/{path} table '{table['name']}': {widest:.0f} px in a "
                        f"{table['available']:.0f} px column"
                    )
        assert not problems, "\n".join(problems)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_wide_tables_scroll_in_their_own_box_with_a_cue(
    browser: Any, built_site: Path, site_url: str, javascript: bool
) -> None:
    context, page = open_page(browser, site_url, PHONE, java_script_enabled=javascript)
    try:
        problems, wide = [], 0
        for path in table_pages(built_site):
            page.goto(site_url + path)
            if javascript:
                wait_until_ready(page)
            for table in page.evaluate(TABLES):
                if max(table["width"], table["content"]) <= table["available"] + 1:
                    continue
                wide += 1
                box = table["scrollBox"]
                where = f"/{path} table '{table['name']}'"
                if box is None or box["width"] > 390 or box["right"] > 391:
                    problems.append(f"{where}: wider than the phone, not in a scrolling box")
                elif "gradient" not in box["cue"]:
                    problems.append(f"{where}: scrolls with no visible cue (edge shadows)")
                elif javascript and not box["focusable"]:
                    problems.append(f"{where}: its scrolling box cannot be reached with Tab")
        assert wide >= 3, f"only {wide} wide tables at 390 px: the check measures nothing"
        assert not problems, "\n".join(problems)
    finally:
        context.close()


# --- Logo ----------------------------------------------------------------------------------


def luminance(rgb: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_logo_stands_out_on_the_header(browser: Any, site_url: str, palette: str) -> None:
    context, page = open_page(browser, site_url, View(palette, "desktop"))
    try:
        header = page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).backgroundColor"
        )
        header_rgb = tuple(int(v) for v in re.findall(r"\d+", header)[:3])
        logo = page.locator(".md-header .md-logo img")
        box = logo.bounding_box()
        assert box and box["width"] >= 20, f"header logo is {box}: not shown at header size"
        data = Image.open(io.BytesIO(logo.screenshot())).convert("RGB").tobytes()
        pixels = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]
        strong = sum(1 for pixel in pixels if contrast(pixel, header_rgb) >= 3)
        share = strong / len(pixels)
        # The drawing covers about 40% of its box; black on navy (2.45:1) gave 0%.
        assert share >= 0.25, (
            f"{palette}: only {share:.0%} of the logo reaches 3:1 against the header {header}"
        )
    finally:
        context.close()


def test_favicon_is_the_logo_drawing(repo: Path, built_site: Path) -> None:
    images = repo / "docs" / "assets" / "images"
    logo = (images / "logo.svg").read_text(encoding="utf-8")
    favicon = (images / "favicon.svg").read_text(encoding="utf-8")
    assert '="currentColor"' not in logo, "an <img> logo cannot inherit currentColor"
    for shape in re.findall(r"<(?:rect|circle|path) [^>]*/>", logo[logo.index("<mask") :]):
        assert shape in favicon, f"the favicon lacks the logo's {shape}"
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', home)


# --- Glossary ------------------------------------------------------------------------------


@pytest.mark.browser
def test_glossary_terms_have_anchors_in_order_and_in_the_contents(
    browser: Any, site_url: str
) -> None:
    context, page = open_page(browser, site_url + "glossary/#overfitting", DESKTOP)
    try:
        target = page.locator("h3#overfitting")
        assert target.is_visible() and target.bounding_box()["y"] < 300, "#overfitting not shown"
        # Each term heading's id and text, without the permalink's "¶".
        terms = page.locator("article h3[id]").evaluate_all(
            "hs => hs.map(h => [h.id, h.innerText.replace('¶', '').trim()])"
        )
        names = [name for _, name in terms]
        assert len(names) >= 15 and names == sorted(names, key=str.casefold), names
        toc = page.locator(".md-sidebar--secondary a.md-nav__link").evaluate_all(
            "links => links.map(a => a.hash)"
        )
        missing = [id_ for id_, _ in terms if f"#{id_}" not in toc]
        assert not missing, f"terms missing from the page contents: {missing}"
        text = page.locator("article").inner_text()
        assert text.index("Overfitting") < text.index("Abbreviation"), "table comes first"
    finally:
        context.close()


# --- Header, palette, summary boxes, notebook pages ----------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    ("palette", "before", "after"), [("light", "default", "slate"), ("dark", "slate", "default")]
)
def test_first_click_on_the_palette_toggle_switches_the_scheme(
    browser: Any, site_url: str, palette: str, before: str, after: str
) -> None:
    context, page = open_page(browser, site_url + "faq/", View(palette, "desktop"))
    try:
        scheme = "document.body.dataset.mdColorScheme"
        assert page.evaluate(scheme) == before
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(f"{scheme} === '{after}'", timeout=3000)
    finally:
        context.close()


@pytest.mark.browser
def test_phone_header_shows_the_whole_site_name(browser: Any, site_url: str) -> None:
    context, page = open_page(browser, site_url + "faq/", PHONE)
    try:
        name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert "Deep Learning in Medical Diagnostics" in name.inner_text()
        cut = name.evaluate(
            "el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1"
        )
        box, header = name.bounding_box(), page.locator(".md-header").bounding_box()
        assert not cut, "the site name is cut off"
        assert (
            box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
        )
    finally:
        context.close()


@pytest.mark.browser
def test_summary_boxes_use_the_body_type_size(
    browser: Any, built_site: Path, site_url: str
) -> None:
    path = pages_containing(built_site, 'class="admonition abstract"')[0]
    context, page = open_page(browser, site_url + path, DESKTOP)
    try:
        size = "el => getComputedStyle(el).fontSize"
        body = page.locator("article > p").first.evaluate(size)
        summary = page.locator(".admonition.abstract p, .admonition.abstract li").first.evaluate(
            size
        )
        assert summary == body, f"summary text {summary}, body text {body}"
    finally:
        context.close()


@pytest.mark.browser
def test_notebook_pages_have_no_edit_button(browser: Any, built_site: Path, site_url: str) -> None:
    context, page = open_page(browser, site_url + "faq/", DESKTOP)
    try:
        edit = "a.md-content__button[href*='/edit/']"
        assert page.locator(edit).count() == 1, "a Markdown page keeps its edit button"
        notebooks = pages_containing(built_site, "dlmd-nb-cell")
        assert notebooks
        for path in notebooks:
            page.goto(site_url + path)
            wait_until_ready(page)
            assert page.locator(edit).count() == 0, f"/{path} links to editing its .ipynb"
            assert page.locator("a[href*='/edit/'][href$='.ipynb']").count() == 0
    finally:
        context.close()
