"""Print the site's quality figures, one row per page, so a regression shows at a glance.

Usage: site-figures [--no-lighthouse | --performance-only] [--runs N] [--site DIR] [--page PATH]
       (from the folder holding mkdocs.yml)

Builds the site strictly into a temporary folder (or uses DIR, already built), serves it on
loopback with gzip at its production path, and measures every page in Debian's chromium:

  axe        violations in light/dark palette x desktop/phone (LD LP DD DP)
  vnu        Nu Html Checker errors / warnings (warnings listed in quality.vnu are not counted)
  off, con   requests leaving the site's origin, console errors (network cut)
  KB, req    gzipped transfer in KB (1,000 bytes) and requests (dlmd.pageweight);
             budget 90 KB for a Markdown page, 128 KB for a notebook page (a page's own
             in quality.weight.PAGE_BUDGETS)
  copy       copy buttons that copied exactly their code / copy buttons (+ blocks without one)
  nojs       problems with JavaScript off (content, navigation, quiz answers), desktop + phone
  LH         Lighthouse performance / accessibility / best practices / SEO (mobile), on one
             page of each type (quality.lighthouse.PAGES)

Then Lighthouse performance beside stock Material (quality.stock_site: the same content
without the site's theme overrides, plugins, CSS and JavaScript), median of --runs audits per
page and site, alternating, on each page type and every notebook page: performance, total
blocking time, main-thread time and its "Style & Layout" part, and whether the page reaches the
target (98 and at least stock); then the performance gate of the tests (quality.load_cost:
render-blocking requests, bytes before the first paint, elements, blocking time at a fixed CPU
slowdown, beside stock loaded alternately). --performance-only prints just those two tables,
with Lighthouse's main-thread breakdown per page.

Exit status 1 when a gated figure fails (the performance gate, as in
tests/browser/test_quality_load_cost.py, or anything else below its bar), else 0. Lighthouse's
performance score is printed, not gated: it depends on the machine's load, so compare figures
from one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config

from dlmd.quality import (
    axe,
    clipboard,
    lighthouse,
    load_cost,
    network,
    nojs,
    performance,
    vnu,
    weight,
)
from dlmd.quality.browsing import VIEWS, View, chromium, wait_until_ready
from dlmd.quality.build import BuildError, build_site
from dlmd.quality.gzip_server import serving
from dlmd.quality.pages import SitePage, base_path, site_pages
from dlmd.quality.stock_site import build_stock_site

PROG = "site-figures"
PERFORMANCE_TARGET = 98  # Lighthouse mobile performance, median of 3: printed, not gated


@dataclass
class Row:
    page: SitePage
    axe: dict[str, int] = field(default_factory=dict)  # view label -> violations
    vnu_errors: int = 0
    vnu_warnings: int = 0
    off_origin: int = 0
    console: int = 0
    kb: float | None = None
    requests: int | None = None
    copies_ok: int = 0
    copies: int = 0
    uncopyable: int = 0
    nojs: int = 0
    lighthouse: dict[str, int] | None = None
    problems: list[str] = field(default_factory=list)


def measure_browser(browser: object, url: str, rows: list[Row], all_paths: list[str]) -> None:
    origin = network.origin_of(url)
    for view in VIEWS:
        context = browser.new_context(**view.context_options())
        network.cut_network(context, origin)
        page = context.new_page()
        for row in rows:
            page.goto(url + row.page.path)
            wait_until_ready(page)
            axe.open_collapsed(page)
            found = axe.scan(page)
            row.axe[view.label] = len(found)
            row.problems += [f"axe {view.label}: {item.describe()}" for item in found]
        context.close()

    context = browser.new_context(**View("light", "desktop").context_options())
    network.cut_network(context, origin)
    page = context.new_page()
    recorder = network.Recorder(page, origin)
    for row in rows:
        traffic = network.load_and_record(page, recorder, url + row.page.path)
        row.off_origin = len(traffic.off_origin)
        row.console = len(traffic.console_errors)
        row.problems += [f"network: {problem}" for problem in traffic.problems()]
    context.close()

    options = {**View("light", "desktop").context_options(), **clipboard.CONTEXT_OPTIONS}
    context = browser.new_context(**options)
    page = context.new_page()
    for row in rows:
        page.goto(url + row.page.path)
        wait_until_ready(page)
        copies = clipboard.check_copies(page)
        row.copies = len(copies.checks)
        row.copies_ok = sum(check.ok for check in copies.checks)
        row.uncopyable = len(copies.missing)
        row.problems += [f"copy: {problem}" for problem in copies.problems()]
    context.close()

    for width in ("desktop", "phone"):
        options = {**View("light", width).context_options(), **nojs.CONTEXT_OPTIONS}
        context = browser.new_context(**options)
        page = context.new_page()
        for row in rows:
            result = nojs.check_page(page, url, row.page.path, all_paths, phone=width == "phone")
            row.nojs += len(result.problems)
            row.problems += [f"no-JS {width}: {problem}" for problem in result.problems]
        context.close()


def measure(site: Path, run_lighthouse: bool, only: list[str] | None = None) -> list[Row]:
    pages = site_pages(Path(load_config("mkdocs.yml").docs_dir))
    rows = [Row(page) for page in pages if not only or page.path in only]
    all_paths = [page.path for page in pages if page.path != "404.html"]

    reports = vnu.check_files(site, [site / weight.html_file(row.page) for row in rows])
    for row in rows:
        report = reports[weight.html_file(row.page)]
        row.vnu_errors, row.vnu_warnings = len(report.errors), len(report.warnings)
        row.problems += [f"vnu: {m.describe()}" for m in report.errors + report.warnings]
        measured = weight.weigh(site, row.page)
        row.kb, row.requests = measured.total_gzip / 1000, measured.requests
        row.problems += [f"weight: {item}" for item in weight.problems(measured, row.page)]

    with serving(site, base_path(site)) as url:
        with chromium() as browser:
            measure_browser(browser, url, rows, all_paths)
        if run_lighthouse:
            for row in rows:
                if row.page.path in lighthouse.PAGES:
                    result = lighthouse.run_lighthouse(url + row.page.path)
                    row.lighthouse = result.scores
                    row.problems += [f"lighthouse: {problem}" for problem in result.problems()]
    return rows


def print_table(rows: list[Row]) -> None:
    views = [view.label for view in VIEWS]
    short = {"light-desktop": "LD", "light-phone": "LP", "dark-desktop": "DD", "dark-phone": "DP"}
    header = (
        f"{'page':30s} {'axe ' + ' '.join(short[v] for v in views):>15s} {'vnu E/W':>8s}"
        f" {'off':>4s} {'con':>4s} {'KB':>6s} {'req':>4s} {'copy':>7s} {'nojs':>5s}"
        f"  {'LH P/A/BP/SEO':>15s}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        axe_cells = " ".join(f"{row.axe.get(v, '-'):>2}" for v in views)
        kb = f"{row.kb:6.1f}" if row.kb is not None else f"{'-':>6s}"
        requests = f"{row.requests:4d}" if row.requests is not None else f"{'-':>4s}"
        copy = f"{row.copies_ok}/{row.copies}" + (f"+{row.uncopyable}" if row.uncopyable else "")
        lh = "-"
        if row.lighthouse:
            lh = "/".join(str(row.lighthouse[c]) for c in lighthouse.CATEGORIES)
        print(
            f"{row.page.label:30s} {axe_cells:>15s} {row.vnu_errors:>4d}/{row.vnu_warnings:<3d}"
            f" {row.off_origin:>4d} {row.console:>4d} {kb} {requests} {copy:>7s} {row.nojs:>5d}"
            f"  {lh:>15s}"
        )


def performance_paths(pages: list[SitePage]) -> list[str]:
    """One page of each type, then every notebook page not among them."""
    notebooks = [page.path for page in pages if page.kind == "notebook"]
    return [*lighthouse.PAGES, *(path for path in notebooks if path not in lighthouse.PAGES)]


def print_breakdown(rows: list[performance.Comparison]) -> None:
    """Main-thread milliseconds per kind of work and the costliest scripts, site vs stock."""
    for row in rows:
        print(f"\n{row.path or 'home'}: main-thread ms, this site / stock")
        mine, theirs = row.site.main_thread_ms(), row.stock.main_thread_ms()
        for group in sorted(set(mine) | set(theirs), key=lambda g: -mine.get(g, 0.0)):
            print(f"  {group:28s} {mine.get(group, 0.0):7.0f} {theirs.get(group, 0.0):7.0f}")
        scripts = row.site.scripts_ms()
        for url, ms in sorted(scripts.items(), key=lambda item: -item[1])[:4]:
            print(f"  script {url.rsplit('/', 1)[-1][:40]:40s} {ms:7.0f}")


def main(argv: list[str] | None = None) -> int:
    """site-figures; a missing tool (Chromium, Java, the npm packages) or a failed build ends
    it with one line saying what to do, not a traceback."""
    try:
        return _figures(argv)
    except (FileNotFoundError, BuildError) as error:
        print(f"{PROG}: {str(error).strip()}", file=sys.stderr)
        return 2


def _figures(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    lighthouse_options = parser.add_mutually_exclusive_group()
    lighthouse_options.add_argument(
        "--no-lighthouse", action="store_true", help="skip Lighthouse (slow)"
    )
    lighthouse_options.add_argument(
        "--performance-only",
        action="store_true",
        help="only Lighthouse performance beside stock Material, with the main-thread breakdown",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="audits per page and site for the medians (3)"
    )
    parser.add_argument(
        "--page",
        action="append",
        metavar="PATH",
        help='only this page ("" for home, "faq/", "tutorials/first-model/"); repeatable',
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    if not Path("mkdocs.yml").is_file():
        parser.error("no mkdocs.yml here: run it from the repository root")
    known = {page.path for page in site_pages(Path(load_config("mkdocs.yml").docs_dir))}
    unknown = sorted(set(args.page or []) - known)
    if unknown:
        parser.error(f"no such page: {', '.join(unknown)} (pages are paths like faq/)")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="site-figures-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        if not (site / "sitemap.xml").is_file():
            parser.error(f"{site}: no sitemap.xml; build the site first (mkdocs build -d DIR)")
        pages = site_pages(Path(load_config("mkdocs.yml").docs_dir))
        rows = [] if args.performance_only else measure(site, not args.no_lighthouse, args.page)
        comparison: list[performance.Comparison] = []
        costs: list[load_cost.PageCost] = []
        if not args.no_lighthouse:
            stock = build_stock_site(Path(tmp) / "stock")
            paths = [path for path in performance_paths(pages) if path in (args.page or [path])]
            comparison = performance.compare(site, stock, paths, args.runs)
            with (
                serving(site, base_path(site)) as url,
                serving(stock, base_path(stock)) as base,
                chromium() as browser,
            ):
                costs = load_cost.compare_loads(browser, url, base, paths, args.runs)
    if rows:
        print_table(rows)
    if comparison:
        performance.print_comparison(comparison, PERFORMANCE_TARGET)
        if args.performance_only:
            print_breakdown(comparison)
    if costs:
        load_cost.print_costs(costs)
    slow = [
        f"{row.path or 'home'} {row.site.performance:.0f}"
        for row in comparison
        if row.site.performance < max(PERFORMANCE_TARGET, row.stock.performance)
    ]
    if slow:
        target = f"Below the target of {PERFORMANCE_TARGET} or stock Material (median)"
        print(f"\n{target}: {', '.join(slow)}")
    problems = [f"{row.page.label}: {problem}" for row in rows for problem in row.problems]
    problems += [f"{row.path or 'home'}: {problem}" for row in costs for problem in row.problems()]
    print(f"\n{len(rows) or len(comparison)} pages in {time.monotonic() - started:.0f} s.", end=" ")
    if problems:
        print(f"{len(problems)} gated problem(s):")
        for problem in problems:
            print(f"  {problem[:300]}")
        return 1
    print("Every gated figure passes.")
    return 0
