"""The URLs a page makes the browser fetch as it loads: from its HTML and from its CSS.

Only what the markup itself requests counts: stylesheets, scripts, images (also `srcset`),
media, frames, icons, preloads, `url()` / `@import` in styles, and `import("https://...")` in
inline scripts. Links (`<a href>`) are navigation, not loading, so they never count. Other
requests that scripts make (a search index, for example) are not visible here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# <link rel=...> values whose href the browser fetches (or connects to) while loading the page.
FETCHED_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
    "preconnect",
    "dns-prefetch",
}
# (tag, attribute) pairs whose value is one URL the browser loads.
URL_ATTRIBUTES = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("source", "src"),
    ("track", "src"),
    ("input", "src"),
    ("image", "href"),
    ("use", "href"),
}
SRCSET_TAGS = {"img", "source"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]+?)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(['"])(?P<url>[^'"]+)\1""")
# An inline script that imports a module from a full URL (mkdocs-jupyter's Mermaid loader does).
SCRIPT_IMPORT = re.compile(r"""\bimport\s*\(\s*(['"`])(?P<url>(?:https?:)?//[^'"`]+)\1""")


@dataclass(frozen=True)
class Reference:
    """One URL the page loads and where it was found, e.g. `<script src>` or `url() in CSS`."""

    url: str
    found_in: str
    # Candidates of one <picture> share a number (0: not a candidate): the browser loads one.
    choice: int = 0


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []
        self._in_style = False
        self._in_script = False
        self._pictures = 0
        self._picture = 0  # the number of the <picture> being read, else 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and values.get("href"):
            rels = set(values.get("rel", "").lower().split())
            if rels & FETCHED_LINK_RELS:
                self.found.append(Reference(values["href"], f"<link rel={' '.join(sorted(rels))}>"))
        if tag == "picture":
            self._pictures += 1
            self._picture = self._pictures
        choice = self._picture if tag in SRCSET_TAGS else 0
        for name, value in values.items():
            if value and (tag, name.removeprefix("xlink:")) in URL_ATTRIBUTES:
                self.found.append(Reference(value, f"<{tag} {name}>", choice))
        if tag in SRCSET_TAGS and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.found.append(Reference(candidate.split()[0], f"<{tag} srcset>", choice))
        if values.get("style"):
            self.found += css_references(values["style"], f"<{tag} style>")
        self._in_style = tag == "style"
        self._in_script = tag == "script" and not values.get("src")

    def handle_endtag(self, tag: str) -> None:
        if tag == "picture":
            self._picture = 0
        if tag in ("style", "script"):
            self._in_style = self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.found += css_references(data, "<style>")
        elif self._in_script:
            urls = [m["url"] for m in SCRIPT_IMPORT.finditer(data)]
            self.found += [Reference(url, "import() in <script>") for url in urls]


def html_references(html: str) -> list[Reference]:
    """Everything the HTML loads, in document order (duplicates kept)."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def css_references(css: str, found_in: str = "CSS") -> list[Reference]:
    """`url(...)` and `@import` targets in a stylesheet, except inline `data:` URLs."""
    urls = [m["url"].strip() for m in CSS_URL.finditer(css)]
    urls += [m["url"].strip() for m in CSS_IMPORT.finditer(css)]
    return [Reference(url, f"url() in {found_in}") for url in urls if not url.startswith("data:")]
