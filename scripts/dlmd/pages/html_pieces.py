"""A rendered page's HTML as a flat list of pieces (tags and text), each with the elements it
sits in, so a step can rewrite running text without a full parser.

Python-Markdown, the notebooks' HTML (dlmd.notebooks.html) and the site's plugins write
well-formed HTML, so a stack of open elements is enough: a void element or `/>` never opens
one, and an end tag closes the nearest open element of its name. The content of <script>,
<style> and <textarea> is one piece, never read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
RAW_TEXT = frozenset({"script", "style", "textarea"})

_MARKUP = re.compile(
    r"<!--.*?-->"  # a comment
    r"|<[!?][^>]*>"  # a doctype or processing instruction
    r"|<(?P<close>/?)(?P<name>[A-Za-z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


@dataclass(frozen=True)
class Element:
    """An open element: its tag name (lower case) and classes."""

    name: str
    classes: frozenset[str]


@dataclass(frozen=True)
class Piece:
    """`html[start:end]`: a start or end tag (`name` set), text, or other markup (a comment).

    `inside` is the open elements around it, outermost first; a start tag's own element is
    not among them, nor is an end tag's."""

    start: int
    end: int
    kind: Literal["start", "end", "text", "other"]
    name: str
    inside: tuple[Element, ...]


def pieces(html: str) -> Iterator[Piece]:
    """The pieces of `html` in order; together they cover it exactly."""
    stack: tuple[Element, ...] = ()
    position = 0
    while position < len(html):
        match = _MARKUP.search(html, position)
        if match is None:
            yield Piece(position, len(html), "text", "", stack)
            return
        if match.start() > position:
            yield Piece(position, match.start(), "text", "", stack)
        name = (match["name"] or "").lower()
        if not name:
            yield Piece(match.start(), match.end(), "other", "", stack)
        elif match["close"]:
            yield Piece(match.start(), match.end(), "end", name, _closed(stack, name))
            stack = _closed(stack, name)
        else:
            yield Piece(match.start(), match.end(), "start", name, stack)
            if name in RAW_TEXT:
                closing = re.compile(rf"</{name}\b", re.IGNORECASE).search(html, match.end())
                end = closing.start() if closing else len(html)
                if end > match.end():
                    yield Piece(match.end(), end, "other", "", (*stack, _element(name, "")))
                position = end
                continue
            if name not in VOID and not match["attrs"].rstrip().endswith("/"):
                stack = (*stack, _element(name, match["attrs"]))
        position = match.end()


def _element(name: str, attrs: str) -> Element:
    found = _CLASS.search(attrs)
    classes = next((group for group in found.groups() if group is not None), "") if found else ""
    return Element(name, frozenset(classes.split()))


def _closed(stack: tuple[Element, ...], name: str) -> tuple[Element, ...]:
    """The stack once `</name>` closes the nearest open `name` (unchanged if none is open)."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].name == name:
            return stack[:depth]
    return stack
