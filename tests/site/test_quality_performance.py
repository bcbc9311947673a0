"""site-figures' comparison with stock Material: the baseline build and the medians."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from dlmd.quality.figures import performance_paths
from dlmd.quality.lighthouse import PAGES, LighthouseResult
from dlmd.quality.pages import source_pages
from dlmd.quality.performance import Comparison, print_comparison


def test_the_stock_build_has_every_page_and_none_of_the_sites_additions(stock_site: Path) -> None:
    for page in source_pages(REPO / "docs"):
        assert (stock_site / page.path / "index.html").is_file(), f"/{page.path} is missing"
    home = (stock_site / "index.html").read_text(encoding="utf-8")
    article = (stock_site / "article" / "index.html").read_text(encoding="utf-8")
    assert "Deep learning" in article and "<abbr" in article, "not the same content"
    for html in (home, article):
        assert "site.css" not in html and "quiz.js" not in html, "the site's assets are loaded"
        assert "dlmd-page-notice" not in html, "the theme overrides are applied"
        assert "navigation.instant" not in html, "features are not Material's defaults"
    assert "<loc>http://127.0.0.1/</loc>" in (stock_site / "sitemap.xml").read_text("utf-8")


def result(performance: int, tbt: float, layout: float) -> LighthouseResult:
    scores = {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100}
    main = {"Style & Layout": layout, "Script Evaluation": 100.0}
    return LighthouseResult("u", scores, {}, tbt_ms=tbt, main_thread_ms=main)


def test_the_comparison_prints_medians_and_whether_the_target_is_reached(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fast, slow = Comparison("faq/"), Comparison("")
    fast.site.results = [result(99, 50, 200), result(97, 90, 400), result(98, 70, 300)]
    fast.stock.results = [result(97, 60, 100), result(98, 40, 100), result(96, 80, 100)]
    slow.site.results = [result(95, 300, 900)]
    slow.stock.results = [result(99, 100, 300)]
    print_comparison([fast, slow], target=98)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("Lighthouse mobile, median of 1")
    assert lines[4].split() == ["faq/", "98", "97", "70", "60", "400", "200", "300", "100", "yes"]
    assert lines[5].split() == ["home", "95", "99", "300", "100", "1000", "400", "900", "300", "no"]


def test_every_page_type_and_every_notebook_is_compared() -> None:
    pages = source_pages(REPO / "docs")
    paths = performance_paths(pages)
    assert paths[: len(PAGES)] == PAGES
    assert {"", "article/", "first-model/", "faq/", "applications/imaging/"} <= set(paths)
    notebooks = {page.path for page in pages if page.kind == "notebook"}
    assert notebooks and notebooks <= set(paths)
    assert len(paths) == len(set(paths))
