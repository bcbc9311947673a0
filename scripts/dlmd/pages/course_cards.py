"""The tutorials index as a course: one card per tutorial, in the nav's reading order.

Each tutorial carries its card's data itself: a notebook in its metadata,
`"dlmd": {"course": {...}}`, a Markdown page in its front matter, `course:`:

    level: beginner                      (beginner, intermediate or advanced)
    computes: One line: what the reader computes.
    before: [What to know or have done first, Markdown, links relative to the page]
    picture_cell: a code cell's id       (notebooks: that cell's first figure becomes the
                                          card's thumbnail)
    picture: assets/figures/x.svg        (Markdown pages: a figure the page shows)
    runs: in about a minute on a laptop CPU   (Markdown pages; a notebook's comes from the
                                               "**Time:**" line of its first cell)

A Markdown page may leave out `before` when its orientation box's `before` says it. The card's
time is the page's reading time (the same count as the orientation boxes, wayfinding.py) and how
long its code runs. A missing or malformed field fails the build at the file and line that
should hold it. Plain Python; the plugin `dlmd-course` reads the files and places the cards
where a page has the line `<!-- course-cards -->`.
"""

from __future__ import annotations

import base64
import io
import json
import posixpath
import re
from dataclasses import dataclass

from mkdocs.utils.meta import get_data
from PIL import Image

MARKER = re.compile(r"^<!--\s*course-cards\s*-->\s*$", re.MULTILINE)
KEY = "course"
LEVELS = ("beginner", "intermediate", "advanced")
THUMBNAIL_CSS = (320, 160)  # the largest a card shows a picture at, in CSS pixels
_TIME_LINE = re.compile(r"^\s*[-*] \*\*Time:\*\*\s*(?P<time>.+)$", re.MULTILINE)
_SVG_BOX = re.compile(r'viewBox="[\d.]+ [\d.]+ (?P<w>[\d.]+) (?P<h>[\d.]+)"')
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)")
CELLS = '"cells"'  # where a notebook's cells start, for messages
MINUTES = "@@dlmd-course-minutes-{}@@"  # replaced by the page's reading time once it is known


class CourseError(ValueError):
    """A tutorial's card data are missing or wrong; the message starts with `file:line`."""


@dataclass
class Card:
    source: str  # the tutorial's source, as messages name it (`docs/tutorials/x.ipynb`)
    src_uri: str  # its path in docs/
    level: str
    computes: str
    before: list[str]  # Markdown, links relative to the tutorial
    runs: str
    picture: str  # the thumbnail's path in docs/ (or in the generated files)
    size: tuple[int, int]  # the picture's width and height in CSS pixels
    thumbnail: bytes | None = None  # a WebP made from a notebook's figure; None: `picture` exists


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of the first `needle` in `text`, else 1."""
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _fields(data: object, where: str) -> dict:
    if not isinstance(data, dict):
        raise CourseError(
            f"{where}: the tutorial has no course card data; add `{KEY}:` with level, computes, "
            "before and a picture (README, Adding a tutorial notebook)"
        )
    level = data.get("level")
    if level not in LEVELS:
        raise CourseError(f"{where}: {KEY}.level must be one of {', '.join(LEVELS)}, got {level!r}")
    computes = data.get("computes")
    if not isinstance(computes, str) or not computes.strip() or "\n" in computes.strip():
        raise CourseError(f"{where}: {KEY}.computes must be one line: what the reader computes")
    return data


def _before(items: object, where: str, name: str) -> list[str]:
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise CourseError(
            f"{where}: {name} must be a list of what to know or have done first, e.g. "
            '["[Train your first model](first-model.ipynb)"]'
        )
    return items


def card_from_markdown(text: str, src_uri: str, source: str) -> Card:
    """The card of a Markdown page from its front matter (`text` is the whole file)."""
    _body, meta = get_data(text)
    where = f"{source}:{_line_of(text, KEY + ':')}"
    data = _fields(meta.get(KEY), where)
    before = data.get("before") or (meta.get("orientation") or {}).get("before")
    runs = data.get("runs")
    if not isinstance(runs, str) or not runs.strip():
        raise CourseError(f"{where}: {KEY}.runs must say how long the code runs, e.g. "
                          '"in about a minute on a laptop CPU"')
    picture = data.get("picture")
    if not isinstance(picture, str) or f"]({picture})" not in text:
        raise CourseError(
            f"{where}: {KEY}.picture must be the path of a figure the page shows, as the page "
            f"links it (e.g. assets/figures/x.svg), got {picture!r}"
        )
    return Card(
        source=source,
        src_uri=src_uri,
        level=data["level"],
        computes=data["computes"].strip(),
        before=_before(before, where, f"{KEY}.before (or orientation.before)"),
        runs=runs.strip(),
        picture=posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), picture)),
        size=(0, 0),
    )


def picture_size(data: bytes, name: str, where: str) -> tuple[int, int]:
    """The CSS size to show a picture at in a card: an SVG's viewBox, or a raster image's
    pixels (drawn at 2x), scaled into THUMBNAIL_CSS."""
    if name.endswith(".svg"):
        found = _SVG_BOX.search(data.decode("utf-8", "replace"))
        if found is None:
            raise CourseError(f"{where}: {name} has no viewBox to take its proportions from")
        return _fit(float(found["w"]), float(found["h"]))
    with Image.open(io.BytesIO(data)) as image:
        return _fit(image.width / 2, image.height / 2)


def _fit(width: float, height: float) -> tuple[int, int]:
    scale = min(THUMBNAIL_CSS[0] / width, THUMBNAIL_CSS[1] / height)
    return round(width * scale), round(height * scale)


def card_from_notebook(text: str, src_uri: str, source: str) -> Card:
    """The card of a notebook from its metadata, its first cell's time and a figure it made."""
    notebook = json.loads(text)
    meta = (notebook.get("metadata") or {}).get("dlmd") or {}
    where = f"{source}:{_line_of(text, json.dumps(KEY) + ':')}"
    data = _fields(meta.get(KEY), where)
    cells = notebook.get("cells") or []
    first = "".join(cells[0].get("source", "")) if cells else ""
    time = _TIME_LINE.search(first)
    if time is None:
        raise CourseError(
            f"{source}:{_line_of(text, CELLS)}: the first cell has no '- **Time:** ...' line "
            "saying how long the notebook runs; the course card reads it"
        )
    runs = re.split(r";| \(|\.\s*$", time["time"].strip())[0].strip()
    cell_id = data.get("picture_cell")
    cell = next((c for c in cells if c.get("id") == cell_id and cell_id), None)
    png = _first_png(cell) if cell is not None else None
    if png is None:
        raise CourseError(
            f"{where}: {KEY}.picture_cell must be the id of a code cell with a figure in its "
            f"stored outputs (its thumbnail goes on the card), got {cell_id!r}"
        )
    thumbnail, size = make_thumbnail(png)
    stem = posixpath.splitext(src_uri)[0].replace("/", "-")
    return Card(
        source=source,
        src_uri=src_uri,
        level=data["level"],
        computes=data["computes"].strip(),
        before=_before(data.get("before"), where, f"{KEY}.before"),
        runs=f"in {runs}",
        picture=f"assets/course/{stem}.webp",
        size=size,
        thumbnail=thumbnail,
    )


