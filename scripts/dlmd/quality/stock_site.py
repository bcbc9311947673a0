"""The same content in stock Material for MkDocs: the baseline site-figures measures beside
the site.

The same docs, nav, Markdown extensions and notebook rendering (mkdocs-jupyter as it comes),
through INHERIT from the site's mkdocs.yml, with what the site adds taken away: no theme
overrides, no dlmd plugins, no extra CSS or JavaScript, Material's default features (none)
and palette. Fonts stay off in both, so neither asks another origin for them.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from mkdocs.config import load_config

from dlmd.quality.build import build_site

# Where the baseline says it lives: its sitemap gives the served path ("/").
STOCK_URL = "http://127.0.0.1/"


def stock_config(config_file: Path, overrides_dir: Path) -> str:
    """mkdocs.yml text for the stock build of the site configured by `config_file`.

    `overrides_dir` is an empty folder: INHERIT merges `theme`, so the site's custom_dir is
    replaced rather than dropped.
    """
    site = load_config(str(config_file))
    jupyter = site.plugins.get("mkdocs-jupyter")
    options = dict(jupyter.config) if jupyter is not None else {}
    include = options.get("include", ["*.ipynb"])
    return (
        f"INHERIT: {config_file.resolve().as_posix()}\n"
        f"docs_dir: {Path(site.docs_dir).as_posix()}\n"
        f"site_url: {STOCK_URL}\n"
        "theme:\n"
        f"  custom_dir: {overrides_dir.as_posix()}\n"
        "  features: []\n"
        "  palette: []\n"
        "extra_css: []\n"
        "extra_javascript: []\n"
        "hooks: []\n"
        # The {repo_url} placeholders and glossary anchors are the site's plugins' work.
        "validation:\n  unrecognized_links: info\n  anchors: info\n"
        "plugins:\n"
        "  - search\n"
        "  - mkdocs-jupyter:\n"
        f"      include: {include!r}\n"
        "      execute: false\n"
        f"      include_source: {str(options.get('include_source', True)).lower()}\n"
    )


def build_stock_site(out_dir: Path, config_file: Path = Path("mkdocs.yml")) -> Path:
    """Build the stock baseline of `config_file`'s site into `out_dir`; raise BuildError."""
    config_file = config_file.resolve()
    with tempfile.TemporaryDirectory(prefix="stock-", dir=out_dir.parent) as tmp:
        overrides = Path(tmp, "overrides")
        overrides.mkdir()
        stock = Path(tmp, "mkdocs.yml")
        stock.write_text(stock_config(config_file, overrides), encoding="utf-8")
        return build_site(out_dir, config_file=stock, run_in=config_file.parent)
