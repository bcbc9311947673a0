"""Label the output blocks of Markdown pages as output (see scripts/output_blocks.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from output_blocks import label_output_blocks  # noqa: E402


def on_page_content(html: str, page: Page, **_: object) -> str:
    # Notebook pages label their outputs themselves (scripts/notebook_html.py).
    if page.file.src_uri.endswith(".ipynb"):
        return html
    return label_output_blocks(html)
