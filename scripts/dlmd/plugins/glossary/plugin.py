"""MkDocs plugin `dlmd-glossary`: replace the invisible `<!-- md:glossary -->` marker with the
table of all abbreviations, and explain each abbreviation at its first use in each section of
a page (abbreviations.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from dlmd.pages.abbreviations import explain_first_use, glossary_table, read_abbreviations

MARKER = "<!-- md:glossary -->"


class GlossaryConfig(base.Config):
    # The abbreviation list pymdownx.snippets appends to pages; relative to where mkdocs runs,
    # like the snippets' base_path.
    abbreviations = c.Type(str, default="includes/abbreviations.md")


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def on_page_markdown(self, markdown: str, *, page: Page, **_: object) -> str:
        if MARKER not in markdown:
            return markdown
        try:
            table = glossary_table(read_abbreviations(Path(self.config.abbreviations)))
        except ValueError as error:
            raise PluginError(str(error)) from error
        return markdown.replace(MARKER, f"\n\n{table}\n\n")  # a table needs blank lines around it

    @event_priority(-50)  # after dlmd-notebooks has marked the notebooks' abbreviations
    def on_page_content(self, html: str, *, page: Page, **_: object) -> str:
        return explain_first_use(html)
