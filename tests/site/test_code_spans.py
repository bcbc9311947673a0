"""Code blocks keep their text and colors without Pygments' name and whitespace spans."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from dlmd.pages.code_spans import unwrap_plain_spans


def test_name_and_whitespace_spans_become_their_text_and_others_stay() -> None:
    html = (
        '<code><span class="n">model</span><span class="o">.</span><span class="n">fit</span>'
        '<span class="p">(</span><span class="w"> </span><span class="mi">3</span>'
        '<span class="p">)</span></code><span class="nn">numpy</span>'
    )
    assert unwrap_plain_spans(html) == (
        '<code>model<span class="o">.</span>fit<span class="p">(</span> '
        '<span class="mi">3</span><span class="p">)</span></code><span class="nn">numpy</span>'
    )


def test_the_theme_draws_names_in_the_codes_own_color(built_site: Path) -> None:
    # What makes the spans invisible; a theme update that colors names fails here.
    sheets = built_site / "assets" / "stylesheets"
    for sheet in [*sheets.glob("main.*.min.css"), *sheets.glob("palette.*.min.css")]:
        found = re.findall(r"--md-code-hl-name-color:([^;}]*)", sheet.read_text("utf-8"))
        assert found and set(found) == {"var(--md-code-fg-color)"}, sheet.name


def test_built_code_blocks_have_no_plain_spans_and_keep_their_text(built_site: Path) -> None:
    html = (built_site / "first-model" / "index.html").read_text(encoding="utf-8")
    assert '<span class="n">' not in html and '<span class="w">' not in html
    code = BeautifulSoup(html, "html.parser").select(".highlight code")
    text = "\n".join(block.get_text() for block in code)
    assert "model.fit(" in text and "import tensorflow as tf" in text
    imports = next(block for block in code if "import tensorflow" in block.get_text())
    assert imports.find("span", class_="kn"), "other token spans keep their colors"
