"""Exercises (issue 26): every tutorial notebook and the seven steps end with two or three
exercises, each with a worked answer in a closed disclosure that opens without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import REPO

NOTEBOOKS = [
    "first-model",
    "clinical-metrics",
    "first-cnn",
    "first-cnn-pytorch",
    "medical-images",
    "failure-modes",
]
# Each page and its path in the built site.
PAGES = {name: f"tutorials/{name}/" for name in NOTEBOOKS} | {"seven steps": "first-model/"}
EXERCISE_NUMBER = re.compile(r"^(\d)\. ")


def article(site: Path, path: str) -> Tag:
    html = (site / path / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def exercises(page: Tag) -> list[tuple[Tag, Tag]]:
    """(the exercise's numbered paragraph, the disclosure after it) in the Exercises section."""
    heading = page.find("h2", id="exercises")
    assert heading is not None and heading.get_text(strip=True).startswith("Exercises")
    later = heading.find_all_next(["h2", "p", "details"])
    assert not [tag for tag in later if tag.name == "h2"], "Exercises is the last section"
    found: list[tuple[Tag, Tag]] = []
    for paragraph in later:
        if paragraph.name != "p" or paragraph.find_parent("details") is not None:
            continue
        strong = paragraph.find("strong")
        if strong is None or not EXERCISE_NUMBER.match(strong.get_text()):
            continue
        answer = paragraph.find_next_sibling(["p", "details", "div"])
        assert answer is not None and answer.name == "details", (
            f"exercise {strong.get_text()!r} is not followed by its worked answer"
        )
        found.append((paragraph, answer))
    return found


@pytest.mark.parametrize("name", PAGES)
def test_page_ends_with_two_or_three_exercises_with_closed_worked_answers(
    built_site: Path, name: str
) -> None:
    found = exercises(article(built_site, PAGES[name]))
    numbers = [int(EXERCISE_NUMBER.match(p.find("strong").get_text())[1]) for p, _ in found]
    assert numbers == list(range(1, len(found) + 1)) and 2 <= len(found) <= 3, numbers
    for _, answer in found:
        assert not answer.has_attr("open"), "the answer stays hidden until the reader opens it"
        summary = answer.find()
        assert summary.name == "summary" and summary.get_text(strip=True) == "Worked answer"
        assert len(answer.get_text(strip=True)) > len("Worked answer") + 40, "an empty answer"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_answer_code_runs_with_its_output_inside_the_disclosure(
    built_site: Path, name: str
) -> None:
    """Every answer cell is real code with the output of a real run (the snippet check runs
    and compares it), shown inside the disclosure, never outside it."""
    cells = json.loads((REPO / "docs" / "tutorials" / f"{name}.ipynb").read_text())["cells"]
    answers = [
        c
        for c in cells
        if c["cell_type"] == "code" and (c["metadata"].get("dlmd") or {}).get("answer")
    ]
    assert answers, "at least one exercise's answer is code"
    for cell in answers:
        assert cell["outputs"], f"answer cell {cell['id']!r} has no stored output"
    answer_code = ["".join(c["source"]) for c in answers]
    page = article(built_site, PAGES[name])
    shown = [
        cell.select_one(".highlight code").get_text().rstrip("\n")
        for cell in page.select("details.dlmd-answer > .dlmd-nb-cell")
        if cell.select_one(".dlmd-output")
    ]
    assert shown == answer_code


def test_seven_steps_answers_hold_code_for_each_framework(built_site: Path) -> None:
    found = exercises(article(built_site, PAGES["seven steps"]))
    tabbed = [answer for _, answer in found if answer.select(".tabbed-set")]
    assert tabbed, "an answer shows its code in the Keras and PyTorch tabs"
    for answer in tabbed:
        labels = [label.get_text(strip=True) for label in answer.select(".tabbed-labels label")]
        assert labels == ["Keras", "PyTorch"]
        assert len(answer.select(".tabbed-block .highlight code")) >= 2


@pytest.fixture(scope="module")
def page_without_js(browser: Any) -> Any:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", ["clinical-metrics", "seven steps"])
def test_worked_answer_opens_without_javascript(
    page_without_js: Any, site_url: str, name: str
) -> None:
    page = page_without_js
    page.goto(site_url + PAGES[name])
    answer = page.locator("#exercises ~ details").first
    body = answer.locator("pre").first
    assert not body.is_visible(), "the answer is hidden before the reader opens it"
    answer.locator("summary").click()
    assert answer.get_attribute("open") is not None
    assert body.is_visible(), "the answer's code shows once opened"
