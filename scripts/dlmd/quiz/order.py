"""The order readers see a question's options in, fixed at build time from its content.

Authors tend to write the right answer first, so the authored order would give it away. The
order here depends only on the question's id (a hash of what readers answer): it is the same on
every build and every visit, so saved answers and screen-reader users meet the same order, and
it changes only when the question itself changes. Options written with `{pin}` keep their
authored place, e.g. "All of the above" last; the others fill the remaining places.

- Single choice: the right answer goes to place `hash(id) mod n` among the free places, so
  across the site it is about equally often in each place (not "never first", which would be a
  pattern of its own); the wrong options fill the rest in an order sorted by hash.
- Multiple answers: all free options in hash order; if that shows the right answers as the
  first options, the next of a few salted orders is taken instead.
"""

from __future__ import annotations

import hashlib

from dlmd.quiz.ids import question_id
from dlmd.quiz.model import Question

ATTEMPTS = 16


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def _shuffle(indexes: list[int], salt: str) -> list[int]:
    return sorted(indexes, key=lambda index: _hash(f"{salt}/{index}"))


def _place(question: Question, pinned: set[int], free_order: list[int]) -> list[int]:
    """All authored indexes: pinned ones at their own place, `free_order` in the other places."""
    rest = iter(free_order)
    return [index if index in pinned else next(rest) for index in range(len(question.options))]


def _right_first(question: Question, order: list[int]) -> bool:
    right = sum(option.correct for option in question.options)
    return all(question.options[index].correct for index in order[:right])


def display_order(question: Question) -> list[int]:
    """The authored indexes of a choice question's options, in the order readers see them."""
    pinned = {index for index, option in enumerate(question.options) if option.pinned}
    free = [index for index in range(len(question.options)) if index not in pinned]
    ident = question_id(question)
    right = [index for index in free if question.options[index].correct]
    if question.type == "single" and len(right) == 1:
        wrong = _shuffle([index for index in free if index != right[0]], ident)
        slot = _hash(ident) % len(free)
        return _place(question, pinned, wrong[:slot] + right + wrong[slot:])
    order = _place(question, pinned, _shuffle(free, ident))
    for attempt in range(1, ATTEMPTS):
        if question.type != "multiple" or not _right_first(question, order):
            break
        order = _place(question, pinned, _shuffle(free, f"{ident}/{attempt}"))
    return order
