"""Glossary links (dlmd.pages.glossary_links): the first use of each term in a page's running
text links to its entry; headings, code, links, abbreviations, admonition titles and the quiz
never do; the longest phrase wins, plurals match; a bad glossary or list names file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from dlmd.pages.abbreviations import read_abbreviations
from dlmd.pages.glossary_links import (
    GlossaryError,
    GlossaryLinks,
    Phrase,
    plurals,
    read_entries,
    read_phrases,
)

URL = "../glossary/"


def links(*lines: str) -> GlossaryLinks:
    """A link list from `anchor: phrase, phrase` lines (the anchors are not checked here)."""
    phrases = []
    for number, line in enumerate(lines, start=1):
        anchor, texts = line.split(":", 1)
        phrases += [Phrase(text.strip(), anchor, number) for text in texts.split(",")]
    return GlossaryLinks(phrases)


def term(anchor: str, text: str) -> str:
    return f'<a class="dlmd-term" href="{URL}#{anchor}">{text}</a>'


def test_only_the_first_use_on_a_page_links() -> None:
    html = "<p>Prevalence matters.</p><h2>Next</h2><p>Low prevalence again.</p>"
    assert links("prevalence: prevalence").link(html, URL) == (
        f"<p>{term('prevalence', 'Prevalence')} matters.</p><h2>Next</h2>"
        "<p>Low prevalence again.</p>"
    )


def test_phrases_of_one_entry_link_once_between_them() -> None:
    html = "<p>The true positive rate, or sensitivity, of the test.</p>"
    assert links("sensitivity: sensitivity, true positive rate").link(html, URL) == (
        f"<p>The {term('sensitivity', 'true positive rate')}, or sensitivity, of the test.</p>"
    )


@pytest.mark.parametrize(
    "html",
    [
        "<h1>Prevalence</h1>",
        "<h2 id='p'>Prevalence <a class='headerlink' href='#p'>¶</a></h2>",
        "<p><code>prevalence = 0.1</code></p>",
        '<div class="highlight"><pre><span></span><code>prevalence</code></pre></div>',
        '<p>See <a href="x.md">prevalence</a>.</p>',
        '<div class="admonition note"><p class="admonition-title">Prevalence</p></div>',
        "<details><summary>Prevalence</summary></details>",
        '<form class="dlmd-quiz"><fieldset><legend>What is prevalence?</legend></fieldset></form>',
        '<p><img alt="a prevalence curve" src="a.svg"></p>',
        "<svg><text>prevalence</text></svg>",
        "<script>let prevalence = 1;</script>",
    ],
)
def test_headings_code_links_titles_the_quiz_and_attributes_never_link(html: str) -> None:
    assert links("prevalence: prevalence").link(html, URL) == html


def test_a_skipped_use_does_not_count_as_the_first() -> None:
    html = "<h2>Prevalence</h2><p><code>prevalence</code> and prevalence.</p>"
    assert links("prevalence: prevalence").link(html, URL) == (
        f"<h2>Prevalence</h2><p><code>prevalence</code> and {term('prevalence', 'prevalence')}.</p>"
    )


def test_running_text_in_lists_tables_captions_and_admonition_bodies_links() -> None:
    found = links("prevalence: prevalence", "threshold: threshold", "loss: loss")
    html = (
        '<div class="admonition note"><p class="admonition-title">Note</p><p>prevalence</p></div>'
        "<table><tr><td>threshold</td></tr></table><figure><figcaption>loss</figcaption></figure>"
    )
    assert found.link(html, URL).count('class="dlmd-term"') == 3


def test_the_longest_phrase_wins() -> None:
    found = links("matrix: matrix", "confusion-matrix: confusion matrix")
    html = "<p>A confusion matrix is a matrix.</p>"
    assert found.link(html, URL) == (
        f"<p>A {term('confusion-matrix', 'confusion matrix')} is a {term('matrix', 'matrix')}.</p>"
    )


def test_plurals_and_case_match_on_whole_words_only() -> None:
    found = links(
        "threshold: threshold",
        "meta-analysis: meta-analysis",
        "confusion-matrix: confusion matrix",
        "loss: loss",
        "epoch: epoch",
    )
    html = (
        "<p>Two Thresholds, two meta-analyses, confusion\nmatrices, losses; epochal is not "
        "epoch-based, but epochs are.</p>"
    )
    assert found.link(html, URL) == (
        f"<p>Two {term('threshold', 'Thresholds')}, two "
        f"{term('meta-analysis', 'meta-analyses')}, "
        f"{term('confusion-matrix', 'confusion' + chr(10) + 'matrices')}, "
        f"{term('loss', 'losses')}; epochal is not epoch-based, but {term('epoch', 'epochs')} "
        "are.</p>"
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("threshold", "thresholds"),
        ("loss", "losses"),
        ("analysis", "analyses"),
        ("matrix", "matrices"),
        ("study", "studies"),
        ("day", "days"),
        ("epoch", "epochs"),
    ],
)
def test_plurals(word: str, expected: str) -> None:
    assert expected in plurals(word)


def test_words_listed_as_never_linked_win_over_a_term() -> None:
    found = links("loss: loss", "-: loss of")
    html = "<p>Early treatment prevents loss of vision; the loss falls.</p>"
    assert found.link(html, URL) == (
        f"<p>Early treatment prevents loss of vision; the {term('loss', 'loss')} falls.</p>"
    )


def test_text_around_a_link_and_entities_stay_as_they_were() -> None:
    html = "<p>A &amp; B: prevalence &lt; 1%</p>"
    assert links("prevalence: prevalence").link(html, URL) == (
        f"<p>A &amp; B: {term('prevalence', 'prevalence')} &lt; 1%</p>"
    )


GLOSSARY = """\
# Glossary

