"""Options of `dlmd-notebooks`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class NotebooksConfig(base.Config):
    # The branch "Open in Colab" and "View source" link to, in the site's repo_url; by default
    # the one `dlmd-address` found for this build.
    branch = c.Optional(c.Type(str))
    # Notebooks get no pymdownx.snippets auto-append, so their tooltips come from this list
    # (relative to where mkdocs runs, like the snippets' base_path).
    abbreviations = c.Type(str, default="includes/abbreviations.md")
    # The notebook pages' own styles (a file in docs/), linked from notebook pages only.
    stylesheet = c.Optional(c.Type(str))
    # Compressed figures kept between builds (dlmd.notebooks.figure_cache), relative to the
    # folder of mkdocs.yml; an empty string compresses every figure on every build.
    figure_cache = c.Type(str, default=".cache/notebook-figures")
