"""The quiz hub: a `<!-- quiz-hub -->` line becomes a list of every quiz on the site.

Each entry names the quiz's page (and, on a page with several quizzes, the heading above it),
gives its number of questions and links to the quiz itself (its form's id). The question ids
ride along in `data-questions`, so that quiz-hub.js can read the reader's saved answers for exactly
these questions and write the score beside each entry; without JavaScript the list, the counts
and the links are all there. The entries come from the pages' sources (`page_entries`, which the
plugin calls for every page in nav order), never from a list kept by hand.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from dlmd.markdown.fences import find_fences
from dlmd.quiz.ids import question_id, quiz_id
from dlmd.quiz.page import parse_checked
from dlmd.quiz.parse import HUB
from dlmd.quiz.render import inline

HUB_MARKUP = '<div class="dlmd-hub"'  # how `render_hub` starts the hub: quiz-hub.js fills it in
HEADING = re.compile(r"#{1,6}\s+(?P<text>.+?)\s*(?:\{[^}]*\})?\s*#*\s*$")


@dataclass(frozen=True)
class HubEntry:
    """One quiz as the hub lists it."""

    src_uri: str  # the page's source, relative to docs/ (e.g. "applications/ehr.md")
    name: str  # what the hub calls it: the page's name, plus its heading where a page has more
    anchor: str  # the quiz form's id on that page
    question_ids: tuple[str, ...]


def _heading_above(lines: list[str], line: int) -> str:
    """The text of the last heading before 1-based `line`, or "" when there is none."""
    for text in reversed(lines[: line - 1]):
        match = HEADING.fullmatch(text.rstrip())
        if match:
            return match["text"]
    return ""


def page_entries(src_uri: str, page_name: str, source: str) -> list[HubEntry]:
    """The hub entries of one page's Markdown `source` (its quizzes, in page order).

    A page whose quizzes have problems gives none: its own build step reports them.
    """
    quizzes, problems = parse_checked(source)
    if problems:
        return []
    lines = source.splitlines()
    entries = []
    for quiz in quizzes:
        name = page_name
        heading = _heading_above(lines, quiz.line)
        if len(quizzes) > 1 and heading:
            name = f"{page_name} – {heading}"
        ids = tuple(question_id(question) for question in quiz.questions)
        entries.append(HubEntry(src_uri, name, quiz_id(quiz), ids))
    return entries


def _link(entry: HubEntry, hub_src_uri: str) -> str:
    target = posixpath.relpath(entry.src_uri, posixpath.dirname(hub_src_uri) or ".")
    # The name is author text: disarmed like a quiz's, with brackets escaped for the link.
    name = inline(entry.name).replace("[", r"\[").replace("]", r"\]")
    return f"[{name}]({target}#{entry.anchor})"


def _count(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def render_hub(entries: list[HubEntry], hub_src_uri: str) -> str:
    """The hub as HTML that md_in_html finishes (the links stay Markdown, so MkDocs checks
    and rewrites them like any other)."""
    questions = sum(len(entry.question_ids) for entry in entries)
    # quiz-hub.js replaces this paragraph's text with the reader's totals; until then (and without
    # JavaScript) it says what the page shows and when.
    lines = [
        f'{HUB_MARKUP} markdown="block">',
        f'<p class="dlmd-hub__total">{_count(len(entries), "quiz", "quizzes")}, '
        f"{_count(questions, 'question', 'questions')} in all. Your answers are kept only in "
        "this browser; with JavaScript on, this page shows how many questions of each quiz you "
        "have answered, and how many of them right.</p>",
    ]
    lines.append('<ul class="dlmd-hub__list" markdown="block">')
    for entry in entries:
        lines.append(
            f'<li class="dlmd-hub__quiz" data-questions="{" ".join(entry.question_ids)}" '
            f'markdown="span">{_link(entry, hub_src_uri)}: '
            f"{_count(len(entry.question_ids), 'question', 'questions')}.</li>"
        )
    lines += ["</ul>", "</div>"]
    return "\n\n" + "\n".join(lines) + "\n\n"


def has_marker(markdown: str) -> bool:
    return "quiz-hub" in markdown and bool(_marker_lines(markdown.splitlines()))


def _marker_lines(lines: list[str]) -> list[int]:
    """Indexes of the `<!-- quiz-hub -->` lines at column 0 outside code blocks."""
    fenced = {i for fence in find_fences(lines)[0] for i in range(fence.start, fence.end + 1)}
    return [i for i, line in enumerate(lines) if i not in fenced and HUB.fullmatch(line.rstrip())]


def replace_marker(markdown: str, entries: list[HubEntry], hub_src_uri: str) -> str:
    """`markdown` with each `<!-- quiz-hub -->` line replaced by the hub."""
    lines = markdown.splitlines()
    for index in _marker_lines(lines):
        lines[index] = render_hub(entries, hub_src_uri)
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")
