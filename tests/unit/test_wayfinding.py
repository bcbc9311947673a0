"""dlmd.pages.wayfinding: reading time, the "jump to" strip of a long page and the orientation
box, all under the page's title."""

from __future__ import annotations

import pytest
from dlmd.pages.wayfinding import OrientationError, add_wayfinding, reading_minutes, sections

WORDS = " ".join(["word"] * 495)


def page(sections_count: int) -> str:
    body = "".join(
        f'<h2 id="s{n}">Part {n}<a class="headerlink" href="#s{n}">¶</a></h2><p>{WORDS}</p>'
        for n in range(sections_count)
    )
    return f"<h1>Title</h1>{body}<pre><code>{WORDS}</code></pre>"


def test_reading_time_counts_prose_not_code() -> None:
    # About 2,000 words of prose, headings included, at 200 a minute.
    assert reading_minutes(page(4)) == 10
    assert reading_minutes("<h1>T</h1><p>short</p>") == 1


def test_sections_are_the_h2s_without_their_section_links() -> None:
    assert sections(page(2)) == [("s0", "Part 0"), ("s1", "Part 1")]


def test_a_long_page_gets_its_reading_time_and_a_jump_strip_under_the_title() -> None:
    out = add_wayfinding(page(4), None)
    assert out.startswith(
        '<h1>Title</h1><nav class="dlmd-jump" aria-label="Jump to a section">'
        '<p class="dlmd-jump__time">About 10 min read</p><p class="dlmd-jump__label">Jump to:'
        '</p><ul><li><a href="#s0">Part 0</a></li>'
    )


def test_a_short_page_is_left_as_it_is() -> None:
    assert add_wayfinding(page(1), None) == page(1)


def test_the_orientation_box_says_the_time_once() -> None:
    out = add_wayfinding(page(4), {"learn": ["What a CNN is"], "before": ["Nothing"]})
    assert "<li>What a CNN is</li>" in out and "<li>Nothing</li>" in out
    assert "about 10 minutes of reading" in out
    assert "min read" not in out
    assert out.index("dlmd-orientation") < out.index("dlmd-jump")


@pytest.mark.parametrize(
    "orientation", [["a list"], {"learn": "not a list"}, {"learn": [{"a": "b"}]}, {"extra": []}]
)
def test_a_malformed_orientation_is_refused(orientation: object) -> None:
    with pytest.raises(OrientationError):
        add_wayfinding(page(1), orientation)
