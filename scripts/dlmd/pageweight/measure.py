"""Sizes over the wire: each page's HTML plus every file it loads, gzip-compressed like a host.

What the host compresses is host.py's rule. Figures count each distinct file once per page:
what a first-time visitor with an empty cache downloads to see that page.
"""

from __future__ import annotations

import fnmatch
import posixpath
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from dlmd.pageweight.host import content_type, gzipped, is_compressible
from dlmd.pageweight.references import Reference, css_references, html_references


@dataclass
class PageWeight:
    """One page: its HTML, everything it loads from the site, and what it asks of elsewhere."""

    page: str  # path in the site, e.g. tutorials/first-model/index.html
    html_bytes: int
    html_gzip: int
    total_gzip: int  # HTML plus every distinct file it loads, as transferred
    requests: int  # the HTML plus each distinct file
    files: dict[str, int] = field(default_factory=dict)  # site path -> transferred bytes
    foreign: list[Reference] = field(default_factory=list)  # loads from another origin
    missing: list[Reference] = field(default_factory=list)  # loads of files not in the site


@cache
def _transfer_size(path: Path, mtime: float) -> int:
    data = path.read_bytes()
    if is_compressible(content_type(path)):
        return len(gzipped(data))
    return len(data)


def transfer_size(path: Path) -> int:
    """Bytes a host sends for `path`: gzip size for text, raw size for images and fonts."""
    return _transfer_size(path, path.stat().st_mtime)


def is_foreign(url: str) -> bool:
    """Whether the browser would fetch `url` from another origin."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob", "about")


def _site_path(url: str, base: str, base_path: str) -> str | None:
    """The site-relative file a same-origin URL points at, from a file at `base`; a
    root-relative URL is read below `base_path`, the path the site is served under."""
    path = unquote(urlsplit(url).path)
    if not path:
        return None  # "#fragment" or "?query" only: nothing to fetch
    if path.startswith("/"):
        prefix = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        if not path.startswith(prefix):
            return ".." + path  # outside the site: reported as missing
        resolved = posixpath.normpath(path[len(prefix) :] or ".")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
    if resolved.startswith(".."):
        return resolved
    return posixpath.join(resolved, "index.html") if path.endswith("/") else resolved


def measure_page(site: Path, page: str, base_path: str = "/") -> PageWeight:
    """Weigh the page at `site/page` (a path like `tutorials/x/index.html`). `base_path` is
    where the site is served, e.g. `/dl-medical-diagnostics/`, for root-relative URLs."""
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    html_gzip = transfer_size(html_path)
    weight = PageWeight(page, len(html.encode("utf-8")), html_gzip, html_gzip, 1)
    queue = [(ref, page) for ref in _one_per_picture(html_references(html), site, page, base_path)]
    while queue:
        ref, base = queue.pop(0)
        if ref.url.startswith("data:"):
            continue  # inline: already counted in the file that holds it
        if is_foreign(ref.url):
            weight.foreign.append(ref)
            continue
        target = _site_path(ref.url, base, base_path)
        if target is None or target in weight.files or target == page:
            continue
        file = site / target
        if target.startswith("..") or not file.is_file():
            weight.missing.append(ref)
            continue
        weight.files[target] = transfer_size(file)
        if file.suffix.lower() == ".css":
            css = file.read_text(encoding="utf-8", errors="replace")
            queue += [(found, target) for found in css_references(css, target)]
    weight.total_gzip += sum(weight.files.values())
    weight.requests += len(weight.files)
    return weight


def _one_per_picture(
    refs: list[Reference], site: Path, page: str, base_path: str
) -> list[Reference]:
    """`refs` with each <picture>'s candidates cut to the heaviest: a browser loads one of
    them (the phone or the desktop figure), so the page is weighed at its worst case."""

    def size(ref: Reference) -> int:
        target = _site_path(ref.url, page, base_path)
        file = site / target if target and not target.startswith("..") else None
        return transfer_size(file) if file is not None and file.is_file() else -1

    heaviest: dict[int, Reference] = {}
    for ref in refs:
        if ref.choice and (ref.choice not in heaviest or size(ref) > size(heaviest[ref.choice])):
            heaviest[ref.choice] = ref
    return [ref for ref in refs if not ref.choice or heaviest[ref.choice] is ref]


def measure_site(site: Path, pattern: str = "*.html", base_path: str = "/") -> list[PageWeight]:
    """Weigh every HTML page under `site` whose site path matches `pattern` (fnmatch: `*` also
    matches `/`, so `tutorials/*` is every page under tutorials/)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.glob("**/*.html"))
    chosen = [page for page in pages if fnmatch.fnmatchcase(page, pattern)]
    return [measure_page(site, page, base_path) for page in chosen]
