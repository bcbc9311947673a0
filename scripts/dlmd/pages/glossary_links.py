"""Link the first use of each glossary term on a page to its entry in the glossary.

One list says which words link where: `includes/glossary-links.txt`, a line per glossary
entry, `anchor: phrase, phrase`, where the anchor is the entry's `### Term {#anchor}` in
docs/glossary.md. A line `-: phrase` lists words never linked, another sense of a term's word
("loss of vision" is not the training loss); being longer, they win over the term.

Matching is case-insensitive on whole words; a phrase's plural matches too (-s, -es, -ies;
-is becomes -es, -ix -ices: analyses, matrices); the longest phrase at a place wins
("confusion matrix" before "matrix"). Only running text links: not headings, code, links,
abbreviations, admonition and details titles, form controls, the quiz, the explorer,
drawings. Plain Python on the rendered HTML; the plugin `dlmd-glossary` calls it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dlmd.pages.html_pieces import Element, pieces

NEVER = "-"  # the anchor of words that never link
# Elements whose text is not running text, or where a link would nest in another control.
SKIP_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "button",
        "code",
        "kbd",
        "samp",
        "pre",
        "script",
        "style",
        "svg",
        "math",
        "template",
        "summary",
        "label",
        "select",
        "option",
        "textarea",
        "nav",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
SKIP_CLASSES = frozenset({"admonition-title", "dlmd-quiz", "dlmd-explorer"})
LINK_CLASS = "dlmd-term"

_HEADING = re.compile(r"^(#{1,6})\s+(?P<name>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
_ANCHOR = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")
_LINE = re.compile(r"^(?P<anchor>[\w-]+)\s*:\s*(?P<phrases>\S.*)$")


class GlossaryError(ValueError):
    """The glossary or its link list is inconsistent; the message names file:line and the fix."""


@dataclass(frozen=True)
class Entry:
    name: str
    anchor: str
    line: int


@dataclass(frozen=True)
class Phrase:
    text: str
    anchor: str  # NEVER for words that never link
    line: int


def read_entries(path: Path, where: str) -> dict[str, Entry]:
    """The glossary's entries (`### Term {#anchor}`) by anchor.

    Raise GlossaryError at `where:LINE` (how messages name `path`) when an entry has no anchor
    or an anchor is used twice on the page."""
    entries: dict[str, Entry] = {}
    anchors: dict[str, int] = {}
    fenced = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading is None:
            continue
        found = _ANCHOR.search(heading["attrs"] or "")
        if found is None:
            if line.startswith("### "):
                raise GlossaryError(
                    f"{where}:{number}: the entry {heading['name']!r} has no anchor; write "
                    "'### Term {#term}' so links to it stay stable"
                )
            continue
        anchor = found["id"]
        if anchor in anchors:
            raise GlossaryError(
                f"{where}:{number}: the anchor '#{anchor}' is already used on line "
                f"{anchors[anchor]}; give each entry an anchor of its own"
            )
        anchors[anchor] = number
        if line.startswith("### "):
            entries[anchor] = Entry(heading["name"], anchor, number)
    return entries


def read_phrases(
    path: Path, where: str, entries: dict[str, Entry], abbreviations: list[str]
) -> list[Phrase]:
    """The phrases of the link list at `path` (named `where` in messages), in file order.

    Raise GlossaryError at `where:LINE` for a malformed line, an anchor the glossary lacks, an
    anchor or phrase listed twice, or a phrase holding an abbreviation (pages mark those up as
    <abbr>, so the phrase would never be found in one piece of text)."""
    if not path.is_file():
        raise GlossaryError(f"{where}: the glossary link list is missing")
    phrases: list[Phrase] = []
    anchor_lines: dict[str, int] = {}
    phrase_lines: dict[str, int] = {}
    abbreviation = (
        re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, abbreviations)) + r")(?![\w-])")
        if abbreviations
        else None
    )
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise GlossaryError(
                f"{where}:{number}: expected 'anchor: phrase, phrase' (the entry's "
                f"{{#anchor}} in the glossary, then the words that link to it), got {line!r}"
            )
        anchor = match["anchor"]
        if anchor != NEVER and anchor not in entries:
            raise GlossaryError(
                f"{where}:{number}: no glossary entry has the anchor '#{anchor}'; add "
                f"'### Term {{#{anchor}}}' to the glossary or use an existing entry's anchor"
            )
        if anchor != NEVER and anchor in anchor_lines:
            raise GlossaryError(
                f"{where}:{number}: '#{anchor}' already has line {anchor_lines[anchor]}; "
                "list all of an entry's phrases on one line"
            )
        anchor_lines[anchor] = number
        for text in (part.strip() for part in match["phrases"].split(",")):
            key = " ".join(text.split()).casefold()
            if not key:
                raise GlossaryError(f"{where}:{number}: an empty phrase; remove the extra comma")
            if key in phrase_lines:
                raise GlossaryError(
                    f"{where}:{number}: {text!r} is already listed on line {phrase_lines[key]}; "
                    "list each phrase once"
                )
            held = abbreviation.search(text) if abbreviation else None
            if held:
                raise GlossaryError(
                    f"{where}:{number}: {text!r} holds the abbreviation {held[1]!r}, which pages "
                    "mark up as <abbr>, so it would never match; list the words without it"
                )
            phrase_lines[key] = number
            phrases.append(Phrase(text, anchor, number))
    return phrases


def plurals(word: str) -> tuple[str, ...]:
    """The regular English plurals of a phrase's last word (good guesses; list irregular ones)."""
    lower = word.lower()
    if lower.endswith("is"):
        return (word[:-2] + "es",)  # analysis -> analyses
    if lower.endswith("ix"):
        return (word[:-2] + "ices",)  # matrix -> matrices
    if lower.endswith("ch"):
        return (word + "es", word + "s")  # match -> matches, epoch -> epochs
    if lower.endswith(("s", "x", "z", "sh")):
        return (word + "es",)
    if lower.endswith("y") and lower[-2:-1] not in tuple("aeiou"):
        return (word[:-1] + "ies",)
    return (word + "s",)


class GlossaryLinks:
    """The compiled link list: finds phrases (and their plurals) in a page's running text."""

    def __init__(self, phrases: list[Phrase]) -> None:
        self.anchors: dict[str, str] = {}  # a form, casefolded -> its anchor
        for phrase in phrases:
            words = phrase.text.split()
            for last in (words[-1], *plurals(words[-1])):
                form = " ".join([*words[:-1], last]).casefold()
                self.anchors.setdefault(form, phrase.anchor)
        forms = sorted(self.anchors, key=len, reverse=True)  # the longest wins at a place
        alternatives = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def link(self, html: str, glossary_url: str) -> str:
        """`html` with the first use of each entry's phrases in running text linked to
        `glossary_url#anchor`."""
        if not self.anchors:
            return html
        linked: set[str] = set()
        out: list[str] = []
        last = 0
        for piece in pieces(html):
            if piece.kind != "text" or not _running_text(piece.inside):
                continue
            for match in self.pattern.finditer(html, piece.start, piece.end):
                anchor = self.anchors[" ".join(match[0].split()).casefold()]
                if anchor == NEVER or anchor in linked:
                    continue
                linked.add(anchor)
                out += [
                    html[last : match.start()],
                    f'<a class="{LINK_CLASS}" href="{glossary_url}#{anchor}">{match[0]}</a>',
                ]
                last = match.end()
        return "".join(out) + html[last:] if out else html


def _running_text(inside: tuple[Element, ...]) -> bool:
    return not any(
        element.name in SKIP_ELEMENTS or element.classes & SKIP_CLASSES for element in inside
    )
