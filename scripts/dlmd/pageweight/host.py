"""What a static host such as GitHub Pages sends for a file: its Content-Type and whether it goes
gzip-compressed. The one rule shared by the page weight and the loopback gzip server."""

from __future__ import annotations

import gzip
import mimetypes
from pathlib import Path

# Types worth compressing; images (PNG, JPEG, WebP) and fonts (WOFF2) are compressed already.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/manifest+json",
)
GZIP_LEVEL = 6  # what nginx-style hosts commonly use; level 9 gains little


def content_type(path: Path) -> str:
    """The Content-Type a static host sends for `path` (UTF-8 for text)."""
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        guessed = "application/javascript"
    if guessed.startswith("text/") or guessed in ("application/javascript", "image/svg+xml"):
        return f"{guessed}; charset=utf-8"
    return guessed


def is_compressible(ctype: str) -> bool:
    return ctype.startswith(COMPRESSIBLE)


def gzipped(data: bytes) -> bytes:
    """`data` as the host compresses it (no timestamp, so the size is reproducible)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
