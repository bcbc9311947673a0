"""How one Python block runs, beyond its code: set by the sites' conventions (conventions.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dlmd.snippetcheck.print_comments import PrintExpectation

PAGE = "page"  # the default namespace key: every block of the page shares one, as in a notebook


@dataclass
class RunSettings:
    # Which globals the block runs in: PAGE, None (its own, fresh), "group:NAME" (consecutive
    # blocks of a pytest-examples group), "session:NAME" (a markdown-exec session).
    namespace: str | None = PAGE
    requires: tuple[int, int] | None = None  # skipped on an older Python (pytest-examples)
    xfail: str | None = None  # passes only if it raises (pytest-examples' test="xfail ...")
    # `#>` comments: what each print() call is shown to print (print_comments.py).
    prints: list[PrintExpectation] = field(default_factory=list)
    convention: str = ""  # which convention set these, for notes
