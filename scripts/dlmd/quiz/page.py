"""Whole-page entry points: check a Markdown text, or replace its quizzes with HTML."""

from __future__ import annotations

from dlmd.quiz.model import Problem, Quiz, QuizError
from dlmd.quiz.parse import find_regions, parse
from dlmd.quiz.render import render
from dlmd.quiz.validate import validate


def parse_checked(text: str) -> tuple[list[Quiz], list[Problem]]:
    """The quizzes of one Markdown file and every problem in them, in line order."""
    quizzes, problems = parse(text)
    return quizzes, sorted(problems + validate(quizzes), key=lambda problem: problem.line)


def check_text(text: str) -> list[Problem]:
    """Every problem in the quizzes of one Markdown file, in line order."""
    return parse_checked(text)[1]


def convert_page(markdown: str, source: str, path: str) -> str:
    """Replace each quiz region of `markdown` with its HTML, or raise `QuizError`.

    `source` is the file as written (front matter included) so that messages give its real
    line numbers; `markdown` is what the build hands over (front matter removed, perhaps
    changed by earlier hooks). Their quiz regions are matched in order and must hold the
    same lines.
    """
    quizzes, problems = parse_checked(source)
    if problems:
        raise QuizError([problem.at(path) for problem in problems])
    lines = markdown.splitlines()
    regions, _ = find_regions(lines)
    source_lines = source.splitlines()
    if len(regions) != len(quizzes):
        raise QuizError(
            [
                f"{path}:1: found {len(quizzes)} quizzes in the file but {len(regions)} in the "
                "Markdown being built; a hook or snippet changed the quiz markers."
            ]
        )
    for region, quiz in zip(reversed(regions), reversed(quizzes), strict=True):
        built = lines[region.open_index : region.close_index + 1]
        written = source_lines[quiz.line - 1 : quiz.end_line]
        if built != written:
            raise QuizError(
                [
                    f"{path}:{quiz.line}: this quiz differs from the Markdown being built; a hook "
                    "or snippet changed lines inside it."
                ]
            )
        lines[region.open_index : region.close_index + 1] = [render(quiz)]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")
