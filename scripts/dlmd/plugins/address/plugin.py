"""MkDocs plugin `dlmd-address`: the site's and the repository's addresses come from where
the site is built (site_address.py), and pages' repository sections are kept or dropped
(repo_sections.py).

No repository known: no repository link and no edit pencils. The plugin keeps the branch it
found (`branch`), which `dlmd-notebooks` reads for its Colab and View source links. List it
first in mkdocs.yml, so that every plugin's `on_config` sees the resolved addresses.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from dlmd.pages.repo_sections import RepoSectionError, fill_repo_sections
from dlmd.pages.site_address import SiteAddressError, resolve
from dlmd.plugins import page_source
from dlmd.plugins.address.config import SiteAddressConfig


class SiteAddressPlugin(BasePlugin[SiteAddressConfig]):
    branch: str | None = None  # the branch the site is built from, None when unknown

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        checkout = Path(config.config_file_path).resolve().parent
        try:
            address = resolve(os.environ, checkout, config.site_url)
        except SiteAddressError as error:
            raise PluginError(str(error)) from error
        docs = Path(os.path.relpath(config.docs_dir, checkout)).as_posix()
        config.site_url = address.site_url
        config.repo_url = address.repo_url
        config.repo_name = address.repo_name
        config.edit_uri = address.edit_uri(docs)  # None: MkDocs gives pages no edit_url
        self.branch = address.branch
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, **_) -> str:
        try:
            return fill_repo_sections(markdown, config.repo_url, page_source(page, config))
        except RepoSectionError as error:
            raise PluginError(str(error)) from error
