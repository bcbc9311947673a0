"""Quizzes in a real `mkdocs build --strict`: rendered markup, and broken quizzes failing it.

The fixture site reuses the real mkdocs.yml (theme, plugins, extensions, assets) through
INHERIT, with its own docs folder and nav; `build_fixture_site` (tests/quiz_sites.py)
is shared with the browser tests.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from dlmd.pages.stylesheets import strip_comments
from dlmd.plugins.quiz.plugin import ASSETS as QUIZ_ASSETS
from dlmd.quality.build import BuildError, build_site
from dlmd.quiz.order import display_order
from dlmd.quiz.parse import parse
from quiz_sites import FIXTURE_PAGES, build_fixture_site

def quiz_form(html: str) -> str:
    """The first quiz form of a built page (the header holds another form: the palette)."""
    start = html.index('<form class="dlmd-quiz"')
    return html[start : html.index("</form>", start)]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("quiz-site"))


def test_quiz_page_is_a_form_of_fieldsets_with_legends_and_native_inputs(
    fixture_site: Path,
) -> None:
    page = (fixture_site / "quiz" / "index.html").read_text(encoding="utf-8")
    assert page.count('<form class="dlmd-quiz"') == 1
    html = quiz_form(page)
    assert html.count('class="dlmd-quiz__question"') == 3
    assert html.count("<legend") == 3
    assert html.count('type="radio"') == 4
    assert html.count('type="checkbox"') == 3
    assert html.count('inputmode="decimal"') == 1
    assert html.count("<summary>Show answer</summary>") == 3
    assert "markdown=" not in html, "md_in_html must consume every markdown attribute"


def test_only_pages_with_a_quiz_load_its_script_and_styles(fixture_site: Path) -> None:
    quiz = (fixture_site / "quiz" / "index.html").read_text(encoding="utf-8")
    head, body = quiz.split("</head>", 1)
    # In the page's <head>, inlined by dlmd-html (tests/site/test_page_speed.py).
    quiz_css = strip_comments((QUIZ_ASSETS / "quiz.css").read_text(encoding="utf-8")).rstrip()
    assert head.count(f"<style>{quiz_css}</style>") == 1
    # In the page content, where Material's instant navigation evaluates it again.
    article = body[body.index("<article") : body.index("</article>")]
    assert article.count('<script src="../assets/javascripts/quiz.js" defer></script>') == 1
    assert quiz.count("quiz.js") == 1
    for name in ("other", "index"):
        html = (fixture_site / ("" if name == "index" else name) / "index.html").read_text(
            encoding="utf-8"
        )
        assert "quiz.js" not in html and quiz_css not in html, f"{name} loads the quiz"


def test_links_in_quiz_text_are_rewritten_like_other_links(fixture_site: Path) -> None:
    html = (fixture_site / "quiz" / "index.html").read_text(encoding="utf-8")
    assert '<a href="#image-analysis">Image analysis</a>' in html
    assert '<a href="#test-accuracy">Test accuracy</a>' in html


def test_abbreviations_in_quiz_text_are_explained_outside_the_options(fixture_site: Path) -> None:
    html = (fixture_site / "quiz" / "index.html").read_text(encoding="utf-8")
    # includes/abbreviations.md defines CT, MRI and EHR for every page, quizzes included. In an
    # option's label CT stays plain (a focusable <abbr> would nest in the label, issue 26); the
    # next use outside a control (the answer shown without JavaScript) explains it.
    assert '<label for="' in html
    assert "CT</label>" in html
    assert '<abbr title="Computed tomography" tabindex="0">CT</abbr>' in html


def test_html_in_author_text_is_escaped_in_the_built_page(fixture_site: Path) -> None:
    html = (fixture_site / "xss" / "index.html").read_text(encoding="utf-8")
    form = quiz_form(html)
    assert "<img" not in form and "<script" not in form and "<b>never" not in form
    assert not re.search(r"<[^>]*\son\w+=", form), "no tag may carry an event handler"
    assert "&lt;img src=x onerror=" in form
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in form


def _broken_page(body: str) -> str:
    return (
        "---\ndescription: A page with a broken quiz.\nlast_reviewed: 2026-11-25\n---\n\n"
        f"# Broken\n\n{body}"
    )


def test_broken_quiz_fails_the_build_with_file_and_line(tmp_path: Path) -> None:
    page = _broken_page(
        "<!-- quiz -->\n"
        "1. Which library is widely used for image recognition?\n"
        "    - [x] TensorFlow\n"
        "    - [x] Excel\n"  # line 11 of the file: a second right option
        "    explanation: TensorFlow.\n"
        "<!-- /quiz -->\n"
    )
    with pytest.raises(BuildError) as failed:
        build_fixture_site(tmp_path, {"broken.md": page})
    # Named from the site's folder, whatever the working directory (dlmd.markdown.paths).
    assert (
        "docs/broken.md:11: question 1 is single choice but marks 2 options correct (lines 10, 11)"
        in str(failed.value)
    )


def test_quiz_link_to_a_missing_section_fails_the_strict_build(tmp_path: Path) -> None:
    page = _broken_page(
        "<!-- quiz -->\n"
        "1. Where is this taught?\n"
        "    - [x] Here\n"
        "    - [ ] There\n"
        "    - [ ] Nowhere\n"
        "    explanation: See [the lesson](quiz.md#no-such-section).\n"
        "<!-- /quiz -->\n"
    )
    with pytest.raises(BuildError, match="no-such-section"):
        build_fixture_site(tmp_path, {"broken.md": page})


def _shown_orders(html: str) -> list[list[int]]:
    """The authored index of each option, in the order a page shows them, per choice question."""
    return [
        [int(value) for value in re.findall(r'type="(?:radio|checkbox)"[^>]*value="(\d+)"', part)]
        for part in quiz_form(html).split("<fieldset")[1:]
        if 'data-type="numeric"' not in part.split(">", 1)[0]
    ]


def test_the_same_questions_build_to_the_same_order_twice(
    fixture_site: Path, tmp_path: Path
) -> None:
    [quiz], _ = parse((FIXTURE_PAGES / "quiz.md").read_text(encoding="utf-8"))
    derived = [display_order(question) for question in quiz.questions if question.options]
    first = _shown_orders((fixture_site / "quiz" / "index.html").read_text(encoding="utf-8"))
    again = build_fixture_site(tmp_path)  # a new process: its own hash seed
    second = _shown_orders((again / "quiz" / "index.html").read_text(encoding="utf-8"))
    assert first == second == derived
    assert first[0] != sorted(first[0]), "question 1 must not be shown in its authored order"
