"""Give notebook pages the site's own light markup (no JupyterLab CSS, no CDN scripts).

All logic lives in `scripts/notebook_html.py`; this hook hands it each notebook page's HTML,
writes the page's compressed figures next to it and turns problems into a failed build.
"""

from __future__ import annotations

import json
import posixpath
import sys
from functools import cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from abbreviations import read_abbreviations  # noqa: E402
from notebook_html import NotebookHTMLError, action_links, render  # noqa: E402


@cache
def _abbreviations() -> list[tuple[str, str]]:
    return read_abbreviations()


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
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
            where=source_path,
            resolve_link=resolve,
            abbreviations=_abbreviations(),
            actions=action_links(config.repo_url or "", source_path),
        )
    except (NotebookHTMLError, ValueError) as error:
        raise PluginError(str(error)) from error
    folder = Path(page.file.abs_dest_path).parent
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in result.images.items():
        (folder / name).write_bytes(data)
    return result.html


def on_page_context(context: dict, page: Page, **_: object) -> dict:
    # The theme's edit button would open the notebook's raw JSON in GitHub's editor; the page's
    # own "View source" link (scripts/notebook_html.py) shows the notebook instead.
    if page.file.src_uri.endswith(".ipynb"):
        page.edit_url = None
    return context
