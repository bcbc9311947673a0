"""MkDocs plugin `dlmd-glossary`:

- replaces the invisible `<!-- md:glossary -->` marker with the table of all abbreviations
  (abbreviations.py);
- links the first use of each glossary term on every other page to its entry, from the one
  list `includes/glossary-links.txt` (glossary_links.py); the build fails, naming file:line,
  on an entry without an anchor, an anchor used twice, or a list line naming no entry.

Each abbreviation explained at its first use in each section of a page is a step of
`dlmd-html`, which runs it after the notebooks' HTML.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from dlmd.markdown.paths import source_name
from dlmd.pages.abbreviations import glossary_table, read_abbreviations
from dlmd.pages.glossary_links import GlossaryLinks, read_entries, read_phrases
from dlmd.plugins.glossary.config import GlossaryConfig

MARKER = "<!-- md:glossary -->"
# After the notebooks' and the explorer's HTML (priority 0), before dlmd-html's steps (-100).
AFTER_PAGE_HTML = -90


class GlossaryPlugin(BasePlugin[GlossaryConfig]):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # A site without the glossary page (the tests' small site) links nothing.
        page = files.get_file_from_path(self.config.page)
        self.glossary_url = page.url if page is not None else None
        if page is None or not page.abs_src_path:
            return files
        root = Path(config.config_file_path).resolve().parent
        glossary = Path(page.abs_src_path)
        links = Path(self.config.links).resolve()
        try:
            entries = read_entries(glossary, source_name(glossary, root))
            listed = read_abbreviations(Path(self.config.abbreviations))
            abbreviations = [term for term, _ in listed]
            phrases = read_phrases(links, source_name(links, root), entries, abbreviations)
        except ValueError as error:  # GlossaryError included
            raise PluginError(str(error)) from error
        self.links = GlossaryLinks(phrases)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, **_: object) -> str:
        if MARKER not in markdown:
            return markdown
        try:
            table = glossary_table(read_abbreviations(Path(self.config.abbreviations)))
        except ValueError as error:
            raise PluginError(str(error)) from error
        return markdown.replace(MARKER, f"\n\n{table}\n\n")  # a table needs blank lines around it

    @event_priority(AFTER_PAGE_HTML)
    def on_page_content(self, html: str, *, page: Page, **_: object) -> str:
        if self.glossary_url is None or page.file.src_uri in self.config.unlinked_pages:
            return html
        return self.links.link(html, get_relative_url(self.glossary_url, page.url))
