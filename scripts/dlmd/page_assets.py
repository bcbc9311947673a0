"""Load a stylesheet or script on one page only, in a way Material's instant navigation keeps.

Material's instant navigation swaps the page's container and adds or removes the <head>
elements that differ between the old and the new page; it also evaluates again every <script>
inside the container (integrations/instant/index.ts, `inject`). So a page-specific stylesheet
goes at the end of <head>, and a page-specific script inside the page content. Plain strings,
the plugins pass each page's HTML and URL.
"""

from __future__ import annotations

import html
import posixpath

from mkdocs.utils import get_relative_url


def relative_url(site_path: str, page_url: str) -> str:
    """The URL of the site file `site_path` (e.g. `assets/x.css`) from the page at `page_url`."""
    return get_relative_url(posixpath.normpath(site_path), page_url)


def link_stylesheet(page_html: str, href: str, where: str) -> str:
    """`page_html` with a stylesheet link to `href` as the last element of its <head>."""
    if "</head>" not in page_html:
        raise ValueError(f"{where}: the page has no </head> to add the stylesheet {href} to")
    link = f'<link rel="stylesheet" href="{html.escape(href)}">'
    return page_html.replace("</head>", link + "\n</head>", 1)


def script_tag(src: str) -> str:
    """A deferred script element for `src`, to append to the page content."""
    return f'<script src="{html.escape(src)}" defer></script>'
