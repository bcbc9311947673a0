"""Find and classify every code block of the site: nothing is skipped silently.

This module is the Markdown inventory (the blocks' model is model.py); notebook_inventory.py
reads notebooks with the same classification, sources.py picks the reader for each file.

Markdown pages: includes expanded (includes.py), fences found as the renderer finds them
(markdown.fences), markers attached (markers.py), then each block classified (`classify`): Python
(RUN_LANGUAGES, options `title`, `hl_lines`, `linenums` only) runs; shell blocks of only
`pip install` are checked against the lock, other shell commands are errors; SHOWN_LANGUAGES
and the site's custom fences are shown, not run; `text`, `txt` and `output` blocks are
outputs, compared with what the Python block right before them printed, or illustrations
(output_blocks.py); anything else is an error unless skipped. Other sites' conventions
(pytest-examples' attributes, `#>` comments, markdown-exec's executed fences, show-only
languages) then adjust each block (conventions.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from mkdocs.utils.meta import get_data

from dlmd.markdown.fences import Fence, find_fences
from dlmd.markdown.paths import source_name
from dlmd.snippetcheck.config import SiteConfig
from dlmd.snippetcheck.conventions import (
    apply_conventions,
    renders_markdown,
    show_unowned_output,
)
from dlmd.snippetcheck.includes import NO_LINE, IncludeError, Origin, expand_includes
from dlmd.snippetcheck.lockfile import (
    NOT_CHECKED_PREFIX,
    Lock,
    check_pip_block,
    split_not_checked,
)
from dlmd.snippetcheck.markers import (
    Marker,
    MarkerError,
    is_marker_line,
    parse_marker,
)
from dlmd.snippetcheck.model import (
    CUSTOM,
    PIP,
    PYTHON,
    SHELL,
    SHOWN,
    UNCLASSIFIED,
    Block,
    Page,
    PageError,
)
from dlmd.snippetcheck.output_blocks import (
    OUTPUT,
    OUTPUT_LANGUAGES,
    apply_output_marker,
    attach_output,
)
from dlmd.snippetcheck.output_rules import OutputRule
from dlmd.snippetcheck.variants import assign_variants, declared_variants

RUN_LANGUAGES = frozenset({"python", "py", "python3"})
SHELL_LANGUAGES = frozenset({"bash", "sh", "shell", "console"})
SHOWN_LANGUAGES = frozenset({"yaml", "yml", "json", "toml", "markdown", "md", "html", "css"})


def strip_front_matter(text: str) -> tuple[str, int]:
    """The Markdown MkDocs renders (front matter removed, by MkDocs' own `get_data`) and how many
    lines were removed."""
    body, _meta = get_data(text)
    return body, text[: len(text) - len(body)].count("\n")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


NO_LANGUAGE = "code block without a language: write ```python to run it, ```text for output"
UNKNOWN_LANGUAGE = (
    "unknown code block language {language!r}: the checker runs python, checks `pip install` "
    "in bash/sh/shell/console, and shows text, output, yaml, json, toml, markdown, html and css; "
    'use one of these or add <!-- check: skip reason="..." -->'
)
UNEXPECTED_ATTRIBUTES = (
    "Python block with attributes the checker does not understand ({shown}); only "
    'title="...", hl_lines and linenums are allowed on a block that runs'
)


def classify(fence: Fence, lock: Lock) -> tuple[str, str | None, str]:
    """(kind, problem or None, note) for a fence."""
    language = fence.language.lower()
    if fence.custom:
        return CUSTOM, None, "rendered by a custom fence"
    if language in RUN_LANGUAGES:
        extra = dict(fence.attrs)
        if fence.id:
            extra["id"] = fence.id
        if fence.classes:
            extra["class"] = " ".join(fence.classes)
        if extra:
            shown = ", ".join(f"{k}={v!r}" for k, v in extra.items())
            return PYTHON, UNEXPECTED_ATTRIBUTES.format(shown=shown), ""
        return PYTHON, None, ""
    if language in SHELL_LANGUAGES:
        problems, used = check_pip_block("\n".join(fence.code), language, lock)
        problems, unchecked = split_not_checked(problems)
        if unchecked and not problems:
            return PIP, None, NOT_CHECKED_PREFIX + "; ".join(unchecked)
        if not problems:
            return PIP, None, f"checked against {lock.display}: {', '.join(used)}"
        pip_like = any("pip" in line for line in fence.code)
        return (PIP if pip_like else SHELL), "; ".join(problems), ""
    if language in OUTPUT_LANGUAGES:
        return OUTPUT, None, ""
    if language in SHOWN_LANGUAGES:
        return SHOWN, None, ""
    if not language:
        return UNCLASSIFIED, NO_LANGUAGE, ""
    return UNCLASSIFIED, UNKNOWN_LANGUAGE.format(language=fence.language), ""


def _apply_marker(block: Block, marker: Marker) -> None:
    if block.kind == PYTHON and marker.output is not None and block.run.prints:
        # A Python block with `#>` comments: the output rule applies to them.
        block.output_rule, marker = marker.output, replace(marker, output=None)
    apply_output_marker(block, marker)
    if block.kind == OUTPUT:
        return
    if marker.skip:
        # Skipping with a reason is the author's own classification: a shell command or an
        # unknown language is then fine, and listed as skipped.
        block.skip_reason = marker.reason
        block.problem = None
    if marker.isolated:
        if block.kind != PYTHON:
            block.problem = block.problem or "isolated only applies to a Python block"
        block.run.namespace = None
    if marker.timeout is not None:
        if block.kind != PYTHON:
            block.problem = block.problem or "timeout= only applies to a Python block"
        block.timeout = marker.timeout


def blocks_from_lines(
    lines: list[str],
    where: list[tuple[str, int]],
    site: SiteConfig,
    lock: Lock,
    errors: list[PageError],
    where_text: Callable[[str, int], str],
) -> list[tuple[Fence, Block]]:
    """Blocks in `lines` (already expanded); `where[i]` is the (file, line) of lines[i]."""
    fences, problems = find_fences(lines, site.tab_length, site.custom_fences, site.relaxed_headers)
    for problem in problems:
        message = problem.message
        if problem.related is not None:
            message += f" (see {where_text(*where[problem.related])})"
        errors.append(PageError(where_text(*where[problem.index]), message))

    starts = {fence.start: fence for fence in fences}
    result: list[tuple[Fence, Block]] = []
    pending: Marker | None = None
    pending_at: int | None = None
    pending_error: str | None = None
    previous: Block | None = None  # the block before, if only blank lines and markers follow it
    index = 0
    while index < len(lines):
        line = lines[index]
        fence = starts.get(index)
        if fence is not None:
            file, number = where[index]
            kind, problem, note = classify(fence, lock)
            block = Block(
                number=0,
                file=file,
                line=number,
                language=fence.language,
                kind=kind,
                code="\n".join(fence.code),
                origins=[where[i] for i in range(fence.start + 1, fence.end)],
                problem=problem,
                note=note,
                header=fence.header,
            )
            if where[fence.end][0] == file:
                block.end_line = where[fence.end][1]
            if kind == PIP and note.startswith(NOT_CHECKED_PREFIX):
                block.skip_reason = note  # listed as skipped, with what was not checked
            apply_conventions(fence, block, site)  # other sites' conventions (conventions.py)
            if pending_error is not None:
                assert pending_at is not None
                block.problem = pending_error
                block.problem_at = where_text(*where[pending_at])
            elif pending is not None:
                _apply_marker(block, pending)
            if block.output_rule is None and block.kind == OUTPUT:
                block.output_rule = OutputRule()
            attach_output(block, previous)
            show_unowned_output(block, site)
            previous = block
            result.append((fence, block))
            if renders_markdown(fence, site):  # markdown-exec renders it, with its own fences
                inner = where[fence.start + 1 : fence.end]
                result.extend(blocks_from_lines(fence.code, inner, site, lock, errors, where_text))
            pending = pending_at = pending_error = None
            index = fence.end + 1
            continue
        if is_marker_line(line):
            try:
                marker = parse_marker(line)
                pending = marker if pending is None else pending.merge(marker)
            except MarkerError as error:
                pending_error = pending_error or str(error)
            pending_at = index if pending_at is None else pending_at
        elif line.strip():
            previous = None
            if pending_at is not None:
                message = pending_error or (
                    "this check marker is not followed by a code block (only blank lines may "
                    "come between a marker and its block)"
                )
                errors.append(PageError(where_text(*where[pending_at]), message))
                pending = pending_at = pending_error = None
        index += 1
    if pending_at is not None:
        message = pending_error or "this check marker is not followed by a code block"
        errors.append(PageError(where_text(*where[pending_at]), message))
    return result


def _file_line(file: str, line: int) -> str:
    return f"{file}:{line}" if line != NO_LINE else f"{file} (auto-appended include)"


def read_markdown(path: Path, site: SiteConfig, lock: Lock) -> Page:
    page = Page(source_name(path, site.root), path, "markdown")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        page.errors.append(PageError(page.path, f"cannot read the page: {error}"))
        return page
    body, offset = strip_front_matter(text)
    lines = body.split("\n")
    origins = [Origin(path, offset + i + 1) for i in range(len(lines))]
    try:
        expanded = expand_includes(lines, origins, site.snippets, site.tab_length)
        lines, origins = expanded.lines, expanded.origins
        page.included = expanded.included
    except IncludeError as error:
        at = error.origin
        page.errors.append(
            PageError(_file_line(source_name(at.file, site.root), at.line), error.message)
        )
    where = [(source_name(o.file, site.root), o.line) for o in origins]
    found = blocks_from_lines(lines, where, site, lock, page.errors, _file_line)
    for number, (_fence, block) in enumerate(found, start=1):
        block.number = number
        page.blocks.append(block)
    variants, problems = declared_variants(text)
    if variants:
        problems += assign_variants(page, variants, lines, found, site.tab_length)
    page.errors += [PageError(f"{page.path}:1", problem) for problem in problems]
    return page
