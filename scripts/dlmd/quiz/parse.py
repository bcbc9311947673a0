"""Find the quiz regions of a Markdown text and read their questions, line by line.

Only the shape of the text is checked here (where a quiz starts and ends, what each line is);
whether a question makes sense (a right option, a tolerance, ...) is `validate`'s job.
The syntax is described in the package docstring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dlmd.markdown.fences import find_fences
from dlmd.quiz.model import Key, Option, Problem, Question, Quiz

OPEN = re.compile(r"<!--\s*quiz\s*-->")
CLOSE = re.compile(r"<!--\s*/quiz\s*-->")
MARKER_LIKE = re.compile(r"\s*<!--\s*/?\s*quiz\b", re.IGNORECASE)
HUB = re.compile(r"<!--\s*quiz-hub\s*-->")  # the quiz hub's place (dlmd.quiz.hub), not a quiz

QUESTION = re.compile(r"(\d+)[.)](?:\s+(?P<text>.*))?")
OPTION = re.compile(r" {4}[-*+] \[(?P<mark>[ xX])\](?:\s+(?P<text>.*))?")
FEEDBACK = re.compile(r" {8}>(?: ?(?P<text>.*))?")
KEY = re.compile(r" {4}(?P<key>[A-Za-z][\w-]*):(?:\s+(?P<value>.*))?")
INDENT_4 = re.compile(r" {4}\S")
INDENT_8 = re.compile(r" {8,}\S")
PIN = re.compile(r"\s*\{\s*pin\s*\}$")  # `- [ ] All of the above {pin}`

SYNTAX_HINT = (
    "inside a quiz, write questions as '1. Question?', options as '    - [x] Right answer' "
    "or '    - [ ] Wrong answer', feedback as '        > Why', keys as '    explanation: ...'"
)


@dataclass(frozen=True)
class Region:
    """A quiz's marker lines, as 0-based indexes into the text's lines."""

    open_index: int
    close_index: int


def find_regions(lines: list[str]) -> tuple[list[Region], list[Problem]]:
    """Pair `<!-- quiz -->` with `<!-- /quiz -->`, skipping fenced code blocks."""
    regions: list[Region] = []
    problems: list[Problem] = []
    # Markers shown inside a code block (found as the renderer finds them) are only text.
    fenced = {i for fence in find_fences(lines)[0] for i in range(fence.start, fence.end + 1)}
    open_index: int | None = None
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        if index in fenced and open_index is None:
            continue
        if not MARKER_LIKE.match(line) or (HUB.fullmatch(line) and open_index is None):
            continue
        number = index + 1
        if OPEN.fullmatch(line):
            if open_index is not None:
                problems.append(
                    Problem(
                        open_index + 1,
                        "this quiz is not closed before the next one starts at line "
                        f"{number}; add '<!-- /quiz -->' after its last question.",
                    )
                )
            open_index = index
        elif CLOSE.fullmatch(line):
            if open_index is None:
                problems.append(
                    Problem(
                        number,
                        "'<!-- /quiz -->' closes no quiz; add '<!-- quiz -->' "
                        "before the questions or remove this line.",
                    )
                )
            else:
                regions.append(Region(open_index, index))
                open_index = None
        elif line != line.lstrip():
            problems.append(
                Problem(
                    number,
                    "quiz markers must start at the beginning of the line; "
                    "remove the indentation before '<!--'.",
                )
            )
        else:
            problems.append(
                Problem(
                    number,
                    f"malformed quiz marker {line.strip()!r}; write exactly "
                    "'<!-- quiz -->' to open a quiz and '<!-- /quiz -->' to close it.",
                )
            )
    if open_index is not None:
        problems.append(
            Problem(
                open_index + 1,
                "this quiz is never closed; add '<!-- /quiz -->' on its "
                "own line after the last question.",
            )
        )
    return regions, problems


def read_region(lines: list[str], region: Region) -> tuple[Quiz, list[Problem]]:
    """Read the questions between a region's markers; line numbers are 1-based file lines."""
    quiz = Quiz(line=region.open_index + 1, end_line=region.close_index + 1)
    problems: list[Problem] = []
    question: Question | None = None
    last: object = None  # what a continuation line extends: Question, Option, Key or "feedback"

    def extend(text: str) -> None:
        if isinstance(last, Question | Option):
            last.text = f"{last.text} {text}".strip()
        elif isinstance(last, Key):
            last.value = f"{last.value} {text}".strip()
        elif last == "feedback" and question and question.options:
            option = question.options[-1]
            option.feedback = f"{option.feedback} {text}".strip()

    for index in range(region.open_index + 1, region.close_index):
        number = index + 1
        line = lines[index].expandtabs(4).rstrip()
        if not line:
            continue
        if match := QUESTION.fullmatch(line):
            question = Question(text=(match["text"] or "").strip(), line=number)
            quiz.questions.append(question)
            last = question
            continue
        if question is None:
            problems.append(
                Problem(
                    number,
                    "a quiz must start with a numbered question such as "
                    f"'1. What does a CNN learn?'; {SYNTAX_HINT}.",
                )
            )
            continue
        if match := OPTION.fullmatch(line):
            option = Option(
                text=(match["text"] or "").strip(), correct=match["mark"] != " ", line=number
            )
            question.options.append(option)
            last = option
        elif match := FEEDBACK.fullmatch(line):
            if not isinstance(last, Option) and last != "feedback":
                problems.append(
                    Problem(
                        number,
                        "feedback ('>') must come right under an option, indented by 8 spaces.",
                    )
                )
                question.broken = True
                continue
            text = (match["text"] or "").strip()
            option = question.options[-1]
            option.feedback = f"{option.feedback} {text}".strip()
            last = "feedback"
        elif match := KEY.fullmatch(line):
            name = match["key"].lower()
            if name in question.keys:
                problems.append(
                    Problem(
                        number,
                        f"key '{name}' is set twice in this question (first at "
                        f"line {question.keys[name].line}); keep one.",
                    )
                )
                question.broken = True
                last = None
                continue
            key = Key(value=(match["value"] or "").strip(), line=number)
            question.keys[name] = key
            last = key
        elif (INDENT_8.match(line) and last is not None) or (
            INDENT_4.match(line) and isinstance(last, Question)
        ):
            extend(line.strip())  # a continuation line
        else:
            problems.append(Problem(number, _unexpected(line)))
            question.broken = True
    for option in (option for question in quiz.questions for option in question.options):
        # After continuation lines, so a marker at the end of a wrapped option is found too.
        option.pinned = bool(PIN.search(option.text))
        option.text = PIN.sub("", option.text)
    return quiz, problems


def _unexpected(line: str) -> str:
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    if stripped[:2] in ("- ", "* ", "+ "):
        if indent != 4:
            return "an option must be indented by exactly 4 spaces under its question."
        return (
            f"option {stripped!r} has no box; write '- [x] ...' for a right option or "
            "'- [ ] ...' for a wrong one."
        )
    if stripped.startswith(">"):
        return "feedback ('>') must be indented by 8 spaces, right under its option."
    return f"unexpected line {stripped!r}; {SYNTAX_HINT}."


def parse(text: str) -> tuple[list[Quiz], list[Problem]]:
    """Every quiz in a Markdown text, with the problems found in its shape."""
    lines = text.splitlines()
    regions, problems = find_regions(lines)
    quizzes: list[Quiz] = []
    for region in regions:
        quiz, region_problems = read_region(lines, region)
        quizzes.append(quiz)
        problems.extend(region_problems)
    return quizzes, problems
