"""Stable ids: a hash of what a reader answers, so saved progress follows the question itself.

A question's id covers its type, text, options with which are right, and a numeric answer with
its unit. Editing any of those gives a new id, so answers saved for the old version are never
applied to the new one. Feedback, explanations, tolerance and the rest of the page do not
change it, so fixing a typo in an explanation keeps readers' progress.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal, InvalidOperation

from dlmd.quiz.model import Question, Quiz


def _normal(text: str) -> str:
    return " ".join(text.split())


def _number(text: str) -> str:
    try:
        return str(Decimal(text.strip()).normalize())
    except InvalidOperation:
        return _normal(text)


def _digest(payload: object) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:10]


def question_id(question: Question) -> str:
    payload = {
        "type": question.type,
        "text": _normal(question.text),
        "options": [[_normal(option.text), option.correct] for option in question.options],
        "answer": _number(question.value("answer")),
        "unit": _normal(question.value("unit")),
    }
    return f"q-{_digest(payload)}"


def quiz_id(quiz: Quiz) -> str:
    return f"quiz-{_digest([question_id(question) for question in quiz.questions])}"
