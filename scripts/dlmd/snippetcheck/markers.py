"""Check markers: HTML comments right before a code block, invisible on the rendered page.

    <!-- check: skip reason="downloads 2 GB of scans" -->
    <!-- check: timeout=300 -->
    <!-- check: timeout=300 skip reason="..." -->      (several keys in one marker are fine)

Blank lines may separate a marker from its block, nothing else may; inside admonitions and tabs
leave one (without it Python-Markdown wraps the comment and the block in one <p>). In a
notebook, the same settings live in the code cell's metadata: `{"dlmd": {"skip": "reason",
"timeout": 300}}`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MARKER_START = re.compile(r"^\s*<!--\s*check\s*:")
MARKER = re.compile(r"^\s*<!--\s*check\s*:(?P<body>.*?)-->\s*$")
_TOKEN = re.compile(
    r"""\s*(?P<key>[A-Za-z_][\w-]*)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+)))?\s*"""
)
KNOWN_KEYS = ("skip", "reason", "timeout")


class MarkerError(ValueError):
    """A marker that cannot be obeyed; the message says how to fix it."""


@dataclass
class Marker:
    skip: bool = False
    reason: str | None = None
    timeout: float | None = None

    def merge(self, other: Marker) -> Marker:
        return Marker(
            skip=self.skip or other.skip,
            reason=other.reason if other.reason is not None else self.reason,
            timeout=other.timeout if other.timeout is not None else self.timeout,
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
    elif "reason" in values:
        raise MarkerError('reason= only goes with skip: <!-- check: skip reason="why" -->')
    if "timeout" in values:
        marker.timeout = parse_timeout(values["timeout"])
    return marker


def parse_timeout(value: object) -> float:
    """A timeout in seconds: a positive, finite number."""
    try:
        seconds = math.nan if isinstance(value, bool) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        seconds = math.nan
    if not math.isfinite(seconds) or seconds <= 0:
        raise MarkerError(f"timeout must be a positive number of seconds, got {value!r}")
    return seconds
