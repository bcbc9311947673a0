"""Print what each page of a built site transfers (gzip) and flag loads from other origins.

Usage: page-weight SITE_DIR [--only GLOB] [--base-path /repo/] [--budget-kb N] [--files]
Exit status 1 when a page loads anything from another origin or a file the site lacks, or,
with --budget-kb, when a page's total transfer exceeds the budget. 1 KB = 1,000 bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dlmd.pageweight import PageWeight, measure_site

PROG = "page-weight"


def kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def report(weights: list[PageWeight], budget_kb: float | None, show_files: bool) -> int:
    problems = 0
    print(f"{'page':50s} {'HTML':>8s} {'HTML gz':>8s} {'total gz':>9s} {'requests':>8s}  notes")
    for w in weights:
        notes = []
        if budget_kb is not None and w.total_gzip > budget_kb * 1000:
            notes.append(f"OVER {budget_kb:g} KB")
        notes += [f"other origin: {ref.url} ({ref.found_in})" for ref in w.foreign]
        notes += [f"missing: {ref.url} ({ref.found_in})" for ref in w.missing]
        problems += bool(notes)
        print(
            f"{w.page:50s} {kb(w.html_bytes):>8s} {kb(w.html_gzip):>8s} {kb(w.total_gzip):>9s}"
            f" {w.requests:>8d}  {'; '.join(notes)}"
        )
        if show_files:
            for name, size in sorted(w.files.items(), key=lambda item: -item[1]):
                print(f"    {kb(size):>8s} KB  {name}")
    print("sizes in KB (1,000 bytes); gz = gzip level 6 for text, images and fonts as stored")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. the output of mkdocs build")
    parser.add_argument("--only", default="*.html", help="pages, e.g. 'tutorials/*' (* matches /)")
    parser.add_argument("--base-path", default="/", help="where the site is served, e.g. /repo/")
    parser.add_argument("--budget-kb", type=float, help="fail pages whose total exceeds this")
    parser.add_argument("--files", action="store_true", help="list each page's files")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}: no index.html; build the site first (mkdocs build -d DIR)")
    weights = measure_site(args.site, args.only, args.base_path)
    if not weights:
        parser.error(f"no page in {args.site} matches {args.only!r}")
    return report(weights, args.budget_kb, args.files)
