"""The quiz hub as built: it lists exactly the quizzes the site's pages carry, with their real
question counts, and each link lands on its quiz."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import REPO
from dlmd.quiz.page import parse_checked
from test_quiz_content import QUIZ_PAGES

HUB = "quizzes/index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_quizzes(site: Path) -> dict[tuple[str, str], list[str]]:
    """Every quiz in the built site: (page file, form id) -> its questions' ids, in order."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        for form in soup(path).select("form.dlmd-quiz"):
            questions = [field["data-question"] for field in form.select("fieldset")]
            found[(path.relative_to(site).as_posix(), form["id"])] = questions
    return found


def hub_entries(site: Path) -> list[dict]:
    """The hub's entries: the page file and form id each link leads to, its text and ids."""
    entries = []
    for item in soup(site / HUB).select(".dlmd-hub li[data-questions]"):
        href = item.find("a")["href"]
        page, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(HUB), page))
        entries.append(
            {
                "page": target + "/index.html" if page.endswith("/") else target,
                "anchor": anchor,
                "text": item.get_text(" ", strip=True),
                "questions": item["data-questions"].split(),
            }
        )
    return entries


def test_the_hub_lists_exactly_the_quizzes_of_the_built_pages(built_site: Path) -> None:
    quizzes = built_quizzes(built_site)
    entries = hub_entries(built_site)
    listed = [(entry["page"], entry["anchor"]) for entry in entries]
    assert len(listed) == len(set(listed)), "a quiz is listed twice"
    assert set(listed) == set(quizzes)
    for entry in entries:
        # The link's target is that page's quiz, and the hub counts its questions right.
        questions = quizzes[(entry["page"], entry["anchor"])]
        assert entry["questions"] == questions, entry["text"]
        assert entry["text"].endswith(f": {len(questions)} questions."), entry["text"]


def test_the_hub_counts_what_check_quizzes_counts(built_site: Path) -> None:
    """The sources agree: as many quizzes and questions as the quiz check finds in docs/, and
    the pages test_quiz_content checks one by one are the pages the hub lists."""
    found = [
        quiz
        for path in sorted((REPO / "docs").rglob("*.md"))
        for quiz in parse_checked(path.read_text(encoding="utf-8"))[0]
    ]
    entries = hub_entries(built_site)
    assert len(entries) == len(found) >= 10
    total = soup(built_site / HUB).select_one(".dlmd-hub__total").get_text()
    questions = sum(len(quiz.questions) for quiz in found)
    assert total.startswith(f"{len(found)} quizzes, {questions} questions in all."), total
    pages = {
        re.sub(r"(index)?\.md$", "/", page).replace("//", "/") + "index.html" for page in QUIZ_PAGES
    }
    assert {entry["page"] for entry in entries} == pages


def test_the_hub_names_each_quiz_by_its_page_in_reading_order(built_site: Path) -> None:
    names = [entry["text"].rsplit(":", 1)[0].strip() for entry in hub_entries(built_site)]
    assert names[:3] == ["Deep learning and the evidence", "Applications", "Medical imaging"]
    # A page with several quizzes names each by the heading above it.
    assert "Tutorials – Check your understanding: medical images" in names


def test_the_landing_cards_test_yourself_leads_to_the_hub(built_site: Path) -> None:
    card = soup(built_site / "index.html").find("a", string="Test yourself")
    assert card is not None and card["href"] == "quizzes/"
