"""The data a quiz is made of, with the source line of every part for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field

KEYS = ("type", "explanation", "answer", "tolerance", "unit", "hint")
TYPES = ("single", "multiple", "numeric")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a quiz, at a 1-based line of the file it came from."""

    line: int
    message: str

    def at(self, path: str) -> str:
        return f"{path}:{self.line}: {self.message}"


class QuizError(Exception):
    """Raised by `convert_page` with every problem of a page, already in `path:line:` form."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass
class Option:
    text: str
    correct: bool
    line: int
    feedback: str = ""
    pinned: bool = False  # written `{pin}`: shown at its authored place, never shuffled


@dataclass
class Key:
    value: str
    line: int


@dataclass
class Question:
    text: str
    line: int
    options: list[Option] = field(default_factory=list)
    keys: dict[str, Key] = field(default_factory=dict)
    broken: bool = False  # a line of it could not be read: its own problem says why

    @property
    def type(self) -> str:
        return self.keys["type"].value if "type" in self.keys else "single"

    def value(self, key: str) -> str:
        """The key's text, or "" when the question does not set it."""
        return self.keys[key].value if key in self.keys else ""


def mistake(question: Question) -> tuple[str, str] | None:
    """A numeric question's `hint: NUMBER = TEXT` as (NUMBER, TEXT), or None without one.

    The number is a common wrong answer; the text is what a reader who typed it is told.
    """
    value = question.value("hint")
    number, equals, text = value.partition("=")
    if not equals:
        return None
    return number.strip(), text.strip()


@dataclass
class Quiz:
    line: int  # the `<!-- quiz -->` line
    end_line: int  # the `<!-- /quiz -->` line
    questions: list[Question] = field(default_factory=list)
