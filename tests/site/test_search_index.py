"""The search index holds what readers look for, not quiz answers or program output."""

from __future__ import annotations

import json
from pathlib import Path


def index_text(built_site: Path, page: str) -> str:
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return " ".join(
        f"{doc['title']} {doc['text']}"
        for doc in data["docs"]
        if doc["location"].split("#")[0] == page
    )


def test_quiz_questions_are_found_but_not_their_answers(built_site: Path) -> None:
    text = index_text(built_site, "article/")
    assert "Check your understanding" in text
    assert "Show answer" not in text and "Explanation:" not in text


def test_program_output_is_left_out_and_the_code_stays(built_site: Path) -> None:
    for page in ("first-model/", "tutorials/first-model/"):
        text = index_text(built_site, page)
        assert "model.fit" in text, f"{page}: the code is no longer searchable"
        assert "Epoch 1/" not in text, f"{page}: training logs are in the search index"
