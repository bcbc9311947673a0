"""Stable ids, escaping of author text, and the HTML a quiz becomes (through Python-Markdown
with the site's extensions, without MkDocs)."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from pathlib import Path

import markdown
import pytest
from dlmd.plugins.quiz.plugin import ASSETS as QUIZ_ASSETS
from dlmd.quiz import Question, QuizError, convert_page
from dlmd.quiz.ids import question_id, quiz_id
from dlmd.quiz.order import display_order
from dlmd.quiz.parse import parse
from dlmd.quiz.render import inline, render

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "quizzes"
VALID = (FIXTURES / "valid" / "every-feature.md").read_text(encoding="utf-8")


def ids(text: str) -> list[str]:
    quizzes, problems = parse(text)
    assert problems == []
    return [question_id(question) for question in quizzes[0].questions]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    explanation: See [Image analysis](#image-analysis).", "    explanation: Reworded."),
        ("        > Billing is administration.", "        > Billing is paperwork."),
        ("    tolerance: 0.5", "    tolerance: 1"),
        ("# Every feature", "# Every feature\n\nA new paragraph above the quiz."),
        ("deep learning\n    in *medical", "deep   learning\n    in *medical"),  # spacing only
    ],
)
def test_ids_ignore_edits_that_do_not_change_what_readers_answer(old: str, new: str) -> None:
    assert old in VALID
    assert ids(VALID.replace(old, new)) == ids(VALID)


@pytest.mark.parametrize(
    ("old", "new", "changed"),
    [
        ("in *medical imaging*?", "in *medical images*?", 0),
        ("- [ ] Billing with", "- [ ] Invoicing with", 0),
        ("- [x] MRI", "- [ ] MRI", 1),
        ("    answer: 90", "    answer: 0.9", 2),
        ("    unit: %", "    unit: per 100", 2),
    ],
)
def test_ids_change_with_the_question_itself_and_only_for_that_question(
    old: str, new: str, changed: int
) -> None:
    before, after = ids(VALID), ids(VALID.replace(old, new))
    assert [a != b for a, b in zip(before, after, strict=True)] == [
        index == changed for index in range(3)
    ]


def test_quiz_id_follows_its_questions() -> None:
    [first, second], _ = parse(VALID)
    assert quiz_id(first) != quiz_id(second)
    [edited, _], _ = parse(VALID.replace("- [x] MRI", "- [ ] MRI"))
    assert quiz_id(edited) != quiz_id(first)
    assert re.fullmatch(r"quiz-[0-9a-f]{10}", quiz_id(first))


def test_inline_disarms_html_and_attribute_lists_and_renders_code_spans_as_text() -> None:
    assert inline("<script>x</script> & `<b>` {: onclick=y}") == (
        "&lt;script>x&lt;/script> & <code>&lt;b&gt;</code> &#123;: onclick=y}"
    )
    assert inline("``a ` <i>`` <i>") == "<code>a &#96; &lt;i&gt;</code> &lt;i>"


def site_markdown() -> markdown.Markdown:
    """The Markdown extensions of mkdocs.yml that touch inline text and raw HTML."""
    return markdown.Markdown(
        extensions=[
            "abbr",
            "attr_list",
            "md_in_html",
            "toc",
            "pymdownx.inlinehilite",
            "pymdownx.superfences",
            "pymdownx.details",
        ]
    )


def test_rendered_quiz_is_semantic_html_after_markdown() -> None:
    [quiz, _], _ = parse(VALID)
    html = site_markdown().convert(render(quiz) + "\n*[CNN]: Convolutional neural network\n")
    assert "markdown=" not in html
    assert html.count("<fieldset") == 3 and html.count("<legend") == 3
    assert html.count('type="radio"') == 4 and html.count('type="checkbox"') == 3
    assert 'inputmode="decimal"' in html
    for match in re.finditer(r'<input [^>]*id="([^"]+)"', html):
        assert f'<label for="{match[1]}">' in html, "every input has its label"
    assert "in <em>medical imaging</em>?</legend>" in html
    assert '<a href="#image-analysis">Image analysis</a>' in html
    assert "<code>pandas</code>" in html
    assert '<abbr title="Convolutional neural network">CNN</abbr>' in html
    assert html.count("<details") == 3 and "<summary>Show answer</summary>" in html
    assert "answers from 89.5 to 90.5% count as right" in html


def test_hostile_author_text_stays_text_after_markdown() -> None:
    text = (
        "<!-- quiz -->\n"
        "1. <img src=x onerror=alert(1)> <script>alert(2)</script> `<b>` {: onclick=alert(3) }\n"
        "    - [x] <iframe src=javascript:alert(4)>\n"
        "        > <svg onload=alert(5)>\n"
        "    - [ ] [x](#a){: onmouseover=alert(6) }\n"
        "    explanation: </details><script>alert(7)</script>\n"
        "<!-- /quiz -->\n"
        "<!-- quiz -->\n"
        "1. Code `</legend><img src=x onerror=alert(8)>` and `a*b*c` stay text\n"
        "    - [x] `</label></li></ul><img src=x onerror=alert(9)>`\n"
        "    - [ ] `</p></details></fieldset></form><script>alert(10)</script>`\n"
        "    explanation: Close tags in code are text.\n"
        "<!-- /quiz -->\n"
    )
    quizzes, problems = parse(text)
    assert problems == []
    html = site_markdown().convert("\n\n".join(render(quiz) for quiz in quizzes))
    assert not re.search(r"<(img|script|iframe|svg|b)\b", html)
    assert not re.search(r"<[^>]*\son\w+=", html), "no tag may carry an event handler"
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<code>&lt;b&gt;</code>" in html
    assert html.count("</details>") == 2
    assert html.count("<legend") == html.count("</legend>") == 2
    assert "<code>a&#42;b&#42;c</code>" in html


def test_convert_page_reports_file_lines_although_front_matter_is_stripped() -> None:
    source = (FIXTURES / "invalid" / "unknown-key.md").read_text(encoding="utf-8")
    built = source.split("---\n", 2)[2].lstrip("\n")  # what MkDocs hands to hooks
    with pytest.raises(QuizError) as error:
        convert_page(built, source, "docs/unknown-key.md")
    assert error.value.messages[0].startswith("docs/unknown-key.md:14: unknown key 'difficulty'")


def test_convert_page_replaces_each_quiz_and_keeps_the_rest() -> None:
    built = VALID.split("---\n", 2)[2].lstrip("\n")
    html = convert_page(built, VALID, "docs/every-feature.md")
    assert html.count('<form class="dlmd-quiz"') == 2
    assert "<!-- quiz -->\n1. Not a question: this is code." in html  # fenced example kept
    assert html.startswith("# Every feature\n") and "## Image analysis" in html


def test_convert_page_refuses_quizzes_changed_by_an_earlier_hook() -> None:
    built = VALID.split("---\n", 2)[2].replace("- [x] MRI", "- [ ] MRI")
    with pytest.raises(QuizError, match="differs from the Markdown being built"):
        convert_page(built, VALID, "docs/every-feature.md")


def test_quiz_assets_stay_within_budget() -> None:
    """Issue 4's budgets in gzipped bytes (4 KB script, 2 KB styles), and no HTML sinks."""
    script = QUIZ_ASSETS / "quiz.js"
    styles = QUIZ_ASSETS / "quiz.css"
    assert len(gzip.compress(script.read_bytes(), 9)) < 4096
    assert len(gzip.compress(styles.read_bytes(), 9)) < 2048
    code = script.read_text(encoding="utf-8")
    for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code
    css = styles.read_text(encoding="utf-8")
    assert "@media (forced-colors: active)" in css
    assert "@media (prefers-reduced-motion: reduce)" in css


