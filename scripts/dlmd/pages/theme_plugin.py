"""Rewrite the theme's invalid markup on every page (see scripts/theme_html.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.pages import Page

from dlmd.pages.theme_html import fix_html


def on_post_page(output: str, page: Page, **_: object) -> str:
    return fix_html(output)


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    # 404.html is rendered as a theme template, not a page.
    return fix_html(output_content) if template_name.endswith(".html") else output_content
