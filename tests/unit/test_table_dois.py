"""dlmd.pages.table_dois: DOI links in tables are short, named after their row; others stay."""

from __future__ import annotations

from bs4 import BeautifulSoup
from dlmd.pages.table_dois import shorten_table_dois

DOI = "10.1016/S1470-2045(23)00298-X"
LINK = f'<a href="https://doi.org/{DOI}">{DOI}</a>'
TABLE = (
    "<table><thead><tr><th>Study</th><th>DOI</th></tr></thead><tbody>"
    f'<tr><td>L&aring;ng et al., 2023 (<abbr title="x">MASAI</abbr>)</td><td>{LINK}</td></tr>'
    '<tr><td>Other</td><td><a href="https://doi.org/10.1/a">the paper</a></td></tr>'
    "</tbody></table>"
)


def test_a_doi_link_in_a_table_shows_doi_and_is_named_after_its_study() -> None:
    links = BeautifulSoup(shorten_table_dois(TABLE), "html.parser").select("td a")
    assert links[0].get_text() == "DOI"
    assert links[0]["href"] == f"https://doi.org/{DOI}" and links[0]["title"] == DOI
    assert links[0]["aria-label"] == "DOI of Lång et al., 2023 (MASAI)"
    assert links[1].get_text() == "the paper", "a link with its own words keeps them"


def test_doi_links_outside_tables_keep_the_full_doi() -> None:
    text = f"<p>See {LINK}.</p>"
    assert shorten_table_dois(text) == text
    assert shorten_table_dois(text + TABLE).startswith(text)
