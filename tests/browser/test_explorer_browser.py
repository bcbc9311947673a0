"""The threshold and prevalence explorer as a reader meets it, in the built site and a real
Chromium: moved by keyboard, its figures are those computed from the notebook's ROC data
(dlmd.explorer.arithmetic); the screen-reader status speaks once per pause; a preset sets the
prevalence; at 390 px nothing spills out; without JavaScript the static version is there.
axe on these pages, in both palettes and at both widths, is tests/test_quality_axe.py (every
page of the site)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO
from dlmd.explorer.arithmetic import (
    index_for,
    metrics,
    percent,
    prevalence_text,
    threshold_text,
)
from dlmd.explorer.data import RocData, read_roc_data
from dlmd.explorer.render import (
    PREVALENCE_RANGE,
    PREVALENCE_STEPS,
    marked_points,
    sample_prevalence,
)
from dlmd.quality.browsing import View, wait_until_ready

pytestmark = pytest.mark.browser

PAGES = ["article/", "faq/", "tutorials/clinical-metrics/"]
NOTEBOOK = REPO / "docs" / "tutorials" / "clinical-metrics.ipynb"
SHOWN = ("sensitivity", "specificity", "ppv", "npv")


@pytest.fixture(scope="module")
def data() -> RocData:
    return read_roc_data(NOTEBOOK, "docs/tutorials/clinical-metrics.ipynb")


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**View("light", "phone").context_options())
    yield context.new_page()
    context.close()


def open_explorer(page: Any, url: str) -> Any:
    page.goto(url)
    wait_until_ready(page)
    explorer = page.locator("figure.dlmd-explorer.is-live")
    explorer.wait_for()
    return explorer


def figures(explorer: Any) -> dict[str, str]:
    return {name: explorer.locator(f'dd[data-show="{name}"]').inner_text() for name in SHOWN}


def expected(data: RocData, index: int, prevalence: float) -> dict[str, str]:
    m = metrics(data, index, prevalence)
    return {name: percent(getattr(m, name)) for name in SHOWN}


def slider_prevalence(step: int) -> float:
    low, high = (math.log(value) for value in PREVALENCE_RANGE)
    return math.exp(low + (high - low) * step / PREVALENCE_STEPS)


@pytest.mark.parametrize("path", PAGES)
def test_keyboard_moves_the_threshold_and_the_figures_follow_the_roc_data(
    page: Any, site_url: str, data: RocData, path: str
) -> None:
    explorer = open_explorer(page, site_url + path)
    threshold = explorer.get_by_label("Threshold", exact=True)
    start = index_for(data, data.chosen["default"])
    assert threshold.input_value() == str(start)
    prevalence = sample_prevalence(data)
    assert figures(explorer) == expected(data, start, prevalence)

    threshold.focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")  # lower threshold: more found, more false alarms
    index = start - 3
    assert threshold.get_attribute("aria-valuetext") == threshold_text(data.thresholds[index])
    assert figures(explorer) == expected(data, index, prevalence)
    point = explorer.locator(".dlmd-explorer__current circle")
    x, y = (float(point.get_attribute(name)) for name in ("cx", "cy"))
    assert (x, y) == pytest.approx(
        (52 + 232 * data.false_positives[index] / data.negatives,
         252 - 232 * data.true_positives[index] / data.positives), abs=0.01
    )  # fmt: skip

    explorer.get_by_role("button", name="Screening: 1%").click()
    assert figures(explorer) == expected(data, index, 0.01)
    m = metrics(data, index, 0.01)
    text = explorer.locator('[data-show="frequencies"]').inner_text()
    assert text.startswith(
        f"Of 1,000 people tested, {m.with_disease} have the disease and {m.found} of them are "
        f"found ({m.with_disease - m.found} missed); of the {1000 - m.with_disease} without it, "
        f"{m.false_alarms} get a false alarm."
    )

    prevalence_slider = explorer.get_by_label("Prevalence", exact=True)
    prevalence_slider.focus()
    page.keyboard.press("End")  # the slider's top: 50%
    assert prevalence_slider.get_attribute("aria-valuetext") == "50%"
    assert figures(explorer) == expected(data, index, slider_prevalence(PREVALENCE_STEPS))
    page.keyboard.press("Home")
    assert prevalence_slider.get_attribute("aria-valuetext") == prevalence_text(0.001)
    assert figures(explorer) == expected(data, index, slider_prevalence(0))


def test_the_status_speaks_once_when_the_reader_pauses(
    page: Any, site_url: str, data: RocData
) -> None:
    explorer = open_explorer(page, site_url + "faq/")
    status = explorer.get_by_role("status")
    assert status.inner_text() == ""  # nothing said on load
    page.evaluate(
        """() => {
          window.spoken = [];
          const status = document.querySelector('.dlmd-explorer [role="status"]');
          new MutationObserver(() => window.spoken.push(status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true});
        }"""
    )
    explorer.get_by_label("Threshold", exact=True).focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    index = index_for(data, data.chosen["default"]) + 6
    m = expected(data, index, sample_prevalence(data))
    final = (
        f"Threshold {threshold_text(data.thresholds[index])}, prevalence "
        f"{prevalence_text(sample_prevalence(data))}: sensitivity {m['sensitivity']}, "
        f"specificity {m['specificity']}, PPV {m['ppv']}, NPV {m['npv']}."
    )
    page.wait_for_function("window.spoken.length > 0")
    assert status.inner_text() == final
    assert page.evaluate("window.spoken") == [final]  # one announcement for six steps


def test_the_explorer_fits_a_phone(phone: Any, site_url: str) -> None:
    explorer = open_explorer(phone, site_url + "tutorials/clinical-metrics/")
    widths = explorer.evaluate(
        "figure => [figure.scrollWidth, figure.clientWidth, figure.getBoundingClientRect().right]"
    )
    scroll_width, client_width, right = widths
    assert scroll_width <= client_width and right <= 390, widths
    for name in ("Threshold", "Prevalence"):
        box = explorer.get_by_label(name, exact=True).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 24, name


@pytest.mark.parametrize("path", PAGES)
def test_without_javascript_the_static_version_shows_the_same_figures(
    browser: Any, site_url: str, data: RocData, path: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        explorer = page.locator("figure.dlmd-explorer")
        assert explorer.locator("svg[role=img]").is_visible()
        assert page.locator("input[type=range]").count() == 0  # no control that cannot work
        tables = explorer.locator("table")
        assert tables.count() == 2 and tables.first.is_visible()
        screening = tables.nth(1).locator("tbody tr")  # the first preset's rows come first
        assert "Screening: 1%" in screening.first.inner_text()
        for number, (letter, _name, index) in enumerate(marked_points(data)):
            m = metrics(data, index, sample_prevalence(data))
            row = tables.first.locator("tr", has_text=f"{letter}:").inner_text()
            assert percent(m.sensitivity) in row and percent(m.specificity) in row
            m = metrics(data, index, 0.01)
            cells = screening.nth(number).locator("td").all_inner_texts()
            assert cells == [
                percent(m.ppv),
                percent(m.npv),
                f"{m.found} of {m.with_disease}",
                str(m.false_alarms),
            ]
        assert explorer.locator("details summary").is_visible()
    finally:
        context.close()
