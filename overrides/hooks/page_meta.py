"""Require every Markdown page to say what it is about and when it was last reviewed.

`description` becomes the page's meta description (Material reads `page.meta.description`);
`last_reviewed` is shown under the content by `overrides/main.html`. A page without them
fails the build with its file and what to add, instead of shipping without either.
"""

from __future__ import annotations

import datetime

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

REQUIRED = ("description", "last_reviewed")


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown  # notebooks carry their metadata in the notebook itself
    where = f"docs/{page.file.src_uri}:1"
    missing = [key for key in REQUIRED if not page.meta.get(key)]
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
