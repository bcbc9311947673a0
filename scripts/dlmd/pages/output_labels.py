"""Label printed output on Markdown pages, so it is not mistaken for code to type.

The site's Markdown convention (read by the snippet check) is that a ```` ```text ```` block right
after a ```` ```python ```` block, with only HTML comments such as check markers between them,
is that block's output. pymdownx.highlight renders both as plain code blocks; this wraps each
output block in the markup notebook pages use for their outputs (dlmd.notebooks.html):

    <div class="dlmd-output no-copy" data-search-exclude><p class="dlmd-output__label">Output</p>
      ...block...
    </div>

`no-copy` is Material's opt-out from copy buttons, and the label is real text, so it shows and is
read out without JavaScript. Plain Python on the rendered HTML; the plugin
`dlmd-html` (plugins/html/plugin.py) calls it.
"""

from __future__ import annotations

import re

OUTPUT_LABEL = "Output"
# Program output is left out of the search index (data-search-exclude): numbers and logs that
# match searches by accident and make the index larger for every reader.
OUTPUT_OPEN = (
    '<div class="dlmd-output no-copy" data-search-exclude>'
    f'<p class="dlmd-output__label">{OUTPUT_LABEL}</p>'
)

_BLOCK_START = re.compile(r'<div class="language-(?P<lang>[\w+-]+) highlight">')
_DIV_TAG = re.compile(r"<div\b|</div>")


def label_output_blocks(html: str) -> str:
    """Return `html` with every output block (text after Python) wrapped and labelled."""
    pieces: list[str] = []
    position = 0
    for match in _BLOCK_START.finditer(html):
        if match["lang"] != "text" or not _follows_python_block(html, match.start()):
            continue
        end = _block_end(html, match.start())
        pieces += [html[position : match.start()], OUTPUT_OPEN, html[match.start() : end], "</div>"]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


def _block_end(html: str, start: int) -> int:
    """The index just after the `</div>` that closes the `<div>` opened at `start`."""
    depth = 0
    for tag in _DIV_TAG.finditer(html, start):
        depth += 1 if tag.group() == "<div" else -1
        if depth == 0:
            return tag.end()
    raise ValueError(f"unclosed code block at character {start}")


def _follows_python_block(html: str, start: int) -> bool:
    """Whether the element before `start`, skipping whitespace and comments, is a Python block."""
    before = html[:start].rstrip()
    while before.endswith("-->"):
        opening = before.rfind("<!--")
        if opening < 0:
            return False
        before = before[:opening].rstrip()
    previous = None
    for match in _BLOCK_START.finditer(before):
        previous = match
    # The last code block before must close exactly where the gap begins: a block that ended
    # inside an admonition or tab, for example, is not this block's neighbour.
    return (
        previous is not None
        and previous["lang"] == "python"
        and _block_end(html, previous.start()) == len(before)
    )
