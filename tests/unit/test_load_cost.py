"""dlmd.quality.load_cost without a browser: which differences from stock fail a page."""

from __future__ import annotations

from dlmd.quality.load_cost import Load, Loads, PageCost


def loads(
    cpu: list[float],
    blocking: tuple[str, ...] = ("main.css",),
    size: int = 100_000,
    elements: int = 500,
) -> Loads:
    return Loads([Load(blocking, size, elements, ms, (ms,)) for ms in cpu])


def test_a_page_like_stock_passes_whatever_one_load_took() -> None:
    row = PageCost("faq/", loads([200, 2000, 210]), loads([150, 160, 155]))
    assert row.site.main_thread_ms == 210 and row.problems() == []


def test_each_figure_over_its_margin_is_named() -> None:
    site = loads([1625, 1600, 1700], ("main.css", "extra.js"), size=130_000, elements=1100)
    row = PageCost("faq/", site, loads([168, 170, 160]))
    assert row.problems() == [
        "2 render-blocking requests, stock 1: extra.js, main.css",
        "130,000 bytes of style and script before the first paint, over 1.25x stock's 100,000",
        "1,100 elements, over 2x stock's 500",
        "main-thread CPU time 1625 ms (median of 3), over 2.5x stock's 168 ms; "
        "longest task 1700 ms",
    ]
