"""The built site as a reader and a search engine see it: pages, links, metadata, privacy."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import BUILD_ADDRESSES, REPO
from dlmd.pageweight import css_references, is_foreign, measure_site
from dlmd.quality.pages import url_path_for_source
from dlmd.snippetcheck.lockfile import read_lock
from mkdocs.config import load_config
from packaging.version import Version

SITE_URL = BUILD_ADDRESSES["SITE_URL"]
SITE_PATH = urlsplit(SITE_URL).path  # the 404 page links absolutely, under this path


def nav_sources() -> list[str]:
    """Source paths (relative to docs/) of every page in mkdocs.yml's nav, in nav order."""
    config = load_config(str(REPO / "mkdocs.yml"))
    found: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config["nav"])
    return found


def page_dir(source: str) -> str:
    """URL directory of a page built from `source`: index.md -> '', faq.md -> 'faq/'."""
    return url_path_for_source(PurePosixPath(source))


NAV = nav_sources()


@cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.mark.parametrize("source", NAV)
def test_every_nav_page_has_a_title_and_its_own_meta_description(
    built_site: Path, source: str
) -> None:
    page = soup(built_site / page_dir(source) / "index.html")
    title = page.title.get_text(strip=True) if page.title else ""
    assert title, f"{source}: empty <title>"
    description = page.find("meta", attrs={"name": "description"})
    assert description is not None, f"{source}: no meta description"
    content = description["content"].strip()
    assert 20 <= len(content) <= 200, f"{source}: meta description length {len(content)}"
    assert "placeholder" not in content.lower(), f"{source}: placeholder description"
    assert page.find("h1"), f"{source}: no <h1>"


@pytest.mark.parametrize("source", NAV)
def test_every_page_shows_the_not_medical_advice_notice_and_review_date(
    built_site: Path, source: str
) -> None:
    page = soup(built_site / page_dir(source) / "index.html")
    notice = page.find(class_="dlmd-page-notice")
    assert notice is not None, f"{source}: no not-medical-advice notice"
    assert "not medical advice" in notice.get_text().lower()
    reviewed = notice.find("time")
    assert reviewed is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed["datetime"])


def test_no_page_is_a_placeholder(built_site: Path) -> None:
    offenders = [
        str(path.relative_to(built_site))
        for path in html_pages(built_site)
        if "Placeholder." in soup(path).get_text()
    ]
    assert offenders == []


def internal_links(site: Path) -> list[tuple[Path, str]]:
    """(page, href) for every link and resource reference that stays on the site."""
    refs = []
    for path in html_pages(site):
        for tag in soup(path).find_all(["a", "link", "script", "img", "source"]):
            href = tag.get("href") or tag.get("src")
            if not href or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue  # other origins are checked by the privacy test
            refs.append((path, href))
    return refs


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    broken = []
    for path, href in internal_links(built_site):
        page_url = SITE_PATH + path.relative_to(built_site).as_posix()
        target = urlsplit(urljoin(page_url, href))
        if not target.path.startswith(SITE_PATH):
            broken.append(f"{page_url}: {href} (outside the site)")
            continue
        target_path = built_site / unquote(target.path).removeprefix(SITE_PATH)
        if target_path.is_dir():
            target_path = target_path / "index.html"
        if not target_path.exists():
            broken.append(f"{page_url}: {href} (no such file)")
            continue
        if target.fragment and target_path.suffix == ".html":
            ids = {tag["id"] for tag in soup(target_path).find_all(id=True)}
            if unquote(target.fragment) not in ids:
                broken.append(f"{page_url}: {href} (no #{target.fragment} there)")
    assert broken == []


def test_no_page_fetches_anything_from_another_origin(built_site: Path) -> None:
    """The page-weight scanner (dlmd.pageweight) reads each page's HTML and every stylesheet it
    loads: tags, srcset, preloads, inline styles, CSS url() and @import, module imports."""
    offenders = {
        weight.page: [f"{ref.found_in}: {ref.url}" for ref in weight.foreign]
        for weight in measure_site(built_site, base_path=SITE_PATH)
        if weight.foreign
    }
    assert offenders == {}


