#!/usr/bin/env python3
"""Time a full snippet check cold (empty cache) and warm (nothing changed), as a table.

Usage: bench-snippets [--offline-data DIR] [-j N] [PATH ...]   (from the folder with mkdocs.yml)

Cold runs every page in a fresh cache folder; warm runs the same check again on that cache.
The per-page table shows where the cold time goes (the tutorials' own training).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed_check(args: list[str], cache: Path, report: Path) -> tuple[float, int, dict]:
    command = [sys.executable, "-m", "dlmd.snippetcheck.cli", "--quiet"]
    command += ["--cache-dir", str(cache), "--json", str(report), *args]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode == 2:
        sys.exit(f"bench-snippets: the check could not start:\n{result.stderr}")
    return elapsed, result.returncode, json.loads(report.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-snippets", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["docs"])
    parser.add_argument("--offline-data", default=str(Path("..", "shared", "datasets")))
    parser.add_argument("-j", "--jobs", default="1")
    args = parser.parse_args(argv)
    check_args = ["--offline-data", args.offline_data, "-j", args.jobs, *args.paths]

    with tempfile.TemporaryDirectory(prefix="bench-snippets-") as folder:
        cache = Path(folder) / "cache"
        runs = []
        for name in ("cold", "warm"):
            elapsed, code, report = timed_check(check_args, cache, Path(folder) / f"{name}.json")
            runs.append((name, elapsed, code, report))

    print(f"snippet check of {' '.join(args.paths)} with -j {args.jobs}")
    print(f"{'run':<6}{'seconds':>9}{'exit':>6}{'pages':>7}{'cached':>8}{'passed':>8}{'failed':>8}")
    for name, elapsed, code, report in runs:
        s = report["summary"]
        print(
            f"{name:<6}{elapsed:>9.2f}{code:>6}{s['pages']:>7}{s['pages_cached']:>8}"
            f"{s['passed']:>8}{s['failed']:>8}"
        )
    cold = runs[0][3]
    pages = sorted(cold["pages"], key=lambda p: p["duration"], reverse=True)
    print("\ncold run, slowest pages")
    print(f"{'seconds':>9}  page")
    for page in pages[:8]:
        if page["duration"]:
            print(f"{page['duration']:>9.2f}  {page['path']}")
    return 0 if all(code == 0 for _, _, code, _ in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
