"""MkDocs plugin `dlmd-page-speed`: every page paints sooner on a phone: small stylesheets
inlined, Material's script deferred, the palette's switching rule dropped (page_speed.py).

It runs after the other plugins have added their stylesheet links (quiz.css, notebook.css),
whatever their order in mkdocs.yml.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from dlmd.pages.page_speed import (
    defer_theme_script,
    inline_stylesheets,
    site_path,
    without_palette_switch_rule,
)
from dlmd.paths import shown_path


class PageSpeedConfig(base.Config):
    # Stylesheets up to this size are inlined: the site's own and the theme's palette (12 KB)
    # are; Material's main.css (134 KB), shared by every page, stays a cached file.
    inline_css_max_bytes = c.Type(int, default=16 * 1024)


class PageSpeedPlugin(BasePlugin[PageSpeedConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.site_prefix = urlsplit(config.site_url or "/").path or "/"

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files: dict[str, File] = {file.dest_uri: file for file in files}
        palettes = [
            file
            for uri, file in self.files.items()
            if re.fullmatch(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css", uri)
        ]
        for palette in palettes:  # none: the site has no palette toggle
            try:
                palette.content_string = without_palette_switch_rule(
                    palette.content_string, palette.abs_src_path or palette.src_uri
                )
            except ValueError as error:
                raise PluginError(str(error)) from error
        return files

    def _rewrite(self, output: str, page_url: str, where: str) -> str:
        def read(href: str) -> str | None:
            path = site_path(href, page_url, self.site_prefix)
            file = self.files.get(path) if path else None
            return file.content_string if file is not None else None

        try:
            output = inline_stylesheets(output, read, self.config.inline_css_max_bytes, where)
            return defer_theme_script(output, where)
        except ValueError as error:
            raise PluginError(str(error)) from error

    @event_priority(-100)  # after every plugin that adds a stylesheet link
    def on_post_page(self, output: str, *, page: Page, **_: object) -> str:
        where = shown_path(page.file.abs_src_path or page.file.src_uri)
        return self._rewrite(output, page.url, where)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, **_: object) -> str:
        # 404.html is rendered as a theme template, not a page; its links are root-relative.
        if not template_name.endswith(".html"):
            return output_content
        return self._rewrite(output_content, template_name, template_name)
