"""MkDocs plugin `dlmd-quiz`: validate each page's quizzes, render them, ship quiz.js/quiz.css.

Only pages with a quiz load quiz.js and quiz.css (a stylesheet link at the end of <head>, which
dlmd-html writes into the page, and a deferred script at the end of the page content:
dlmd.page_assets), so other pages carry neither their bytes nor their set-up.

Another site needs only `pip install` and two lines in mkdocs.yml (`plugins: [dlmd-quiz]`, plus
`md_in_html` and `attr_list` in `markdown_extensions`). All logic lives in `dlmd.quiz` (see its
docstring for the syntax); the plugin hands it each page and turns its problems into a failed
build with `file:line: message` lines.

A page with a `<!-- quiz-hub -->` line gets the quiz hub there (dlmd.quiz.hub): every quiz of
the site's pages in nav order, read from their sources once the nav is known, and quiz-hub.js,
which writes the reader's saved scores into it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

import dlmd.quiz
from dlmd.page_assets import relative_url, script_tag
from dlmd.plugins import link_page_stylesheet, page_source
from dlmd.plugins.quiz.config import QuizConfig
from dlmd.quiz import QuizError, convert_page
from dlmd.quiz.hub import HUB_MARKUP, HubEntry, has_marker, page_entries, replace_marker

ASSETS = Path(dlmd.quiz.__file__).with_name("assets")
# Where the page loads them from: the same URLs as when they lived in docs/assets/.
SCRIPT = "assets/javascripts/quiz.js"
HUB_SCRIPT = "assets/javascripts/quiz-hub.js"  # only on the hub page: it reads quiz.js's saves
STYLESHEET = "assets/stylesheets/quiz.css"
QUIZ_MARKUP = '<form class="dlmd-quiz"'  # how dlmd.quiz.render starts every quiz


def page_name(page: Page, source: str) -> str:
    """What the hub calls a page: its title in the nav, its section's for a section index
    (as the sidebar shows it with navigation.indexes), else its front matter's or first
    heading's, else its file name."""
    if page.title:  # before the page is read, only a title given in the nav
        return page.title
    if page.is_index and page.parent is not None and page.parent.title:
        return page.parent.title
    markdown, meta = get_data(source)
    title = meta.get("title") or get_markdown_title(markdown)
    return str(title) if title else page.file.name.replace("-", " ").capitalize()


class QuizPlugin(BasePlugin[QuizConfig]):
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # Every quiz of the site, in reading order, for a hub on whichever page comes first.
        self.hub_entries: list[HubEntry] = []
        for page in nav.pages:
            if not page.file.src_uri.endswith(".md"):
                continue
            source = page.file.content_string
            if "<!-- quiz -->" in source:
                name = page_name(page, source)
                self.hub_entries += page_entries(page.file.src_uri, name, source)
        return nav

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.config.assets:
            for uri, name in (
                (SCRIPT, "quiz.js"),
                (HUB_SCRIPT, "quiz-hub.js"),
                (STYLESHEET, "quiz.css"),
            ):
                files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, **_: object
    ) -> str:
        where = page_source(page, config)
        if page.file.src_uri.endswith(".ipynb") and "<!-- quiz -->" in markdown:
            raise PluginError(
                f"{where}: a quiz in a notebook is not rendered; "
                "put it in a Markdown page (e.g. the tutorials index) instead."
            )
        if not page.file.src_uri.endswith(".md") or "quiz" not in markdown.lower():
            return markdown  # most pages need no parsing
        try:
            markdown = convert_page(markdown, page.file.content_string, where)
        except QuizError as error:
            raise PluginError("\n".join(error.messages)) from error
        if has_marker(markdown):
            markdown = replace_marker(markdown, self.hub_entries, page.file.src_uri)
        return markdown

    def on_page_content(self, html: str, *, page: Page, **_: object) -> str:
        # Inside the page content, so instant navigation runs it on each quiz page it brings in
        # (and the hub's script on the hub, where it writes the saved scores).
        if not self.config.assets:
            return html
        if QUIZ_MARKUP in html:
            html += script_tag(relative_url(SCRIPT, page.url))
        if HUB_MARKUP in html:
            html += script_tag(relative_url(HUB_SCRIPT, page.url))
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.assets or QUIZ_MARKUP not in output:
            return output
        return link_page_stylesheet(output, STYLESHEET, page, config)
