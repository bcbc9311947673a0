"""MkDocs plugin `dlmd-theme-html`: rewrite the theme's invalid markup on every page (see
dlmd/pages/theme_html.py)."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from dlmd.pages.theme_html import fix_html


class ThemeHTMLPlugin(BasePlugin):
    def on_post_page(self, output: str, *, page: Page, **_: object) -> str:
        return fix_html(output)

    def on_post_template(self, output_content: str, *, template_name: str, **_: object) -> str:
        # 404.html is rendered as a theme template, not a page.
        return fix_html(output_content) if template_name.endswith(".html") else output_content
