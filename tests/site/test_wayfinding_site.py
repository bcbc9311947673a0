"""The reading path (issue 26): the article leads on to the applications, long pages carry a
reading time and a "jump to" strip, and the article, the seven steps and every application
page open with an orientation box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ORIENTED = [
    "article",
    "first-model",
    "applications",
    "applications/imaging",
    "applications/ehr",
    "applications/genomics",
    "applications/nlp",
    "applications/drug-discovery",
]


def html(built_site: Path, path: str) -> str:
    return (built_site / path / "index.html").read_text(encoding="utf-8")


def next_page(built_site: Path, path: str) -> str:
    """Where the page's "Next" link (its <link rel="next">) leads, relative to the page."""
    return re.search(r'rel="next" href="([^"]+)"', html(built_site, path))[1]


def test_the_article_is_followed_by_the_applications(built_site: Path) -> None:
    assert next_page(built_site, "article") == "../applications/"


def test_the_seven_steps_sit_with_the_tutorials(built_site: Path) -> None:
    assert next_page(built_site, "tutorials") == "../first-model/"
    assert next_page(built_site, "first-model") == "../tutorials/first-model/"


def test_the_article_has_a_jump_strip_to_the_evidence(built_site: Path) -> None:
    page = html(built_site, "article")
    strip = re.search(r'<nav class="dlmd-jump".*?</nav>', page, re.S)
    assert strip and '<a href="#evidence">What the evidence shows</a>' in strip[0]
    assert page.index("dlmd-jump") < page.index('id="what-is-deep-learning"')


@pytest.mark.parametrize("path", ORIENTED)
def test_page_opens_with_an_orientation_box(built_site: Path, path: str) -> None:
    page = html(built_site, path)
    box = re.search(r'<div class="admonition info dlmd-orientation".*?</div>', page, re.S)
    assert box, f"/{path}/ has no orientation box: add orientation to its front matter"
    assert "What you will learn" in box[0] and "Before you start" in box[0]
    assert re.search(r"about \d+ minutes of reading", box[0])
    assert page.index("dlmd-orientation") < page.index("</h1>") + 200
