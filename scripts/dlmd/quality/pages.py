"""Which pages the site has (from the sources, before a build) and where a built one is served.
A page's key is its path below the site root as a reader's URL has it: "" for the home page,
"faq/", "applications/imaging/", "tutorials/mnist-cnn/" (directory URLs, MkDocs' default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

NOT_FOUND = "404.html"  # the theme's not-found page: not from a source file, but a page


@dataclass(frozen=True)
class SitePage:
    path: str  # "" or "dir/sub/"
    kind: str  # "markdown" or "notebook"

    @property
    def label(self) -> str:
        """A short name for test ids and table rows ("home" for the root)."""
        return self.path.rstrip("/").removesuffix(".html") or "home"


def url_path_for_source(src: PurePosixPath) -> str:
    """The URL path MkDocs gives a Markdown or notebook source file under docs/."""
    parts = list(src.with_suffix("").parts)
    if parts and parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


def source_pages(docs_dir: Path) -> list[SitePage]:
    """Every page the sources will produce (Markdown and notebooks), sorted by path."""
    pages = []
    for path in sorted(docs_dir.rglob("*")):
        if path.suffix not in (".md", ".ipynb") or ".ipynb_checkpoints" in path.parts:
            continue
        src = PurePosixPath(path.relative_to(docs_dir).as_posix())
        kind = "notebook" if path.suffix == ".ipynb" else "markdown"
        pages.append(SitePage(url_path_for_source(src), kind))
    return sorted(pages, key=lambda page: page.path)


def site_pages(docs_dir: Path) -> list[SitePage]:
    """Every page a reader can open: those from the sources, then the not-found page."""
    return [*source_pages(docs_dir), SitePage(NOT_FOUND, "markdown")]


def base_path(site_dir: Path) -> str:
    """The path the built site lives at in production (from site_url, via its sitemap).

    404.html links its assets by absolute path under it, so the site is served there. A site
    built without site_url (a clone with no GitHub remote) has no addresses in its sitemap
    and relative links everywhere: it is served at the root.
    """
    sitemap = site_dir / "sitemap.xml"
    match = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
    if not match or not urlsplit(match[1].strip()).scheme:
        return "/"
    path = urlsplit(match[1].strip()).path
    return path if path.endswith("/") else path + "/"
