"""Section links (the ¶ after each heading) named by `aria-label` instead of a `title`.

With `content.tooltips`, Material sets up a tooltip on every element with a title as the page
starts; the section links were 18 of the FAQ's 47 and 22 of the imaging page's 64, each about
a millisecond of the start-up's one long task (four on a phone; README, Performance). A screen
reader now reads the link as "Link to this section" rather than "¶"; a pointer shows no
tooltip over the ¶.
"""

from __future__ import annotations

import re

# How Python-Markdown's toc (permalink) and dlmd.notebooks.html write a section link.
_SECTION_LINK = re.compile(r'<a class="headerlink" href="(#[^"]*)" title="([^"]*)">')


def label_section_links(page_html: str) -> str:
    """`page_html` with each section link's title moved to its aria-label."""
    return _SECTION_LINK.sub(r'<a class="headerlink" href="\1" aria-label="\2">', page_html)
