"""Copy buttons: each one puts exactly its block's code on the clipboard.

"Exactly" means the code as the reader sees it, minus what is not code to type: line numbers,
annotation markers, console prompts (`>>>`, `...`, `$`) and printed output. Buttons are
clicked for real in Chromium with clipboard permission, and the clipboard is read back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Material's copy buttons point at their code with data-clipboard-target; mkdocs-jupyter's
# notebook cells use the <clipboard-copy> element.
BUTTONS = "[data-clipboard-target], clipboard-copy"

# What the reader sees as the block's code, without what a copy must leave out; and which code
# blocks lack a button. A block marked `.no-copy` (Material's opt-out, used for notebook
# outputs) and a line-number column are not code to copy.
_INSPECT_TEMPLATE = """
() => {
  const NOT_TO_COPY = ".no-copy, .jp-OutputArea, .jp-RenderedText, .linenos, .linenodiv";
  // An output line goes whole, with its line break (line spans: pymdownx.highlight).
  const NOT_CODE = ".md-annotation, .gp, .go, code > span:has(> .go), .linenos, .linenodiv";
  const buttons = [...document.querySelectorAll(BUTTONS)];
  const shown = (code) => {
    const clone = code.cloneNode(true);
    clone.querySelectorAll(NOT_CODE).forEach((node) => node.remove());
    return clone.textContent;
  };
  const blockOf = (button) => {
    if (button.matches("clipboard-copy")) {
      const area = button.closest(".jp-InputArea, .jp-Cell-inputWrapper");
      return area ? area.querySelector("pre") : null;
    }
    return document.querySelector(button.getAttribute("data-clipboard-target"));
  };
  const blocks = buttons.map(blockOf);
  const covered = (pre) =>
    blocks.some((code) => code && (pre.contains(code) || code.contains(pre)));
  const missing = [...document.querySelectorAll(".md-content pre")]
    .filter((pre) => !pre.closest(NOT_TO_COPY))
    .filter((pre) => !covered(pre))
    .map((pre) => pre.textContent.trim().split("\\n")[0].slice(0, 60));
  return {
    expected: blocks.map((code) => (code ? shown(code) : null)),
    missing,
  };
}
"""
_INSPECT = _INSPECT_TEMPLATE.replace("BUTTONS", repr(BUTTONS))

# Show an element's content tab and open its collapsible block, so a reader could see it.
_REVEAL_FUNCTION = """
function reveal(element) {
  for (let node = element; node; node = node.parentElement) {
    if (node.matches("details:not([open])")) node.open = true;
    if (node.matches(".tabbed-block")) {
      const set = node.closest(".tabbed-set");
      const index = [...node.parentElement.children].indexOf(node);
      const input = set.querySelectorAll(":scope > input")[index];
      if (input && !input.checked) input.click();
    }
  }
  element.scrollIntoView({block: "center"});
}
"""
_REVEAL = f"(button) => {{ {_REVEAL_FUNCTION} reveal(button); }}"
# Material gives a code block its copy button when the block first scrolls into view
# (content.lazy, mkdocs.yml): bring each one into view, as a reader scrolling the page would.
_SHOW_EVERY_BLOCK = f"""
async () => {{
  {_REVEAL_FUNCTION}
  const frames = () => new Promise((done) =>
    requestAnimationFrame(() => requestAnimationFrame(done)));
  for (const pre of document.querySelectorAll(".md-content pre")) {{
    reveal(pre);
    await frames();
  }}
  return true;
}}
"""


@dataclass(frozen=True)
class CopyCheck:
    index: int  # the button's position on the page (1-based)
    expected: str
    copied: str

    @property
    def ok(self) -> bool:
        return self.copied.rstrip() == self.expected.rstrip()

    def describe(self) -> str:
        return (
            f"copy button {self.index}: clipboard holds {self.copied[:200]!r}, "
            f"expected {self.expected[:200]!r}"
        )


@dataclass
class PageCopies:
    checks: list[CopyCheck]
    missing: list[str]  # first line of each code block that has no copy button

    def problems(self) -> list[str]:
        return [check.describe() for check in self.checks if not check.ok] + [
            f"code block without a copy button: {first!r}" for first in self.missing
        ]


CONTEXT_OPTIONS = {"permissions": ["clipboard-read", "clipboard-write"]}


def show_every_code_block(page: Any) -> None:
    """Scroll each code block of the loaded page into view (opening its collapsible block or
    tab), so that Material has given every one its copy button."""
    page.evaluate(_SHOW_EVERY_BLOCK)


def check_copies(page: Any) -> PageCopies:
    """Click every copy button on the loaded page and compare the clipboard with its block."""
    show_every_code_block(page)
    found = page.evaluate(_INSPECT)
    buttons = page.locator(BUTTONS)
    checks = []
    for index, expected in enumerate(found["expected"]):
        button = buttons.nth(index)
        if expected is None:
            checks.append(CopyCheck(index + 1, "(the code this button names)", "(no such code)"))
            continue
        page.evaluate("navigator.clipboard.writeText('(nothing was copied)')")
        button.evaluate(_REVEAL)
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        checks.append(CopyCheck(index + 1, expected, copied))
    return PageCopies(checks, found["missing"])
