"""The site's own quizzes: where they are, how many, of which kinds, and that they are built."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO
from dlmd.quiz import Question, check_text
from dlmd.quiz.parse import parse

QUIZ_PAGES = [
    "article.md",
    "applications/index.md",
    "applications/imaging.md",
    "applications/ehr.md",
    "applications/genomics.md",
    "applications/nlp.md",
    "applications/drug-discovery.md",
    "tutorials/index.md",
]
HEADING = "## Check your understanding {#quiz}"
# Pages with more quizzes of their own, each under its own heading (issues 14 and 24).
EXTRA_QUIZ_HEADINGS = {
    "tutorials/index.md": [
        "## Check your understanding: medical images {#quiz-medical-images}",
        "## Check your understanding: failure outside the lab {#quiz-failure-modes}",
    ],
}


def questions(page: str) -> list[Question]:
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    quizzes, _ = parse(text)
    return [question for quiz in quizzes for question in quiz.questions]


@pytest.mark.parametrize("page", QUIZ_PAGES)
def test_page_has_one_valid_quiz_under_its_check_your_understanding_heading(page: str) -> None:
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    assert check_text(text) == []
    quizzes, _ = parse(text)
    lines = text.splitlines()
    headings = [HEADING, *EXTRA_QUIZ_HEADINGS.get(page, [])]
    assert len(quizzes) == len(headings)
    heading_numbers = [number for number, line in enumerate(lines, 1) if line.startswith("#")]
    for heading in headings:
        heading_line = lines.index(heading) + 1
        # The quiz is the first thing under its heading, and no heading interrupts it.
        quiz = next(q for q in quizzes if q.line > heading_line)
        between = [n for n in heading_numbers if heading_line < n <= quiz.end_line]
        assert not between, f"{page}: a heading at line {between[0]} splits {heading!r}"


@pytest.mark.parametrize("page", QUIZ_PAGES)
def test_every_explanation_links_to_the_section_that_teaches_it(page: str) -> None:
    for question in questions(page):
        assert re.search(r"\]\([^)]*#[\w-]+\)", question.value("explanation")), question.text


def test_at_least_30_questions_with_numeric_and_multiple_select_ones() -> None:
    found = [question for page in QUIZ_PAGES for question in questions(page)]
    kinds = [question.type for question in found]
    assert len(found) >= 30
    assert kinds.count("numeric") >= 4
    assert kinds.count("multiple") >= 2


def test_article_asks_the_three_classic_questions() -> None:
    right = {
        option.text
        for question in questions("article.md")
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
        quizzes = 1 + len(EXTRA_QUIZ_HEADINGS.get(page, []))
        assert html.count('<form class="dlmd-quiz"') == quizzes, page
        assert html.count('class="dlmd-quiz__question"') == len(questions(page)), page
        assert "<!-- quiz -->" not in html, page


FIELDSET = re.compile(r'<fieldset [^>]*data-type="(single|multiple)"[^>]*>(.*?)</fieldset>', re.S)


def shown_choice_questions(built_site: Path) -> list[tuple[str, list[int], set[int]]]:
    """Each choice question of the built site: its type, its options' authored indexes in the
    order a reader sees them (with or without JavaScript), and the indexes of the right ones."""
    found = []
    for page in QUIZ_PAGES:
        html_path = built_site / re.sub(r"(index)?\.md$", "", page) / "index.html"
        found += shown_choice_questions_in(html_path.read_text(encoding="utf-8"))
    return found


def shown_choice_questions_in(html: str) -> list[tuple[str, list[int], set[int]]]:
    """shown_choice_questions for one page's (or one quiz's) HTML, in page order."""
    found = []
    for match in FIELDSET.finditer(html):
        opening = match[0][: match[0].index(">")]
        right = {int(value) for value in re.search(r'data-answer="([\d ]+)"', opening)[1].split()}
        shown = [
            int(value)
            for value in re.findall(r'<input type="(?:radio|checkbox)"[^>]*value="(\d+)"', match[2])
        ]
        found.append((match[1], shown, right))
    return found


def test_no_place_holds_the_right_answer_of_more_than_40_percent_of_single_choice_questions(
    built_site: Path,
) -> None:
    single = [
        (shown, right)
        for kind, shown, right in shown_choice_questions(built_site)
        if kind == "single"
    ]
    assert len(single) >= 15
    places = Counter(shown.index(next(iter(right))) for shown, right in single)
    assert places[0] / len(single) <= 0.4, (
        f"right answer shown first in {places[0]} of {len(single)}"
    )
    assert max(places.values()) / len(single) <= 0.4, places


def test_multiple_answer_questions_do_not_show_their_right_answers_first(built_site: Path) -> None:
    multiple = [
        (shown, right)
        for kind, shown, right in shown_choice_questions(built_site)
        if kind == "multiple"
    ]
    assert multiple
    for shown, right in multiple:
        assert set(shown[: len(right)]) != right, shown


QUIZ_FORM = re.compile(r'<form class="dlmd-quiz"[^>]*>.*?</form>', re.S)


def test_no_quiz_opens_with_two_questions_whose_right_answer_is_shown_first(
    built_site: Path,
) -> None:
    """A reader who meets the right answer first twice in a row learns a pattern, not the
    topic. Orders come from the questions' ids (dlmd/quiz/order.py): to fix one, reword or
    reorder the questions, or pin an option (README, Writing quizzes)."""
    openings = []
    for page in QUIZ_PAGES:
        html = (built_site / re.sub(r"(index)?\.md$", "", page) / "index.html").read_text(
            encoding="utf-8"
        )
        for number, form in enumerate(QUIZ_FORM.findall(html), start=1):
            kinds = re.findall(r'<fieldset [^>]*data-type="(\w+)"', form)[:2]
            first_two = shown_choice_questions_in(form)[:2]
            if kinds == [kind for kind, _, _ in first_two] and all(
                set(shown[: len(right)]) == right for _, shown, right in first_two
            ):
                openings.append(f"docs/{page}, quiz {number}")
    assert not openings, "quizzes opening with two right-answer-first questions: " + ", ".join(
        openings
    )