def test_pinning_an_option_keeps_the_question_id_so_saved_answers_survive() -> None:
    assert " {pin}" in VALID
    assert ids(VALID.replace(" {pin}", "")) == ids(VALID)


def _question(options: list[str], kind: str = "single") -> Question:
    lines = [f"1. Question {'/'.join(options)}?", f"    type: {kind}"]
    lines += [f"    - [{'x' if text.startswith('+') else ' '}] {text}" for text in options]
    [quiz], problems = parse(
        "\n".join(["<!-- quiz -->", *lines, "    explanation: E.", "<!-- /quiz -->"])
    )
    assert problems == []
    return quiz.questions[0]


def test_pinned_options_keep_their_place_and_the_rest_are_reordered() -> None:
    question = _question(["+A", "B", "Pinned {pin}", "C", "D"])
    order = display_order(question)
    assert order[2] == 2 and sorted(order) == [0, 1, 2, 3, 4]
    assert display_order(question) == order  # a pure function of the content


def test_single_choice_right_answers_spread_over_every_place() -> None:
    places = Counter(
        display_order(_question([f"+Right {n}", f"W{n}", f"X{n}", f"Y{n}"])).index(0)
        for n in range(400)
    )
    assert set(places) == {0, 1, 2, 3}
    assert all(60 <= count <= 140 for count in places.values()), places


def test_multiple_answer_questions_never_show_their_right_answers_first() -> None:
    for n in range(200):
        question = _question([f"+R{n}", f"+S{n}", f"W{n}", f"X{n}"], kind="multiple")
        order = display_order(question)
        assert set(order[:2]) != {0, 1}, (n, order)
