"""MkDocs plugin `dlmd-course`: the tutorials as a course.

- The line `<!-- course-cards -->` on a section's index page becomes one card per page of the
  section, in the nav's order, from each tutorial's own card data (dlmd.pages.course_cards);
  thumbnails of notebook figures are generated files under `assets/course/`.
- A Markdown page with `download_notebook: true` and framework variants is also served as one
  notebook per variant beside it (dlmd.pages.page_notebook), linked under its title and
  orientation box. No "Open in Colab": Colab opens notebooks from GitHub, and these are
  generated, not in the repository.

List it after dlmd-page-meta, whose orientation box the download line goes under.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from dlmd.markdown.paths import source_name
from dlmd.pages import course_cards, page_notebook
from dlmd.pages.wayfinding import reading_minutes
from dlmd.plugins.course.config import CourseConfig

_ORIENTATION_END = re.compile(r'<div class="admonition info dlmd-orientation".*?</div>', re.DOTALL)
_H1_END = re.compile(r"</h1>")


class CoursePlugin(BasePlugin[CourseConfig]):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.root = Path(config.config_file_path).resolve().parent
        self.cards: dict[str, course_cards.Card] = {}
        self.downloads: dict[str, dict[str, str]] = {}  # page src_uri -> variant -> file name
        try:
            for file in list(files.documentation_pages()):
                self._read(file, files, config)
        except (course_cards.CourseError, page_notebook.PageNotebookError) as error:
            raise PluginError(str(error)) from None
        return files

    def _source(self, file: File) -> str:
        return source_name(file.abs_src_path, self.root) if file.abs_src_path else file.src_uri

    def _read(self, file: File, files: Files, config: MkDocsConfig) -> None:
        source = self._source(file)
        text = file.content_string
        if file.src_uri.endswith(".ipynb"):
            meta = (json.loads(text).get("metadata") or {}).get("dlmd") or {}
            if course_cards.KEY in meta:
                card = course_cards.card_from_notebook(text, file.src_uri, source)
                files.append(File.generated(config, card.picture, content=card.thumbnail))
                self.cards[file.src_uri] = card
            return
        body, meta = get_data(text)
        if course_cards.KEY in meta:
            card = course_cards.card_from_markdown(text, file.src_uri, source)
            picture = files.get_file_from_path(card.picture)
            if picture is None:
                raise course_cards.CourseError(
                    f"{source}:1: course.picture {card.picture!r} is not a file in docs/"
                )
            card.size = course_cards.picture_size(picture.content_bytes, card.picture, source)
            self.cards[file.src_uri] = card
        if meta.get(page_notebook.FRONT_MATTER_KEY):
            self._notebooks(file, body, meta, text.count("\n") - body.count("\n"), files, config)

    def _notebooks(
        self, file: File, body: str, meta: dict, offset: int, files: Files, config: MkDocsConfig
    ) -> None:
        source = self._source(file)
        variants = tuple(meta.get("variants") or ())
        if not variants:
            raise page_notebook.PageNotebookError(
                f"{source}:1: download_notebook needs framework variants, e.g. "
                "`variants: [Keras, PyTorch]`: one notebook is made per variant"
            )
        folder = posixpath.dirname(file.src_uri)
        page_url = file.url  # e.g. first-model/: the notebooks are served in that folder

        def resolve(href: str) -> str | None:
            path, _, anchor = href.partition("#")
            target = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, path)))
            if not path or target is None or not config.site_url:
                return None
            return config.site_url.rstrip("/") + "/" + target.url + (f"#{anchor}" if anchor else "")

        def attach(src: str) -> bytes | None:
            image = files.get_file_from_path(posixpath.normpath(posixpath.join(folder, src)))
            return image.content_bytes if image is not None else None

        stem = posixpath.splitext(posixpath.basename(file.src_uri))[0]
        heading = re.search(r"^# (?P<title>.+?)(?:\s*\{[^}]*\})?\s*$", body, re.MULTILINE)
        title = heading["title"] if heading else stem
        page_link = resolve(posixpath.basename(file.src_uri))
        named = f"[{title}]({page_link})" if page_link else "the page of the same name"
        self.downloads[file.src_uri] = {}
        for variant in variants:
            cells = page_notebook.page_cells(
                body, variant, variants, lambda i: f"{source}:{offset + i + 1}"
            )
            notebook = page_notebook.page_notebook(
                cells,
                title_note=(
                    f"*The {variant} version of {named} on {config.site_name}, as a notebook: "
                    "run the cells from top to bottom. Made by the site's build from the page, "
                    "whose code its checks run as printed.*\n"
                ),
                resolve=resolve,
                attach=attach,
                metadata={"dlmd": {"generated_from": source, "variant": variant}},
            )
            name = page_notebook.notebook_name(stem, variant)
            uri = posixpath.join(page_url.rstrip("/"), name) if page_url else name
            content = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
            files.append(File.generated(config, uri, content=content))
            self.downloads[file.src_uri][variant] = name

    def on_page_markdown(self, markdown: str, *, page: Page, **_: object) -> str:
        if not course_cards.MARKER.search(markdown):
            return markdown
        section = page.parent
        if not isinstance(section, Section):
            raise PluginError(
                f"{self._source(page.file)}: <!-- course-cards --> goes on a nav section's "
                "index page; the cards are the section's pages"
            )
        listed = []
        for item in section.children:
            if not isinstance(item, Page) or item is page:
                continue
            card = self.cards.get(item.file.src_uri)
            if card is None:
                raise PluginError(
                    f"{self._source(item.file)}:1: the page is in the course "
                    f"({self._source(page.file)}) but has no course card data; add `course:` "
                    "(front matter, or a notebook's metadata dlmd) with level, computes, before "
                    "and a picture (README, Adding a tutorial notebook)"
                )
            listed.append((item.title or item.file.name, card))
        self.course_page = page.file.src_uri
        self.course_items = [item for item in section.children if isinstance(item, Page)]
        self.course_items.remove(page)
        cards = course_cards.cards_markdown(listed, page.file.src_uri)
        return course_cards.MARKER.sub(lambda _m: cards, markdown, count=1)

    def on_page_content(self, html: str, *, page: Page, **_: object) -> str:
        names = self.downloads.get(page.file.src_uri)
        if not names:
            return html
        line = page_notebook.download_links(names)
        box = _ORIENTATION_END.search(html)
        if box is not None:
            return html[: box.end()] + line + html[box.end() :]
        return _H1_END.sub(lambda end: end[0] + line, html, count=1)

    @event_priority(100)  # before search indexes the page
    def on_page_context(self, context: dict, *, page: Page, **_: object) -> dict:
        if page.file.src_uri != getattr(self, "course_page", None) or page.content is None:
            return context
        for number, item in enumerate(self.course_items, start=1):
            minutes = item.meta.get("reading_minutes") or reading_minutes(item.content or "")
            page.content = page.content.replace(
                course_cards.MINUTES.format(number), f"{minutes} min"
            )
        return context
