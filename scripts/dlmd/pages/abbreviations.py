"""Read the site's abbreviation list and render it as the glossary table.

`includes/abbreviations.md` holds lines like `*[AUC]: Area under the ROC curve`. pymdownx.snippets
appends it to every page so `abbr` turns each use into a tooltip; the glossary page shows the
same list as a table, so the two never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from dlmd.pages.html_pieces import Piece, pieces

ABBR_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>\S.*)$")


def read_abbreviations(path: Path) -> list[tuple[str, str]]:
    """Return (term, meaning) pairs in file order; raise ValueError with file:line if malformed."""
    pairs: list[tuple[str, str]] = []
    if not path.is_file():
        raise ValueError(f"{path}: the abbreviation list is missing")
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        match = ABBR_LINE.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: expected '*[TERM]: meaning', got {line!r}")
        if match["term"] in seen:
            raise ValueError(
                f"{path}:{number}: {match['term']!r} is already defined on line "
                f"{seen[match['term']]}; keep one line per term"
            )
        seen[match["term"]] = number
        pairs.append((match["term"], match["meaning"]))
    return pairs


def glossary_table(pairs: list[tuple[str, str]]) -> str:
    """A Markdown table of the abbreviations, sorted case-insensitively.

    A plural listed for its own tooltip (`EHRs` beside `EHR`: a tooltip matches whole words
    only) joins its singular's row, "EHR, EHRs", instead of repeating the entry.
    """
    terms = {term for term, _ in pairs}
    plurals = {term[:-1]: term for term in terms if term.endswith("s") and term[:-1] in terms}
    rows = sorted(
        (pair for pair in pairs if pair[0] not in plurals.values()),
        key=lambda pair: pair[0].lower(),
    )
    lines = ["| Abbreviation | Meaning |", "| --- | --- |"]
    lines += [
        f"| {term}{', ' + plurals[term] if term in plurals else ''} | {meaning} |"
        for term, meaning in rows
    ]
    return "\n".join(lines)


# A control or link around an abbreviation: a focusable <abbr> inside would nest interactive
# elements, so there it stays plain text and the next use outside one is explained.
INTERACTIVE = frozenset({"a", "button", "summary", "label", "select", "option", "textarea"})


def explain_first_use(page_html: str) -> str:
    """The page content with each abbreviation explained at its first use in each section
    (from one <h2> to the next) and plain at later uses.

    As in a printed text, a reader meets the meaning once per section, and the glossary has
    them all. Each tooltip also costs the theme's script set-up time on a phone: the imaging
    page had 100 of them, 39 for "AI" (README, Performance).

    An explained `<abbr title>` is focusable (`tabindex="0"`), so a keyboard or a tap reaches
    it: with JavaScript the theme's tooltip shows the meaning on focus (and names it to screen
    readers), without it site.css spells the title out after the word while it has focus.
    """
    items = list(pieces(page_html))
    out: list[str] = []
    seen: set[str] = set()
    last = 0
    for number, piece in enumerate(items):
        if piece.kind == "start" and piece.name == "h2":
            seen = set()
        if not _is_abbreviation(page_html, items, number):
            continue
        text, end = items[number + 1], items[number + 2]
        term = page_html[text.start : text.end]
        tag = page_html[piece.start : piece.end]
        out.append(page_html[last : piece.start])
        if term in seen or any(element.name in INTERACTIVE for element in piece.inside):
            out.append(term)
        else:
            seen.add(term)
            out.append(f'{tag[:-1]} tabindex="0">{term}</abbr>')
        last = end.end
    return "".join(out) + page_html[last:]


def _is_abbreviation(html: str, items: list[Piece], number: int) -> bool:
    """Whether items[number] opens `<abbr title="...">TERM</abbr>`, as Python-Markdown's abbr
    and dlmd.notebooks.html write an abbreviation."""
    piece = items[number]
    if piece.kind != "start" or piece.name != "abbr" or number + 2 >= len(items):
        return False
    text, end = items[number + 1], items[number + 2]
    return (
        text.kind == "text"
        and end.kind == "end"
        and end.name == "abbr"
        and "title=" in html[piece.start : piece.end]
    )
