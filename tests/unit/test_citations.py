"""Every DOI cited on the site is listed in docs/references.md, with the year its citations show,
and every numeric claim links to its source.

A citation is a link to https://doi.org/... in a Markdown page (docs/**/*.md) or in a Markdown
cell of a notebook (docs/**/*.ipynb). Where the link text names an author and a year
("[Terwilliger et al., 2024](https://doi.org/...)"), that year must be the year of the
references.md entry with the same DOI, and that author its first author.

A numeric claim is a paragraph, list item or table row, outside code and quizzes, that gives a
figure (a percentage, a value in Hounsfield units, or an AUC, sensitivity, specificity or F1
value) and attributes it to published work ("et al.", a study, trial, review, meta-analysis,
standard or definition). It must link to its source: a DOI (checked as above), another web
address, or the References page. Pages and notebooks are read the same way; a failure names
the file and line (in a notebook, the line of the .ipynb file) and the fix.

Plain Python on purpose: it reads the sources as text and imports nothing from scripts/.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parents[2]
REFERENCES = Path("references.md")  # relative to the docs folder

# A DOI may hold balanced parentheses, as in 10.1016/S2589-7500(19)30123-2.
DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(?P<doi>(?:[^()\s<>\"'\[\]]|\([^()\s]*\))+)")
# The text of the Markdown link whose URL starts right after it: "[text](".
LINK_TEXT = re.compile(r"\[(?P<text>[^\[\]]*)\]\($")
# "Liu et al., 2019", "Topol, 2019", "Jumper et al., 2021, *Proteins*"; not a bare DOI label.
AUTHOR_YEAR = re.compile(r"^(?P<authors>[^\d\s][^\d]*?)(?: et al\.)?,\s*(?P<year>(?:19|20)\d{2})\b")
# The year of a reference entry: "2024;21:110", "ACM; 2020.", "1995." (not "2024 update").
ENTRY_YEAR = re.compile(r"\b(?P<year>(?:19|20)\d{2})(?=[;.,])")
# A figure: "87.0%", "−1000 HU", "AUC of 0.94", "sensitivity 0.87".
FIGURE = re.compile(
    r"(?<![\w.])[−-]?\d+(?:[.,]\d+)?\s?(?:%|HU\b)"
    r"|\b(?:AUC|AUROC|AUC-ROC|sensitivity|specificity|F1)\b[^.]{0,30}?\b0\.\d+",
    re.IGNORECASE,
)
# Words that attribute a figure to published work, which makes it a claim that needs a source.
ATTRIBUTION = re.compile(
    r"\bet al\.|\b(?:study|trial|review|meta-analysis|standard|by definition|defined)\b",
    re.IGNORECASE,
)
# A source: a web address (a DOI link among them) or the References page.
SOURCE_LINK = re.compile(r"\]\((?:https?://|[^)\s]*references\.md)")
# Where a new block starts inside a run of lines: a list item or a table row.
BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+\.\s|\|)")


@dataclass(frozen=True)
class Source:
    """The Markdown text of one file, and where each of its lines sits in that file."""

    text: str
    locations: tuple[str, ...]  # "docs/faq.md:12" for each line of text

    def where(self, offset: int) -> str:
        return self.locations[self.text.count("\n", 0, offset)]


def normalize(doi: str) -> str:
    """DOIs are case-insensitive; links may percent-encode them."""
    return unquote(doi).rstrip(".,;:").lower()


def markdown_source(path: Path, shown: str) -> Source:
    text = path.read_text(encoding="utf-8")
    count = text.count("\n") + 1
    return Source(text, tuple(f"{shown}:{number}" for number in range(1, count + 1)))


def notebook_source(path: Path, shown: str) -> Source:
    """The Markdown cells of a notebook, each line located at its line in the .ipynb file.

    Notebooks are stored with one source line per JSON line, so each Markdown line is found
    by searching the file's lines in order; a line not found is located by its cell number.
    """
    raw = path.read_text(encoding="utf-8")
    raw_lines = raw.splitlines()
    cursor = 0
    lines: list[str] = []
    locations: list[str] = []
    for number, cell in enumerate(json.loads(raw)["cells"], start=1):
        source = cell["source"]
        cell_lines = source if isinstance(source, list) else source.splitlines(keepends=True)
        for line in cell_lines:
            encoded = json.dumps(line, ensure_ascii=False)
            found = next(
                (i for i in range(cursor, len(raw_lines)) if encoded in raw_lines[i]), None
            )
            if found is not None:
                cursor = found + 1
            if cell["cell_type"] != "markdown":
                continue
            lines.append(line.rstrip("\n"))
            locations.append(
                f"{shown}:{found + 1}" if found is not None else f"{shown} (cell {number})"
            )
        if cell["cell_type"] == "markdown" and locations:
            lines.append("")  # keeps a link from running on into the next cell
            locations.append(locations[-1])
    return Source("\n".join(lines), tuple(locations))


def site_sources(docs: Path) -> list[Source]:
    """Every page of the site: Markdown files and the Markdown cells of notebooks."""
    sources = []
    for path in sorted(docs.rglob("*")):
        shown = path.relative_to(docs.parent).as_posix()
        if path.suffix == ".md":
            sources.append(markdown_source(path, shown))
        elif path.suffix == ".ipynb":
            sources.append(notebook_source(path, shown))
    return sources


@dataclass(frozen=True)
class Reference:
    year: int | None  # None when the entry shows no year
    authors: str  # the entry's opening text, starting with its first author


def reference_entries(text: str) -> dict[str, Reference]:
    """DOI -> its entry in references.md.

    An entry is a list item; an entry with two DOIs (a paper and its preprint) gives each DOI
    the first year written after the DOI before it, so the preprint gets the preprint's year.
    """
    entries: dict[str, Reference] = {}
    for entry in re.split(r"\n(?=- )", text):
        authors = " ".join(re.sub(r"^- (<span[^>]*></span>)?", "", entry).split())
        start = 0
        for link in DOI_URL.finditer(entry):
            year = ENTRY_YEAR.search(entry, start, link.start())
            entries[normalize(link["doi"])] = Reference(
                int(year["year"]) if year else None, authors
            )
            start = link.end()
    return entries


def first_surname(authors: str) -> str:
    """First surname in a citation: "Street, Wolberg and Mangasarian" gives "Street"."""
    return authors.split(",")[0].split(" and ")[0].strip()


def citation_problems(docs: Path) -> list[str]:
    """What is wrong with the DOI citations under `docs`, one line per problem."""
    references = (docs / REFERENCES).read_text(encoding="utf-8")
    entries = reference_entries(references)
    shown_references = (docs / REFERENCES).relative_to(docs.parent).as_posix()
    problems = []
    for source in site_sources(docs):
        for link in DOI_URL.finditer(source.text):
            doi = normalize(link["doi"])
            where = source.where(link.start())
            if doi not in entries:
                problems.append(
                    f"{where}: DOI {doi} is cited but not listed in {shown_references}: "
                    "add its full reference there, or correct the DOI"
                )
                continue
            text = LINK_TEXT.search(source.text[max(0, link.start() - 400) : link.start()])
            label = " ".join(text["text"].split()) if text else ""
            cited = AUTHOR_YEAR.match(label)
            if not cited:
                continue
            entry = entries[doi]
            surname = first_surname(cited["authors"])
            if not re.match(re.escape(surname) + r"\b", entry.authors):
                problems.append(
                    f"{where}: [{label}] names {surname}, but the entry for DOI {doi} in "
                    f"{shown_references} starts {entry.authors[:40]!r}: check that the link "
                    "points to the work its text names"
                )
            if entry.year is None:
                problems.append(
                    f"{where}: [{label}] shows the year {cited['year']}, but the entry for DOI "
                    f"{doi} in {shown_references} shows no year: add the year to that entry"
                )
            elif int(cited["year"]) != entry.year:
                problems.append(
                    f"{where}: [{label}] shows the year {cited['year']}, but {shown_references} "
                    f"lists DOI {doi} under {entry.year}: use one year for this work "
                    "(correct the citation or the reference entry)"
                )
    return problems


def claim_blocks(source: Source) -> list[tuple[str, str]]:
    """(where, text) of each paragraph, list item and table row outside code, quizzes, front
    matter and HTML comments."""
    blocks: list[tuple[str, str]] = []
    lines = source.text.split("\n")
    current: list[str] = []
    start = 0
    skipping = None  # the line that ends the part being skipped

    def close() -> None:
        if current:
            blocks.append((source.locations[start], " ".join(current)))
            current.clear()

    for number, line in enumerate(lines):
        stripped = line.strip()
        if skipping is not None:
            if stripped.startswith(skipping):
                skipping = None
            continue
        fence = re.match(r"(`{3,}|~{3,})", stripped)
        opener = {"<!-- quiz -->": "<!-- /quiz -->"}.get(stripped)
        if fence or opener or (number == 0 and stripped == "---"):
            close()
            skipping = fence[1] if fence else opener or "---"
            continue
        if stripped.startswith("<!--"):
            continue
        if not stripped or BLOCK_START.match(line):
            close()
        if stripped:
            if not current:
                start = number
            current.append(stripped)
    close()
    return blocks


def numeric_claim_problems(docs: Path) -> list[str]:
    """Each numeric claim under `docs` without a link to its source, one line per claim."""
    shown_references = (docs / REFERENCES).relative_to(docs.parent).as_posix()
    problems = []
    for source in site_sources(docs):
        for where, text in claim_blocks(source):
            figure = FIGURE.search(text)
            if figure and ATTRIBUTION.search(text) and not SOURCE_LINK.search(text):
                problems.append(
                    f"{where}: {figure[0]!r} is attributed to published work but has no link "
                    f"to its source: link the DOI (listed in {shown_references}) or the "
                    f"source's page in the same paragraph: {text[:80]!r}"
                )
    return problems


# --- the site ----------------------------------------------------------------------------


def test_every_cited_doi_is_in_the_references_with_the_same_year() -> None:
    problems = citation_problems(REPO / "docs")
    assert not problems, "\n".join(problems)


def test_every_numeric_claim_on_pages_and_in_notebooks_links_to_its_source() -> None:
    problems = numeric_claim_problems(REPO / "docs")
    assert not problems, "\n".join(problems)


def test_the_claim_check_reads_the_pages_and_the_notebooks_markdown() -> None:
    """Guards the test above against passing because it found no claims to check."""
    claims = {
        where.split(":")[0]
        for source in site_sources(REPO / "docs")
        for where, text in claim_blocks(source)
        if FIGURE.search(text) and ATTRIBUTION.search(text)
    }
    assert {"docs/index.md", "docs/article.md", "docs/applications/imaging.md"} <= claims
    assert "docs/tutorials/medical-images.ipynb" in claims  # HU by definition, Lamba et al.


def test_the_check_reads_the_site_citations() -> None:
    """Guards the test above against passing because it found nothing to check."""
    docs = REPO / "docs"
    entries = reference_entries((docs / REFERENCES).read_text(encoding="utf-8"))
    assert len(entries) >= 30, sorted(entries)
    undated = [doi for doi, entry in entries.items() if entry.year is None]
    assert undated == ["10.1101/092890"]  # the DeepVariant preprint, cited without a year
    sources = {source.locations[0].split(":")[0]: source for source in site_sources(docs)}
    author_year_citations = [
        link
        for source in sources.values()
        for link in DOI_URL.finditer(source.text)
        if (text := LINK_TEXT.search(source.text[max(0, link.start() - 400) : link.start()]))
        and AUTHOR_YEAR.match(" ".join(text["text"].split()))
    ]
    assert len(author_year_citations) >= 100
    notebook = sources["docs/tutorials/clinical-metrics.ipynb"]
    assert "doi.org/10.1117/12.148698" in notebook.text  # Markdown cells are read


# --- the check itself, on small sites ------------------------------------------------------

REFERENCES_FIXTURE = """\
# References