## Terms {#terms}

### Prevalence {#prevalence}

How common.

### Threshold {#threshold}

The cut-off.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_are_read_with_their_anchors_and_lines(tmp_path: Path) -> None:
    entries = read_entries(write(tmp_path, "glossary.md", GLOSSARY), "docs/glossary.md")
    assert {anchor: entry.line for anchor, entry in entries.items()} == {
        "prevalence": 5,
        "threshold": 9,
    }


def test_an_anchor_used_twice_names_both_lines(tmp_path: Path) -> None:
    page = write(tmp_path, "glossary.md", GLOSSARY + "\n### Cut-off {#threshold}\n")
    with pytest.raises(
        GlossaryError,
        match=r"^docs/glossary.md:13: the anchor '#threshold' "
        r"is already used on line 9; give each entry an anchor of its own",
    ):
        read_entries(page, "docs/glossary.md")


def test_an_entry_without_an_anchor_fails_with_its_line(tmp_path: Path) -> None:
    page = write(tmp_path, "glossary.md", GLOSSARY + "\n### Epoch\n")
    with pytest.raises(
        GlossaryError,
        match=r"^docs/glossary.md:13: the entry 'Epoch' has no "
        r"anchor; write '### Term \{#term\}'",
    ):
        read_entries(page, "docs/glossary.md")


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        (
            "prevalence: prevalence\nthreshold threshold\n",
            r"^list.txt:2: expected 'anchor: phrase, phrase'",
        ),
        (
            "prevalence: prevalence\nepoch: epoch\n",
            r"^list.txt:2: no glossary entry has the anchor '#epoch'; add '### Term \{#epoch\}'",
        ),
        (
            "prevalence: prevalence\nthreshold: cut-off, Prevalence\n",
            r"^list.txt:2: 'Prevalence' is already listed on line 1; list each phrase once",
        ),
        (
            "prevalence: prevalence\nprevalence: how common\n",
            r"^list.txt:2: '#prevalence' already has line 1",
        ),
        (
            "# a comment\nthreshold: ROC threshold\n",
            r"^list.txt:2: 'ROC threshold' holds the abbreviation 'ROC'",
        ),
        ("threshold: threshold,, cut-off\n", r"^list.txt:1: an empty phrase"),
    ],
)
def test_a_bad_list_line_fails_naming_its_line_and_the_fix(
    tmp_path: Path, listed: str, message: str
) -> None:
    entries = read_entries(write(tmp_path, "glossary.md", GLOSSARY), "docs/glossary.md")
    with pytest.raises(GlossaryError, match=message):
        read_phrases(write(tmp_path, "list.txt", listed), "list.txt", entries, ["ROC", "AUC"])


REPO = Path(__file__).resolve().parents[2]


def test_the_site_glossary_is_sorted_and_every_entry_has_an_anchor() -> None:
    # read_entries fails on an entry without an anchor, or an anchor used twice.
    entries = read_entries(REPO / "docs" / "glossary.md", "docs/glossary.md")
    names = [entry.name for entry in sorted(entries.values(), key=lambda entry: entry.line)]
    assert names == sorted(names, key=str.casefold), "glossary entries out of alphabetical order"


def test_the_site_list_names_only_glossary_entries() -> None:
    entries = read_entries(REPO / "docs" / "glossary.md", "docs/glossary.md")
    abbreviations = [name for name, _ in read_abbreviations(REPO / "includes" / "abbreviations.md")]
    phrases = read_phrases(
        REPO / "includes" / "glossary-links.txt",
        "includes/glossary-links.txt",
        entries,
        abbreviations,
    )
    linked = {phrase.anchor for phrase in phrases}
    new_terms = {
        "prevalence",
        "threshold",
        "confusion-matrix",
        "epoch",
        "loss",
        "softmax",
        "hounsfield-unit",
        "window",
        "augmentation",
        "systematic-review",
        "meta-analysis",
        "risk-of-bias",
    }
    assert new_terms <= linked, f"entries no phrase links to: {sorted(new_terms - linked)}"
