"""Framework tabs (Keras / PyTorch): the reader's choice holds across pages and reloads
(Material's linked tabs), both tabs' code is reachable without JavaScript, and axe finds
nothing on the tabbed pages with either framework chosen, in both palettes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.axe import open_collapsed, scan
from dlmd.quality.browsing import VIEWS, View, wait_until_ready
from dlmd.quality.network import cut_network, origin_of
from dlmd.quality.pages import url_path_for_source
from dlmd.snippetcheck.variants import declared_variants

pytestmark = pytest.mark.browser

DOCS = REPO / "docs"


def tabbed_pages() -> list[str]:
    """URL paths of the pages that declare framework variants in their front matter."""
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        variants, _problems = declared_variants(path.read_text(encoding="utf-8"))
        if variants:
            found.append(url_path_for_source(PurePosixPath(path.relative_to(DOCS).as_posix())))
    return found


TABBED = tabbed_pages()
CHOSEN = """() => [...document.querySelectorAll('.tabbed-set')].map(set => {
    const inputs = [...set.querySelectorAll(':scope > input')];
    const labels = set.querySelectorAll(':scope > .tabbed-labels > label');
    return labels[inputs.findIndex(input => input.checked)].textContent.trim();
})"""


@pytest.fixture
def reader(browser: Any, gzip_site_url: str) -> Iterator[Any]:
    """A fresh reader (own storage), offline as the site is read."""
    context = browser.new_context(reduced_motion="reduce")
    context.set_default_timeout(10_000)
    cut_network(context, origin_of(gzip_site_url))
    yield context.new_page()
    context.close()


def open_page(page: Any, url: str) -> list[str]:
    page.goto(url)
    wait_until_ready(page)
    return page.evaluate(CHOSEN)


def test_the_seven_steps_and_the_tutorials_index_have_the_same_tabs() -> None:
    assert TABBED == ["first-model/", "tutorials/"]


def test_choosing_a_framework_holds_on_other_pages_and_after_a_reload(
    reader: Any, gzip_site_url: str
) -> None:
    steps, tutorials = gzip_site_url + "first-model/", gzip_site_url + "tutorials/"
    chosen = open_page(reader, steps)
    # Six steps and two worked answers, the first tab until one is chosen.
    assert len(chosen) == 8 and set(chosen) == {"Keras"}

    reader.locator(".tabbed-labels label", has_text="PyTorch").first.click()
    # Every step on the page follows, and so do the closed worked answers.
    assert set(reader.evaluate(CHOSEN)) == {"PyTorch"}
    assert reader.get_by_text("torch.nn.Sequential(").first.is_visible()
    answer = reader.locator("#exercises ~ details").first
    answer.locator("summary").click()
    assert answer.get_by_text("torch.nn.Sequential(").is_visible()
    reader.reload()
    wait_until_ready(reader)
    assert set(reader.evaluate(CHOSEN)) == {"PyTorch"}  # closed answers too, after a reload

    assert open_page(reader, tutorials) == ["PyTorch"]
    reader.reload()
    wait_until_ready(reader)
    assert reader.evaluate(CHOSEN) == ["PyTorch"]

    reader.locator(".tabbed-labels label", has_text="Keras").first.click()
    assert set(open_page(reader, steps)) == {"Keras"}


def test_both_frameworks_code_is_reachable_without_javascript(
    browser: Any, gzip_site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(gzip_site_url + "first-model/")
        keras = page.get_by_text("tf.keras.Sequential(").first
        torch = page.get_by_text("torch.nn.Sequential(").first
        assert keras.is_visible() and not torch.is_visible()
        step = page.locator("#step-4-build ~ .tabbed-set").first
        step.locator(".tabbed-labels label", has_text="PyTorch").click()
        assert torch.is_visible() and not keras.is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("framework", ["Keras", "PyTorch"])
@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.label)
@pytest.mark.parametrize("path", TABBED)
def test_tabbed_pages_have_no_axe_violation(
    browser: Any, gzip_site_url: str, path: str, view: View, framework: str
) -> None:
    context = browser.new_context(**view.context_options())
    context.set_default_timeout(10_000)
    cut_network(context, origin_of(gzip_site_url))
    try:
        page = context.new_page()
        page.goto(gzip_site_url + path)
        wait_until_ready(page)
        page.locator(".tabbed-labels label", has_text=framework).first.click()
        assert set(page.evaluate(CHOSEN)) == {framework}
        open_collapsed(page)
        violations = scan(page)
        assert not violations, f"/{path} ({view.label}, {framework}):\n" + "\n".join(
            violation.describe() for violation in violations
        )
    finally:
        context.close()
