"""Options of `dlmd-page-meta`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PageMetaConfig(base.Config):
    # Keys every page must carry besides `last_reviewed`, which is always required (and a date).
    required = c.ListOfItems(c.Type(str), default=["description"])
