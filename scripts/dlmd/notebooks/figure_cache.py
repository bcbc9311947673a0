"""Compressed notebook figures kept between builds, keyed by what they are made from.

Lossless WebP at `method=6` is slow (about 1.5 s per 2x figure on 2 cores), and a build
compresses every notebook figure again although they rarely change. The key is a hash of the
image bytes, the encoder's own source (compress_image and PALETTE_COLORS) and Pillow's
version, so an edit of the encoding or an upgrade of Pillow makes new entries rather than
serving stale ones. The folder (default `.cache/notebook-figures/` beside mkdocs.yml, ignored
by git) can be deleted at any time.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import os
from pathlib import Path

import PIL
from PIL import Image

from dlmd.notebooks import html


def _encoder_version() -> bytes:
    source = inspect.getsource(html.compress_image)
    return f"{source}\n{html.PALETTE_COLORS}\n{PIL.__version__}\n".encode()


class FigureCache:
    """`compress(data)` is html.compress_image(data), read from `folder` when done before."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._version = _encoder_version()

    def path_for(self, data: bytes) -> Path:
        return self.folder / f"{hashlib.sha256(self._version + data).hexdigest()}.webp"

    def compress(self, data: bytes) -> tuple[bytes, tuple[int, int]]:
        path = self.path_for(data)
        if path.is_file():
            webp = path.read_bytes()
            with Image.open(io.BytesIO(webp)) as image:
                return webp, image.size
        webp, size = html.compress_image(data)
        self.folder.mkdir(parents=True, exist_ok=True)
        # Written under another name first, so a parallel build never reads half a file.
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(webp)
        partial.replace(path)
        return webp, size
