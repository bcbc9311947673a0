"""Read the site's abbreviation list and render it as the glossary table.

`includes/abbreviations.md` holds lines like `*[AUC]: Area under the ROC curve`. pymdownx.snippets
appends it to every page so `abbr` turns each use into a tooltip; the glossary page shows the
same list as a table, so the two never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

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


# How Python-Markdown's abbr and dlmd.notebooks.html write an abbreviation.
_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_SECTION_START = re.compile(r"(?=<h2[\s>])")


def explain_first_use(page_html: str) -> str:
    """The page content with each abbreviation explained (an `<abbr>` tooltip) at its first use
    in each section (from one <h2> to the next) and plain at later uses.

    As in a printed text, a reader meets the meaning once per section, and the glossary has
    them all. Each tooltip also costs the theme's script set-up time on a phone: the imaging
    page had 100 of them, 39 for "AI" (README, Performance).
    """
    sections = _SECTION_START.split(page_html)

    def first_only(section: str) -> str:
        seen: set[str] = set()

        def keep(match: re.Match[str]) -> str:
            if match[1] in seen:
                return match[1]
            seen.add(match[1])
            return match[0]

        return _ABBR.sub(keep, section)

    return "".join(first_only(section) for section in sections)