def _first_png(cell: dict) -> bytes | None:
    for output in cell.get("outputs", []):
        data = (output.get("data") or {}).get("image/png")
        if data:
            return base64.b64decode("".join(data) if isinstance(data, list) else data)
    return None


def make_thumbnail(png: bytes) -> tuple[bytes, tuple[int, int]]:
    """A small lossy WebP of a figure on white, at 1.5 times its CSS size, and that CSS size.

    1.5x and quality 50: a third of the bytes of 2x at 60, still sharp enough for a card's
    picture beside its title (the full figure is one tap away on the tutorial)."""
    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("RGBA")
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    css = _fit(*flat.size)
    flat = flat.resize((css[0] * 3 // 2, css[1] * 3 // 2), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    flat.save(out, "WEBP", quality=50, method=6)
    return out.getvalue(), css


def _rebase(markdown: str, from_dir: str, to_dir: str) -> str:
    """`markdown` written in `from_dir` of docs/, with its relative links made to work from
    `to_dir`."""

    def link(match: re.Match[str]) -> str:
        href = match["href"]
        if "://" in href or href.startswith(("#", "mailto:")):
            return match[0]
        target = posixpath.normpath(posixpath.join(from_dir, href))
        return f"[{match['text']}]({posixpath.relpath(target, to_dir or '.')})"

    return _LINK.sub(link, markdown)


def cards_markdown(cards: list[tuple[str, Card]], page_uri: str) -> str:
    """Material grid cards for `cards` (the nav title and card of each tutorial, in reading
    order), written for the page at `page_uri` in docs/."""
    here = posixpath.dirname(page_uri)
    items = []
    for number, (title, card) in enumerate(cards, start=1):
        there = posixpath.dirname(card.src_uri)
        href = posixpath.relpath(card.src_uri, here or ".")
        picture = posixpath.relpath(card.picture, here or ".")
        width, height = card.size
        before = "; ".join(_rebase(item, there, here) for item in card.before)
        items.append(
            f'-   ![]({picture}){{ .dlmd-course__picture width="{width}" height="{height}" '
            f'loading="lazy" }}\n\n'
            f"    **[{number}. {title}]({href})**\n\n"
            f"    ---\n\n"
            f"    {card.computes}\n\n"
            f"    - **Time:** {MINUTES.format(number)} to read; the code runs {card.runs}\n"
            f"    - **Level:** {card.level}\n"
            f"    - **Before:** {before}\n"
        )
    return '<div class="grid cards dlmd-course" markdown>\n\n' + "\n".join(items) + "\n</div>\n"
