"""Options of `dlmd-address`: none; the addresses come from where the site is built."""

from __future__ import annotations

from mkdocs.config import base


class SiteAddressConfig(base.Config):
    pass
