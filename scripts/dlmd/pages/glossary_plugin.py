"""MkDocs plugin `dlmd-glossary`: replace the invisible `<!-- md:glossary -->` marker with the
table of all abbreviations."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from dlmd.pages.abbreviations import glossary_table, read_abbreviations

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
