"""MkDocs plugin `dlmd-presentation`: render-time presentation of pages: output blocks labelled
as output (output_labels.py), short DOI links in tables (table_dois.py), code blocks without
Pygments' invisible spans (code_spans.py), section links named without a tooltip
(permalinks.py), and the site's own stylesheets shipped without their comments
(stylesheets.py)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from dlmd.pages.code_spans import unwrap_plain_spans
from dlmd.pages.output_labels import label_output_blocks
from dlmd.pages.permalinks import label_section_links
from dlmd.pages.stylesheets import strip_comments
from dlmd.pages.table_dois import shorten_table_dois


class PresentationPlugin(BasePlugin):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Only docs/ stylesheets: the theme's are minified already.
        for file in files.css_files():
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(config.docs_dir):
                file.content_string = strip_comments(file.content_string)
        return files

    def on_page_content(self, html: str, *, page: Page, **_: object) -> str:
        # Notebook pages label their outputs themselves (dlmd.notebooks.html).
        if page.file.src_uri.endswith(".ipynb"):
            return html
        return shorten_table_dois(label_output_blocks(html))

    def on_post_page(self, output: str, *, page: Page, **_: object) -> str:
        # Every page, notebooks included: their code is highlighted by the same Pygments, and
        # their section links are written like the Markdown pages' (dlmd.notebooks.html).
        return label_section_links(unwrap_plain_spans(output))
