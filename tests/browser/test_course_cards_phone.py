"""The course cards on a phone (issue 26): at 390 x 844 the tutorials index's cards stack in one
column, and no card, picture or line of text is cut off."""

from __future__ import annotations

from typing import Any

import pytest
from dlmd.quality.browsing import View, wait_until_ready

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const cards = [...document.querySelectorAll(".dlmd-course > ul > li")];
  const problems = [];
  let previous = null;
  for (const card of cards) {
    const box = card.getBoundingClientRect();
    const name = card.querySelector("strong").textContent;
    if (box.left < 0 || box.right > width) problems.push(`${name}: card outside the screen`);
    if (previous && box.top < previous.bottom) problems.push(`${name}: beside another card`);
    for (const node of card.querySelectorAll("*")) {
      if (node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).overflowX !== "visible")
        problems.push(`${name}: ${node.tagName} clips its content`);
      const inner = node.getBoundingClientRect();
      if (inner.width && (inner.left < box.left - 1 || inner.right > box.right + 1))
        problems.push(`${name}: ${node.tagName} sticks out of the card`);
    }
    const img = card.querySelector("img");
    if (!img.complete || !img.naturalWidth) problems.push(`${name}: the picture did not load`);
    previous = box;
  }
  return {count: cards.length, problems};
}"""


def test_cards_stack_and_nothing_is_clipped_at_390_px(browser: Any, site_url: str) -> None:
    context = browser.new_context(**View("light", "phone").context_options())
    try:
        page = context.new_page()
        page.goto(site_url + "tutorials/")
        wait_until_ready(page)
        for img in page.query_selector_all(".dlmd-course img"):
            img.scroll_into_view_if_needed()  # lazy pictures load as they come into view
        page.wait_for_function(
            "[...document.querySelectorAll('.dlmd-course img')].every(i => i.complete)"
        )
        found = page.evaluate(MEASURE)
    finally:
        context.close()
    assert found["count"] >= 7
    assert not found["problems"], "\n".join(found["problems"])
