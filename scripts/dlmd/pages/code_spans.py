"""Fewer elements per code block: Pygments' spans that do not change how the code looks.

Pygments wraps every name (`n`) and whitespace run (`w`) in a span of its own. Material colors
names with `--md-code-hl-name-color`, which is the code's own color in both palettes, and gives
whitespace no style, so these spans only add DOM nodes (a third of a code page's elements) and
style work. Their text stays exactly where it was; other token spans keep their colors.
"""

from __future__ import annotations

import re

_PLAIN_SPAN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def unwrap_plain_spans(html: str) -> str:
    """`html` with each name and whitespace span of Pygments replaced by its text."""
    return _PLAIN_SPAN.sub(r"\1", html)
