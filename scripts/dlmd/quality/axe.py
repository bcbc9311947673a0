"""axe-core (through axe-playwright-python) on a loaded page: the violations a reader would hit."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from dlmd.quality.browsing import settle

# Every rule axe runs by default: WCAG 2.0-2.2 A and AA plus its best practices (landmarks,
# headings, regions). Experimental rules stay off: they change between axe releases.
OPTIONS = {"resultTypes": ["violations"]}


@cache
def _axe() -> Any:
    # Imported on first use, so test collection needs no browser packages.
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]  # CSS selectors of the failing elements
    summary: str  # axe's explanation for the first failing element

    def describe(self) -> str:
        where = ", ".join(self.targets[:5]) + (" ..." if len(self.targets) > 5 else "")
        return f"{self.rule} ({self.impact}): {self.help} at {where}: {self.summary}"


def open_collapsed(page: Any) -> None:
    """Open every collapsible block, so that what a reader finds inside is checked too."""
    page.evaluate("document.querySelectorAll('details:not([open])').forEach(d => d.open = true)")
    settle(page)


def scan(page: Any) -> list[Violation]:
    """Run axe on the page as it is now; return its violations (empty when it passes)."""
    response = _axe().run(page, options=OPTIONS).response
    violations = []
    for item in response["violations"]:
        nodes = item["nodes"]
        targets = tuple(" ".join(map(str, node["target"])) for node in nodes)
        summary = (nodes[0].get("failureSummary") or "").replace("\n", " ") if nodes else ""
        violations.append(
            Violation(item["id"], item.get("impact") or "", item["help"], targets, summary)
        )
    return violations