- <span id="terwilliger-2024"></span>Terwilliger TC, et al. AlphaFold predictions are
  valuable hypotheses. *Nat Methods*. 2024;21:110–116 (published online November 2023).
  doi:[10.1038/s41592-023-02087-4](https://doi.org/10.1038/s41592-023-02087-4)
- <span id="liu-2019"></span>Liu X, et al. A comparison. *Lancet Digit Health*.
  2019;1(6):e271–e297.
  doi:[10.1016/S2589-7500(19)30123-2](https://doi.org/10.1016/S2589-7500(19)30123-2)
- <span id="singhal-2025"></span>Singhal K, et al. Toward expert-level medical question
  answering. *Nat Med*. 2025;31(3):943–950.
  doi:[10.1038/s41591-024-03423-7](https://doi.org/10.1038/s41591-024-03423-7).
  Preprint: arXiv:2305.09617, 2023,
  doi:[10.48550/arXiv.2305.09617](https://doi.org/10.48550/arXiv.2305.09617)
- <span id="beede-2020"></span>Beede E, et al. A human-centered evaluation. In: *Proceedings
  of the 2020 CHI Conference*. ACM; 2020.
  doi:[10.1145/3313831.3376718](https://doi.org/10.1145/3313831.3376718)
- <span id="poplin-2018"></span>Poplin R, et al. A universal SNP caller. Preprint: bioRxiv,
  doi:[10.1101/092890](https://doi.org/10.1101/092890)
"""


def make_site(tmp_path: Path, page: str, notebook_cells: list[dict] | None = None) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "references.md").write_text(REFERENCES_FIXTURE, encoding="utf-8")
    (docs / "page.md").write_text(page, encoding="utf-8")
    if notebook_cells is not None:
        notebook = {"cells": notebook_cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        (docs / "tutorial.ipynb").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return docs


def markdown_cell(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text.splitlines(keepends=True)}


def test_reference_years_take_the_issue_year_and_each_preprint_its_own() -> None:
    years = {doi: entry.year for doi, entry in reference_entries(REFERENCES_FIXTURE).items()}
    assert years == {
        "10.1038/s41592-023-02087-4": 2024,
        "10.1016/s2589-7500(19)30123-2": 2019,
        "10.1038/s41591-024-03423-7": 2025,
        "10.48550/arxiv.2305.09617": 2023,
        "10.1145/3313831.3376718": 2020,
        "10.1101/092890": None,
    }


@pytest.mark.parametrize(
    "page",
    [
        "Checked ([Terwilliger et al., 2024](https://doi.org/10.1038/s41592-023-02087-4)).\n",
        # a DOI with parentheses, and a link text that wraps onto the next line
        "Pooled ([Liu\n  et al., 2019](https://doi.org/10.1016/S2589-7500(19)30123-2)).\n",
        # DOIs are case-insensitive; a label may add words after the year
        "[Singhal et al., 2023, preprint](https://doi.org/10.48550/ARXIV.2305.09617)\n",
        "[Singhal and Tu, 2025](https://doi.org/10.1038/s41591-024-03423-7)\n",
        # a table cell labelled with the DOI itself, and a label without a year
        "| [10.1145/3313831.3376718](https://doi.org/10.1145/3313831.3376718) |\n"
        "[Poplin et al., bioRxiv preprint](https://doi.org/10.1101/092890)\n",
    ],
)
def test_correct_citations_pass(tmp_path: Path, page: str) -> None:
    assert citation_problems(make_site(tmp_path, page)) == []


def test_a_wrong_year_fails_with_page_line_doi_and_both_years(tmp_path: Path) -> None:
    page = (
        "---\ndescription: x\n---\n"
        "Hypotheses ([Terwilliger et al., 2023](https://doi.org/10.1038/s41592-023-02087-4)).\n"
    )
    problems = citation_problems(make_site(tmp_path, page))
    assert len(problems) == 1
    problem = problems[0]
    assert problem.startswith("docs/page.md:4: [Terwilliger et al., 2023] shows the year 2023")
    assert "10.1038/s41592-023-02087-4" in problem
    assert "under 2024" in problem
    assert "use one year" in problem


def test_a_preprint_cited_with_the_journal_year_fails(tmp_path: Path) -> None:
    page = "[Singhal et al., 2025](https://doi.org/10.48550/arXiv.2305.09617)\n"
    problems = citation_problems(make_site(tmp_path, page))
    assert len(problems) == 1
    assert "shows the year 2025" in problems[0] and "under 2023" in problems[0]


def test_a_citation_whose_author_is_not_the_entrys_fails(tmp_path: Path) -> None:
    page = "[Jumper et al., 2024](https://doi.org/10.1038/s41592-023-02087-4)\n"
    problems = citation_problems(make_site(tmp_path, page))
    assert problems == [
        "docs/page.md:1: [Jumper et al., 2024] names Jumper, but the entry for DOI "
        "10.1038/s41592-023-02087-4 in docs/references.md starts 'Terwilliger TC, et al. "
        "AlphaFold predict': check that the link points to the work its text names"
    ]


def test_a_doi_missing_from_the_references_fails(tmp_path: Path) -> None:
    page = "Intro.\n\nSee [Abramson et al., 2024](https://doi.org/10.1038/s41586-024-07487-w).\n"
    problems = citation_problems(make_site(tmp_path, page))
    assert problems == [
        "docs/page.md:3: DOI 10.1038/s41586-024-07487-w is cited but not listed in "
        "docs/references.md: add its full reference there, or correct the DOI"
    ]


def test_a_bare_doi_link_missing_from_the_references_fails(tmp_path: Path) -> None:
    page = "Read it at <https://doi.org/10.1000/not-listed>.\n"
    problems = citation_problems(make_site(tmp_path, page))
    assert len(problems) == 1 and "10.1000/not-listed is cited but not listed" in problems[0]


def test_a_year_next_to_a_doi_without_a_year_in_the_references_fails(tmp_path: Path) -> None:
    page = "[Poplin et al., 2016](https://doi.org/10.1101/092890)\n"
    problems = citation_problems(make_site(tmp_path, page))
    assert len(problems) == 1 and "shows no year: add the year to that entry" in problems[0]


def test_notebook_markdown_cells_are_checked_and_located_in_the_file(tmp_path: Path) -> None:
    cells = [
        markdown_cell(
            "# Title\n\nRight: [Liu et al., 2019](https://doi.org/10.1016/S2589-7500(19)30123-2).\n"
        ),
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ["# code cells are not pages: https://doi.org/10.1000/in-code\n"],
        },
        markdown_cell("Wrong: [Beede et al., 2019](https://doi.org/10.1145/3313831.3376718).\n"),
    ]
    docs = make_site(tmp_path, "Nothing cited.\n", cells)
    problems = citation_problems(docs)
    assert len(problems) == 1
    where = problems[0].split(": ")[0]
    path, line = where.split(":")
    assert path == "docs/tutorial.ipynb"
    stored = (docs / "tutorial.ipynb").read_text(encoding="utf-8").splitlines()
    assert "Beede et al., 2019" in stored[int(line) - 1]
    assert "under 2020" in problems[0]


# --- numeric claims, on small sites ---------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        # sourced by a DOI, by another web page, by the references page
        "Pooled sensitivity was 87.0% in the review\n"
        "([Liu et al., 2019](https://doi.org/10.1016/S2589-7500(19)30123-2)).\n",
        "By definition water is 0 HU ([ICRP](https://www.icrp.org/publication.asp)).\n",
        "A study found 90% ([see References](references.md#liu-2019)).\n",
        # a worked example and a computed result attribute nothing
        "Sensitivity = 90 / 100 = 90%.\n\nThe model reached 97.5% on the test set.\n",
        # code, quizzes and comments are not prose
        "```text\nA trial found 90%.\n```\n<!-- quiz -->\n1. A trial found 90%?\n"
        "    - [x] yes\n    - [ ] no\n    - [ ] maybe\n    explanation: x\n<!-- /quiz -->\n",
    ],
)
def test_sourced_or_unattributed_figures_pass(tmp_path: Path, page: str) -> None:
    assert numeric_claim_problems(make_site(tmp_path, page)) == []


def test_an_unsourced_claim_on_a_page_fails_with_its_line(tmp_path: Path) -> None:
    page = (
        "---\ndescription: x\n---\n\nIntro.\n\n"
        "- A sourced item ([Liu et al., 2019](https://doi.org/10.1016/S2589-7500(19)30123-2)).\n"
        "- Prospective studies found sensitivity 10% lower in a trial.\n"
    )
    problems = numeric_claim_problems(make_site(tmp_path, page))
    assert len(problems) == 1
    assert problems[0].startswith("docs/page.md:8: '10%' is attributed to published work")
    assert "link the DOI" in problems[0]


def test_an_unsourced_claim_in_a_notebook_fails_with_its_line_in_the_file(tmp_path: Path) -> None:
    cells = [
        markdown_cell("# Title\n\nThe model reached 97% here.\n"),
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": ["# A trial found 90% (code is not prose)\n"],
        },
        markdown_cell("Scanners differ.\n\nA study found values 5% apart on two scanners.\n"),
    ]
    docs = make_site(tmp_path, "Nothing claimed.\n", cells)
    problems = numeric_claim_problems(docs)
    assert len(problems) == 1
    where = problems[0].split(": ")[0]
    path, line = where.split(":")
    assert path == "docs/tutorial.ipynb"
    stored = (docs / "tutorial.ipynb").read_text(encoding="utf-8").splitlines()
    assert "A study found values 5% apart" in stored[int(line) - 1]
