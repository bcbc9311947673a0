"""Run pages, each by its runner (Markdown: execute.py, notebook: notebooks.py), -j at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

from dlmd.snippetcheck.execute import kill_all, run_markdown
from dlmd.snippetcheck.model import Page
from dlmd.snippetcheck.results import PageResult, initial_page_result
from dlmd.snippetcheck.workspace import RunOptions


def run_page(page: Page, options: RunOptions) -> PageResult:
    if page.kind == "notebook":
        # nbclient is only imported when a notebook runs.
        from dlmd.snippetcheck.notebooks import run_notebook

        return run_notebook(page, options)
    return run_markdown(page, options)


def run_pages(
    pages: list[Page],
    options: RunOptions,
    jobs: int = 1,
    runner: Callable[[Page, RunOptions], PageResult] = run_page,
) -> Iterator[PageResult]:
    """Run pages, `jobs` at a time; yield their results in the order of `pages`."""

    def guarded(page: Page) -> PageResult:
        # A page the checker cannot handle fails alone, with its path, instead of losing the
        # results (and the JSON report) of every other page.
        try:
            return runner(page, options)
        except Exception as error:  # reported as the page's failure
            result = initial_page_result(page)
            result.errors.append(f"{page.path}: the check could not run this page: {error!r}")
            return result

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(guarded, page) for page in pages]
        try:
            for future in futures:
                yield future.result()
        except BaseException:  # Ctrl-C or a crash: stop the pages still running
            for future in futures:
                future.cancel()
            kill_all()
            raise
