"""Print the site's quality figures, one row per page, so a regression shows at a glance.

Usage: site-figures [--no-lighthouse] [--site DIR]   (from the folder holding mkdocs.yml)

Builds the site strictly into a temporary folder (or uses DIR, already built), serves it on
loopback with gzip at its production path, and measures every page in Debian's chromium:

  axe        violations in light/dark palette x desktop/phone (LD LP DD DP)
  vnu        Nu Html Checker errors / warnings (warnings listed in quality.vnu are not counted)
  off, con   requests leaving the site's origin, console errors (network cut)
  KB, req    gzipped transfer in KB (1,000 bytes) and requests (dlmd.pageweight);
             budget 90 KB for a Markdown page, 120 KB for a notebook page
  copy       copy buttons that copied exactly their code / copy buttons (+ blocks without one)
  nojs       problems with JavaScript off (content, navigation, quiz answers), desktop + phone
  LH         Lighthouse performance / accessibility / best practices / SEO (mobile), on the
             home page, the FAQ, an applications page and a tutorial notebook

Exit status 1 when a gated figure fails (anything but Lighthouse performance), else 0.
Lighthouse performance depends on the machine's load: compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config

from dlmd.quality import axe, clipboard, lighthouse, network, nojs, vnu, weight
from dlmd.quality.browsing import VIEWS, View, chromium, wait_until_ready
from dlmd.quality.build import build_site
from dlmd.quality.gzip_server import serving
from dlmd.quality.pages import SitePage, base_path, site_pages

PROG = "site-figures"
PERFORMANCE_TARGET = 98  # Lighthouse mobile performance: a target to print, not a gate


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


def measure(site: Path, run_lighthouse: bool) -> list[Row]:
    pages = site_pages(Path(load_config("mkdocs.yml").docs_dir))
    rows = [Row(page) for page in pages]
    all_paths = [page.path for page in pages if page.path != "404.html"]

    reports = vnu.check_files(site, [site / weight.html_file(page) for page in pages])
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (slow)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="site-figures-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        if not (site / "sitemap.xml").is_file():
            parser.error(f"{site}: no sitemap.xml; build the site first (mkdocs build -d DIR)")
        rows = measure(site, run_lighthouse=not args.no_lighthouse)
    print_table(rows)
    slow = [
        f"{row.page.label} {row.lighthouse['performance']}"
        for row in rows
        if row.lighthouse and row.lighthouse["performance"] < PERFORMANCE_TARGET
    ]
    if slow:
        target = f"Below the performance target of {PERFORMANCE_TARGET} (not gated)"
        print(f"\n{target}: {', '.join(slow)}")
    problems = [f"{row.page.label}: {problem}" for row in rows for problem in row.problems]
    print(f"\n{len(rows)} pages in {time.monotonic() - started:.0f} s.", end=" ")
    if problems:
        print(f"{len(problems)} gated problem(s):")
        for problem in problems:
            print(f"  {problem[:300]}")
        return 1
    print("Every gated figure passes.")
    return 0

