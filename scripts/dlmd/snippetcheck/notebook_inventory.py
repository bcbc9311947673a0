"""The notebook inventory: every code cell runs (a cell of only `%pip install` lines is checked
like a pip block); fences in Markdown cells are classified like a page's (inventory.py), and
Python there is an error because it is shown but never run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from dlmd.markdown.paths import source_name
from dlmd.snippetcheck.config import SiteConfig
from dlmd.snippetcheck.inventory import (
    blocks_from_lines,
    sha256_text,
)
from dlmd.snippetcheck.lockfile import Lock, check_pip_block
from dlmd.snippetcheck.markers import MarkerError, parse_timeout
from dlmd.snippetcheck.model import PIP, PYTHON, Block, Page, PageError


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _read_target(page: Page, name: str, bound: object) -> None:
    """A target is a minimum (`0.97`) or a range (`{"min": -1100, "max": -700}`, either key
    optional): an upper bound catches values that must stay low, such as air in HU."""
    if isinstance(bound, dict) and bound and set(bound) <= {"min", "max"}:
        limits = bound
    else:
        limits = {"min": bound}
    if not name.isidentifier() or not all(_is_number(v) for v in limits.values()):
        page.errors.append(
            PageError(
                page.path,
                f"metadata.dlmd.targets: {name!r}: {bound!r} is not a number "
                'or {"min": number, "max": number}',
            )
        )
        return
    if "min" in limits:
        page.targets[name] = float(limits["min"])
    if "max" in limits:
        page.maximums[name] = float(limits["max"])


def _cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _is_pip_cell(code: str) -> bool:
    lines = [line.strip() for line in code.splitlines() if line.strip()]
    commands = [line for line in lines if not line.startswith("#")]
    return bool(commands) and all(re.match(r"^[%!]pip3?\s+install\b", c) for c in commands)


def read_notebook(path: Path, site: SiteConfig, lock: Lock) -> Page:
    page = Page(source_name(path, site.root), path, "notebook")
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("nbformat") != 4:
            raise ValueError("not an nbformat 4 notebook")
        # The schema check catches what would otherwise crash later (cells that are not
        # objects, code cells without outputs), so a bad notebook is reported, not fatal.
        nbformat.validate(nbformat.reads(text, as_version=4))
        cells = data["cells"]
    except (OSError, ValueError, KeyError, TypeError, nbformat.ValidationError) as error:
        page.errors.append(PageError(page.path, f"cannot read the notebook: {error}"))
        return page

    dlmd = data["metadata"].get("dlmd", {})
    if not isinstance(dlmd, dict):
        page.errors.append(PageError(page.path, "metadata.dlmd must be an object"))
        dlmd = {}
    targets = dlmd.get("targets", {}) or {}
    if not isinstance(targets, dict):
        message = "metadata.dlmd.targets must map names to minimums or ranges"
        page.errors.append(PageError(page.path, message))
        targets = {}
    for name, bound in targets.items():
        _read_target(page, name, bound)

    code_number = markdown_number = 0
    for position, cell in enumerate(cells, start=1):
        source = _cell_source(cell)
        if cell.get("cell_type") == "code":
            code_number += 1
            page.blocks.append(_code_cell_block(page, cell, source, code_number, position, lock))
        elif cell.get("cell_type") == "markdown":
            markdown_number += 1
            lines = source.split("\n")
            where = [(page.path, i + 1) for i in range(len(lines))]

            def where_text(_file: str, line: int, number: int = markdown_number) -> str:
                return f"{page.path} Markdown cell {number}, line {line}"

            found = blocks_from_lines(lines, where, site, lock, page.errors, where_text)
            for _fence, block in found:
                block.position, block.markdown_cell = position, markdown_number
                if block.kind == PYTHON and block.skip_reason is None and block.problem is None:
                    block.problem = (
                        "Python in a Markdown cell is shown but never run; put it in a code cell "
                        '(or add <!-- check: skip reason="..." -->)'
                    )
                page.blocks.append(block)
    for number, block in enumerate(page.blocks, start=1):
        block.number = number
    return page


def _code_cell_block(
    page: Page, cell: dict, source: str, number: int, position: int, lock: Lock
) -> Block:
    block = Block(
        number=0,
        file=page.path,
        line=None,
        language="python",
        kind=PYTHON,
        code=source,
        cell=number,
        position=position,
    )
    meta = (cell.get("metadata") or {}).get("dlmd", {}) or {}
    if not isinstance(meta, dict):
        block.problem = 'metadata.dlmd must be an object, e.g. {"skip": "reason"}'
        meta = {}
    if "skip" in meta:
        reason = meta["skip"]
        if isinstance(reason, str) and reason.strip():
            block.skip_reason = reason.strip()
        else:
            block.problem = 'metadata.dlmd.skip must be the reason, e.g. "needs a GPU"'
    if "timeout" in meta:
        try:
            block.timeout = parse_timeout(meta["timeout"])
        except MarkerError as error:
            block.problem = f"metadata.dlmd.timeout: {error}"
    if _is_pip_cell(source):
        # Drop the magic's leading % or ! only; comment lines keep their #.
        commands = "\n".join(re.sub(r"^[%!]", "", line.strip()) for line in source.splitlines())
        problems, used = check_pip_block(commands, "bash", lock)
        block.kind = PIP
        block.problem = block.problem or ("; ".join(problems) if problems else None)
        block.note = f"checked against {lock.display}: {', '.join(used)}" if not problems else ""
    recorded = meta.get("source_sha256")
    if block.kind == PYTHON and block.skip_reason is None:
        if recorded is not None and recorded != sha256_text(source):
            block.stale = "the cell changed since its outputs were recorded"
        elif recorded is None and cell.get("outputs"):
            block.stale = "the cell has stored outputs but no record of the source they came from"
    return block
