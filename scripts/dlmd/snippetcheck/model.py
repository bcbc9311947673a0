"""The snippet check's model: each code block found (`Block`), each page read (`Page`) and the
problems found while reading it (`PageError`). The readers (inventory.py for Markdown,
notebook_inventory.py for notebooks) make them; the runner, the output check and the report
read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dlmd.snippetcheck.output_rules import OutputRule
from dlmd.snippetcheck.run_settings import RunSettings

# Block kinds (and OUTPUT, "output", from output_blocks.py).
PYTHON, PIP, SHELL, SHOWN, CUSTOM, UNCLASSIFIED = (
    "python", "pip", "shell", "text", "custom", "unclassified",
)  # fmt: skip


@dataclass
class Block:
    number: int  # position among the page's blocks, from 1
    file: str  # display path of the file holding the block (an included file for includes)
    line: int | None  # line of the opening fence in `file`; None for a notebook code cell
    language: str
    kind: str  # python | pip | shell | text | custom | unclassified
    code: str = ""
    origins: list[tuple[str, int]] = field(default_factory=list)  # (file, line) per code line
    skip_reason: str | None = None
    timeout: float | None = None
    problem: str | None = None  # a static error: the block fails without running
    problem_at: str | None = None  # where the problem is, if not the block itself
    note: str = ""  # e.g. what a pip block was checked against
    cell: int | None = None  # notebooks: code cell number, counting code cells from 1
    markdown_cell: int | None = None  # notebooks: Markdown cell number, counting those from 1
    position: int | None = None  # notebooks: cell position, counting all cells from 1
    stale: str | None = None  # notebooks: why the stored outputs are out of date
    header: str = ""
    end_line: int | None = None  # line of the closing fence, when in `file`
    # Output blocks (output_blocks.py): the Python block whose output this is, the declared
    # variation, or why it is an illustration nobody's output.
    owner: Block | None = None
    output_rule: OutputRule | None = None
    illustration: str | None = None
    run: RunSettings = field(default_factory=RunSettings)  # namespace, `#>` comments...
    variant: str | None = None  # the framework tab holding it (variants.py), if the page has any

    @property
    def where(self) -> str:
        """`docs/page.md:12`, `docs/x.ipynb code cell 3`, `docs/x.ipynb Markdown cell 2, line 5`."""
        if self.cell is not None:
            return f"{self.file} code cell {self.cell}"
        if self.markdown_cell is not None:
            return f"{self.file} Markdown cell {self.markdown_cell}, line {self.line}"
        return f"{self.file}:{self.line}"

    @property
    def runs(self) -> bool:
        return self.kind == PYTHON and self.skip_reason is None and self.problem is None


@dataclass
class PageError:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Page:
    path: str  # display path
    source: Path
    kind: str  # markdown | notebook
    blocks: list[Block] = field(default_factory=list)
    errors: list[PageError] = field(default_factory=list)
    included: list[Path] = field(default_factory=list)
    targets: dict[str, float] = field(default_factory=dict)  # notebooks: metric -> minimum
    maximums: dict[str, float] = field(default_factory=dict)  # notebooks: metric -> maximum
    variants: tuple[str, ...] = ()  # framework tabs run as separate sessions (variants.py)
