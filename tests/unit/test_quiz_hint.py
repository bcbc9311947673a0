"""A numeric question's `hint: NUMBER = TEXT`: a common wrong answer and what its reader is
told (quiz.js shows it for that number; the "Show answer" disclosure holds it without
JavaScript). Bad hints fail with the line and the fix."""

from __future__ import annotations

import pytest
from dlmd.quiz import check_text
from dlmd.quiz.parse import parse
from dlmd.quiz.render import render

QUIZ = """<!-- quiz -->
1. A layer has 784 inputs and 64 units. How many parameters has it?
    type: numeric
    answer: 50240
    tolerance: 0
    HINT
    explanation: 784 × 64 + 64; see [Step 4](#step-4).
<!-- /quiz -->
"""


def page(hint: str) -> str:
    return QUIZ.replace("HINT", hint)


def test_a_hint_is_rendered_for_the_script_and_for_readers_without_it() -> None:
    text = page("hint: 100480 = That is the count for 128 units.")
    assert check_text(text) == []
    quizzes, _ = parse(text)
    html = render(quizzes[0])
    assert (
        '<p class="dlmd-quiz__mistake" data-value="100480" markdown="span">'
        "<strong>If you wrote 100480:</strong> That is the count for 128 units.</p>"
    ) in html


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        ("hint: 100480", "a hint needs a number, '=' and a text"),
        ("hint: 100480 =", "a hint needs a number, '=' and a text"),
        ("hint: about 100k = too many", "the hint's number must be plain"),
        ("hint: 50240 = right", "counts as right"),
    ],
)
def test_a_bad_hint_fails_at_its_line_with_the_fix(hint: str, message: str) -> None:
    problems = check_text(page(hint))
    assert [problem.line for problem in problems] == [6]
    assert message in problems[0].message


def test_a_hint_on_a_choice_question_is_refused() -> None:
    text = """<!-- quiz -->
1. Which is a modality?
    hint: 3 = no
    - [x] CT
    - [ ] EHR
    - [ ] ICD
    explanation: See [Imaging](#imaging).
<!-- /quiz -->
"""
    assert any("hint" in problem.message for problem in check_text(text))
