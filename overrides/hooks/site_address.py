"""Set the site's and the repository's addresses from where the site is built.

All logic lives in `scripts/site_address.py` and `scripts/repo_sections.py`; this hook puts
the addresses into MkDocs' config (no repository: no repository link and no edit pencils) and
keeps or drops the pages' repository sections. `config.extra["source_branch"]` tells the
notebooks hook which branch its Colab and View source links point into.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from repo_sections import RepoSectionError, fill_repo_sections  # noqa: E402
from site_address import SiteAddressError, resolve  # noqa: E402


def on_config(config: MkDocsConfig) -> MkDocsConfig:
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
    config.extra["source_branch"] = address.branch
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    checkout = Path(config.config_file_path).resolve().parent
    where = Path(os.path.relpath(page.file.abs_src_path, checkout)).as_posix()
    try:
        return fill_repo_sections(markdown, config.repo_url, where)
    except RepoSectionError as error:
        raise PluginError(str(error)) from error
