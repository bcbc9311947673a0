"""What the check found: one result per block, one per page (the JSON report's shape)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from dlmd.snippetcheck.model import PIP, PYTHON, Block, Page

PASSED, FAILED, BLOCKED, SKIPPED, NOT_RUN = "passed", "failed", "blocked", "skipped", "not-run"


@dataclass
class BlockResult:
    number: int  # position on the page, from 1
    file: str  # docs/index.md, or the included file
    line: int | None  # the opening fence; None for a notebook code cell
    language: str
    kind: str  # python | pip | shell | text | custom | unclassified (inventory.py)
    status: str  # passed | failed | blocked | skipped | not-run
    message: str = ""
    location: str = ""  # file:line (or notebook cell) of the failure
    failing_line: str = ""
    traceback: str = ""
    diff: str = ""  # output blocks: shown vs printed, as a unified diff
    output: str = ""
    duration: float = 0.0
    note: str = ""
    cell: int | None = None
    markdown_cell: int | None = None
    position: int | None = None
    static: bool = False  # failed before running (a problem found in the page): never ran

    @property
    def ran(self) -> bool:
        """Whether the block's code ran (passed, or failed while running)."""
        return self.kind == PYTHON and self.status in (PASSED, FAILED) and not self.static
    variant: str = ""  # the framework variant whose session this result is from (variants.py)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BlockResult:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class PageResult:
    path: str
    kind: str
    blocks: list[BlockResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # page-level problems, `file:line: message`
    metrics: dict[str, float] = field(default_factory=dict)  # a notebook's targets reached
    offline_files: list[dict[str, str]] = field(default_factory=list)  # {"path", "sha256"}
    cached: bool = False
    duration: float = 0.0

    @property
    def status(self) -> str:
        failed = self.errors or any(b.status == FAILED for b in self.blocks)
        return FAILED if failed else PASSED

    def count(self, status: str) -> int:
        return sum(1 for b in self.blocks if b.status == status)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageResult:
        values = {k: v for k, v in data.items() if k in {f.name for f in fields(cls)}}
        return cls(**{**values, "blocks": [BlockResult.from_dict(b) for b in data["blocks"]]})


def initial_result(block: Block) -> BlockResult:
    """The block's result before anything runs: static errors, skips, blocks that never run.

    Runnable Python blocks start as `blocked`; the runner replaces that with what happened.
    """
    result = BlockResult(
        number=block.number,
        file=block.file,
        line=block.line,
        language=block.language,
        kind=block.kind,
        status=NOT_RUN,
        note=block.note,
        cell=block.cell,
        markdown_cell=block.markdown_cell,
        position=block.position,
    )
    if block.problem is not None:
        result.status = FAILED
        result.static = True
        result.location = block.problem_at or block.where
        result.message = block.problem
    elif block.skip_reason is not None:
        result.status = SKIPPED
        result.message = block.skip_reason
    elif block.kind == PYTHON:
        result.status = BLOCKED
        result.message = "not run: an earlier block failed"
    elif block.kind == PIP:
        result.message = block.note
    elif block.owner is not None:  # an output block, compared once its owner has run
        result.status = BLOCKED
        result.message = "not compared: its code block did not run to the end"
    return result


def initial_page_result(page: Page) -> PageResult:
    return PageResult(
        path=page.path,
        kind=page.kind,
        blocks=[initial_result(b) for b in page.blocks],
        errors=[str(e) for e in page.errors],
    )


def to_run(page: Page) -> list[Block]:
    """The Python blocks to run: in order, up to the first Python block that cannot run."""
    blocks = []
    for block in page.blocks:
        shown_only = block.markdown_cell is not None  # a fence in a notebook's Markdown cell
        if block.kind != PYTHON or block.skip_reason is not None or shown_only:
            continue
        if block.problem is not None:
            break
        blocks.append(block)
    return blocks
