"""The course cards' data (dlmd.pages.course_cards): a tutorial whose card data are missing or
wrong fails the build with the file and line that should hold them and what to write there;
good data give a card with the time, level, prerequisites and a small thumbnail."""

from __future__ import annotations

import base64
import io
import json

import pytest
from dlmd.pages.course_cards import (
    THUMBNAIL_CSS,
    CourseError,
    card_from_markdown,
    card_from_notebook,
    cards_markdown,
)
from PIL import Image

PAGE = """---
description: A page.
orientation:
  before:
    - Basic Python
course:
  level: beginner
  computes: The test accuracy of a small network
  runs: in about a minute on a laptop CPU
  picture: assets/figures/x.svg
---

# Seven steps

![A digit](assets/figures/x.svg)
"""


def png(width: int = 400, height: int = 300) -> str:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (200, 30, 30, 255)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def notebook(
    course: object, time_line: str = "- **Time:** about 2 minutes on a laptop CPU."
) -> str:
    cells = [
        {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": f"# A\n\n{time_line}\n"},
        {
            "cell_type": "code",
            "id": "roc",
            "metadata": {},
            "execution_count": 1,
            "source": "plot()",
            "outputs": [
                {"output_type": "display_data", "metadata": {}, "data": {"image/png": png()}}
            ],
        },
    ]
    meta = {"dlmd": {"description": "A notebook.", **({"course": course} if course else {})}}
    return json.dumps(
        {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 5}, indent=1
    )


COURSE = {
    "level": "intermediate",
    "computes": "An AUC",
    "before": ["[A](a.ipynb)"],
    "picture_cell": "roc",
}


def test_a_page_card_reads_its_front_matter_and_orientation_box() -> None:
    card = card_from_markdown(PAGE, "first-model.md", "docs/first-model.md")
    assert (card.level, card.computes, card.runs) == (
        "beginner",
        "The test accuracy of a small network",
        "in about a minute on a laptop CPU",
    )
    assert card.before == ["Basic Python"] and card.picture == "assets/figures/x.svg"


@pytest.mark.parametrize(
    ("edit", "line", "says"),
    [
        (("  level: beginner\n", "  level: expert\n"), 6, "level must be one of"),
        (
            ("  computes: The test accuracy of a small network\n", ""),
            6,
            "computes must be one line",
        ),
        (("  runs: in about a minute on a laptop CPU\n", ""), 6, "runs must say how long"),
        (("  picture: assets/figures/x.svg\n", "  picture: assets/figures/y.svg\n"), 6, "picture"),
        (("course:\n", "other:\n"), 1, "has no course card data"),
    ],
)
def test_a_page_with_wrong_card_data_fails_at_its_line(edit: tuple, line: int, says: str) -> None:
    with pytest.raises(CourseError) as error:
        card_from_markdown(PAGE.replace(*edit), "first-model.md", "docs/first-model.md")
    assert str(error.value).startswith(f"docs/first-model.md:{line}: ")
    assert says in str(error.value)


def test_a_notebook_card_takes_its_time_and_a_small_thumbnail_of_its_figure() -> None:
    card = card_from_notebook(notebook(COURSE), "tutorials/x.ipynb", "docs/tutorials/x.ipynb")
    assert card.runs == "in about 2 minutes on a laptop CPU"
    assert card.picture == "assets/course/tutorials-x.webp"
    assert card.size[0] <= THUMBNAIL_CSS[0] and card.size[1] <= THUMBNAIL_CSS[1]
    with Image.open(io.BytesIO(card.thumbnail)) as thumbnail:
        assert thumbnail.format == "WEBP"
        assert thumbnail.size == (card.size[0] * 3 // 2, card.size[1] * 3 // 2)


@pytest.mark.parametrize(
    ("course", "time_line", "says"),
    [
        (None, None, "has no course card data"),
        ({**COURSE, "picture_cell": "nowhere"}, None, "picture_cell must be the id of a code cell"),
        ({**COURSE, "before": []}, None, "course.before must be a list"),
        (COURSE, "It takes a while.", "the first cell has no '- **Time:** ...' line"),
    ],
)
def test_a_notebook_with_wrong_card_data_fails_at_its_line(
    course: object, time_line: str | None, says: str
) -> None:
    text = notebook(course, time_line) if time_line else notebook(course)
    with pytest.raises(CourseError) as error:
        card_from_notebook(text, "tutorials/x.ipynb", "docs/tutorials/x.ipynb")
    needle = '"cells"' if time_line else ('"course":' if course else None)
    line = text[: text.find(needle)].count("\n") + 1 if needle else 1
    assert str(error.value).startswith(f"docs/tutorials/x.ipynb:{line}: ")
    assert says in str(error.value)


def test_cards_link_the_tutorial_and_rebase_prerequisite_links_to_the_index() -> None:
    card = card_from_notebook(notebook(COURSE), "tutorials/x.ipynb", "docs/tutorials/x.ipynb")
    page = card_from_markdown(PAGE, "first-model.md", "docs/first-model.md")
    page.before = ["[The FAQ](faq.md)"]
    markdown = cards_markdown([("Seven steps", page), ("X", card)], "tutorials/index.md")
    assert '<div class="grid cards dlmd-course" markdown>' in markdown
    assert "**[1. Seven steps](../first-model.md)**" in markdown
    assert "**[2. X](x.ipynb)**" in markdown
    assert "- **Before:** [The FAQ](../faq.md)" in markdown
    assert "- **Before:** [A](a.ipynb)" in markdown
    assert "![](../assets/figures/x.svg)" in markdown and "- **Level:** intermediate" in markdown
