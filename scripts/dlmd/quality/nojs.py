"""No JavaScript: a reader with scripts off still gets every page's content, navigation and
quiz answers.

Material's drawer, content tabs and collapsible blocks are CSS and native HTML, so they must
keep working; the quizzes put each answer in a native <details>.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

CONTEXT_OPTIONS = {"java_script_enabled": False}

# Text a reader must be able to see, in the article; what sits in a closed <details> or an
# unselected content tab is reachable by opening it (checked separately for quiz answers).
_HIDDEN_CONTENT = """
() => {
  const article = document.querySelector(".md-content article");
  if (!article) return {article: false, hidden: [], text: 0};
  const parts = article.querySelectorAll("h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, pre");
  const inClosedDetails = (el) => el.closest("details:not([open]) > :not(summary)") !== null;
  const inOtherTab = (el) => {
    const block = el.closest(".tabbed-block");
    return block !== null && !block.checkVisibility();
  };
  const tucked = (el) => inClosedDetails(el) || inOtherTab(el);
  const hidden = [...parts]
    .filter((el) => el.textContent.trim() && !tucked(el) && !el.checkVisibility())
    .map((el) => `<${el.tagName.toLowerCase()}> ${el.textContent.trim().slice(0, 60)}`);
  return {article: true, hidden, text: article.innerText.trim().length};
}
"""

_VISIBLE_NAV_TARGETS = """
() => [...document.querySelectorAll(".md-nav--primary a[href]")]
  .filter((a) => {
    const box = a.getBoundingClientRect();  // an off-canvas drawer is beside the viewport
    return a.checkVisibility({visibilityProperty: true, opacityProperty: true})
      && box.width > 0 && box.right > 0 && box.left < innerWidth;
  })
  .map((a) => new URL(a.getAttribute("href"), location.href).pathname)
"""


# Paths of the pages the navigation lists inside a section (a nested item's own list), which a
# phone's drawer shows one tap further; a section's index page is the section's own link.
_SECTION_PAGES = """
() => [...document.querySelectorAll(".md-nav--primary .md-nav__item--nested > nav a.md-nav__link")]
  .map((a) => new URL(a.getAttribute("href"), location.href).pathname)
"""


_DRAWER_OPEN = """
() => {
  const box = document.querySelector(".md-sidebar--primary").getBoundingClientRect();
  return box.left >= 0 && box.right <= innerWidth;
}
"""


@dataclass
class NoJsCheck:
    problems: list[str] = field(default_factory=list)
    quiz_answers: int = 0


def _missing_links(page: Any, base_path: str, paths: list[str]) -> list[str]:
    linked = set(page.evaluate(_VISIBLE_NAV_TARGETS))
    return [path for path in paths if base_path + path not in linked]


def check_page(page: Any, base_url: str, path: str, all_paths: list[str], phone: bool) -> NoJsCheck:
    """Open the page at `path` with JavaScript off; report what a reader could not see or reach.

    `all_paths` are every page of the site: each must have a visible link in the navigation
    (on a phone, once the menu is opened; there only the top level, as sections open on tap).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # only where a browser runs

    result = NoJsCheck()
    page.goto(base_url + path)
    if page.evaluate("document.documentElement.classList.contains('js')"):
        result.problems.append("JavaScript ran although it is disabled: the check is void")
        return result
    content = page.evaluate(_HIDDEN_CONTENT)
    if not content["article"] or content["text"] == 0:
        result.problems.append("the article is missing or empty")
    result.problems += [f"content not visible: {what}" for what in content["hidden"]]

    # Quiz answers sit in native <details>: a click on "Show answer" must reveal them.
    answers = page.locator(".dlmd-quiz__answer")
    result.quiz_answers = answers.count()
    for index in range(result.quiz_answers):
        answer = answers.nth(index)
        answer.locator("summary").first.click()
        shown = answer.evaluate(
            "d => d.open && [...d.children].filter(c => c.tagName !== 'SUMMARY')"
            "  .some(c => c.checkVisibility() && c.innerText.trim().length > 0)"
        )
        if not shown:
            result.problems.append(f"quiz answer {index + 1} does not show when opened")
    questions = page.locator(".dlmd-quiz__question").count()
    if questions != result.quiz_answers:
        result.problems.append(f"{questions} quiz questions but {result.quiz_answers} answers")

    if phone:
        # The drawer is a CSS checkbox toggle: its menu button must open it without scripts.
        page.locator('label.md-header__button[for="__drawer"]').click()
        try:  # the drawer slides in with a CSS transition
            page.wait_for_function(_DRAWER_OPEN, timeout=3000)
        except PlaywrightTimeout:
            result.problems.append("the menu button does not open the navigation drawer")
            return result
        # On a phone the drawer lists the top level; a section's pages are one tap further.
        base = urlsplit(base_url).path
        in_sections = set(page.evaluate(_SECTION_PAGES))
        all_paths = [other for other in all_paths if base + other not in in_sections]
    # The page itself is not required: on a phone its entry opens its table of contents.
    wanted = [other for other in all_paths if other != path]
    missing = _missing_links(page, urlsplit(base_url).path, wanted)
    result.problems += [f"no visible navigation link to /{other}" for other in missing]
    return result
