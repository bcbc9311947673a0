"""A Markdown page with framework tabs as a Jupyter notebook per framework, to download.

    download_notebook: true        (front matter, beside `variants: [Keras, PyTorch]`)

The notebook of one variant holds the page's prose and code in page order: the untabbed parts
and that variant's tabs (the others dropped), so its code cells are exactly the Python blocks
the snippet check runs for that variant (variants.py). A Python block becomes a code cell, the
output block after it that cell's output; other fences (`pip install`) stay in the prose, as
the tutorial notebooks show them. Check markers and other HTML comments, quizzes (they need the
site's script), attribute lists and figure markup are left out; admonitions and tabs that are
not variants become a bold title over their text; images are attached to their cell, so the
notebook needs nothing from the network. Plain Python on the page's source; the plugin
`dlmd-course` writes the files and links them.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from dlmd.markdown.fences import Fence, find_fences

FRONT_MATTER_KEY = "download_notebook"
RUN_LANGUAGES = frozenset({"python", "py", "python3"})  # as the snippet check runs them
OUTPUT_LANGUAGES = frozenset({"text", "txt", "output"})

# pymdownx.tabbed tabs and admonitions (plain, or collapsible with pymdownx.details).
_CONTAINER = re.compile(
    r'^(?P<indent> *)(?:===[!+]? +"(?P<tab>[^"]*)"'
    r'|(?:!!!|\?\?\?\+?) +(?P<kind>[\w-]+)(?: +"(?P<title>[^"]*)")?)\s*$'
)
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_QUIZ_START = re.compile(r"^<!--\s*quiz\s*-->\s*$")
_QUIZ_END = re.compile(r"^<!--\s*/quiz\s*-->\s*$")
_FIGURE_TAG = re.compile(r"^\s*</?figure\b[^>]*>\s*$")
_FIGCAPTION = re.compile(r"<figcaption[^>]*>(?P<text>.*?)</figcaption>", re.DOTALL)
_HEADING_ID = re.compile(r"^(?P<heading>#{1,6} .*?)\s*\{[^}]*\}\s*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)(?:\{[^}]*\})?")
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)")
_BLANK_RUNS = re.compile(r"\n{3,}")

Resolve = Callable[[str], str | None]
Attach = Callable[[str], bytes | None]


class PageNotebookError(ValueError):
    """The page cannot become a notebook; the message names the line and what to fix."""


@dataclass
class _Container:
    indent: int
    tab: str | None  # a tab's title; None for an admonition


@dataclass
class _Cells:
    """The cells as they are made: prose collects in `prose` until code or a section ends it."""

    cells: list[dict] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    last_code: dict | None = None  # the code cell an output block may still belong to

    def flush(self) -> None:
        text = "\n".join(self.prose).strip("\n")
        self.prose = []
        if text.strip():
            self.cells.append({"cell_type": "markdown", "metadata": {}, "source": text})

    def add_prose(self, line: str) -> None:
        if line.startswith("## "):
            self.flush()
        self.prose.append(line)
        if line.strip():
            self.last_code = None

    def add_code(self, code: str) -> None:
        self.flush()
        cell = {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {},
            "outputs": [],
            "source": code,
        }
        self.cells.append(cell)
        self.last_code = cell


def _containers(lines: list[str], fences: list[Fence]) -> list[list[_Container]]:
    """For each line, the tabs and admonitions it is inside, outermost first: a container's
    content is the lines after it that are blank or indented further (as variants.py reads
    tabs); lines inside code blocks never open or close one."""
    in_code = {i for fence in fences for i in range(fence.start + 1, fence.end + 1)}
    stack: list[_Container] = []
    result: list[list[_Container]] = []
    for index, line in enumerate(lines):
        if index not in in_code and line.strip():
            indent = len(line) - len(line.lstrip(" "))
            while stack and indent <= stack[-1].indent:
                stack.pop()
        result.append(list(stack))
        opened = None if index in in_code else _CONTAINER.match(line)
        if opened is not None:
            stack.append(_Container(len(opened["indent"]), opened["tab"]))
    return result


def _dedent(line: str, around: list[_Container], tab_length: int) -> str:
    if not around:
        return line
    width = around[-1].indent + tab_length
    return line[width:] if line[:width].strip() == "" else line.lstrip(" ")


def page_cells(
    body: str, variant: str, variants: tuple[str, ...], where: str, tab_length: int = 4
) -> list[dict]:
    """The notebook cells of `variant` from a page's Markdown `body` (front matter removed).

    `where(i)` names line i of `body` in messages (`docs/page.md:12`).
    """
    lines = body.split("\n")
    fences, problems = find_fences(lines, tab_length)
    if problems:
        raise PageNotebookError(f"{where(problems[0].index)}: {problems[0].message}")
    starts = {fence.start: fence for fence in fences}
    around = _containers(lines, fences)
    made = _Cells()
    in_quiz = False
    index = 0
    while index < len(lines):
        line, tabs = lines[index], [c.tab for c in around[index]]
        other_variant = any(tab in variants and tab != variant for tab in tabs)
        fence = starts.get(index)
        if fence is not None:
            index = fence.end + 1
            if other_variant or in_quiz:
                continue
            _add_fence(made, fence)
            continue
        index += 1
        if in_quiz:
            in_quiz = not _QUIZ_END.match(line)
            continue
        if other_variant or _COMMENT.match(line):
            in_quiz = bool(_QUIZ_START.match(line))
            continue
        opened = _CONTAINER.match(line)
        if opened is not None:
            if opened["tab"] not in variants:  # a variant's own tab title goes without saying
                title = opened["tab"] or opened["title"] or opened["kind"].capitalize()
                made.add_prose(f"**{title}**")
                made.add_prose("")
            continue
        made.add_prose(_dedent(line, around[index - 1], tab_length))
    made.flush()
    return made.cells


def _add_fence(made: _Cells, fence: Fence) -> None:
    language = fence.language.lower()
    code = "\n".join(fence.code)
    if language in RUN_LANGUAGES and not fence.custom:
        made.add_code(code)
    elif language in OUTPUT_LANGUAGES and made.last_code is not None:
        text = code + "\n"
        made.last_code["outputs"].append({"output_type": "stream", "name": "stdout", "text": text})
        made.last_code = None
    else:
        made.add_prose(f"```{fence.language}\n{code}\n```")


def plain_markdown(text: str, resolve: Resolve, attach: Attach) -> tuple[str, dict]:
    """Markdown a notebook renders: the site's figure markup and attribute lists removed, links
    to the site made absolute (`resolve(href)`: an address, or None to keep the link's text
    only) and images attached (`attach(src)`: the image's bytes, or None to show its alt text).
    Returns the text and the cell's attachments."""
    attachments: dict[str, dict[str, str]] = {}
    text = "\n".join(line for line in text.split("\n") if not _FIGURE_TAG.match(line))
    text = _FIGCAPTION.sub(lambda m: "\n*" + " ".join(m["text"].split()) + "*", text)
    text = _HEADING_ID.sub(lambda m: m["heading"], text)

    def image(match: re.Match[str]) -> str:
        src = match["src"]
        data = None if "://" in src else attach(src)
        if data is None:
            return f"*{match['alt']}*"
        name = PurePosixPath(src).name
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        attachments[name] = {mime: base64.b64encode(data).decode("ascii")}
        return f"![{match['alt']}](attachment:{name})"

    def link(match: re.Match[str]) -> str:
        href = match["href"]
        if "://" in href or href.startswith("mailto:"):
            return match[0]
        address = resolve(href)
        return f"[{match['text']}]({address})" if address else match["text"]

    text = _LINK.sub(link, _IMAGE.sub(image, text))
    return _BLANK_RUNS.sub("\n\n", text), attachments


def page_notebook(
    cells: list[dict],
    *,
    title_note: str,
    resolve: Resolve,
    attach: Attach,
    metadata: dict,
) -> dict:
    """An nbformat 4.5 notebook of `cells` (page_cells): Markdown made plain (plain_markdown),
    `title_note` (Markdown) right under the first heading, deterministic cell ids."""
    made = []
    for number, cell in enumerate(cells, start=1):
        cell = {"id": f"cell-{number}", **cell}
        if cell["cell_type"] == "markdown":
            source, attachments = plain_markdown(cell["source"], resolve, attach)
            if number == 1:
                head, _, rest = source.partition("\n")
                source = f"{head}\n\n{title_note}\n{rest}" if head.startswith("# ") else source
            cell["source"] = source
            if attachments:
                cell["attachments"] = attachments
        made.append(cell)
    return {
        "cells": made,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            **metadata,
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def notebook_name(page_stem: str, variant: str) -> str:
    """`first-model-keras.ipynb`: the page's name and the variant's, as a file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", variant.lower()).strip("-")
    return f"{page_stem}-{slug}.ipynb"


def download_links(names: dict[str, str]) -> str:
    """The "Download as a notebook" line: one link per variant (its title to its file name)."""
    links = " · ".join(
        f'<a href="{name}" download="{name}">{variant}</a>' for variant, name in names.items()
    )
    return f'<p class="dlmd-page-notebook">Download as a notebook: {links} (.ipynb)</p>'


