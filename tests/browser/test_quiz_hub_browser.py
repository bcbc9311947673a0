"""The quiz hub as a reader uses it, in Chromium: answers given on a quiz page show up as the
saved score beside that quiz, answers saved before scores were kept are counted once their quiz
opens again, instant navigation brings fresh scores, and without JavaScript the hub still lists
every quiz. The real site (its hub lists every quiz), plus the small quiz fixture site for
instant navigation (the real site's build addresses are not the local server's)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is not installed")

from dlmd.quality.axe import scan  # noqa: E402
from dlmd.quality.browsing import View  # noqa: E402
from dlmd.quality.gzip_server import serving  # noqa: E402
from playwright.sync_api import Locator, Page, expect  # noqa: E402
from quiz_sites import build_fixture_site  # noqa: E402

pytestmark = pytest.mark.browser

HUB_PAGE = """---
description: The fixture site's quiz hub.
last_reviewed: 2026-12-04
---

# Test yourself

<!-- quiz-hub -->
"""


def answer(question: Locator, right: bool) -> None:
    """Choose the right options of a choice question (or a wrong one), then Check it."""
    keys = question.get_attribute("data-answer").split()
    if right:
        for key in keys:
            question.locator(f"input[value='{key}']").check()
    else:
        question.locator("input" + "".join(f":not([value='{k}'])" for k in keys)).first.check()
    question.get_by_role("button", name="Check").click()
    expect(question.get_by_role("button", name="Try again")).to_be_visible()


def hub_item(page: Page, name: str) -> Locator:
    return page.locator(".dlmd-hub li").filter(has=page.get_by_role("link", name=name, exact=True))


def test_answers_on_a_quiz_page_show_as_the_saved_score_in_the_hub(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "article/")
    expect(page.locator(".dlmd-quiz__score")).to_have_count(1)  # quiz.js has set up the quiz
    single = page.locator("form.dlmd-quiz fieldset[data-type=single]")
    answer(single.nth(0), right=True)
    answer(single.nth(1), right=False)
    page.goto(site_url + "quizzes/")
    article = hub_item(page, "Deep learning and the evidence")
    count = len(article.get_attribute("data-questions").split())
    expect(article).to_have_text(
        f"Deep learning and the evidence: {count} questions. "
        f"Your score: 2 of {count} answered, 1 right."
    )
    expect(hub_item(page, "Medical imaging").locator(".dlmd-hub__score")).to_have_text(
        " Not started."
    )
    total = page.evaluate(
        "[...document.querySelectorAll('.dlmd-hub [data-questions]')]"
        ".reduce((n, item) => n + item.dataset.questions.split(' ').length, 0)"
    )
    expect(page.locator(".dlmd-hub__total")).to_have_text(
        f"In all: 2 of {total} answered, 1 right. Your answers are kept only in this browser."
    )
    assert not scan(page), "axe violations on the hub with a saved score"


def test_an_answer_saved_before_scores_were_kept_counts_once_its_quiz_opens(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + "applications/imaging/")
    question = page.locator("form.dlmd-quiz fieldset[data-type=single]").first
    ident = question.get_attribute("data-question")
    right = question.get_attribute("data-answer") == "0"
    # What quiz.js saved before it kept whether an answer was right: the answer alone.
    page.evaluate(
        "id => localStorage.setItem('dlmd-quiz/' + id, JSON.stringify({answer: [0]}))", ident
    )
    page.goto(site_url + "quizzes/")
    imaging = hub_item(page, "Medical imaging")
    count = len(imaging.get_attribute("data-questions").split())
    expect(imaging.locator(".dlmd-hub__score")).to_have_text(
        f" Your score: 1 of {count} answered, 0 right (1 saved before scores were kept: open "
        "the quiz to count them)."
    )
    page.goto(site_url + "applications/imaging/")
    expect(question.get_by_role("button", name="Try again")).to_be_visible()  # restored
    page.goto(site_url + "quizzes/")
    expect(imaging.locator(".dlmd-hub__score")).to_have_text(
        f" Your score: 1 of {count} answered, {int(right)} right."
    )


def test_without_javascript_the_hub_lists_every_quiz_with_its_count(browser, site_url: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, **View("light", "phone").context_options()
    )
    page = context.new_page()
    page.goto(site_url + "quizzes/")
    items = page.locator(".dlmd-hub li")
    expect(items).to_have_count(page.locator(".dlmd-hub [data-questions]").count())
    assert items.count() >= 10
    for index in range(items.count()):
        item = items.nth(index)
        expect(item).to_have_text(
            f"{item.get_by_role('link').inner_text()}: "
            f"{len(item.get_attribute('data-questions').split())} questions."
        )
    expect(page.locator(".dlmd-hub__total")).to_contain_text(
        "with JavaScript on, this page shows how many questions of each quiz you have answered"
    )
    expect(page.locator(".dlmd-hub__score")).to_have_count(0)
    # Legible at 390 px: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("quiz-hub")
    (root / "site").mkdir()
    with serving(root / "site") as url:  # first, so the build knows its URL
        build_fixture_site(root, pages={"hub.md": HUB_PAGE}, site_url=url)
        yield url


def test_instant_navigation_to_the_hub_shows_the_scores_saved_since(
    page: Page, fixture_url: str
) -> None:
    page.goto(fixture_url + "quiz/")
    expect(page.locator(".dlmd-quiz__score")).to_have_count(1)
    page.evaluate("window.sameDocument = true")  # survives only if no full page load happens
    quiz_score = hub_item(page, "Quiz page").locator(".dlmd-hub__score")
    questions = page.locator("form.dlmd-quiz fieldset")
    for done in (1, 2):
        answer(questions.nth(done - 1), right=True)
        page.get_by_role("navigation").get_by_role("link", name="Test yourself").first.click()
        expect(page.locator("h1")).to_contain_text("Test yourself")
        expect(quiz_score).to_have_text(f" Your score: {done} of 3 answered, {done} right.")
        page.get_by_role("link", name="Quiz page", exact=True).first.click()
        expect(page.locator("h1")).to_contain_text("Quiz page")
        expect(page.locator(".dlmd-quiz__score")).to_have_count(1)
    assert page.evaluate("window.sameDocument") is True, "navigation was not instant"
