"""How long a warm `mkdocs build --strict` of the site takes beside stock Material's build of
the same Markdown and notebooks (dlmd.quality.stock_site), measured alternately in one run.

Usage: python -m dlmd.quality.build_benchmark [--runs N]   (from the folder holding mkdocs.yml)

Each site is built once to warm what persists between builds (the notebook figure cache, the
operating system's file cache), then `--runs` times each, alternating, so machine load falls
on both alike. Prints the medians side by side and the ratio; exit status 1 when the site's
median is over MAX_RATIO times stock's. No absolute time is gated: it depends on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dlmd.quality.build import build_site
from dlmd.quality.stock_site import build_stock_site

MAX_RATIO = 2.0


def timed(build: object, out: Path) -> float:
    started = time.perf_counter()
    build(out)  # type: ignore[operator]
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dlmd.quality.build_benchmark", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each site (3)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    if not Path("mkdocs.yml").is_file():
        parser.error("no mkdocs.yml here: run it from the repository root")
    with tempfile.TemporaryDirectory(prefix="build-benchmark-") as tmp:
        site_out, stock_out = Path(tmp, "site"), Path(tmp, "stock")
        builds = {"this site": lambda out: build_site(out), "stock Material": build_stock_site}
        outs = {"this site": site_out, "stock Material": stock_out}
        times: dict[str, list[float]] = {name: [] for name in builds}
        for name, build in builds.items():
            print(f"warming: {name} ...", flush=True)
            build(outs[name])
        for run in range(args.runs):
            for name, build in builds.items():
                times[name].append(timed(build, outs[name]))
                print(f"run {run + 1}: {name} {times[name][-1]:.1f} s", flush=True)
    site, stock = (statistics.median(times[name]) for name in builds)
    ratio = site / stock
    print(f"\nwarm mkdocs build --strict, median of {args.runs}:")
    print(f"  this site       {site:6.1f} s")
    print(f"  stock Material  {stock:6.1f} s  (same Markdown and notebooks)")
    print(f"  ratio           {ratio:6.2f}  (at most {MAX_RATIO:g})")
    return 0 if ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
