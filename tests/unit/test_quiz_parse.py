"""The quiz parser and validator: what a valid quiz becomes, and each malformed quiz's message
and line, exactly as `check-quizzes` and the build print them."""

from __future__ import annotations

from pathlib import Path

import pytest
from dlmd.quiz import check_text
from dlmd.quiz.parse import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "quizzes"


def messages(text: str) -> list[str]:
    return [problem.at("page.md") for problem in check_text(text)]


def quiz(*lines: str) -> str:
    """A page whose line 1 is `<!-- quiz -->`, so a body line's number is its index + 2."""
    return "\n".join(["<!-- quiz -->", *lines, "<!-- /quiz -->"]) + "\n"


def test_valid_quiz_with_every_feature_parses_to_its_parts() -> None:
    text = (FIXTURES / "valid" / "every-feature.md").read_text(encoding="utf-8")
    assert check_text(text) == []
    quizzes, problems = parse(text)
    assert problems == []
    assert [len(q.questions) for q in quizzes] == [3, 1]  # the fenced example is not a quiz
    first, second, third = quizzes[0].questions
    assert first.text == "What is the primary use of deep learning in *medical imaging*?"
    assert first.line == 21 and first.type == "single"
    assert [(o.text, o.correct, o.line, o.pinned) for o in first.options] == [
        ("Image analysis", True, 23, False),
        ("Billing with `pandas`", False, 26, False),
        ("Storing images", False, 28, False),
        ("All of the above", False, 29, True),  # the `{pin}` marker is not part of the text
    ]
    assert first.options[0].feedback == "Right: a CNN learns patterns from the pixels."
    assert first.value("explanation") == "See [Image analysis](#image-analysis)."
    assert second.type == "multiple"
    assert [o.correct for o in second.options] == [True, True, False]
    assert second.value("explanation") == "CT and MRI make images, while an EHR holds records."
    assert third.type == "numeric"  # set on a tab-indented line
    assert (third.value("answer"), third.value("tolerance"), third.value("unit")) == (
        "90",
        "0.5",
        "%",
    )


MALFORMED_FIXTURES = {
    "no-correct-option.md": "9: question 1 has no correct option; mark the right answer with "
    "'[x]' instead of '[ ]'.",
    "two-correct-single-choice.md": "11: question 1 is single choice but marks 2 options correct "
    "(lines 10, 11); keep one '[x]', or add '    type: multiple' if readers should pick several.",
    "empty-option.md": "11: option is empty; write its text after the '[ ]' or '[x]'.",
    "duplicate-option.md": "12: option 'excel' repeats the option at line 11; make every option "
    "different.",
    "unknown-key.md": "14: unknown key 'difficulty'; question 1 may only set type, explanation, "
    "answer, tolerance, unit, hint.",
    "numeric-without-tolerance.md": "9: numeric question 1 has no tolerance; add "
    "'    tolerance: 0.5' (the largest difference from the answer that still counts as right).",
    "empty-question.md": "9: question 1 is empty; write the question after the number, e.g. "
    "'1. What does a CNN learn from?'.",
    "two-option-single-choice.md": "9: question 1 is single choice with only 2 options, so a "
    "guess is right half the time; add a third option: a mistake a learner could really make.",
    "every-option-right.md": "9: question 1 marks every option right, so ticking every box "
    "always wins; add at least one wrong option.",
    "unknown-option-marker.md": "12: unknown option marker '{pinned}'; write '{pin}' at the end "
    "of an option to keep its place, or remove the marker.",
    "tolerance-accepts-zero.md": "12: a tolerance of 90 accepts 0 as right for the answer 90; "
    "write the largest difference that still shows the reader knows the answer.",
}


@pytest.mark.parametrize("name", sorted(MALFORMED_FIXTURES))
def test_each_malformed_fixture_gives_one_message_at_its_line(name: str) -> None:
    text = (FIXTURES / "invalid" / name).read_text(encoding="utf-8")
    assert messages(text) == [f"page.md:{MALFORMED_FIXTURES[name]}"]


def test_every_malformed_fixture_is_covered() -> None:
    assert sorted(p.name for p in (FIXTURES / "invalid").glob("*.md")) == sorted(MALFORMED_FIXTURES)


