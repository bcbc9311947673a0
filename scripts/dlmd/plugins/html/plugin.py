"""MkDocs plugin `dlmd-html`: the site's HTML post-processing, one step after another in the
order written below (each step is a plain function in dlmd.pages):

- stylesheets: the site's own shipped without comments (stylesheets.py), the theme's palette
  without its switching rule (page_speed.py);
- page content: output blocks labelled as output (output_labels.py), short DOI links in tables
  (table_dois.py), figures offered in their phone variant and linked to their full size
  (phone_figures.py), then each abbreviation explained at its first use in each section
  (abbreviations.py; after the notebooks' HTML, which marks their abbreviations);
- whole pages and 404.html: code blocks without Pygments' invisible spans (code_spans.py),
  section links named without a tooltip (permalinks.py), the theme's invalid markup rewritten
  (theme_html.py), then small stylesheets inlined and Material's script deferred
  (page_speed.py; after every stylesheet link, quiz.css and notebook.css included), and last
  the templates' indentation taken out (indentation.py).

Its events run after every other plugin's (priority -100), whatever their order in mkdocs.yml,
so the steps see the page as the other plugins left it.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from dlmd.pages.abbreviations import explain_first_use
from dlmd.pages.code_spans import unwrap_plain_spans
from dlmd.pages.indentation import without_indentation
from dlmd.pages.output_labels import label_output_blocks
from dlmd.pages.page_speed import (
    defer_theme_script,
    inline_stylesheets,
    site_path,
    without_palette_switch_rule,
)
from dlmd.pages.permalinks import label_section_links
from dlmd.pages.phone_figures import offer_phone_figures, phone_variant_url, svg_size
from dlmd.pages.stylesheets import strip_comments
from dlmd.pages.table_dois import shorten_table_dois
from dlmd.pages.theme_html import fix_html
from dlmd.plugins import page_source
from dlmd.plugins.html.config import HTMLConfig

LAST = -100  # after every other plugin's event of the same name


class HTMLPlugin(BasePlugin[HTMLConfig]):
    @event_priority(LAST)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Only docs/ stylesheets lose their comments: the theme's are minified already.
        for file in files.css_files():
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(config.docs_dir):
                file.content_string = strip_comments(file.content_string)
        palettes = [
            file
            for file in files
            if re.fullmatch(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css", file.dest_uri)
        ]
        for palette in palettes:  # none: the site has no palette toggle
            try:
                palette.content_string = without_palette_switch_rule(
                    palette.content_string, palette.abs_src_path or palette.src_uri
                )
            except ValueError as error:
                raise PluginError(str(error)) from error
        self.files: dict[str, File] = {file.dest_uri: file for file in files}
        # Read here, not in on_config: dlmd-address may set site_url after this plugin's on_config.
        self.site_prefix = urlsplit(config.site_url or "/").path or "/"
        return files

    @event_priority(LAST)
    def on_page_content(self, html: str, *, page: Page, **_: object) -> str:
        # Notebook pages label their outputs themselves (dlmd.notebooks.html).
        if not page.file.src_uri.endswith(".ipynb"):
            html = shorten_table_dois(label_output_blocks(html))
            html = offer_phone_figures(html, lambda src: self._phone_variant(page, src))
        return explain_first_use(html)

    def _phone_variant(self, page: Page, src: str) -> tuple[str, int, int] | None:
        """The phone variant of the image `src` of `page`, if docs/ has one."""
        if "://" in src:
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.url), src))
        found = self.files.get(phone_variant_url(path))
        if found is None or not found.abs_src_path:
            return None
        width, height = svg_size(Path(found.abs_src_path).read_text(encoding="utf-8"))
        return phone_variant_url(src), width, height

    @event_priority(LAST)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Every page, notebooks included: their code is highlighted by the same Pygments, and
        # their section links are written like the Markdown pages' (dlmd.notebooks.html).
        output = fix_html(label_section_links(unwrap_plain_spans(output)))
        where = page_source(page, config)
        return self._speed_up(output, page.url, where)

    @event_priority(LAST)
    def on_post_template(self, output_content: str, *, template_name: str, **_: object) -> str:
        # 404.html is rendered as a theme template, not a page; its links are root-relative.
        if not template_name.endswith(".html"):
            return output_content
        return self._speed_up(fix_html(output_content), template_name, template_name)

    def _speed_up(self, output: str, page_url: str, where: str) -> str:
        def read(href: str) -> str | None:
            path = site_path(href, page_url, self.site_prefix)
            file = self.files.get(path) if path else None
            return file.content_string if file is not None else None

        try:
            output = inline_stylesheets(output, read, self.config.inline_css_max_bytes, where)
            return without_indentation(defer_theme_script(output, where))
        except ValueError as error:
            raise PluginError(str(error)) from error
