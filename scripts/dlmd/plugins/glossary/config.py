"""Options of `dlmd-glossary`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class GlossaryConfig(base.Config):
    # The abbreviation list pymdownx.snippets appends to pages; relative to where mkdocs runs,
    # like the snippets' base_path.
    abbreviations = c.Type(str, default="includes/abbreviations.md")
    # The glossary page (in docs/), whose `### Term {#anchor}` entries the links point at.
    page = c.Type(str, default="glossary.md")
    # Which words link to which entry (dlmd.pages.glossary_links); relative to where mkdocs runs.
    links = c.Type(str, default="includes/glossary-links.txt")
    # Pages (in docs/) whose text never links to the glossary: the glossary itself, and lists
    # such as the references, where a linked word in a paper's title would mislead.
    unlinked_pages = c.ListOfItems(c.Type(str), default=["glossary.md", "references.md"])