GOOD = ("    - [x] Right", "    - [ ] Wrong", "    - [ ] Also wrong", "    explanation: Because.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            quiz("1. Q?", *GOOD).replace("<!-- /quiz -->\n", ""),
            "1: this quiz is never closed; add '<!-- /quiz -->' on its own line after the last "
            "question.",
            id="unclosed",
        ),
        pytest.param(
            "Text\n<!-- /quiz -->\n",
            "2: '<!-- /quiz -->' closes no quiz; add '<!-- quiz -->' before the questions or "
            "remove this line.",
            id="stray-close",
        ),
        pytest.param(
            "<!-- quiz -->\n1. Q?\n" + "\n".join(GOOD) + "\n" + quiz("1. R?", *GOOD),
            "1: this quiz is not closed before the next one starts at line 7; add "
            "'<!-- /quiz -->' after its last question.",
            id="nested-open",
        ),
        pytest.param(
            "<!-- quiz: basics -->\n",
            "1: malformed quiz marker '<!-- quiz: basics -->'; write exactly '<!-- quiz -->' to "
            "open a quiz and '<!-- /quiz -->' to close it.",
            id="malformed-marker",
        ),
        pytest.param(
            "    <!-- quiz -->\n",
            "1: quiz markers must start at the beginning of the line; remove the indentation "
            "before '<!--'.",
            id="indented-marker",
        ),
        pytest.param(
            quiz(),
            "1: this quiz has no questions; add at least one, such as '1. What does a CNN learn "
            "from?', or remove the quiz markers.",
            id="empty-quiz",
        ),
        pytest.param(
            quiz("Intro text", "1. Q?", *GOOD),
            "2: a quiz must start with a numbered question such as '1. What does a CNN learn?'; "
            "inside a quiz, write questions as '1. Question?', options as '    - [x] Right "
            "answer' or '    - [ ] Wrong answer', feedback as '        > Why', keys as "
            "'    explanation: ...'.",
            id="text-before-question",
        ),
        pytest.param(
            quiz("1. Q?", "  - [x] Right", "    - [ ] Wrong", "    explanation: Because."),
            "3: an option must be indented by exactly 4 spaces under its question.",
            id="option-badly-indented",
        ),
        pytest.param(
            quiz("1. Q?", "    - [x] Right", "    - Wrong", "    explanation: Because."),
            "4: option '- Wrong' has no box; write '- [x] ...' for a right option or '- [ ] ...' "
            "for a wrong one.",
            id="option-without-box",
        ),
        pytest.param(
            quiz("1. Q?", "    explanation: Because.", "        > Why", *GOOD[:3]),
            "4: feedback ('>') must come right under an option, indented by 8 spaces.",
            id="feedback-without-option",
        ),
        pytest.param(
            quiz("1. Q?", *GOOD[:3]),
            "2: question 1 has no explanation; add '    explanation: why the answer is right, "
            "with a link to the section that teaches it'.",
            id="no-explanation",
        ),
        pytest.param(
            quiz("1. Q?", "    - [x] Right", "    explanation: Because."),
            "2: question 1 has only one option; add at least one more '    - [ ] ...' so there "
            "is a choice to make.",
            id="one-option",
        ),
        pytest.param(
            quiz("1. Q?", "    explanation: Because."),
            "2: question 1 has no options; add at least two, such as '    - [x] Right answer' "
            "and '    - [ ] Wrong answer'.",
            id="no-options",
        ),
        pytest.param(
            quiz("1. Q?", *GOOD, "    explanation: Again."),
            "7: key 'explanation' is set twice in this question (first at line 6); keep one.",
            id="duplicate-key",
        ),
        pytest.param(
            quiz("1. Q?", *GOOD, "    explaination: Typo."),
            "7: unknown key 'explaination' (did you mean 'explanation'?); question 1 may only "
            "set type, explanation, answer, tolerance, unit, hint.",
            id="misspelled-key",
        ),
        pytest.param(
            quiz("1. Q?", "    type: multi", *GOOD),
            "3: type must be one of single, multiple, numeric, not 'multi'.",
            id="unknown-type",
        ),
        pytest.param(
            quiz("1. Q?", "    type: numeric", "    tolerance: 1", "    explanation: Because."),
            "2: numeric question 1 has no answer; add '    answer: 42' (the right number) under "
            "it.",
            id="numeric-without-answer",
        ),
        pytest.param(
            quiz(
                "1. Q?",
                "    type: numeric",
                "    answer: ninety",
                "    tolerance: 1",
                "    explanation: Because.",
            ),
            "4: answer must be a plain number such as 0.5, not 'ninety'.",
            id="numeric-answer-not-a-number",
        ),
        pytest.param(
            quiz(
                "1. Q?",
                "    type: numeric",
                "    answer: 90",
                "    tolerance: -1",
                "    explanation: Because.",
            ),
            "5: tolerance must not be negative; write the largest accepted difference, such as "
            "0.5.",
            id="negative-tolerance",
        ),
        pytest.param(
            quiz("1. Q?", "    type: numeric", "    answer: 90", "    tolerance: 1", *GOOD),
            "6: question 1 is numeric, so readers type a number: remove the options, or change "
            "its type to single or multiple.",
            id="numeric-with-options",
        ),
        pytest.param(
            quiz("1. Q?", *GOOD, "    tolerance: 1"),
            "7: 'tolerance' only applies to numeric questions; add '    type: numeric' or remove "
            "this line.",
            id="tolerance-on-choice",
        ),
        pytest.param(
            quiz("1. Q?", *GOOD, "", "2. Q?", *GOOD),
            "8: question 2 repeats the question at line 2; remove one or make them differ.",
            id="duplicate-question",
        ),
        pytest.param(
            quiz("1. Q?", *GOOD[:3], "    explanation: [See](javascript:alert(1))."),
            "6: links must not use 'javascript:' URLs; link to a page or a section.",
            id="javascript-link",
        ),
        pytest.param(
            quiz("1. Q?", *GOOD, "Loose text"),
            "7: unexpected line 'Loose text'; inside a quiz, write questions as '1. Question?', "
            "options as '    - [x] Right answer' or '    - [ ] Wrong answer', feedback as "
            "'        > Why', keys as '    explanation: ...'.",
            id="unexpected-line",
        ),
    ],
)
def test_malformed_quiz_message_and_line(text: str, expected: str) -> None:
    assert messages(text) == [f"page.md:{expected}"]


def test_every_problem_of_a_page_is_reported_in_line_order() -> None:
    text = quiz(
        "1. Q?", "    - [ ] A", "    - [ ] A", "    - [ ] B", "    colour: red", "", "2.", *GOOD
    )
    assert [message.split(": ")[0] for message in messages(text)] == [
        "page.md:2",  # no explanation
        "page.md:2",  # no correct option
        "page.md:4",  # duplicate option
        "page.md:6",  # unknown key
        "page.md:8",  # empty question
    ]


def test_quiz_markers_inside_fenced_code_are_ignored() -> None:
    text = "~~~~\n<!-- quiz -->\n```\n~~~~\n\n```md\n<!-- /quiz -->\n```\n"
    assert check_text(text) == []
    assert parse(text)[0] == []
