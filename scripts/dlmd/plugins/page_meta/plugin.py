"""MkDocs plugin `dlmd-page-meta`: every Markdown page says what it is about and when it was
last reviewed.

`description` becomes the page's meta description (Material reads `page.meta.description`);
`last_reviewed` is shown under the content by `overrides/main.html`. A page without them
fails the build with its file and what to add, instead of shipping without either.
A notebook declares both in its metadata, `{"dlmd": {"description": ..., "last_reviewed": ...}}`.
Long pages get a reading time and a "jump to" strip, and a page with `orientation` its box
(wayfinding.py).
"""

from __future__ import annotations

import contextlib
import datetime
import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from dlmd.pages.wayfinding import OrientationError, add_wayfinding, reading_minutes
from dlmd.plugins import page_source
from dlmd.plugins.page_meta.config import PageMetaConfig

REQUIRED = ("description", "last_reviewed")


def _notebook_meta(source: str) -> dict:
    """The notebook's `metadata.dlmd` (its JSON text is what MkDocs reads as the page source)."""
    try:
        meta = json.loads(source).get("metadata", {}).get("dlmd", {})
    except (ValueError, AttributeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def check_page_meta(
    markdown: str, page: Page, where: str, required: tuple[str, ...] = REQUIRED
) -> str:
    """`where` names the page's source file in messages."""
    notebook = page.file.src_uri.endswith(".ipynb")
    if not notebook and not page.file.src_uri.endswith(".md"):
        return markdown
    where = f"{where}:1"
    if notebook:
        meta = _notebook_meta(markdown)
        page.meta.update({key: meta[key] for key in required if meta.get(key)})
        if isinstance(page.meta.get("last_reviewed"), str):
            with contextlib.suppress(ValueError):  # a non-date is reported below
                page.meta["last_reviewed"] = datetime.date.fromisoformat(page.meta["last_reviewed"])
    missing = [key for key in required if not page.meta.get(key)]
    if missing and notebook:
        raise PluginError(
            f"{where}: notebook metadata is missing {', '.join(missing)}; add e.g. "
            '"dlmd": {"description": "One sentence on what the page teaches.", '
            '"last_reviewed": "YYYY-MM-DD"} to the notebook\'s metadata.'
        )
    if missing:
        raise PluginError(
            f"{where}: front matter is missing {', '.join(missing)}; add e.g. "
            "'description: One sentence on what the page teaches.' and "
            "'last_reviewed: YYYY-MM-DD' between '---' lines at the top of the page."
        )
    reviewed = page.meta["last_reviewed"]
    if not isinstance(reviewed, datetime.date):
        raise PluginError(
            f"{where}: last_reviewed must be a date written YYYY-MM-DD, got {reviewed!r}."
        )
    return markdown


class PageMetaPlugin(BasePlugin[PageMetaConfig]):
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, **_: object
    ) -> str:
        required = tuple(dict.fromkeys((*self.config.required, "last_reviewed")))
        return check_page_meta(markdown, page, page_source(page, config), required)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, **_: object) -> str:
        # Markdown pages only: a notebook opens with its own time and data (dlmd.notebooks).
        if not page.file.src_uri.endswith(".md") or page.is_homepage:
            return html
        page.meta["reading_minutes"] = reading_minutes(html)  # for the course cards (dlmd-course)
        try:
            return add_wayfinding(html, page.meta.get("orientation"))
        except OrientationError as error:
            raise PluginError(f"{page_source(page, config)}:1: {error}.") from None
