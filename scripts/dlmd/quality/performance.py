"""Lighthouse performance of the site beside stock Material on the same content, per page.

Both sites are served with gzip at once and audited alternately, page by page, so machine load
falls on both alike; each page gets `runs` audits per site and the median is reported, with the
main-thread time per kind of work and per script (averaged) that says where the time goes.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dlmd.quality.gzip_server import serving
from dlmd.quality.lighthouse import LighthouseResult, run_lighthouse
from dlmd.quality.pages import base_path


@dataclass
class Side:
    """One site's audits of one page."""

    results: list[LighthouseResult] = field(default_factory=list)

    @property
    def performance(self) -> float:
        return statistics.median(result.scores["performance"] for result in self.results)

    @property
    def tbt_ms(self) -> float:
        return statistics.median(result.tbt_ms for result in self.results)

    def main_thread_ms(self) -> dict[str, float]:
        return _mean([result.main_thread_ms for result in self.results])

    def scripts_ms(self) -> dict[str, float]:
        return _mean([result.scripts_ms for result in self.results])


@dataclass
class Comparison:
    path: str
    site: Side = field(default_factory=Side)
    stock: Side = field(default_factory=Side)


def _mean(tables: list[dict[str, float]]) -> dict[str, float]:
    sums: dict[str, float] = defaultdict(float)
    for table in tables:
        for key, value in table.items():
            sums[key] += value
    return {key: value / len(tables) for key, value in sums.items()} if tables else {}


def compare(site: Path, stock: Path, paths: list[str], runs: int = 3) -> list[Comparison]:
    """Audit each page of `paths` `runs` times in `site` and in its `stock` build, alternating."""
    rows = [Comparison(path) for path in paths]
    with serving(site, base_path(site)) as site_url, serving(stock, base_path(stock)) as stock_url:
        for _ in range(runs):
            for row in rows:
                row.site.results.append(run_lighthouse(site_url + row.path))
                row.stock.results.append(run_lighthouse(stock_url + row.path))
    return rows


def print_comparison(rows: list[Comparison], target: int) -> None:
    runs = min((len(row.site.results) for row in rows), default=0)
    print(f"\nLighthouse mobile, median of {runs}: this site beside stock Material, same content")
    header = (
        f"{'page':28s} {'perf':>5s} {'stock':>6s} {'TBT ms':>7s} {'stock':>6s}"
        f" {'main ms':>8s} {'stock':>6s} {'style+layout':>13s} {'stock':>6s}  target"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        mine, theirs = row.site.main_thread_ms(), row.stock.main_thread_ms()
        layout = mine.get("Style & Layout", 0.0)
        stock_layout = theirs.get("Style & Layout", 0.0)
        reached = row.site.performance >= max(target, row.stock.performance)
        print(
            f"{row.path or 'home':28s} {row.site.performance:5.0f} {row.stock.performance:6.0f}"
            f" {row.site.tbt_ms:7.0f} {row.stock.tbt_ms:6.0f}"
            f" {sum(mine.values()):8.0f} {sum(theirs.values()):6.0f}"
            f" {layout:13.0f} {stock_layout:6.0f}  {'yes' if reached else 'no'}"
        )
