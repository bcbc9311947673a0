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
    assert explain_first_use(html) == (
        f"<p>{ai} reads {ct}; AI again.</p><h2 id='a'>Next</h2><p>{ct} and {ai}, AI</p>"
    )


def test_built_pages_explain_each_abbreviation_once_per_section(built_site: Path) -> None:
    imaging = (built_site / "applications" / "imaging" / "index.html").read_text("utf-8")
    article = imaging[imaging.index("<article") : imaging.index("</article>")]
    sections = article.split("<h2")
    assert len(sections) > 3
    for section in sections:
        terms = re.findall(r"<abbr title=\"[^\"]*\">([^<]*)</abbr>", section)
        assert len(terms) == len(set(terms)), f"explained twice in one section: {terms}"
    assert article.count(">AI</abbr>") >= len(sections) // 2, "first uses lost their tooltip"
