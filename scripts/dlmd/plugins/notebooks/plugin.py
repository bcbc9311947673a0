"""MkDocs plugin `dlmd-notebooks`: notebook pages in the site's own light markup (no JupyterLab
CSS, no CDN scripts).

All logic lives in `dlmd.notebooks.html`; this plugin hands it each notebook page's HTML,
writes the page's compressed figures next to it, links the notebook stylesheet on notebook pages
only (dlmd.page_assets) and turns problems into a failed build.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from dlmd.notebooks.figure_cache import FigureCache
from dlmd.notebooks.html import NotebookHTMLError, action_links, render
from dlmd.page_assets import link_stylesheet, relative_url
from dlmd.pages.abbreviations import read_abbreviations
from dlmd.plugins import page_source
from dlmd.plugins.address.plugin import SiteAddressPlugin
from dlmd.plugins.notebooks.config import NotebooksConfig


def found_branch(config: MkDocsConfig) -> str | None:
    """The branch `dlmd-address` found for this build, None without that plugin."""
    for plugin in config.plugins.values():
        if isinstance(plugin, SiteAddressPlugin):
            return plugin.branch
    return None


class NotebooksPlugin(BasePlugin[NotebooksConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        try:
            self.abbreviations = read_abbreviations(Path(self.config.abbreviations))
        except ValueError as error:
            raise PluginError(str(error)) from error
        folder = self.config.figure_cache
        root = Path(config.config_file_path).resolve().parent
        self.figures = FigureCache(root / folder) if folder else None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        sheet = self.config.stylesheet
        if sheet and files.get_file_from_path(sheet) is None:
            raise PluginError(
                f"mkdocs.yml: dlmd-notebooks stylesheet {sheet!r} is not a file in "
                f"{config.docs_dir}; give its path relative to docs/"
            )
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not page.file.src_uri.endswith(".ipynb"):
            return html
        docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).resolve().parent)
        source_path = f"{docs.as_posix()}/{page.file.src_uri}"

        def resolve(path: str) -> str | None:
            uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
            target = files.get_file_from_path(uri)
            if target is None or not target.is_documentation_page():
                return None
            url = get_relative_url(target.url, page.url)
            directory = target.url == "" or target.url.endswith("/")  # "" is the home page
            return url + "/" if directory and not url.endswith("/") else url

        try:
            notebook = json.loads(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
            result = render(
                html,
                notebook=notebook,
                where=page_source(page, config),
                resolve_link=resolve,
                abbreviations=self.abbreviations,
                actions=action_links(
                    config.repo_url,
                    source_path,
                    self.config.branch or found_branch(config),
                ),
                compress=self.figures.compress if self.figures else None,
            )
        except (NotebookHTMLError, ValueError) as error:
            raise PluginError(str(error)) from error
        folder = Path(page.file.abs_dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in result.images.items():
            (folder / name).write_bytes(data)
        return result.html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.stylesheet or not page.file.src_uri.endswith(".ipynb"):
            return output
        where = page_source(page, config)
        try:
            return link_stylesheet(output, relative_url(self.config.stylesheet, page.url), where)
        except ValueError as error:
            raise PluginError(str(error)) from error

    def on_page_context(self, context: dict, *, page: Page, **_: object) -> dict:
        # The theme's edit button would open the notebook's raw JSON in GitHub's editor; the
        # page's own "View source" link (html.action_links) shows the notebook instead.
        if page.file.src_uri.endswith(".ipynb"):
            page.edit_url = None
        return context
