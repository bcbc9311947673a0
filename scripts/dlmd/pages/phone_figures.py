"""Figures that read on a phone: a stacked variant below 600 px, and a link to the full size.

make-figures draws every figure twice: `name.svg` for the page's column and `name-phone.svg`,
stacked, with labels that stay at least 11 CSS px on a 390 px phone. The page places the first
as usual (README, Adding a page); this module turns each such image inside a
`<figure class="dlmd-figure">` into

    <a class="dlmd-figure__open" href="name.svg">
      <picture>
        <source media="(max-width: 600px)" srcset="name-phone.svg" width=".." height="..">
        <img src="name.svg" ...>
      </picture>
      <span class="dlmd-figure__hint">Open full size</span>
    </a>

so the browser picks the variant without JavaScript, and a tap opens the full-size drawing
(pinch to zoom). Plain Python on the rendered HTML; `dlmd-presentation` calls it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PHONE_MEDIA = "(max-width: 600px)"
HINT = "Open full size"

# A phone variant of an image source: its URL and its size in CSS px, or None.
Variant = Callable[[str], tuple[str, int, int] | None]

_FIGURE = re.compile(r'<figure class="dlmd-figure[^"]*">.*?</figure>', re.DOTALL)
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\bsrc="([^"]+\.svg)"')
_SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"')


def phone_variant_url(src: str) -> str:
    """The URL of the phone variant of figure `src` (name.svg -> name-phone.svg)."""
    return src.removesuffix(".svg") + "-phone.svg"


def svg_size(svg: str) -> tuple[int, int]:
    """An SVG's size in CSS px, from matplotlib's width and height in points (1 pt = 4/3 px)."""
    match = _SVG_SIZE.search(svg)
    if not match:
        raise ValueError("no width and height in pt on the <svg> element")
    return round(float(match[1]) * 4 / 3), round(float(match[2]) * 4 / 3)


def offer_phone_figures(page_html: str, variant: Variant) -> str:
    """Return `page_html` with each figure image that has a phone variant made into a
    <picture> offering it, inside a link to the full-size image."""
    return _FIGURE.sub(
        lambda figure: _IMG.sub(lambda img: _picture(img[0], variant), figure[0]), page_html
    )


def _picture(img: str, variant: Variant) -> str:
    src = _SRC.search(img)
    found = variant(src[1]) if src else None
    if not found:
        return img
    url, width, height = found
    source = f'<source media="{PHONE_MEDIA}" srcset="{url}" width="{width}" height="{height}">'
    return (
        f'<a class="dlmd-figure__open" href="{src[1]}"><picture>{source}{img}</picture>'
        f'<span class="dlmd-figure__hint">{HINT}</span></a>'
    )
