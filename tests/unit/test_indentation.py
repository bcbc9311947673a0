"""The templates' indentation comes out of finished pages and nothing a reader sees changes
(dlmd.pages.indentation)."""

from __future__ import annotations

from dlmd.pages.indentation import without_indentation


def test_white_space_between_tags_that_holds_a_line_break_becomes_one_line_break() -> None:
    page = "<nav>\n    <ul>\n\n      <li><a>One</a></li>\n    </ul>\n  </nav>"
    assert without_indentation(page) == "<nav>\n<ul>\n<li><a>One</a></li>\n</ul>\n</nav>"


def test_spaces_on_one_line_and_text_with_words_stay() -> None:
    # A space between two links separates their words; a paragraph's own line breaks are text.
    page = "<p><a>one</a> <a>two</a>\n  and\n  three</p>"
    assert without_indentation(page) == page


def test_white_space_that_is_content_stays_in_code_pre_textarea_script_and_style() -> None:
    kept = [
        "<pre><code>def f():\n    <span>return</span>\n\n    <span>1</span></code></pre>",
        "<pre>\n  <span>x</span>\n</pre>",
        "<p><code>a\n  <span>b</span></code> and <kbd><kbd>Ctrl</kbd>\n  <kbd>C</kbd></kbd></p>",
        "<textarea>\n  <b>\n</textarea>",
        "<script>\n  if (a <b) {\n    go()\n  }\n</script>",
        "<style>\n  .a > .b {\n    color: red\n  }\n</style>",
    ]
    for page in kept:
        assert without_indentation(page) == page, page


def test_the_page_after_a_code_block_loses_its_indentation_again() -> None:
    page = "<pre><code>x\n    y</code></pre>\n    <p>after</p>\n  <div>\n  </div>"
    after = "<pre><code>x\n    y</code></pre>\n<p>after</p>\n<div>\n</div>"
    assert without_indentation(page) == after
