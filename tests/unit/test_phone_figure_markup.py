"""dlmd.pages.phone_figures: a figure image with a phone variant becomes a <picture> inside a
link to the full-size drawing; anything else is left as it is."""

from __future__ import annotations

import pytest
from dlmd.pages.phone_figures import HINT, PHONE_MEDIA, offer_phone_figures, svg_size

FIGURE = (
    '<figure class="dlmd-figure">\n<p><img alt="A grid" height="346" loading="lazy" '
    'src="../assets/figures/grid.svg" width="768" /></p>\n<figcaption>A grid.</figcaption>\n'
    "</figure>"
)


def variant(src: str) -> tuple[str, int, int] | None:
    return (src.replace(".svg", "-phone.svg"), 365, 480) if "grid" in src else None


def test_a_figure_gets_its_phone_variant_and_a_full_size_link() -> None:
    out = offer_phone_figures(FIGURE, variant)
    assert (
        '<a class="dlmd-figure__open" href="../assets/figures/grid.svg"><picture>'
        f'<source media="{PHONE_MEDIA}" srcset="../assets/figures/grid-phone.svg" '
        'width="365" height="480"><img alt="A grid"'
    ) in out
    assert f'</picture><span class="dlmd-figure__hint">{HINT}</span></a></p>' in out


def test_images_outside_figures_or_without_a_variant_stay_as_they_are() -> None:
    plain = '<p><img alt="Logo" src="../assets/figures/grid.svg" /></p>'
    other = FIGURE.replace("grid.svg", "other.svg")
    assert offer_phone_figures(plain + other, variant) == plain + other


def test_svg_size_reads_matplotlib_points_as_css_pixels() -> None:
    assert svg_size('<svg width="273.6pt" height="374.4pt" viewBox="0 0 273.6 374.4">') == (
        365,
        499,
    )
    with pytest.raises(ValueError, match="width and height"):
        svg_size('<svg viewBox="0 0 10 10">')
