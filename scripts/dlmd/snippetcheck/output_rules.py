"""How an output block's expected lines match what its code block printed.

Every line must match exactly (trailing whitespace and trailing blank lines aside) unless the
page declares how it varies, per block, in a marker right before the output block:

    <!-- check: output numbers=0.02 -->    every number within ±0.02 of the shown one
    <!-- check: output numbers=5% -->      every number within 5 % of the shown one
    <!-- check: output timings -->         durations (3s, 2ms/step, 850us/step) may be anything
    <!-- check: output ellipsis -->        `...` on a line of its own stands for any lines (none
                                           included); `...` inside a line for any text in it

Keys combine (`output numbers=0.02 timings`). Text between numbers always matches exactly, and
the shown line has as many numbers as the printed one. This module is pure: no I/O.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

ELLIPSIS = "..."
RULE_KEYS = ("numbers", "timings", "ellipsis")
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_TIMING = r"\d+(?:\.\d+)?(?:ns|us|µs|ms|s|min|h)(?:/(?:step|sample|epoch))?"
# One token of a shown line: a timing, a number, an inline ellipsis, or a run of other text.
_TOKEN = re.compile(
    rf"(?P<timing>(?<![\w.]){_TIMING}(?![\w]))|(?P<number>{_NUMBER})|(?P<ellipsis>\.\.\.)"
)


@dataclass(frozen=True)
class OutputRule:
    """The declared variation of one output block; the default matches exactly."""

    tolerance: float | None = None  # numbers may differ by this much
    relative: bool = False  # tolerance is a fraction of the shown number (written as N%)
    timings: bool = False
    ellipsis: bool = False

    def describe(self) -> str:
        parts = []
        if self.tolerance is not None:
            shown = f"{self.tolerance * 100:g}%" if self.relative else f"{self.tolerance:g}"
            parts.append(f"numbers={shown}")
        if self.timings:
            parts.append("timings")
        if self.ellipsis:
            parts.append("ellipsis")
        return " ".join(parts) or "exact"


def parse_rule(values: dict[str, str | None]) -> OutputRule:
    """The rule from an output marker's keys; ValueError says what to write instead."""
    tolerance, relative = None, False
    if "numbers" in values:
        text = (values["numbers"] or "").strip()
        relative = text.endswith("%")
        try:
            tolerance = float(text[:-1] if relative else text) / (100 if relative else 1)
        except ValueError:
            tolerance = math.nan
        if not math.isfinite(tolerance) or tolerance <= 0:
            raise ValueError(
                f"numbers= takes a positive tolerance, absolute (numbers=0.02) or relative "
                f"(numbers=5%), got {values['numbers']!r}"
            )
    for flag in ("timings", "ellipsis"):
        if flag in values and values[flag] is not None:
            raise ValueError(f"write {flag} without a value: <!-- check: output {flag} -->")
    return OutputRule(tolerance, relative, "timings" in values, "ellipsis" in values)


@lru_cache(maxsize=1024)
def _line_pattern(expected: str, rule: OutputRule) -> tuple[re.Pattern[str], tuple[float, ...]]:
    """A regular expression for the printed line, and the shown numbers it captures in order."""
    parts: list[str] = []
    numbers: list[float] = []
    position = 0
    for m in _TOKEN.finditer(expected):
        kind = m.lastgroup
        if (
            (kind == "timing" and not rule.timings and rule.tolerance is None)
            or (kind == "number" and rule.tolerance is None)
            or (kind == "ellipsis" and not rule.ellipsis)
        ):
            continue  # matched literally, as part of the surrounding text
        parts.append(re.escape(expected[position : m.start()]))
        if kind == "timing" and rule.timings:
            parts.append(_TIMING)
        elif kind == "ellipsis":
            parts.append(".*?")
        else:  # a number, or a timing whose number obeys the tolerance
            token = m.group()
            number = re.match(_NUMBER, token)
            assert number is not None
            parts.append(f"({_NUMBER})" + re.escape(token[number.end() :]))
            numbers.append(float(number.group()))
        position = m.end()
    parts.append(re.escape(expected[position:]))
    return re.compile("".join(parts)), tuple(numbers)


def line_matches(expected: str, actual: str, rule: OutputRule) -> bool:
    expected, actual = expected.rstrip(), actual.rstrip()
    if expected == actual:
        return True
    if rule == OutputRule():
        return False
    pattern, shown = _line_pattern(expected, rule)
    m = pattern.fullmatch(actual)
    if m is None:
        return False
    assert rule.tolerance is not None or not shown
    for want, got in zip(shown, (float(g) for g in m.groups()), strict=True):
        limit = rule.tolerance * abs(want) if rule.relative else rule.tolerance  # type: ignore[operator]
        if abs(got - want) > limit + 1e-12:
            return False
    return True


def lines_match(expected: list[str], actual: list[str], rule: OutputRule) -> bool:
    """Whether the printed lines match the shown ones (whole-line `...` with `ellipsis`)."""
    reached = {0}  # how many printed lines the shown lines so far can account for
    for line in expected:
        if rule.ellipsis and line.strip() == ELLIPSIS:
            reached = set(range(min(reached), len(actual) + 1)) if reached else set()
        else:
            reached = {
                a + 1 for a in reached if a < len(actual) and line_matches(line, actual[a], rule)
            }
    return len(actual) in reached
