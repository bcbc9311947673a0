"""Command line of the snippet check: the console script `check-snippets` calls `main`.

Paths default to the site's own: mkdocs.yml in the working directory, and the cache and lock
file beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from dlmd.markdown.paths import source_name
from dlmd.snippetcheck.cache import SnippetCache, page_key
from dlmd.snippetcheck.config import ConfigError, load_site_config
from dlmd.snippetcheck.conventions import ALL as ALL_CONVENTIONS
from dlmd.snippetcheck.lockfile import LockError, read_lock
from dlmd.snippetcheck.report import print_page, print_summary, write_json
from dlmd.snippetcheck.results import PageResult
from dlmd.snippetcheck.scheduler import run_pages
from dlmd.snippetcheck.sources import collect_files, read_page
from dlmd.snippetcheck.workspace import RunOptions

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="check-snippets",
        description="Run every code snippet of the site as printed and report what fails.",
    )
    add = parser.add_argument
    add("paths", nargs="*", type=Path, help="Markdown pages, notebooks or folders (default: docs/)")
    add(
        "--offline-data",
        type=Path,
        metavar="DIR",
        help="serve known dataset downloads from DIR and block all other network access",
    )
    add("--json", type=Path, metavar="PATH", help="write the JSON report here")
    add("--no-cache", action="store_true", help="run every page, cached or not")
    add(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="where passing pages are remembered (default: .cache/snippets beside mkdocs.yml)",
    )
    add("-j", "--jobs", type=int, default=1, metavar="N", help="run N pages at a time (default 1)")
    add(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="limit per block or cell (default 60; a marker raises it for one block)",
    )
    add(
        "--write-outputs",
        action="store_true",
        help="write fresh outputs into the notebooks and into Markdown output blocks that differ",
    )
    add(
        "--lock",
        type=Path,
        help="lock file that pip install blocks are checked against "
        "(default: requirements/test.txt beside mkdocs.yml)",
    )
    add(
        "-f",
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="PATH",
        help="the site's MkDocs configuration (default: mkdocs.yml)",
    )
    add("-q", "--quiet", action="store_true", help="print tables only for pages that failed")
    # Checking another site's docs (README, "Checking another site's docs").
    add(
        "--python",
        type=Path,
        metavar="PATH",
        help="run Markdown pages' snippets with this interpreter (the site's own environment)",
    )
    add(
        "--setup",
        type=Path,
        metavar="FILE",
        help="a Python file run before every Markdown page (working directory, module search path, "
        "environment; a print_callback(text) it defines rewrites what #> comments compare)",
    )
    add(
        "--isolate",
        action="store_true",
        help="run every block in its own namespace (pytest-examples' and mktestdocs' way)",
    )
    add(
        "--ignore-convention",
        action="append",
        default=[],
        choices=ALL_CONVENTIONS,
        metavar="NAME",
        help="do not honour one convention: " + ", ".join(ALL_CONVENTIONS),
    )
    add(
        "--show-unknown",
        action="store_true",
        help="show untagged fences and shell blocks other than pip install instead of failing",
    )
    return parser


def _with_environment(key: str, options: RunOptions) -> str:
    """A page's cache key, also naming the interpreter and the set-up hook's content."""
    if options.python is None and options.setup is None:
        return key
    setup = options.setup.read_bytes() if options.setup else b""
    material = f"{key}\0{options.python}\0".encode() + setup
    return hashlib.sha256(material).hexdigest()


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    parser = build_parser()
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def usage(message: str) -> int:
        print(f"check-snippets: error: {message}", file=sys.stderr)
        return EXIT_USAGE

    if args.jobs < 1:
        return usage("-j needs a number of at least 1")
    if args.timeout <= 0:
        return usage("--timeout must be positive")
    root = args.config_file.resolve().parent
    args.lock = args.lock or root / "requirements" / "test.txt"
    args.cache_dir = args.cache_dir or root / ".cache" / "snippets"
    try:
        site = load_site_config(args.config_file)
        lock = read_lock(args.lock, source_name(args.lock, root))
    except (ConfigError, LockError) as error:
        return usage(str(error))
    site = replace(
        site,
        conventions=frozenset(ALL_CONVENTIONS) - set(args.ignore_convention),
        isolate=args.isolate,
        show_unknown=args.show_unknown,
    )
    for note in site.notes:
        print(f"check-snippets: note: {note}", file=sys.stderr)
    if args.python is not None and not os.access(args.python, os.X_OK):
        return usage(f"--python {args.python}: not an executable interpreter")
    if args.setup is not None and not args.setup.is_file():
        return usage(f"--setup {args.setup}: no such file")
    if args.offline_data is not None and not args.offline_data.is_dir():
        return usage(f"--offline-data {args.offline_data}: no such folder")
    try:
        files = collect_files(args.paths or [site.docs_dir])
    except (FileNotFoundError, ValueError) as error:
        return usage(str(error))
    if not files:
        return usage("no Markdown pages or notebooks found in " + " ".join(map(str, args.paths)))

    options = RunOptions(
        offline_data=args.offline_data.resolve() if args.offline_data else None,
        timeout=args.timeout,
        write_outputs=args.write_outputs,
        python=str(args.python) if args.python else None,
        setup=args.setup.resolve() if args.setup else None,
        environment=dict(site.environment),
    )
    cache = SnippetCache(args.cache_dir, read=not args.no_cache)
    pages = [read_page(file, site, lock) for file in files]
    if (args.python or args.setup) and any(page.kind == "notebook" for page in pages):
        print(
            "check-snippets: note: notebooks run in this checker's own Jupyter kernel; "
            "--python and --setup apply to Markdown pages only",
            file=sys.stderr,
        )
    results: dict[int, PageResult] = {}
    keys: dict[int, str] = {}
    pending = []
    for index, page in enumerate(pages):
        keys[index] = _with_environment(
            page_key(page, args.lock, options.offline_data is not None, args.timeout), options
        )
        # A page with problems in its prose always runs, so they are reported every time; a
        # notebook whose outputs are to be rewritten must run too.
        must_run = bool(page.errors) or (args.write_outputs and page.kind == "notebook")
        hit = None if must_run else cache.get(page, keys[index], options.offline_data)
        if hit is not None:
            results[index] = hit
        else:
            pending.append(index)

    ran = run_pages([pages[i] for i in pending], options, args.jobs)
    ordered: list[PageResult] = []
    for index, page in enumerate(pages):
        if index in pending:
            result = next(ran)
            if not args.write_outputs:  # the page's source may just have changed
                cache.put(page, keys[index], result)
        else:
            result = results[index]
        ordered.append(result)
        print_page(result, out, verbose=not args.quiet)

    duration = time.perf_counter() - started
    if args.json:
        write_json(args.json, ordered, duration)
    counts = print_summary(ordered, out)
    return EXIT_FAILED if counts["failed"] else EXIT_OK
