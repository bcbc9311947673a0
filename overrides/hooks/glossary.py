"""Render the glossary table from the same file that gives every page its abbreviation tooltips.

`includes/abbreviations.md` holds lines like `*[AUC]: Area under the ROC curve`; pymdownx.snippets
appends it to every page, so `abbr` turns each use into a tooltip. The glossary page writes the
invisible marker `<!-- md:glossary -->` where the table of all abbreviations goes, so the list
and the tooltips never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

MARKER = "<!-- md:glossary -->"
ABBREVIATIONS = Path(__file__).parents[2] / "includes" / "abbreviations.md"
ABBR_LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>\S.*)$")


def read_abbreviations(path: Path = ABBREVIATIONS) -> list[tuple[str, str]]:
    """Return (term, meaning) pairs in file order; raise with file:line on a malformed line."""
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("<!--"):
            continue
        match = ABBR_LINE.match(line)
        if not match:
            raise PluginError(
                f"{path.name}:{number}: expected '*[TERM]: meaning', got {line!r}."
            )
        pairs.append((match["term"], match["meaning"]))
    return pairs


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if MARKER not in markdown:
        return markdown
    rows = sorted(read_abbreviations(), key=lambda pair: pair[0].lower())
    table = ["| Abbreviation | Meaning |", "| --- | --- |"]
    table += [f"| {term} | {meaning} |" for term, meaning in rows]
    return markdown.replace(MARKER, "\n".join(table))
