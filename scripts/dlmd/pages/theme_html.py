"""Make the HTML that Material for MkDocs writes valid, so the Nu Html Checker reports no error.

Each fix is an exact, narrow rewrite of markup the theme or pymdownx emits outside any template
block that `overrides/main.html` could change; the plugin `dlmd-html` (plugins/html/plugin.py)
applies them to every page. If a theme update changes the markup, a fix stops matching and
tests/site/test_quality_vnu.py fails on the error it was hiding.
"""

from __future__ import annotations

import re

# Material's drawer and search toggles: `autocomplete` is not allowed on a checkbox (vnu error).
# Material adds it so that Firefox does not restore an open drawer after a reload.
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# Section toggles in the navigation carry tabindex="" ("not an integer").
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
# The table of contents' title is a label for the `__toc` toggle, which a page without
# headings does not have ("for" must name a form control).
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_html(html: str) -> str:
    """Return the page with the theme's invalid markup rewritten; everything else unchanged."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _EMPTY_TABINDEX.sub("", html)
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html
