"""dlmd.quiz.hub: the quiz hub's entries and markup, from pages' Markdown (no build)."""

from __future__ import annotations

import gzip

from conftest import REPO
from dlmd.quiz import check_text
from dlmd.quiz.hub import HubEntry, page_entries, render_hub, replace_marker
from dlmd.quiz.ids import question_id, quiz_id
from dlmd.quiz.parse import parse

QUESTION = """\
1. {text}
    - [x] Right
    - [ ] Wrong
    - [ ] Also wrong
    explanation: See [the section](#section).
"""


def quiz(*texts: str) -> str:
    return (
        "<!-- quiz -->\n" + "\n".join(QUESTION.format(text=t) for t in texts) + "<!-- /quiz -->\n"
    )


TWO_QUIZZES = (
    "# Page\n\n## First part {#one}\n\n"
    + quiz("A?", "B?")
    + "\n## Check: second {#two}\n\n"
    + quiz("C?")
)


def test_each_quiz_is_an_entry_with_its_form_id_and_question_ids() -> None:
    entries = page_entries("section/page.md", "Page", TWO_QUIZZES)
    quizzes, _ = parse(TWO_QUIZZES)
    assert [entry.anchor for entry in entries] == [quiz_id(q) for q in quizzes]
    assert [entry.question_ids for entry in entries] == [
        tuple(question_id(question) for question in q.questions) for q in quizzes
    ]
    # Several quizzes on a page: each is named by the heading above it, attribute list dropped.
    assert [entry.name for entry in entries] == ["Page – First part", "Page – Check: second"]
    one = page_entries("page.md", "Page", "# Page\n\n## Quiz {#quiz}\n\n" + quiz("A?"))
    assert [entry.name for entry in one] == ["Page"]


def test_a_page_whose_quiz_has_problems_gives_no_entry() -> None:
    broken = "<!-- quiz -->\n1. No options?\n    explanation: x\n<!-- /quiz -->\n"
    assert check_text(broken)
    assert page_entries("page.md", "Page", broken) == []


def test_the_hub_links_each_quiz_relative_to_the_hub_page() -> None:
    entries = [
        HubEntry("article.md", "The article", "quiz-1", ("q-a", "q-b")),
        HubEntry("applications/ehr.md", "EHR [records]", "quiz-2", ("q-c",)),
    ]
    html = render_hub(entries, "quizzes.md")
    assert "2 quizzes, 3 questions in all." in html
    assert 'data-questions="q-a q-b"' in html
    assert "[The article](article.md#quiz-1): 2 questions." in html
    assert r"[EHR \[records\]](applications/ehr.md#quiz-2): 1 question." in html
    assert "[The article](../article.md#quiz-1)" in render_hub(entries, "more/hub.md")
    # Without JavaScript the note says when scores show, and is true either way.
    assert "with JavaScript on, this page shows" in html


def test_only_a_marker_line_outside_code_becomes_the_hub() -> None:
    entries = [HubEntry("a.md", "A", "quiz-1", ("q-a",))]
    text = "Intro\n\n<!-- quiz-hub -->\n\n```markdown\n<!-- quiz-hub -->\n```\n"
    built = replace_marker(text, entries, "hub.md")
    assert built.count('<div class="dlmd-hub"') == 1
    assert "```markdown\n<!-- quiz-hub -->\n```" in built


def test_the_hub_marker_is_no_quiz_problem() -> None:
    assert check_text("<!-- quiz-hub -->\n") == []
    assert check_text((REPO / "docs" / "quizzes.md").read_text(encoding="utf-8")) == []
    assert check_text("<!-- quiz-hubs -->\n")  # a near miss is still called malformed


def test_the_hub_script_is_small_and_writes_no_html() -> None:
    """quiz-hub.js rides only on the hub page, apart from quiz.js (4 KB budget): 2 KB at most."""
    script = REPO / "scripts" / "dlmd" / "quiz" / "assets" / "quiz-hub.js"
    assert len(gzip.compress(script.read_bytes(), 9)) < 2048  # 1.3 KB now
    code = script.read_text(encoding="utf-8")
    for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in code
    assert "fetch(" not in code and "XMLHttpRequest" not in code  # it only reads localStorage
