"""Pages paint sooner on a phone: the small stylesheets are in the page, Material's script runs
after the first paint, its palette does not restyle the whole page as it starts
(dlmd.pages.page_speed; README, Performance), and the templates' indentation is not sent
(dlmd.pages.indentation)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from dlmd.pages.indentation import without_indentation
from dlmd.pages.page_speed import (
    PALETTE_SWITCH_RULE,
    defer_theme_script,
    inline_stylesheets,
    site_path,
    without_palette_switch_rule,
)
from dlmd.pages.permalinks import label_section_links
from dlmd.pages.stylesheets import strip_comments
from dlmd.plugins.explorer.plugin import ASSETS as EXPLORER_ASSETS
from dlmd.plugins.quiz.plugin import ASSETS as QUIZ_ASSETS
from dlmd.quality.pages import source_pages

HEAD = (
    '<head><link rel="stylesheet" href="../assets/main.css">'
    '<link rel="stylesheet" href="../assets/site.css">'
    '<link rel="stylesheet" href="https://example.org/other.css"></head>'
)
FILES = {
    "assets/main.css": ".big{}" * 100,
    "assets/site.css": "/* why */\n.a { color: red }\n",
    "assets/pictures.css": ".b { background: url(b.png) }",
    "assets/icons.css": '.c { mask-image: url("data:image/svg+xml;utf8,<svg/>") }',
}


def read_from(page_url: str):
    return lambda href: FILES.get(site_path(href, page_url) or "")


def test_small_local_stylesheets_are_inlined_without_comments_and_others_stay_linked() -> None:
    page = inline_stylesheets(HEAD, read_from("faq/"), 200, "faq.md")
    assert page == (
        '<head><link rel="stylesheet" href="../assets/main.css">'
        "<style>.a { color: red }</style>"
        '<link rel="stylesheet" href="https://example.org/other.css"></head>'
    )


def test_a_stylesheet_with_a_data_uri_is_inlined_and_one_pointing_at_a_file_is_refused() -> None:
    icons = '<link rel="stylesheet" href="assets/icons.css">'
    page = inline_stylesheets(icons, read_from(""), 200, "index.md")
    assert page.startswith("<style>.c { mask-image")
    pictures = '<link rel="stylesheet" href="assets/pictures.css">'
    with pytest.raises(ValueError, match=r"index\.md: assets/pictures\.css refers to another file"):
        inline_stylesheets(pictures, read_from(""), 200, "index.md")


def test_link_targets_resolve_from_the_page_or_from_the_sites_root() -> None:
    assert site_path("../../assets/x.css", "tutorials/first-cnn/") == "assets/x.css"
    assert site_path("assets/x.css", "") == "assets/x.css"
    assert site_path("/repo/assets/x.css", "404.html", "/repo/") == "assets/x.css"
    assert site_path("/elsewhere/x.css", "404.html", "/repo/") is None
    assert site_path("https://example.org/x.css", "") is None


def test_the_theme_script_is_deferred_and_a_page_without_it_fails_loudly() -> None:
    tag = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert defer_theme_script(tag, "faq.md") == tag.replace("></script>", " defer></script>")
    with pytest.raises(ValueError, match=r"faq\.md: expected Material's script .* found it 0"):
        defer_theme_script("<script src='x.js'></script>", "faq.md")


def test_the_palette_switching_rule_goes_and_a_changed_theme_fails_loudly() -> None:
    css = f"@media screen{{.a{{color:red}}}}{PALETTE_SWITCH_RULE}.b{{color:blue}}"
    assert (
        without_palette_switch_rule(css, "palette.css")
        == "@media screen{.a{color:red}}.b{color:blue}"
    )
    with pytest.raises(ValueError, match=r"palette\.css: Material's rule for switching"):
        without_palette_switch_rule(".a{color:red}", "palette.css")


def test_the_installed_themes_palette_has_the_rule_once() -> None:
    # What the build relies on; a Material update that changes the rule fails here first.
    import material

    sheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    (palette,) = sheets.glob("palette.*.min.css")
    assert palette.read_text(encoding="utf-8").count(PALETTE_SWITCH_RULE) == 1


def test_section_links_are_named_by_aria_label_so_no_tooltip_is_set_up() -> None:
    link = '<a class="headerlink" href="#basics" title="Link to this section">&para;</a>'
    assert label_section_links(f"<h2 id=basics>Basics{link}</h2>") == (
        '<h2 id=basics>Basics<a class="headerlink" href="#basics" '
        'aria-label="Link to this section">&para;</a></h2>'
    )


def pages(site: Path) -> list[Path]:
    found = [site / page.path / "index.html" for page in source_pages(REPO / "docs")]
    return [*found, site / "404.html"]


def test_every_page_links_only_the_themes_main_stylesheet_and_defers_its_script(
    built_site: Path,
) -> None:
    site_css = strip_comments(
        (REPO / "docs" / "assets" / "stylesheets" / "site.css").read_text("utf-8")
    ).rstrip()
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
        assert len(links) == 1 and re.search(r"main\.[0-9a-f]+\.min\.css$", links[0]), page
        assert f"<style>{site_css}</style>" in head, f"{page}: site.css is not in the page"
        assert "[data-md-color-scheme=slate]" in head, f"{page}: the palette is not in the page"
        assert "data-md-color-switching" not in html, f"{page}: the switching rule is back"
        links = re.findall(r'<a class="headerlink"[^>]*>', html)
        assert all('aria-label="Link to this section"' in link for link in links), page
        assert not any("title=" in link for link in links), f"{page}: a section link has a title"
        assert re.search(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js" defer>', html), page
        # The classes Material's script sets, set before the body is (overrides/main.html).
        assert 'classList.replace("no-js", "js")' in head, page


def test_quiz_notebook_and_explorer_styles_are_in_the_pages_that_use_them_only(
    built_site: Path,
) -> None:
    sheets = {
        "quiz": (QUIZ_ASSETS / "quiz.css").read_text("utf-8"),
        "notebook": (REPO / "docs" / "assets" / "stylesheets" / "notebook.css").read_text("utf-8"),
        "explorer": (EXPLORER_ASSETS / "explorer.css").read_text("utf-8"),
    }
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        head, body = html.split("</head>", 1)
        uses = {
            "quiz": '<form class="dlmd-quiz"' in body,
            "notebook": "dlmd-nb-cell" in body,
            "explorer": '<figure class="dlmd-explorer"' in body,
        }
        for name, css in sheets.items():
            inlined = f"<style>{strip_comments(css).rstrip()}</style>" in head
            assert inlined == uses[name], f"{page}: {name} styles {inlined=}, {uses[name]=}"
    assert any('<form class="dlmd-quiz"' in page.read_text("utf-8") for page in pages(built_site))


def test_no_page_carries_the_templates_indentation(built_site: Path) -> None:
    # That code blocks keep their own white space is proven in tests/unit/test_indentation.py.
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert without_indentation(html) == html, f"{page}: the templates' indentation is back"
