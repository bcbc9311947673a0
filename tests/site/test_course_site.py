"""The tutorials as a course (issue 26): the tutorials index has one card per tutorial of the
nav, in its reading order, each with a time, a level, what to know first and a picture the site
serves; the seven steps are served as a notebook per framework, linked under the page's title,
whose code is what the snippet check runs."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from mkdocs.config import load_config

from dlmd.pages.course_cards import LEVELS
from dlmd.snippetcheck.config import load_site_config
from dlmd.snippetcheck.inventory import read_markdown
from dlmd.snippetcheck.lockfile import read_lock
from dlmd.snippetcheck.model import PYTHON
from dlmd.snippetcheck.variant_runs import variant_page

VARIANTS = {"Keras": "first-model-keras.ipynb", "PyTorch": "first-model-pytorch.ipynb"}


def soup(built_site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path / "index.html").read_text("utf-8"), "html.parser")


def nav_tutorials() -> list[tuple[str, str]]:
    """(title, source path) of each page in the nav's Tutorials section but its index."""
    nav = load_config(str(REPO / "mkdocs.yml"))["nav"]
    section = next(item["Tutorials"] for item in nav if "Tutorials" in item)
    return [next(iter(item.items())) for item in section if isinstance(item, dict)]


def page_url(source: str) -> str:
    """The built page of a docs/ source, relative to the tutorials index's folder."""
    stem = PurePosixPath(source).with_suffix("")
    return f"../{stem}/" if stem.parent == PurePosixPath(".") else f"{stem.name}/"


def test_one_card_per_tutorial_in_reading_order(built_site: Path) -> None:
    cards = soup(built_site, "tutorials").select(".grid.cards.dlmd-course > ul > li")
    expected = nav_tutorials()
    assert len(expected) >= 7
    titles = [card.find("strong").find("a") for card in cards]
    assert [(a.get_text(), a["href"]) for a in titles] == [
        (f"{number}. {title}", page_url(source))
        for number, (title, source) in enumerate(expected, start=1)
    ]


def test_each_card_has_time_level_prerequisites_and_a_served_picture(built_site: Path) -> None:
    page = soup(built_site, "tutorials")
    cards = page.select(".grid.cards.dlmd-course > ul > li")
    for card in cards:
        text = " ".join(card.get_text(" ").split())
        name = card.find("strong").get_text()
        assert re.search(r"Time: \d+ min to read; the code runs in .*CPU", text), name
        level = re.search(r"Level: (\w+)", text)
        assert level and level[1] in LEVELS, name
        assert re.search(r"Before: \S", text), name
        img = card.find("img")
        assert img["alt"] == ""  # the title beside it says what the tutorial is
        assert int(img["width"]) <= 320 and int(img["height"]) <= 160, name
        picture = (built_site / "tutorials" / img["src"]).resolve()
        assert picture.is_file(), f"{name}: {img['src']} is not in the site"
        assert picture.stat().st_size < 20_000, f"{name}: the thumbnail weighs too much"
    assert "@@dlmd" not in str(page)
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    assert not [d["location"] for d in index["docs"] if "@@dlmd" in d["text"]]


def test_prerequisite_links_lead_to_pages_of_the_site(built_site: Path) -> None:
    for link in soup(built_site, "tutorials").select(".dlmd-course li li a"):
        target = built_site / "tutorials" / link["href"].split("#")[0] / "index.html"
        assert target.resolve().is_file(), link


def test_the_quizzes_stay_on_the_tutorials_index(built_site: Path) -> None:
    page = soup(built_site, "tutorials")
    assert page.find(id="quiz") and page.find(id="quiz-failure-modes")


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_seven_steps_are_served_as_a_notebook_of_the_checked_code(
    built_site: Path, variant: str
) -> None:
    notebook = nbformat.read(built_site / "first-model" / VARIANTS[variant], as_version=4)
    nbformat.validate(notebook)
    site = load_site_config(REPO / "mkdocs.yml")
    page = read_markdown(REPO / "docs" / "first-model.md", site, read_lock(REPO / "requirements/test.txt"))
    checked = [b.code for b in variant_page(page, variant).blocks if b.kind == PYTHON]
    assert [c.source for c in notebook.cells if c.cell_type == "code"] == checked


def test_the_seven_steps_link_both_notebooks_under_the_orientation_box(built_site: Path) -> None:
    page = soup(built_site, "first-model")
    line = page.select_one(".dlmd-page-notebook")
    assert line is not None and "Download as a notebook" in line.get_text()
    links = {a.get_text(): a for a in line.find_all("a")}
    assert {name: a["href"] for name, a in links.items()} == VARIANTS
    assert all(a.has_attr("download") for a in links.values())
    box = page.select_one(".dlmd-orientation")
    assert box.find_next_sibling() is line
