"""The theme's indentation taken out of a finished page: a run of spaces and line breaks between
two tags that holds a line break becomes one line break.

Material's templates indent every tag and leave blank lines where a block writes nothing; on
the article that is 0.6 KB of the page's gzipped weight. A browser shows such a run as one
space, or nothing, wherever white space collapses, and one line break does the same. Inside
<pre>, <textarea>, <code> and <kbd> (where Material's style keeps white space) and inside
<script> and <style> every character stays.
"""

from __future__ import annotations

from dlmd.pages.html_pieces import pieces

# Where white space is content: the elements Material's main.css gives `white-space:
# pre-wrap` (.md-typeset code, kbd, pre). The content of <script>, <style> and <textarea> is
# never a text piece (html_pieces.RAW_TEXT), so it stays as it is without being listed.
KEEPS_WHITE_SPACE = frozenset({"pre", "code", "kbd"})


def without_indentation(html: str) -> str:
    """`html` with each run of white space between tags that holds a line break cut to one
    line break, except where KEEPS_WHITE_SPACE keeps it."""
    out: list[str] = []
    for piece in pieces(html):
        text = html[piece.start : piece.end]
        if (
            piece.kind == "text"
            and "\n" in text
            and not text.strip()
            and not any(element.name in KEEPS_WHITE_SPACE for element in piece.inside)
        ):
            text = "\n"
        out.append(text)
    return "".join(out)
