"""Replace the invisible `<!-- md:glossary -->` marker with the table of all abbreviations."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from dlmd.pages.abbreviations import glossary_table, read_abbreviations

MARKER = "<!-- md:glossary -->"


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if MARKER not in markdown:
        return markdown
    try:
        table = glossary_table(read_abbreviations())
    except ValueError as error:
        raise PluginError(str(error)) from error
    return markdown.replace(MARKER, f"\n\n{table}\n\n")  # a table needs blank lines around it
