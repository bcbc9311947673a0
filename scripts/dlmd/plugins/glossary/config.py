"""Options of `dlmd-glossary`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class GlossaryConfig(base.Config):
    # The abbreviation list pymdownx.snippets appends to pages; relative to where mkdocs runs,
    # like the snippets' base_path.
    abbreviations = c.Type(str, default="includes/abbreviations.md")