def test_no_stylesheet_imports_from_another_origin(built_site: Path) -> None:
    # Every stylesheet, also one that no page links yet.
    offenders = [
        f"{css.relative_to(built_site)}: {ref.url}"
        for css in built_site.rglob("*.css")
        for ref in css_references(css.read_text(encoding="utf-8", errors="replace"))
        if is_foreign(ref.url)
    ]
    assert offenders == []


def test_sitemap_lists_every_page(built_site: Path) -> None:
    tree = ET.parse(built_site / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in tree.findall(".//s:loc", namespace)}
    expected = {SITE_URL + page_dir(source) for source in NAV}
    assert expected - listed == set()


def test_every_faq_question_has_its_own_stable_anchor(built_site: Path) -> None:
    faq_source = (REPO / "docs" / "faq.md").read_text(encoding="utf-8")
    questions = [line for line in faq_source.splitlines() if re.match(r"#{2,3} .*\?", line)]
    assert len(questions) >= 13, "the FAQ answers the 5 classic and at least 8 more questions"
    # An explicit {#id} keeps links stable when a question is reworded.
    ids = [re.search(r"\{#([a-z0-9-]+)\}\s*$", line) for line in questions]
    assert all(ids), [q for q, i in zip(questions, ids, strict=True) if not i]
    anchors = [match.group(1) for match in ids]
    assert len(set(anchors)) == len(anchors), "duplicate FAQ anchors"
    page_ids = {tag["id"] for tag in soup(built_site / "faq" / "index.html").find_all(id=True)}
    assert set(anchors) <= page_ids


# The seven steps as a reader must see them, in order: each is a pattern in the article's code.
SEVEN_STEPS = [
    ("install", r"pip install tensorflow"),
    ("load MNIST", r"import tensorflow as tf[\s\S]*mnist\.load_data\(\)"),
    ("normalize", r"/ 255"),
    (
        "build",
        r"Flatten\(\)[\s\S]*Dense\(128, activation=.relu.\)[\s\S]*Dense\(10, activation=.soft",
    ),
    ("compile", r"compile\([\s\S]*adam[\s\S]*sparse_categorical_crossentropy"),
    ("fit", r"\.fit\([\s\S]*epochs=5"),
    ("evaluate", r"\.evaluate\("),
]


def test_seven_step_page_contains_the_seven_tutorial_steps_in_order(built_site: Path) -> None:
    article = soup(built_site / "first-model" / "index.html").find("article")
    code_blocks = [block.get_text() for block in article.select("div.highlight pre")]
    position = 0
    for name, pattern in SEVEN_STEPS:
        matching = [i for i, code in enumerate(code_blocks) if re.search(pattern, code)]
        later = [i for i in matching if i >= position]
        assert later, f"step '{name}' not found in a code block after step {position}"
        position = later[0]


def test_glossary_lists_every_abbreviation_and_pages_show_them_as_tooltips(
    built_site: Path,
) -> None:
    from dlmd.pages.abbreviations import read_abbreviations

    terms = [term for term, _ in read_abbreviations(REPO / "includes" / "abbreviations.md")]
    assert {"AI", "AUC", "CNN", "CT", "EHR", "FDA", "MRI", "NLP", "ROC"} <= set(terms)
    glossary = soup(built_site / "glossary" / "index.html").find("article")
    first_cells = [
        row.find("td").get_text(strip=True) for row in glossary.select("tr") if row.find("td")
    ]
    listed = [term.strip() for cell in first_cells for term in cell.split(",")]  # "EHR, EHRs"
    assert set(terms) <= set(listed)
    assert len(listed) == len(set(listed)), "an abbreviation is listed twice"
    article = soup(built_site / "article" / "index.html")
    article_abbrs = {tag.get_text() for tag in article.find_all("abbr")}
    assert "CNN" in article_abbrs or "AI" in article_abbrs


def test_site_lock_pins_the_same_versions_as_the_test_lock() -> None:
    def pins(name: str) -> dict[str, Version]:
        return read_lock(REPO / "requirements" / name).pins

    site, test = pins("site.txt"), pins("test.txt")
    assert site, "site.txt pins nothing"
    assert {name: version for name, version in site.items() if test.get(name) != version} == {}
    assert "tensorflow" not in site, "serving the site must not install TensorFlow"
    assert "tensorflow" in test
