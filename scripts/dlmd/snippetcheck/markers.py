"""Check markers: HTML comments right before a code block, invisible on the rendered page.

    <!-- check: skip reason="downloads 2 GB of scans" -->
    <!-- check: timeout=300 -->
    <!-- check: timeout=300 skip reason="..." -->      (several keys in one marker are fine)
    <!-- check: output numbers=0.02 timings -->        (before an output block: output_rules.py)
    <!-- check: illustration reason="sample log" -->  (an output block no code block owns)
    <!-- check: isolated -->                          (runs in its own namespace, not the page's)

Blank lines may separate a marker from its block, nothing else may; inside admonitions and tabs
leave one (without it Python-Markdown wraps the comment and the block in one <p>). In a
notebook, the same settings live in the code cell's metadata: `{"dlmd": {"skip": "reason",
"timeout": 300}}`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dlmd.snippetcheck.output_rules import RULE_KEYS, OutputRule, parse_rule

MARKER_START = re.compile(r"^\s*<!--\s*check\s*:")
MARKER = re.compile(r"^\s*<!--\s*check\s*:(?P<body>.*?)-->\s*$")
_TOKEN = re.compile(
    r"""\s*(?P<key>[A-Za-z_][\w-]*)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+)))?\s*"""
)
KNOWN_KEYS = ("skip", "reason", "timeout", "output", *RULE_KEYS, "illustration", "isolated")


class MarkerError(ValueError):
    """A marker that cannot be obeyed; the message says how to fix it."""


@dataclass
class Marker:
    skip: bool = False
    reason: str | None = None
    timeout: float | None = None
    output: OutputRule | None = None  # how the output block below may vary
    illustration: str | None = None  # why the output block below is not any block's output
    isolated: bool = False  # the block below runs in a fresh namespace of its own

    def merge(self, other: Marker) -> Marker:
        return Marker(
            isolated=self.isolated or other.isolated,
            skip=self.skip or other.skip,
            reason=other.reason if other.reason is not None else self.reason,
            timeout=other.timeout if other.timeout is not None else self.timeout,
            output=other.output if other.output is not None else self.output,
            illustration=other.illustration or self.illustration,
        )


def is_marker_line(line: str) -> bool:
    return MARKER_START.match(line) is not None


def parse_marker(line: str) -> Marker:
    """Parse one `<!-- check: ... -->` line; raise MarkerError when it is malformed."""
    m = MARKER.match(line)
    if m is None:
        raise MarkerError(
            "a check marker must be a whole one-line HTML comment: "
            '<!-- check: skip reason="why" --> or <!-- check: timeout=300 -->'
        )
    body = m.group("body").strip()
    if not body:
        raise MarkerError('empty check marker; use skip reason="..." or timeout=SECONDS')
    values: dict[str, str | None] = {}
    position = 0
    while position < len(body):
        token = _TOKEN.match(body, position)
        if token is None or token.end() == position:
            raise MarkerError(f"cannot read the check marker at {body[position:]!r}")
        key = token.group("key")
        if key not in KNOWN_KEYS:
            raise MarkerError(
                f"unknown check marker key {key!r}; known keys: {', '.join(KNOWN_KEYS)}"
            )
        value = next((v for v in token.group("dq", "sq", "bare") if v is not None), None)
        values[key] = value
        position = token.end()

    marker = Marker()
    _parse_output_keys(values, marker)
    if "skip" in values:
        if values["skip"] is not None:
            raise MarkerError('write skip without a value and give the reason: skip reason="why"')
        reason = (values.get("reason") or "").strip()
        if not reason:
            raise MarkerError(
                "a skip marker needs a reason that readers of the report understand: "
                '<!-- check: skip reason="why this block cannot run here" -->'
            )
        marker.skip, marker.reason = True, reason
    elif "reason" in values and marker.illustration is None:
        raise MarkerError(
            'reason= only goes with skip or illustration: <!-- check: skip reason="why" -->'
        )
    if "timeout" in values:
        marker.timeout = parse_timeout(values["timeout"])
    if "isolated" in values:
        if values["isolated"] is not None:
            raise MarkerError("write isolated without a value: <!-- check: isolated -->")
        marker.isolated = True
    return marker


def _parse_output_keys(values: dict[str, str | None], marker: Marker) -> None:
    """The output-block keys: `output` with its rule, or `illustration reason="..."`."""
    if "illustration" in values:
        reason = (values.get("reason") or "").strip()
        if values["illustration"] is not None or not reason or len(values) > 2:
            raise MarkerError(
                "an illustration marker takes only a reason: "
                '<!-- check: illustration reason="what this sample output shows" -->'
            )
        marker.illustration = reason
    rule_keys = [key for key in RULE_KEYS if key in values]
    if "output" in values:
        if values["output"] is not None:
            raise MarkerError("write output without a value: <!-- check: output numbers=0.02 -->")
        try:
            marker.output = parse_rule(values)
        except ValueError as error:
            raise MarkerError(str(error)) from error
    elif rule_keys:
        raise MarkerError(
            f"{rule_keys[0]} belongs in an output marker right before an output block: "
            "<!-- check: output numbers=0.02 timings ellipsis -->"
        )


def parse_timeout(value: object) -> float:
    """A timeout in seconds: a positive, finite number."""
    try:
        seconds = math.nan if isinstance(value, bool) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise MarkerError(f"timeout must be a positive number of seconds, got {value!r}")
    return seconds
