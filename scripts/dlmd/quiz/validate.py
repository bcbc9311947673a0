"""Check that every parsed question can be answered and judged, with a fix in each message."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from dlmd.quiz.ids import question_id
from dlmd.quiz.model import KEYS, TYPES, Problem, Question, Quiz, mistake

NUMERIC_ONLY = ("answer", "tolerance", "unit", "hint")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
SCRIPT_LINK = re.compile(r"\]\(\s*<?\s*javascript:", re.IGNORECASE)
MARKER = re.compile(r"\{\s*[A-Za-z][\w-]*\s*\}$")  # `{pn}` where `{pin}` was meant


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def _check_keys(question: Question, label: str) -> list[Problem]:
    problems: list[Problem] = []
    for name, key in question.keys.items():
        if name not in KEYS:
            guess = difflib.get_close_matches(name, KEYS, n=1)
            hint = f" (did you mean '{guess[0]}'?)" if guess else ""
            problems.append(
                Problem(
                    key.line, f"unknown key '{name}'{hint}; {label} may only set {', '.join(KEYS)}."
                )
            )
        elif not key.value:
            problems.append(
                Problem(key.line, f"key '{name}' is empty; write its value after '{name}: '.")
            )
    kind = question.keys.get("type")
    if kind and kind.value and kind.value not in TYPES:
        problems.append(
            Problem(kind.line, f"type must be one of {', '.join(TYPES)}, not {kind.value!r}.")
        )
    return problems


def _check_choices(question: Question, label: str) -> list[Problem]:
    problems: list[Problem] = []
    for name in NUMERIC_ONLY:
        if name in question.keys:
            problems.append(
                Problem(
                    question.keys[name].line,
                    f"'{name}' only applies to numeric questions; "
                    "add '    type: numeric' or remove this line.",
                )
            )
    if not question.options:
        return [
            *problems,
            Problem(
                question.line,
                f"{label} has no options; add at least two, such as "
                "'    - [x] Right answer' and '    - [ ] Wrong answer'.",
            ),
        ]
    if len(question.options) == 1:
        problems.append(
            Problem(
                question.line,
                f"{label} has only one option; add at least one more "
                "'    - [ ] ...' so there is a choice to make.",
            )
        )
    elif question.type == "single" and len(question.options) == 2:
        problems.append(
            Problem(
                question.line,
                f"{label} is single choice with only 2 options, so a guess is right half the "
                "time; add a third option: a mistake a learner could really make.",
            )
        )
    seen: dict[str, int] = {}
    for option in question.options:
        if marker := MARKER.search(option.text):
            problems.append(
                Problem(
                    option.line,
                    f"unknown option marker {marker[0]!r}; write '{{pin}}' at the end of an "
                    "option to keep its place, or remove the marker.",
                )
            )
        if not option.text:
            problems.append(
                Problem(option.line, "option is empty; write its text after the '[ ]' or '[x]'.")
            )
            continue
        if _same(option.text) in seen:
            problems.append(
                Problem(
                    option.line,
                    f"option {option.text!r} repeats the option at line "
                    f"{seen[_same(option.text)]}; make every option different.",
                )
            )
        seen.setdefault(_same(option.text), option.line)
    right = [option for option in question.options if option.correct]
    if not right:
        problems.append(
            Problem(
                question.line,
                f"{label} has no correct option; mark the right answer "
                "with '[x]' instead of '[ ]'.",
            )
        )
    elif question.type == "multiple" and len(right) == len(question.options):
        problems.append(
            Problem(
                question.line,
                f"{label} marks every option right, so ticking every box always wins; "
                "add at least one wrong option.",
            )
        )
    elif question.type == "single" and len(right) > 1:
        lines = ", ".join(str(option.line) for option in right)
        problems.append(
            Problem(
                right[1].line,
                f"{label} is single choice but marks {len(right)} options "
                f"correct (lines {lines}); keep one '[x]', or add '    type: multiple' "
                "if readers should pick several.",
            )
        )
    return problems


def _number(question: Question, name: str) -> Decimal | None:
    key = question.keys.get(name)
    if key is None or not key.value:
        return None
    if not NUMBER.fullmatch(key.value):
        raise ValueError(f"{name} must be a plain number such as 0.5, not {key.value!r}.")
    return Decimal(key.value)


def _check_numeric(question: Question, label: str) -> list[Problem]:
    problems: list[Problem] = []
    if question.options:
        problems.append(
            Problem(
                question.options[0].line,
                f"{label} is numeric, so readers type a number: "
                "remove the options, or change its type to single or multiple.",
            )
        )
    values: dict[str, Decimal | None] = {}
    for name in ("answer", "tolerance"):
        try:
            values[name] = _number(question, name)
        except ValueError as error:
            problems.append(Problem(question.keys[name].line, str(error)))
            values[name] = Decimal(0)
    if "answer" not in question.keys:
        problems.append(
            Problem(
                question.line,
                f"numeric {label} has no answer; add '    answer: 42' (the right number) under it.",
            )
        )
    if "tolerance" not in question.keys:
        problems.append(
            Problem(
                question.line,
                f"numeric {label} has no tolerance; add '    tolerance: 0.5' "
                "(the largest difference from the answer that still counts as right).",
            )
        )
    elif values["tolerance"] is not None and values["tolerance"] < 0:
        problems.append(
            Problem(
                question.keys["tolerance"].line,
                "tolerance must not be negative; write "
                "the largest accepted difference, such as 0.5.",
            )
        )
    answer, tolerance = values["answer"], values["tolerance"]
    problems += _check_hint(question, answer, tolerance)
    if answer and tolerance is not None and tolerance >= abs(answer):
        problems.append(
            Problem(
                question.keys["tolerance"].line,
                f"a tolerance of {tolerance} accepts 0 as right for the answer {answer}; "
                "write the largest difference that still shows the reader knows the answer.",
            )
        )
    return problems


def _check_hint(
    question: Question, answer: Decimal | None, tolerance: Decimal | None
) -> list[Problem]:
    """`hint: 100480 = what a reader who typed 100480 is told`: a wrong number and its text."""
    key = question.keys.get("hint")
    if key is None or not key.value:
        return []
    found = mistake(question)
    usage = "write 'hint: 100480 = why that number is a mistake'"
    if found is None or not found[1]:
        return [Problem(key.line, f"a hint needs a number, '=' and a text; {usage}.")]
    number, _ = found
    if not NUMBER.fullmatch(number):
        return [
            Problem(
                key.line,
                f"the hint's number must be plain, such as 100480, not {number!r}; {usage}.",
            )
        ]
    if answer is not None and tolerance is not None and abs(Decimal(number) - answer) <= tolerance:
        return [
            Problem(
                key.line,
                f"the hint's number {number} counts as right (the answer is "
                f"{answer}); a hint is for a common wrong answer.",
            )
        ]
    return []


def _check_text(question: Question) -> list[Problem]:
    parts = [
        (question.line, question.text),
        *((o.line, f"{o.text} {o.feedback}") for o in question.options),
    ]
    parts += [(key.line, key.value) for key in question.keys.values()]
    return [
        Problem(line, "links must not use 'javascript:' URLs; link to a page or a section.")
        for line, text in parts
        if SCRIPT_LINK.search(text)
    ]


def validate_question(question: Question, number: int) -> list[Problem]:
    label = f"question {number}"
    if not question.text:
        return [
            Problem(
                question.line,
                f"{label} is empty; write the question after the number, "
                f"e.g. '{number}. What does a CNN learn from?'.",
            )
        ]
    problems = _check_keys(question, label)
    if question.type == "numeric":
        problems += _check_numeric(question, label)
    elif question.type in TYPES:
        problems += _check_choices(question, label)
    if "explanation" not in question.keys:
        problems.append(
            Problem(
                question.line,
                f"{label} has no explanation; add '    explanation: why the "
                "answer is right, with a link to the section that teaches it'.",
            )
        )
    return problems + _check_text(question)


def validate(quizzes: list[Quiz]) -> list[Problem]:
    """Problems in the quizzes of one page, in line order."""
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for quiz in quizzes:
        if not quiz.questions:
            problems.append(
                Problem(
                    quiz.line,
                    "this quiz has no questions; add at least one, such as "
                    "'1. What does a CNN learn from?', or remove the quiz markers.",
                )
            )
        for number, question in enumerate(quiz.questions, start=1):
            if question.broken:
                continue  # its syntax problem is reported; more would only be noise
            found = validate_question(question, number)
            problems += found
            if found:
                continue
            ident = question_id(question)
            if ident in first_line:
                problems.append(
                    Problem(
                        question.line,
                        f"question {number} repeats the question at line "
                        f"{first_line[ident]}; remove one or make them differ.",
                    )
                )
            first_line.setdefault(ident, question.line)
    return sorted(problems, key=lambda problem: problem.line)
