"""The order readers see a question's options in, fixed at build time from its content.

Authors tend to write the right answer first, so the authored order would give it away. Each
question's unpinned options are sorted by a hash of the question's id and the option's
authored index: a shuffle that is the same on every build and every visit (saved answers and
screen-reader users meet the same order) and changes only when the question itself changes.
Options written with `{pin}` keep their authored place, e.g. "All of the above" last.

A multiple-answer question must not show its right answers as the first options: when the
shuffle does that, the next of a few salted shuffles is taken instead. Single-choice
questions take the shuffle as it comes, so the right answer is equally likely in every place
(never "never first", which would be a pattern of its own).
"""

from __future__ import annotations

import hashlib

from quizkit.ids import question_id
from quizkit.model import Question

ATTEMPTS = 16


def _shuffle(free: list[int], salt: str) -> list[int]:
    return sorted(free, key=lambda index: hashlib.sha256(f"{salt}/{index}".encode()).digest())


def _right_first(question: Question, order: list[int]) -> bool:
    right = sum(option.correct for option in question.options)
    return all(question.options[index].correct for index in order[:right])


def display_order(question: Question) -> list[int]:
    """The authored indexes of a choice question's options, in the order readers see them."""
    count = len(question.options)
    pinned = {index for index, option in enumerate(question.options) if option.pinned}
    free = [index for index in range(count) if index not in pinned]
    ident = question_id(question)
    order: list[int] = []
    for attempt in range(ATTEMPTS):
        shuffled = iter(_shuffle(free, f"{ident}/{attempt}"))
        order = [index if index in pinned else next(shuffled) for index in range(count)]
        if question.type != "multiple" or not _right_first(question, order):
            break
    return order
