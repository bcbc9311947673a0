"""Code and output on a phone (issue 26): at 390 x 844 no code or output block hides text
without a cue, and no copy button covers code.

A block wider than its box scrolls sideways and shows a shadow at the edge where more is hidden
(site.css, as on tables). A copy button sits in a band above the first line: no line of code
runs under it, at the start of the block or scrolled to its end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO
from dlmd.quality.browsing import View, wait_until_ready
from dlmd.quality.pages import SitePage, source_pages

pytestmark = pytest.mark.browser

PAGES = source_pages(REPO / "docs")

INSPECT = """async () => {
  const frames = () => new Promise(done =>
    requestAnimationFrame(() => requestAnimationFrame(done)));
  document.querySelectorAll("details:not([open])").forEach(d => d.open = true);
  const problems = [];
  const seen = {blocks: 0, buttons: 0, copyable: 0};
  const name = (code) => JSON.stringify(code.textContent.trim().split("\\n")[0].slice(0, 50));
  const overlaps = (a, b) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (const code of document.querySelectorAll(".md-content pre > code")) {
    if (!code.getClientRects().length) continue;  // in a tab not shown
    code.scrollIntoView({block: "center"});
    await frames();  // Material adds the copy button as the block comes into view
    seen.blocks += 1;
    const copyable = !code.closest(".no-copy, .dlmd-output");
    if (copyable) seen.copyable += 1;
    const buttons = () =>
      code.parentElement.querySelector(":scope > :is(.md-code__nav, .md-clipboard)");
    for (let wait = 0; copyable && !buttons() && wait < 60; wait++) await frames();
    const style = getComputedStyle(code);
    if (code.scrollWidth > code.clientWidth + 1) {
      if (!["auto", "scroll"].includes(style.overflowX))
        problems.push(`${name(code)} is cut off (overflow-x: ${style.overflowX})`);
      else if (!style.backgroundImage.includes("radial-gradient"))
        problems.push(`${name(code)} scrolls sideways without a shadow at its edges`);
    }
    // Material's code buttons (copy) sit in a <nav> at the block's top right.
    const nav = buttons();
    if (!nav) continue;
    seen.buttons += 1;
    for (const left of [0, code.scrollWidth]) {
      code.scrollLeft = left;
      const box = nav.getBoundingClientRect();
      const text = [];
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        text.push(...[...range.getClientRects()].filter(r => r.width > 0));
      }
      if (text.some(r => overlaps(r, box)))
        problems.push(`the copy button covers code in ${name(code)} (scrolled to ${left})`);
    }
    code.scrollLeft = 0;
  }
  return {problems, ...seen};
}"""


@pytest.fixture(scope="module")
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**View("light", "phone").context_options())
    context.set_default_timeout(20_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("site_page", PAGES, ids=lambda page: page.label)
def test_no_code_or_output_hides_text_on_a_phone(
    phone: Any, site_url: str, site_page: SitePage
) -> None:
    phone.goto(site_url + site_page.path)
    wait_until_ready(phone)
    found = phone.evaluate(INSPECT)
    problems = found["problems"]
    # Every code block to copy has its button here, or the check above would pass vacuously.
    assert found["buttons"] == found["copyable"], f"/{site_page.path}: copy buttons missing"
    assert not problems, f"/{site_page.path} at 390 px:\n" + "\n".join(problems)
