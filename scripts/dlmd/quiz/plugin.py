"""Build-time quizzes (issue 4): validate each page's quizzes and render them as HTML.

All logic lives in `scripts/quizkit` (see its docstring for the syntax); this hook only hands it
each page and turns its problems into a failed build with `file:line: message` lines.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from dlmd.quiz import QuizError, convert_page


def _shown_path(page: Page) -> str:
    """The source path as typed from the working directory (docs/page.md), else absolute."""
    source = page.file.abs_src_path
    if source is None:
        return f"docs/{page.file.src_uri}"
    relative = os.path.relpath(source)
    return source if relative.startswith("..") else relative


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if page.file.src_uri.endswith(".ipynb") and "<!-- quiz -->" in markdown:
        raise PluginError(
            f"{_shown_path(page)}: a quiz in a notebook is not rendered; "
            "put it in a Markdown page (e.g. the tutorials index) instead."
        )
    if not page.file.src_uri.endswith(".md") or "quiz" not in markdown.lower():
        return markdown  # most pages need no parsing
    try:
        return convert_page(markdown, page.file.content_string, _shown_path(page))
    except QuizError as error:
        raise PluginError("\n".join(error.messages)) from error
