"""Options of the plugin `dlmd-explorer` (mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ExplorerConfig(base.Config):
    # The notebook whose stored ROC output the explorer draws, relative to docs/.
    notebook = c.Type(str, default="tutorials/clinical-metrics.ipynb")
    # False leaves loading (or restyling) explorer.js and explorer.css to the site itself.
    assets = c.Type(bool, default=True)
