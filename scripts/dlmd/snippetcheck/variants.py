"""Framework variants: a page whose code comes in tabs per framework (Keras, PyTorch).

A page declares them in its front matter, by the titles of its pymdownx.tabbed tabs:

    variants: [Keras, PyTorch]

Each code block then belongs to the variant whose tab holds it, or to none (untabbed, or in a
tab that is not a variant, such as "Linux / macOS"). The check runs the page once per variant,
as its own session: the blocks of no variant plus that variant's blocks, in page order
(variant_runs.py), so one framework's block never sees another's variables. A page
without the key runs as one session, whatever its tabs.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mkdocs.utils.meta import get_data

if TYPE_CHECKING:
    from dlmd.snippetcheck.fences import Fence
    from dlmd.snippetcheck.model import Block, Page

FRONT_MATTER_KEY = "variants"
# A pymdownx.tabbed tab: `=== "Title"`, `===! "Title"` or `===+ "Title"`, at any indentation.
_TAB = re.compile(r'^(?P<indent> *)===[!+]? +"(?P<title>[^"]*)"\s*$')

BAD_DECLARATION = (
    "front matter `variants:` must be a list of tab titles, e.g. `variants: [Keras, PyTorch]`"
)
OUTPUT_OUTSIDE_TAB = (
    "this output block is outside the {variant!r} tab but shows the output of the block in it "
    "at {owner}; put it inside that tab (indented like the code block), so that readers of the "
    "other variants do not see it"
)


def declared_variants(text: str) -> tuple[tuple[str, ...], list[str]]:
    """The variants a page's front matter declares, and the problems with the declaration."""
    _body, meta = get_data(text)
    value = meta.get(FRONT_MATTER_KEY)
    if value is None:
        return (), []
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str) and v.strip() for v in value)
        or len(set(value)) != len(value)
    ):
        return (), [BAD_DECLARATION]
    return tuple(value), []


def enclosing_tabs(lines: list[str], fences: list[Fence], tab_length: int) -> list[list[str]]:
    """For each line, the titles of the tabs it is inside, outermost first.

    A tab's content is the lines after its `===` line that are blank or indented further, as
    pymdownx.tabbed reads it; lines inside code blocks never open or close a tab.
    """
    in_code = {i for fence in fences for i in range(fence.start + 1, fence.end + 1)}
    open_tabs: list[tuple[int, str]] = []  # (indent of the === line, title)
    result: list[list[str]] = []
    for index, raw in enumerate(lines):
        line = raw.expandtabs(tab_length)
        if index not in in_code and line.strip():
            indent = len(line) - len(line.lstrip(" "))
            while open_tabs and indent <= open_tabs[-1][0]:
                open_tabs.pop()
            result.append([title for _, title in open_tabs])
            tab = _TAB.match(line)
            if tab is not None:
                open_tabs.append((len(tab.group("indent")), tab.group("title")))
            continue
        result.append([title for _, title in open_tabs])
    return result


def assign_variants(
    page: Page,
    variants: tuple[str, ...],
    lines: list[str],
    found: list[tuple[Fence, Block]],
    tab_length: int,
) -> list[str]:
    """Give each block its variant (the innermost variant tab around it); return the page's
    problems with its declaration (blocks' problems are set on the blocks)."""
    page.variants = variants
    tabs = enclosing_tabs(lines, [fence for fence, _ in found], tab_length)
    seen: set[str] = set()
    for fence, block in found:
        titles = [t for t in tabs[fence.start] if t in variants]
        block.variant = titles[-1] if titles else None
        if block.variant is not None:
            seen.add(block.variant)
    for _fence, block in found:
        owner = block.owner
        if owner is not None and owner.variant is not None and block.variant != owner.variant:
            block.problem = OUTPUT_OUTSIDE_TAB.format(variant=owner.variant, owner=owner.where)
            block.owner = None
    missing = [v for v in variants if v not in seen]
    if missing:
        names = ", ".join(repr(v) for v in missing)
        return [
            f"front matter declares the variant(s) {names}, but no code block is in a tab "
            f'titled so; tab titles must match exactly (=== "{missing[0]}")'
        ]
    return []
