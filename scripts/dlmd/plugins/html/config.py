"""Options of `dlmd-html`."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HTMLConfig(base.Config):
    # Stylesheets up to this size are inlined: the site's own and the theme's palette (12 KB)
    # are; Material's main.css (134 KB), shared by every page, stays a cached file.
    inline_css_max_bytes = c.Type(int, default=16 * 1024)
