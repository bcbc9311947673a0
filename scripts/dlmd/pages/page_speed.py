"""What makes a page paint sooner and start faster on a phone: small stylesheets inlined, the
theme's script deferred, the palette's switching rule dropped (README, Performance).

- Each stylesheet a page links costs the phone a round trip before anything shows; the site's
  own small ones (site.css, quiz.css, notebook.css, the theme's palette) are written into the
  page as <style> instead. Material's main.css, which is large and shared by every page, stays
  a cached file.
- Material's bundle.js is a plain script at the end of <body>: the browser runs it (hundreds of
  milliseconds on a phone) before it paints anything. Deferred, it runs after the first paint;
  the page is complete HTML and CSS without it.
- Material's palette stylesheet stops every transition under <body> while the palette
  switches: `[data-md-color-switching] *`. Its script marks <body> so on every page load too,
  which makes the browser restyle the whole page twice (25 ms on a notebook page here, four
  times that on a phone). Without the rule, a click on the palette toggle fades the colours
  of links, code and a few buttons over 125-250 ms instead of switching them at once.

Plain strings in and out; the plugin `dlmd-html` (plugins/html/plugin.py) applies them to every
page and to the theme's palette stylesheet.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable

from dlmd.pages.stylesheets import strip_comments

# How Material (base.html) and MkDocs' extra_css write a stylesheet link, and how
# dlmd.page_assets.link_stylesheet does.
_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
# Material's own script, as base.html's `scripts` block writes it.
_THEME_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)">')
# A reference out of a stylesheet other than a data: URI, which inlining would break.
_RELATIVE_REFERENCE = re.compile(r"""url\(\s*(?!["']?data:)|@import""", re.I)


# In Material's palette.css (minified), exactly as the theme ships it.
PALETTE_SWITCH_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def without_palette_switch_rule(css: str, where: str) -> str:
    """The theme's palette stylesheet without PALETTE_SWITCH_RULE; ValueError if it has none."""
    if css.count(PALETTE_SWITCH_RULE) != 1:
        raise ValueError(
            f"{where}: Material's rule for switching palettes ({PALETTE_SWITCH_RULE[:40]}...) is "
            "not there once: has the theme changed? Check what it costs now (README, Performance)"
        )
    return css.replace(PALETTE_SWITCH_RULE, "")


def defer_theme_script(page_html: str, where: str) -> str:
    """`page_html` with Material's bundle.js deferred; ValueError when the page has none."""
    found = _THEME_SCRIPT.findall(page_html)
    if len(found) != 1:
        raise ValueError(
            f"{where}: expected Material's script (assets/javascripts/bundle.*.min.js) once, "
            f"found it {len(found)} times: has the theme's `scripts` block changed?"
        )
    return _THEME_SCRIPT.sub(r'<script src="\1" defer>', page_html)


def site_path(href: str, page_url: str, site_prefix: str = "/") -> str | None:
    """The site file a link's `href` names (e.g. `assets/stylesheets/site.css`), from the page
    at `page_url`; None for another origin. `site_prefix` is the path the site is served at,
    which a root-relative `href` (the 404 page's) starts with."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.I):
        return None
    if href.startswith("/"):
        if not href.startswith(site_prefix):
            return None
        return posixpath.normpath(href[len(site_prefix) :])
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url), href)).lstrip("/")


def inline_stylesheets(
    page_html: str,
    read: Callable[[str], str | None],
    max_bytes: int,
    where: str,
) -> str:
    """`page_html` with each linked stylesheet of at most `max_bytes` written in as <style>.

    `read(href)` returns a stylesheet's text, or None for one that is not a file of the site
    (it stays linked). A small stylesheet that refers
    to another file (url() other than data:, @import) raises ValueError: inlined into the page,
    the reference would resolve from the page's folder instead of the stylesheet's.
    """

    def inline(match: re.Match[str]) -> str:
        href = html.unescape(match[1])
        css = read(href)
        if css is None or len(css.encode()) > max_bytes:
            return match[0]
        css = strip_comments(css)
        if _RELATIVE_REFERENCE.search(css):
            raise ValueError(
                f"{where}: {href} refers to another file (url() or @import), which would not "
                "resolve once the stylesheet is inlined: use a data: URI, or lower "
                "`inline_css_max_bytes` below its size so that it stays a linked file"
            )
        if "</style" in css.lower():
            raise ValueError(f"{where}: {href} contains '</style', which would end the <style>")
        return f"<style>{css.rstrip()}</style>"

    return _STYLESHEET_LINK.sub(inline, page_html)
