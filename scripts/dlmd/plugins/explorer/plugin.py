"""MkDocs plugin `dlmd-explorer`: each `<!-- explorer -->` line of a page (a Markdown page or a
notebook's Markdown cell) becomes the threshold and prevalence explorer, drawn from the ROC
curve the notebook `notebook` stored (dlmd.explorer.data). It works on the page's HTML, after
dlmd-notebooks (list it below that plugin), so both kinds of page go the same way.

Only pages with an explorer load explorer.js and explorer.css, as the quiz does
(dlmd.page_assets): the stylesheet at the end of <head>, which dlmd-page-speed writes into the
page, and a deferred script inside the page content, which instant navigation runs again.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import dlmd.explorer
from dlmd.explorer.data import ExplorerDataError, RocData, read_roc_data
from dlmd.explorer.render import render
from dlmd.markdown.paths import source_name
from dlmd.page_assets import relative_url, script_tag
from dlmd.plugins import link_page_stylesheet, page_source
from dlmd.plugins.explorer.config import ExplorerConfig

ASSETS = Path(dlmd.explorer.__file__).with_name("assets")
SCRIPT = "assets/javascripts/explorer.js"
STYLESHEET = "assets/stylesheets/explorer.css"
# The marker as Python-Markdown and nbconvert leave it: a comment alone in its block.
MARKER = re.compile(r"<!--\s*explorer\s*-->")
EXPLORER_MARKUP = '<figure class="dlmd-explorer"'  # how dlmd.explorer.render starts it


class ExplorerPlugin(BasePlugin[ExplorerConfig]):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # The notebook is read when a page first asks for an explorer, so a site (or a test
        # site) without one builds without the notebook.
        self.notebook = files.get_file_from_path(self.config.notebook)
        self.data: RocData | None = None
        self.config_dir = Path(config.config_file_path).parent
        if self.config.assets:
            for uri, name in ((SCRIPT, "explorer.js"), (STYLESHEET, "explorer.css")):
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        return files

    def roc_data(self, page: Page, config: MkDocsConfig) -> RocData:
        """The notebook's stored ROC curve, read once; a clear error if it is not there."""
        if self.data is not None:
            return self.data
        notebook = self.notebook
        if notebook is None or notebook.abs_src_path is None:
            raise PluginError(
                f"{page_source(page, config)}: has an explorer, but the dlmd-explorer notebook "
                f"{self.config.notebook!r} is not a file in {config.docs_dir}; set its path "
                "relative to docs/ in mkdocs.yml"
            )
        try:
            where = source_name(notebook.abs_src_path, self.config_dir)
            self.data = read_roc_data(Path(notebook.abs_src_path), where)
        except ExplorerDataError as error:
            raise PluginError(str(error)) from error
        return self.data

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, **_: object) -> str:
        if not MARKER.search(html):
            return html
        data = self.roc_data(page, config)
        notebook_url = relative_url(self.notebook.url, page.url)
        count = 0

        def explorer(_match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            ident = "dlmd-explorer" if count == 1 else f"dlmd-explorer-{count}"
            return render(data, ident, notebook_url)

        html = MARKER.sub(explorer, html)
        if self.config.assets:
            html += script_tag(relative_url(SCRIPT, page.url))
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.assets or EXPLORER_MARKUP not in output:
            return output
        return link_page_stylesheet(output, STYLESHEET, page, config)
