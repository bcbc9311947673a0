"""Finding the way on a long page: a reading time, a "jump to" strip of its sections, and an
orientation box (what you will learn, before you start, time) from the page's front matter.

    orientation:
      learn: [What deep learning is, ...]
      before: [Nothing: no maths or code needed]

Both go right under the page's title. The reading time and the sections come from the rendered
page itself (words outside code, quizzes and tables; its h2 headings), so they stay true as the
page changes. Plain Python on the rendered HTML; `dlmd-page-meta` calls it.
"""

from __future__ import annotations

import html
import math
import re

WORDS_PER_MINUTE = 200  # an unhurried reading pace for technical text
LONG_PAGE_WORDS = 1200  # a page this long gets the "jump to" strip
MIN_SECTIONS = 3

_H1_END = re.compile(r"</h1>")
_H2 = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>(?P<text>.*?)</h2>', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
_NOT_PROSE = re.compile(
    r"<(pre|table|form|script|style)\b.*?</\1>|<abbr [^>]*>", re.DOTALL | re.IGNORECASE
)
_TAG = re.compile(r"<[^>]+>")


class OrientationError(ValueError):
    """The front matter's `orientation` is not a mapping of `learn` and `before` lists."""


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def reading_minutes(page_html: str) -> int:
    """Minutes to read the page's prose at WORDS_PER_MINUTE, at least 1."""
    words = len(_text(_NOT_PROSE.sub(" ", page_html)).split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def sections(page_html: str) -> list[tuple[str, str]]:
    """The page's h2 sections as (id, heading text), in order."""
    return [
        (match["id"], _text(_HEADERLINK.sub("", match["text"])))
        for match in _H2.finditer(page_html)
    ]


def jump_strip(links: list[tuple[str, str]], minutes: int | None) -> str:
    items = "".join(f'<li><a href="#{ident}">{html.escape(text)}</a></li>' for ident, text in links)
    time = f'<p class="dlmd-jump__time">About {minutes} min read</p>' if minutes else ""
    return (
        f'<nav class="dlmd-jump" aria-label="Jump to a section">{time}'
        f'<p class="dlmd-jump__label">Jump to:</p><ul>{items}</ul></nav>'
    )


def orientation_box(orientation: object, minutes: int) -> str:
    if not isinstance(orientation, dict) or set(orientation) - {"learn", "before"}:
        raise OrientationError("orientation takes two lists: learn and before")
    parts = []
    for key, title in (("learn", "What you will learn"), ("before", "Before you start")):
        items = orientation.get(key) or []
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise OrientationError(f"orientation.{key} must be a list of short sentences")
        if items:
            listed = "".join(f"<li>{html.escape(item)}</li>" for item in items)
            parts.append(f"<p><strong>{title}</strong></p><ul>{listed}</ul>")
    parts.append(f"<p><strong>Time:</strong> about {minutes} minutes of reading.</p>")
    return (
        '<div class="admonition info dlmd-orientation" role="note" aria-label="Orientation">'
        f'<p class="admonition-title">Orientation</p>{"".join(parts)}</div>'
    )


def add_wayfinding(page_html: str, orientation: object | None) -> str:
    """`page_html` with the orientation box (when given) and, on a long page, the "jump to"
    strip under its title. The reading time is said once: in the box if there is one."""
    minutes = reading_minutes(page_html)
    found = sections(page_html)
    words_long = minutes * WORDS_PER_MINUTE > LONG_PAGE_WORDS
    added = ""
    if orientation is not None:
        added += orientation_box(orientation, minutes)
    if words_long and len(found) >= MIN_SECTIONS:
        added += jump_strip(found, None if orientation is not None else minutes)
    if not added:
        return page_html
    return _H1_END.sub(lambda end: end[0] + added, page_html, count=1)
