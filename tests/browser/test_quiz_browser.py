"""The quiz as a reader meets it, in Debian's chromium: answering, keyboard, screen-reader
announcements, saved progress, instant navigation, no JavaScript, hostile text, and axe.

The pages come from tests/fixtures/quizzes/site, built with the site's real configuration
(theme, plugins, quiz.js, quiz.css) by `build_fixture_site`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is not installed")

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from dlmd.plugins.quiz.plugin import ASSETS as QUIZ_ASSETS  # noqa: E402
from dlmd.quality.gzip_server import serving  # noqa: E402
from dlmd.quiz.ids import question_id  # noqa: E402
from dlmd.quiz.parse import parse  # noqa: E402
from dlmd.quiz.render import render  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402
from quiz_sites import FIXTURE_PAGES, build_fixture_site  # noqa: E402

pytestmark = pytest.mark.browser

Q1, Q2, Q3 = (f".dlmd-quiz__question >> nth={index}" for index in range(3))


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("quiz-browser")
    (root / "site").mkdir()
    with serving(root / "site") as url:  # first, so the build knows its URL
        build_fixture_site(root, site_url=url)
        yield url


@pytest.fixture
def quiz(page: Page, quiz_url: str) -> Page:
    page.goto(quiz_url + "quiz/")
    expect(page.locator(".dlmd-quiz__score")).to_have_count(1)  # quiz.js has run
    return page


def status(page: Page, question: str) -> str:
    return page.locator(question).locator(".dlmd-quiz__status").inner_text()


def check(page: Page, question: str) -> None:
    page.locator(question).get_by_role("button", name="Check").click()


def test_right_answer_is_announced_marked_explained_and_scored(quiz: Page) -> None:
    question = quiz.locator(Q1)
    question.get_by_label("Image analysis").check()
    check(quiz, Q1)
    live = question.locator("[aria-live=polite]")
    expect(live.locator("p")).to_have_text(
        [
            "✓ Correct.",
            "Right: a CNN learns to find patterns in the pixels themselves.",
            "Explanation: Deep learning reads images; see Image analysis.",
        ]
    )
    expect(question.locator(".dlmd-quiz__mark")).to_have_text(["✓ Right"])
    # Said once: the disclosure stays shut, so the feedback is not repeated below it.
    answer = question.locator("details")
    expect(answer).to_be_visible()
    expect(answer).not_to_have_attribute("open", "")
    expect(answer.get_by_text("Deep learning reads images")).to_be_hidden()
    expect(question.get_by_role("button", name="Try again")).to_be_focused()
    expect(quiz.locator(".dlmd-quiz__score")).to_have_text(
        "Your score on this page: 1 of 3 right (2 not answered yet)."
    )


def test_wrong_answers_say_why_without_giving_the_answer_away(quiz: Page) -> None:
    q1 = quiz.locator(Q1)
    q1.get_by_label("Hospital billing").check()
    check(quiz, Q1)
    expect(q1.locator("[aria-live=polite] > p")).to_have_text(
        [
            "✗ Not quite.",
            "Billing is administration, not diagnosis.",
            "Try again, or open “Show answer” below.",
        ]
    )
    expect(q1.locator(".dlmd-quiz__mark")).to_have_text(["✗ Wrong"])
    answer = q1.locator("details")
    expect(answer).to_be_visible()
    expect(answer.get_by_text("Deep learning reads images")).to_be_hidden()  # closed until asked
    q2 = quiz.locator(Q2)
    q2.get_by_label("CT").check()
    q2.get_by_label("EHR").check()
    check(quiz, Q2)
    expect(q2.locator("[aria-live=polite] > p").first).to_have_text(
        "✗ Not quite. You chose 1 of the 2 right answers and 1 wrong."
    )
    options = q2.locator(".dlmd-quiz__options li")
    expect(options.filter(has_text="CT").locator(".dlmd-quiz__mark")).to_have_text("✓ Right")
    expect(options.filter(has_text="EHR").locator(".dlmd-quiz__mark")).to_have_text("✗ Wrong")
    q3 = quiz.locator(Q3)
    q3.get_by_label("Your answer").fill("85")
    check(quiz, Q3)
    expect(q3.locator("[aria-live=polite] > p").first).to_have_text("✗ Not quite: 85 is too low.")
    expect(quiz.locator(".dlmd-quiz__score")).to_have_text("Your score on this page: 0 of 3 right.")


def test_nothing_is_judged_until_check_and_bad_input_is_explained(quiz: Page) -> None:
    q1 = quiz.locator(Q1)
    q1.get_by_label("Hospital billing").check()
    q1.get_by_label("Image analysis").check()
    expect(q1.locator(".dlmd-quiz__mark")).to_have_count(0)
    assert status(quiz, Q1) == ""
    q3 = quiz.locator(Q3)
    check(quiz, Q3)
    expect(q3.locator("[aria-live=polite]")).to_have_text("Type a number first.")
    q3.get_by_label("Your answer").fill("ninety")
    check(quiz, Q3)
    expect(q3.locator("[aria-live=polite]")).to_have_text(
        "“ninety” is not a number: type digits, such as 42.5."
    )
    expect(q3.get_by_role("button", name="Check")).to_be_visible()
    q3.get_by_label("Your answer").fill("90.4")
    q3.get_by_label("Your answer").press("Enter")  # Enter in the number field checks
    expect(q3.locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")
    assert quiz.url.endswith("/quiz/")


def test_keyboard_only_run_with_tab_arrows_space_and_enter(quiz: Page) -> None:
    first_radio = quiz.locator(Q1).locator("input").first.get_attribute("id")
    for _ in range(150):  # Tab from the top of the page into the first question
        quiz.keyboard.press("Tab")
        if quiz.evaluate("document.activeElement.id") == first_radio:
            break
    else:
        pytest.fail("Tab never reached the first option")
    labels = quiz.locator(Q1).locator(".dlmd-quiz__options label").all_inner_texts()
    quiz.keyboard.press("ArrowDown")  # arrows move through a radio group and select
    quiz.keyboard.press("ArrowUp")
    for _ in range(labels.index("Image analysis")):
        quiz.keyboard.press("ArrowDown")
    quiz.keyboard.press("Tab")
    expect(quiz.locator(Q1).get_by_role("button", name="Check")).to_be_focused()
    quiz.keyboard.press("Enter")
    expect(quiz.locator(Q1).locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")
    retry = quiz.locator(Q1).get_by_role("button", name="Try again")
    expect(retry).to_be_focused()
    quiz.keyboard.press("Enter")  # Try again clears the answer and returns to the options
    expect(quiz.locator(Q1).locator("input").first).to_be_focused()
    expect(quiz.locator(Q1).locator("input:checked")).to_have_count(0)
    quiz.keyboard.press("Tab")  # radio group -> Check
    boxes = quiz.locator(Q2).locator(".dlmd-quiz__options label").all_inner_texts()
    for label in boxes:
        quiz.keyboard.press("Tab")  # -> the next checkbox of question 2
        if label in ("CT", "MRI"):
            quiz.keyboard.press("Space")
    quiz.keyboard.press("Enter")  # Enter on an answer checks its question, EHR left unchecked
    expect(quiz.locator(Q2).locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")
    expect(quiz.locator(Q2).get_by_role("button", name="Try again")).to_be_focused()
    expect(quiz.locator(".dlmd-quiz__score")).to_have_text(
        "Your score on this page: 1 of 3 right (2 not answered yet)."
    )


def test_progress_is_kept_across_a_reload_and_try_again_forgets_it(quiz: Page) -> None:
    quiz.locator(Q1).get_by_label("Hospital billing").check()
    check(quiz, Q1)
    quiz.locator(Q3).get_by_label("Your answer").fill("90")
    check(quiz, Q3)
    quiz.reload()
    expect(quiz.locator(".dlmd-quiz__score")).to_have_text(
        "Your score on this page: 1 of 3 right (1 not answered yet)."
    )
    q1 = quiz.locator(Q1)
    expect(q1.get_by_label("Hospital billing")).to_be_checked()
    expect(q1.locator(".dlmd-quiz__mark")).to_have_text(["✗ Wrong"])
    expect(q1.locator("[aria-live=polite] > p").first).to_have_text("✗ Not quite.")
    expect(quiz.locator(Q3).get_by_label("Your answer")).to_have_value("90")
    q1.get_by_role("button", name="Try again").click()
    quiz.reload()
    expect(quiz.locator(Q1).locator("input:checked")).to_have_count(0)
    expect(quiz.locator(Q1).get_by_role("button", name="Check")).to_be_visible()
    expect(quiz.locator(".dlmd-quiz__score")).to_have_text(
        "Your score on this page: 1 of 3 right (2 not answered yet)."
    )


def test_answers_saved_for_an_earlier_version_of_a_question_are_ignored(
    page: Page, quiz_url: str
) -> None:
    [current], _ = parse((FIXTURE_PAGES / "quiz.md").read_text(encoding="utf-8"))
    q1, q2, q3 = current.questions
    earlier = parse(
        (FIXTURE_PAGES / "quiz.md")
        .read_text(encoding="utf-8")
        .replace("[ ] Hospital billing", "[ ] Hospital accounting")
    )[0][0].questions[0]
    assert question_id(earlier) != question_id(q1)
    saved = {
        question_id(earlier): {"answer": [1]},  # an older wording of question 1
        question_id(q2): {"answer": [0, 1]},  # the current question 2
        question_id(q3): {"answer": [7]},  # damaged: a numeric question saved as a choice
    }
    page.goto(quiz_url + "other/")
    page.evaluate(
        "saved => { for (const [id, value] of Object.entries(saved)) "
        "localStorage.setItem('dlmd-quiz/' + id, JSON.stringify(value)); }",
        saved,
    )
    page.goto(quiz_url + "quiz/")
    expect(page.locator(Q2).locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")
    expect(page.locator(Q1).locator("input:checked")).to_have_count(0)
    expect(page.locator(Q1).locator(".dlmd-quiz__mark")).to_have_count(0)
    expect(page.locator(Q3).get_by_role("button", name="Check")).to_be_visible()
    expect(page.locator(".dlmd-quiz__score")).to_have_text(
        "Your score on this page: 1 of 3 right (2 not answered yet)."
    )


def test_instant_navigation_away_and_back_initialises_once_per_view(quiz: Page) -> None:
    quiz.locator(Q1).get_by_label("Image analysis").check()
    check(quiz, Q1)
    quiz.evaluate("window.sameDocument = true")  # survives only if no full page load happens
    for _ in range(3):
        quiz.get_by_role("navigation").get_by_role("link", name="Another page").first.click()
        expect(quiz.locator("h1")).to_contain_text("Another page")
        quiz.get_by_role("article").get_by_role("link", name="the quiz").click()
        expect(quiz.locator("h1")).to_contain_text("Quiz page")
    quiz.go_back()
    expect(quiz.locator("h1")).to_contain_text("Another page")
    quiz.go_forward()
    expect(quiz.locator("h1")).to_contain_text("Quiz page")
    assert quiz.evaluate("window.sameDocument") is True, "navigation was not instant"
    expect(quiz.locator(".dlmd-quiz__actions")).to_have_count(3)
    expect(quiz.locator(".dlmd-quiz__score")).to_have_count(1)
    expect(quiz.locator(Q1).locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")
    quiz.locator(Q2).get_by_label("MRI").check()
    check(quiz, Q2)
    expect(quiz.locator(Q2).locator(".dlmd-quiz__mark")).to_have_count(1)
    expect(quiz.locator(".dlmd-quiz__score")).to_have_text(
        "Your score on this page: 1 of 3 right (1 not answered yet)."
    )


def test_instant_navigation_from_a_page_without_a_quiz_sets_it_up_once(
    page: Page, quiz_url: str
) -> None:
    # quiz.js is loaded only on quiz pages: here it arrives with the first quiz page reached
    # instantly, and comes again with each later visit.
    page.goto(quiz_url + "other/")
    expect(page.locator("h1")).to_contain_text("Another page")
    assert page.evaluate("typeof window.dlmdQuiz") == "undefined"
    page.evaluate("window.sameDocument = true")
    for _ in range(3):
        page.get_by_role("article").get_by_role("link", name="the quiz").click()
        expect(page.locator("h1")).to_contain_text("Quiz page")
        expect(page.locator(".dlmd-quiz__actions")).to_have_count(3)
        page.get_by_role("navigation").get_by_role("link", name="Another page").first.click()
        expect(page.locator("h1")).to_contain_text("Another page")
    page.get_by_role("article").get_by_role("link", name="the quiz").click()
    assert page.evaluate("window.sameDocument") is True, "navigation was not instant"
    expect(page.locator(".dlmd-quiz__actions")).to_have_count(3)
    expect(page.locator(".dlmd-quiz__score")).to_have_count(1)
    page.locator(Q2).get_by_label("MRI").check()
    page.locator(Q2).get_by_label("CT", exact=True).check()
    check(page, Q2)  # one click handler: one judgement, one mark per chosen option
    expect(page.locator(Q2).locator(".dlmd-quiz__mark")).to_have_count(2)
    expect(page.locator(Q2).locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")
    expect(page.locator(".dlmd-quiz__score")).to_have_text(
        "Your score on this page: 1 of 3 right (2 not answered yet)."
    )


def test_without_javascript_the_quiz_can_be_answered_and_revealed(browser, quiz_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(quiz_url + "quiz/")
    q1 = page.locator(Q1)
    expect(q1.locator("legend")).to_contain_text(
        "What is the primary use of deep learning in medical imaging?"
    )
    expect(q1.get_by_role("radio")).to_have_count(4)
    expect(page.get_by_role("button", name="Check")).to_have_count(0)
    q1.get_by_label("Hospital billing").check()
    expect(q1.get_by_label("Hospital billing")).to_be_checked()
    q1.get_by_text("Show answer").click()
    expect(q1.get_by_text("Right answer: Image analysis")).to_be_visible()
    expect(q1.get_by_text("Billing is administration, not diagnosis.")).to_be_visible()
    expect(q1.get_by_text("Deep learning reads images")).to_be_visible()
    field = page.locator(Q3).get_by_label("Your answer")
    field.fill("90")
    field.press("Enter")  # the form has method=dialog: Enter must not reload the page
    expect(field).to_have_value("90")
    page.locator(Q3).get_by_text("Show answer").click()
    expect(page.get_by_text("answers from 89.5 to 90.5% count as right")).to_be_visible()
    context.close()


def test_html_in_quiz_text_is_shown_as_text_and_runs_nothing(page: Page, quiz_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(quiz_url + "xss/")
    question = page.locator(".dlmd-quiz__question")
    expect(question.locator("legend")).to_contain_text(
        """<img src=x onerror="window.quizXss='img'"> or """
        """<script>window.quizXss='script'</script> safe in <b>code</b>?"""
    )
    question.get_by_label("Run as HTML").check()
    check(page, ".dlmd-quiz__question")  # copies the option's feedback into the live region
    expect(question.locator("[aria-live=polite]")).to_contain_text("<b>never</b> bold.")
    question.get_by_role("button", name="Try again").click()
    question.get_by_label("Shown as").check()
    check(page, ".dlmd-quiz__question")
    expect(question.locator("[aria-live=polite]")).to_contain_text(
        """Feedback <img src=x onerror="window.quizXss='feedback'"> stays text."""
    )
    expect(question.get_by_role("status").get_by_text("Author text is escaped")).to_be_visible()
    page.wait_for_timeout(200)  # time for an injected onerror handler to fire, if any
    form = page.locator("form.dlmd-quiz")
    expect(form.locator("img, script, b, [onclick], [onerror]")).to_have_count(0)
    assert page.evaluate("typeof window.quizXss") == "undefined"
    assert dialogs == []


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_axe_finds_no_violation_on_a_quiz_page(
    browser, quiz_url: str, scheme: str, palette: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(quiz_url + "quiz/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
    # Judge two questions so status, marks, Try again and an open answer are checked too.
    page.locator(Q1).get_by_label("Hospital billing").check()
    check(page, Q1)
    page.locator(Q2).get_by_label("CT").check()
    page.locator(Q2).get_by_label("MRI").check()
    check(page, Q2)
    page.locator(Q1).locator("summary").click()
    expect(page.locator(Q1).locator("details")).to_have_attribute("open", "")
    page.wait_for_timeout(400)  # let the status fade-in finish before colours are measured
    results = Axe().run(page)
    violations = [
        {"id": item["id"], "nodes": [node["target"] for node in item["nodes"]]}
        for item in results.response["violations"]
    ]
    context.close()
    assert violations == [], json.dumps(violations, indent=1)


def test_script_also_works_on_a_page_without_material(page: Page, repo: Path) -> None:
    [quiz], _ = parse((FIXTURE_PAGES / "quiz.md").read_text(encoding="utf-8"))
    body = markdown.Markdown(extensions=["md_in_html"]).convert(render(quiz))
    page.set_content(f"<!doctype html><html lang=en><title>Quiz</title><main>{body}</main>")
    page.add_script_tag(path=str(QUIZ_ASSETS / "quiz.js"))
    assert page.evaluate("typeof window.document$") == "undefined"
    page.locator(Q1).get_by_label("Image analysis").check()
    check(page, Q1)
    expect(page.locator(Q1).locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")
    expect(page.locator(".dlmd-quiz__score")).to_have_count(1)


def test_options_are_shuffled_at_build_time_and_a_pinned_option_keeps_its_place(
    quiz: Page,
) -> None:
    labels = quiz.locator(Q1).locator(".dlmd-quiz__options label").all_inner_texts()
    authored = ["Image analysis", "Hospital billing", "Printing films", "None of these"]
    assert sorted(labels) == sorted(authored)
    assert labels[:3] != authored[:3], "the authored order, right answer first, is shown"
    assert labels[3] == "None of these", "the option written with {pin} moved"
    # Answers follow the option, not its place: a reload restores the same choice.
    quiz.locator(Q1).get_by_label("Printing films").check()
    check(quiz, Q1)
    quiz.reload()
    expect(quiz.locator(Q1).get_by_label("Printing films")).to_be_checked()
    expect(quiz.locator(Q1).locator("input:checked")).to_have_count(1)


NUMBERS = {
    "92": 92,
    "92%": 92,
    "92 %": 92,
    "1,000": 1000,
    "1 000": 1000,
    "1000": 1000,
    "12,345,678": 12345678,
    "1,000.5": 1000.5,
    "1.000,5": 1000.5,
    "0,92": 0.92,
    "3,5": 3.5,
    "0.92": 0.92,
    "1.000": 1,  # a lone dot is a decimal point, as in 1.000 = one
    "-2.5": -2.5,
    "1,000,5": None,  # ambiguous: refused rather than guessed
    "1 2": None,
    "ninety": None,
    "": None,
}


def test_number_parser_reads_numbers_as_people_type_them(page: Page, quiz_url: str) -> None:
    page.goto(quiz_url + "numbers/")
    read = page.evaluate(
        "texts => texts.map(text => { const n = window.dlmdQuiz.toNumber(text);"
        " return Number.isNaN(n) ? null : n; })",
        list(NUMBERS),
    )
    assert dict(zip(NUMBERS, read, strict=True)) == NUMBERS


@pytest.mark.parametrize("typed", ["1,000", "1 000", "1000"])
def test_thousands_are_read_as_thousands(page: Page, quiz_url: str, typed: str) -> None:
    page.goto(quiz_url + "numbers/")
    question = page.locator(Q1)
    question.get_by_label("Your answer").fill(typed)
    check(page, Q1)
    expect(question.locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")


def test_a_proportion_typed_for_a_percentage_gets_a_hint_not_a_verdict(
    page: Page, quiz_url: str
) -> None:
    page.goto(quiz_url + "numbers/")
    question = page.locator(Q2)
    question.get_by_label("Your answer").fill("0.92")
    check(page, Q2)
    expect(question.locator("[aria-live=polite]")).to_have_text(
        "This answer is asked as a percentage: write 0.92 as 92%."
    )
    expect(question.locator(".dlmd-quiz__mark")).to_have_count(0)
    expect(question.get_by_role("button", name="Check")).to_be_visible()
    question.get_by_label("Your answer").fill("0.5")  # a wrong proportion is simply wrong
    check(page, Q2)
    expect(question.locator("[aria-live=polite] > p").first).to_have_text(
        "✗ Not quite: 0.5 is too low."
    )
    question.get_by_role("button", name="Try again").click()
    question.get_by_label("Your answer").fill("92 %")
    check(page, Q2)
    expect(question.locator("[aria-live=polite] > p").first).to_have_text("✓ Correct.")


def _luminance(rgb: str) -> float:
    channels = [int(value) / 255 for value in rgb[rgb.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    high, low = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chosen_option_keeps_its_contrast_once_checked(
    browser: object, quiz_url: str, scheme: str
) -> None:
    """Checking disables the options; the browser's grey for a disabled radio would fade the
    reader's choice below the 3:1 that WCAG 1.4.11 asks of a control's state."""
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(quiz_url + "quiz/")
        expect(page.locator(".dlmd-quiz__score")).to_have_count(1)
        chosen = page.locator(Q1).get_by_label("Hospital billing")
        chosen.check()
        check(page, Q1)
        expect(chosen).to_be_disabled()
        fill, page_background = chosen.evaluate(
            "input => [getComputedStyle(input).backgroundColor,"
            " getComputedStyle(document.body).backgroundColor]"
        )
        assert _contrast(fill, page_background) >= 3, (fill, page_background)
    finally:
        context.close()


def test_show_answer_and_boxes_are_at_body_size(quiz: Page) -> None:
    sizes = quiz.evaluate(
        """() => [".md-typeset > p", ".dlmd-quiz__answer summary"].map(
             s => getComputedStyle(document.querySelector(s)).fontSize)"""
    )
    assert sizes[0] == sizes[1], f"body {sizes[0]}, Show answer {sizes[1]}"


def test_a_common_wrong_number_gets_the_authors_hint(page: Page, quiz_url: str) -> None:
    page.goto(quiz_url + "numbers/")
    question = page.locator(Q1)
    question.get_by_label("Your answer").fill("1,250")
    check(page, Q1)
    live = question.locator("[aria-live=polite]")
    expect(live).to_contain_text("1,250 is too high.")
    expect(live).to_contain_text("If you wrote 1250: That is everyone invited")
    question.get_by_role("button", name="Try again").click()
    question.get_by_label("Your answer").fill("1100")
    check(page, Q1)
    expect(live).to_contain_text("1100 is too high.")
    expect(live).not_to_contain_text("everyone invited")
