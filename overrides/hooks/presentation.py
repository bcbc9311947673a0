"""Render-time presentation of Markdown pages: output blocks labelled as output
(scripts/output_blocks.py) and short DOI links in tables (scripts/table_dois.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from output_blocks import label_output_blocks  # noqa: E402
from table_dois import shorten_table_dois  # noqa: E402


def on_page_content(html: str, page: Page, **_: object) -> str:
    # Notebook pages label their outputs themselves (scripts/notebook_html.py).
    if page.file.src_uri.endswith(".ipynb"):
        return html
    return shorten_table_dois(label_output_blocks(html))
