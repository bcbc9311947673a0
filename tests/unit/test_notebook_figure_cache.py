"""dlmd.notebooks.figure_cache: a notebook figure is compressed once, then read back by its
content, so a warm build or a `mkdocs serve` rebuild does not encode it again."""

from __future__ import annotations

import io
from pathlib import Path

from dlmd.notebooks.figure_cache import FigureCache
from dlmd.notebooks.html import compress_image
from PIL import Image


def png(color: tuple[int, int, int], size: tuple[int, int] = (48, 24)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def test_the_first_build_stores_what_compress_image_makes(tmp_path: Path) -> None:
    cache = FigureCache(tmp_path / "figures")
    data = png((200, 30, 30))
    assert cache.compress(data) == compress_image(data)
    [stored] = (tmp_path / "figures").iterdir()
    assert stored == cache.path_for(data) and stored.read_bytes() == compress_image(data)[0]
    assert not list((tmp_path / "figures").glob("*.partial")), "no half-written file is left"


def test_a_later_build_reads_the_stored_figure_instead_of_encoding_again(tmp_path: Path) -> None:
    cache = FigureCache(tmp_path)
    data = png((200, 30, 30))
    cache.compress(data)
    # Put other (valid) WebP bytes under the same key: what comes back proves it was read.
    marker, _ = compress_image(png((10, 10, 200), size=(30, 10)))
    cache.path_for(data).write_bytes(marker)
    assert FigureCache(tmp_path).compress(data) == (marker, (30, 10))


def test_other_content_gets_its_own_entry(tmp_path: Path) -> None:
    cache = FigureCache(tmp_path)
    red, blue = png((200, 30, 30)), png((10, 10, 200))
    assert cache.path_for(red) != cache.path_for(blue)
    assert cache.compress(blue) == compress_image(blue)
    assert len(list(tmp_path.iterdir())) == 1
