"""The site's own quizzes: where they are, how many, of which kinds, and that they are built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from dlmd.quiz import Question, check_text
from dlmd.quiz.parse import parse

QUIZ_PAGES = [
    "index.md",
    "applications/index.md",
    "applications/imaging.md",
    "applications/ehr.md",
    "applications/genomics.md",
    "applications/nlp.md",
    "applications/drug-discovery.md",
    "tutorials/index.md",
]
HEADING = "## Check your understanding {#quiz}"


def questions(page: str) -> list[Question]:
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    quizzes, _ = parse(text)
    return [question for quiz in quizzes for question in quiz.questions]


@pytest.mark.parametrize("page", QUIZ_PAGES)
def test_page_has_one_valid_quiz_under_its_check_your_understanding_heading(page: str) -> None:
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    assert check_text(text) == []
    quizzes, _ = parse(text)
    assert len(quizzes) == 1
    heading_line = text.splitlines().index(HEADING) + 1
    later_headings = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if number > heading_line and line.startswith("#")
    ]
    assert heading_line < quizzes[0].line
    assert all(number > quizzes[0].end_line for number in later_headings)


@pytest.mark.parametrize("page", QUIZ_PAGES)
def test_every_explanation_links_to_the_section_that_teaches_it(page: str) -> None:
    for question in questions(page):
        assert re.search(r"\]\([^)]*#[\w-]+\)", question.value("explanation")), question.text


def test_at_least_25_questions_with_numeric_and_multiple_select_ones() -> None:
    found = [question for page in QUIZ_PAGES for question in questions(page)]
    kinds = [question.type for question in found]
    assert len(found) >= 25
    assert kinds.count("numeric") >= 1
    assert kinds.count("multiple") >= 2


def test_article_asks_the_three_classic_questions() -> None:
    right = {
        option.text
        for question in questions("index.md")
        for option in question.options
        if option.correct
    }
    assert any(text.startswith("Image analysis") for text in right)
    assert any(text.startswith("TensorFlow") for text in right)
    assert any("patient data" in text for text in right)


def test_built_pages_carry_their_quizzes(built_site: Path) -> None:
    for page in QUIZ_PAGES:
        html_path = built_site / re.sub(r"(index)?\.md$", "", page) / "index.html"
        html = html_path.read_text(encoding="utf-8")
        assert html.count('<form class="dlmd-quiz"') == 1, page
        assert html.count('class="dlmd-quiz__question"') == len(questions(page)), page
        assert "<!-- quiz -->" not in html, page
