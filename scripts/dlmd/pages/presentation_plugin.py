"""MkDocs plugin `dlmd-presentation`: render-time presentation of Markdown pages: output blocks
labelled as output (output_labels.py) and short DOI links in tables (table_dois.py)."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from dlmd.pages.output_labels import label_output_blocks
from dlmd.pages.table_dois import shorten_table_dois


class PresentationPlugin(BasePlugin):
    def on_page_content(self, html: str, *, page: Page, **_: object) -> str:
        # Notebook pages label their outputs themselves (dlmd.notebooks.html).
        if page.file.src_uri.endswith(".ipynb"):
            return html
        return shorten_table_dois(label_output_blocks(html))
