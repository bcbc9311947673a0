"""The glossary: terms in alphabetical order with their own anchors and contents entries, the
abbreviation table after them with no entry twice, clear errors in the abbreviation list, and
each abbreviation explained at its first use in each section of a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from dlmd.pages.abbreviations import explain_first_use, glossary_table, read_abbreviations


def glossary_page(built_site: Path) -> BeautifulSoup:
    return BeautifulSoup(
        (built_site / "glossary" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def test_terms_are_sorted_each_with_an_anchor_in_the_page_contents(built_site: Path) -> None:
    page = glossary_page(built_site)
    terms = page.select("article h3[id]")
    names = [term.get_text(strip=True).rstrip("¶") for term in terms]
    assert len(names) >= 15, f"only {len(names)} terms found: {names}"
    assert names == sorted(names, key=str.casefold), "terms are not in alphabetical order"
    toc = {link["href"] for link in page.select(".md-sidebar--secondary a.md-nav__link")}
    missing = [term["id"] for term in terms if f"#{term['id']}" not in toc]
    assert not missing, f"terms missing from the page contents: {missing}"
    assert page.select_one("h3#overfitting"), "glossary/#overfitting must keep working"


def test_abbreviation_table_follows_the_terms(built_site: Path) -> None:
    article = glossary_page(built_site).find("article")
    headings = [h2["id"] for h2 in article.find_all("h2")]
    assert headings.index("terms") < headings.index("abbreviations")
    table = article.find("h2", id="abbreviations").find_next("table")
    assert table is not None and len(table.select("tbody tr")) > 30


def test_a_plural_joins_its_singular_row() -> None:
    table = glossary_table([("EHR", "Electronic health record"), ("EHRs", "records"), ("AI", "x")])
    assert table.splitlines()[2:] == ["| AI | x |", "| EHR, EHRs | Electronic health record |"]


def test_a_term_defined_twice_fails_naming_both_lines(tmp_path: Path) -> None:
    listed = tmp_path / "abbreviations.md"
    listed.write_text("*[AI]: Artificial intelligence\n*[CT]: x\n*[AI]: again\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"abbreviations.md:3: 'AI' is already defined on line 1"):
        read_abbreviations(listed)


def test_an_abbreviation_is_explained_at_its_first_use_in_each_section() -> None:
    ai = '<abbr title="Artificial intelligence">AI</abbr>'
    ct = '<abbr title="Computed tomography">CT</abbr>'
    html = f"<p>{ai} reads {ct}; {ai} again.</p><h2 id='a'>Next</h2><p>{ct} and {ai}, {ai}</p>"
    focusable_ai = '<abbr title="Artificial intelligence" tabindex="0">AI</abbr>'
    focusable_ct = '<abbr title="Computed tomography" tabindex="0">CT</abbr>'
    assert explain_first_use(html) == (
        f"<p>{focusable_ai} reads {focusable_ct}; AI again.</p><h2 id='a'>Next</h2>"
        f"<p>{focusable_ct} and {focusable_ai}, AI</p>"
    )


def test_an_abbreviation_in_a_link_or_control_stays_plain_and_the_next_use_is_explained() -> None:
    # A focusable element inside a link or control would nest interactive elements (axe).
    ct = '<abbr title="Computed tomography">CT</abbr>'
    html = (
        f'<p><a href="x.md">{ct} scans</a>, <label>{ct}</label>, '
        f"<details><summary>{ct}</summary></details> and {ct}.</p>"
    )
    assert explain_first_use(html) == (
        '<p><a href="x.md">CT scans</a>, <label>CT</label>, '
        "<details><summary>CT</summary></details> and "
        '<abbr title="Computed tomography" tabindex="0">CT</abbr>.</p>'
    )


EXPLAINED = re.compile(r'<abbr title="[^"]*" tabindex="0">([^<]*)</abbr>')


def test_built_pages_explain_each_abbreviation_once_per_section(built_site: Path) -> None:
    imaging = (built_site / "applications" / "imaging" / "index.html").read_text("utf-8")
    article = imaging[imaging.index("<article") : imaging.index("</article>")]
    sections = article.split("<h2")
    assert len(sections) > 3
    assert article.count("<abbr") == len(EXPLAINED.findall(article)), "an abbr is not focusable"
    for section in sections:
        terms = EXPLAINED.findall(section)
        assert len(terms) == len(set(terms)), f"explained twice in one section: {terms}"
    assert article.count(">AI</abbr>") >= len(sections) // 2, "first uses lost their tooltip"


def html_of(built_site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path / "index.html").read_text("utf-8"), "html.parser")


def term_links(page: BeautifulSoup) -> dict[str, str]:
    """The page's glossary links: the anchor each links to -> the words linked."""
    found: dict[str, str] = {}
    for link in page.select("article a.dlmd-term"):
        anchor = link["href"].split("#", 1)[1]
        assert anchor not in found, f"#{anchor} linked twice: {found[anchor]!r}, {link.text!r}"
        found[anchor] = link.get_text()
    return found


def test_the_article_links_the_first_use_of_glossary_terms(built_site: Path) -> None:
    page = html_of(built_site, "article")
    links = term_links(page)
    for anchor in ("prevalence", "sensitivity", "specificity", "threshold"):
        assert anchor in links, f"the article does not link to glossary #{anchor}: {links}"
    first = page.select_one("article a.dlmd-term[href$='#prevalence']")
    assert first["href"] == "../glossary/#prevalence"
    # In running text, not in a heading, a link, the quiz or a details title.
    assert first.find_parent(["h1", "h2", "h3", "h4", "a", "form", "summary"]) is None
    assert first.find_parent(["p", "li", "td", "figcaption"]) is not None


def test_a_notebook_page_links_terms_in_its_markdown_cells(built_site: Path) -> None:
    page = html_of(built_site, "tutorials/clinical-metrics")
    links = term_links(page)
    assert {"prevalence", "threshold", "calibration"} <= set(links), links
    assert page.select_one("a.dlmd-term")["href"].startswith("../../glossary/#")
    assert not page.select(".highlight a.dlmd-term, pre a.dlmd-term"), "a term linked in code"


def test_the_glossary_and_the_references_link_no_term(built_site: Path) -> None:
    for path in ("glossary", "references"):
        assert not html_of(built_site, path).select("a.dlmd-term"), f"/{path}/ links terms"
