"""MkDocs plugin `dlmd-glossary`: replace the invisible `<!-- md:glossary -->` marker with the
table of all abbreviations (abbreviations.py). Each abbreviation explained at its first use in
each section of a page is a step of `dlmd-html`, which runs it after the notebooks' HTML."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from dlmd.pages.abbreviations import glossary_table, read_abbreviations
from dlmd.plugins.glossary.config import GlossaryConfig

MARKER = "<!-- md:glossary -->"


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def on_page_markdown(self, markdown: str, *, page: Page, **_: object) -> str:
        if MARKER not in markdown:
            return markdown
        try:
            table = glossary_table(read_abbreviations(Path(self.config.abbreviations)))
        except ValueError as error:
            raise PluginError(str(error)) from error
        return markdown.replace(MARKER, f"\n\n{table}\n\n")  # a table needs blank lines around it
