"""The site's stylesheets ship without comments, and nothing else about them changes."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from dlmd.pages.stylesheets import strip_comments


def test_comments_go_and_strings_that_look_like_comments_stay() -> None:
    css = (
        "/* why the link is dark */\n"
        ".a { color: red; } /* inline */\n"
        "\n"
        '  .b::before { content: "/* not a comment */"; }\n'
        ".c::after { content: '\\'/*'; } /* two\n   lines */ .d { margin: 0 }\n"
    )
    assert strip_comments(css) == (
        ".a { color: red; }\n"
        '.b::before { content: "/* not a comment */"; }\n'
        ".c::after { content: '\\'/*'; }  .d { margin: 0 }\n"
    )


def test_the_built_stylesheets_are_their_sources_without_comments(built_site: Path) -> None:
    for name in ("site.css", "notebook.css"):
        source = (REPO / "docs" / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        built = (built_site / "assets" / "stylesheets" / name).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in built, name
        assert built == strip_comments(source), name
        assert len(built) < 0.8 * len(source), f"{name}: the comments were not removed"
