"""The performance gate: what a page load costs, beside stock Material in the same run.

Lighthouse's performance score is a simulation fed by one real load, so it swings with the
machine's load (the same page scored 99 and 73 a minute apart on a busy 2-core machine). So
does any wall-clock figure: total blocking time of one page ranged from 150 to 1,300 ms on that
machine within a minute. This gate fails for the page instead, on figures from the browser
itself that do not depend on how busy the machine is:

- render-blocking requests (Resource Timing's `renderBlockingStatus`), no more than stock's;
- bytes of style and script the first paint waits for (those requests plus inline `<style>`
  and `<script>` in `<head>`, counted as the browser parses them, decoded, so a stylesheet
  written into the page weighs what it weighed as a file), at most BYTES_RATIO x stock's;
- elements in the page, at most ELEMENTS_RATIO x stock's;
- main-thread CPU time from navigation to a quiet page (Chrome's `ThreadTime` metric: the time
  the renderer's main thread actually ran, which waiting for a busy CPU does not add to), at
  most CPU_RATIO x the same page's in stock Material, medians of RUNS loads taken alternately.
  Both scale with the machine's speed, so the ratio does not. With load average 15 on the
  2-core machine, three loads of the FAQ took 199, 217 and 213 ms (stock 157, 152, 154) while
  their wall-clock task time ranged from 420 to 920 ms.

Blocking time (long tasks over 50 ms, wall clock) is printed beside them, not gated. The
absolute Lighthouse table (performance, total blocking time) stays in site-figures.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

LONG_TASK_MS = 50  # a task longer than this blocks input (the TBT definition)
QUIET_MS = 1000  # no long task for this long after `load`: the page has settled
QUIET_LIMIT_MS = 10_000  # give up waiting for a quiet page after this long
# The site adds a little to stock (the quiz, output labels, the accessibility script, small
# stylesheets written into the page). Measured on the six gated pages: CPU 0.85-1.8x (the
# imaging page the most), bytes 1.14x, elements at most 1.41x (the article). A page whose
# script works for a second measured 9.7x. The article then took in the threshold explorer,
# whose no-JS curve and tables are 173 elements (issue 25), and an orientation box and jump
# strip (issue 26): 996 elements against stock's 552, 1.8x.
CPU_RATIO = 2.5
BYTES_RATIO = 1.25
ELEMENTS_RATIO = 2.0
RUNS = 3

# Before any of the page's scripts: record every long task from the start of navigation.
_RECORD_LONG_TASKS = """
window.__dlmdLongTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__dlmdLongTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
"""

# After the page settled: what it loaded before its first paint and how big it is.
_FIGURES = """() => {
  const blocking = performance.getEntriesByType("resource")
    .filter((entry) => entry.renderBlockingStatus === "blocking");
  const inline = [...document.head.querySelectorAll("style, script:not([src])")]
    .filter((node) => node.tagName === "STYLE" || !["module", "application/json",
      "application/ld+json"].includes(node.type))
    .reduce((sum, node) => sum + new TextEncoder().encode(node.textContent).length, 0);
  return {
    renderBlocking: blocking.map((entry) => entry.name),
    blockingBytes: blocking.reduce((sum, entry) => sum + entry.decodedBodySize, 0) + inline,
    elements: document.getElementsByTagName("*").length,
    longTasks: window.__dlmdLongTasks,
  };
}"""

_QUIET = """([quietMs, limitMs]) => new Promise((done) => {
  const started = performance.now();
  let count = window.__dlmdLongTasks.length, since = performance.now();
  const check = () => {
    const now = performance.now();
    if (window.__dlmdLongTasks.length !== count) {
      count = window.__dlmdLongTasks.length;
      since = now;
    }
    if (now - since >= quietMs || now - started >= limitMs) done(true);
    else setTimeout(check, 100);
  };
  check();
})"""


@dataclass(frozen=True)
class Load:
    """One load of one page."""

    render_blocking: tuple[str, ...]  # URLs the first paint waited for
    blocking_bytes: int
    elements: int
    main_thread_ms: float  # CPU time of the renderer's main thread
    long_tasks_ms: tuple[float, ...]  # wall clock

    @property
    def blocking_ms(self) -> float:
        return sum(max(0.0, task - LONG_TASK_MS) for task in self.long_tasks_ms)


@dataclass
class Loads:
    """A site's loads of one page."""

    loads: list[Load] = field(default_factory=list)

    @property
    def blocking_ms(self) -> float:
        return statistics.median(load.blocking_ms for load in self.loads)

    @property
    def main_thread_ms(self) -> float:
        return statistics.median(load.main_thread_ms for load in self.loads)

    def _figure(self, name: str) -> int:
        return max(getattr(load, name) for load in self.loads)  # deterministic: any load

    @property
    def render_blocking(self) -> int:
        return max(len(load.render_blocking) for load in self.loads)

    @property
    def blocking_bytes(self) -> int:
        return self._figure("blocking_bytes")

    @property
    def elements(self) -> int:
        return self._figure("elements")


@dataclass
class PageCost:
    """One page in the site and in stock Material."""

    path: str
    site: Loads = field(default_factory=Loads)
    stock: Loads = field(default_factory=Loads)

    def problems(self) -> list[str]:
        """What makes this page costlier than stock beyond the margins (none: empty)."""
        site, stock = self.site, self.stock
        problems = []
        if site.render_blocking > stock.render_blocking:
            names = sorted({_name(url) for load in site.loads for url in load.render_blocking})
            problems.append(
                f"{site.render_blocking} render-blocking requests, stock {stock.render_blocking}"
                f": {', '.join(names)}"
            )
        if site.blocking_bytes > stock.blocking_bytes * BYTES_RATIO:
            problems.append(
                f"{site.blocking_bytes:,} bytes of style and script before the first paint, "
                f"over {BYTES_RATIO:g}x stock's {stock.blocking_bytes:,}"
            )
        if site.elements > stock.elements * ELEMENTS_RATIO:
            problems.append(
                f"{site.elements:,} elements, over {ELEMENTS_RATIO:g}x stock's {stock.elements:,}"
            )
        if site.main_thread_ms > stock.main_thread_ms * CPU_RATIO:
            longest = max(max(load.long_tasks_ms, default=0.0) for load in site.loads)
            problems.append(
                f"main-thread CPU time {site.main_thread_ms:.0f} ms (median of "
                f"{len(site.loads)}), over {CPU_RATIO:g}x stock's {stock.main_thread_ms:.0f} ms; "
                f"longest task {longest:.0f} ms"
            )
        return problems


def _name(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def measure_load(context: Any, url: str) -> Load:
    """Load `url` in a fresh page of `context` (a fresh context gets a fresh renderer, whose
    main thread has run for nothing else) and read its figures once it is quiet."""
    page = context.new_page()
    try:
        page.add_init_script(_RECORD_LONG_TASKS)
        session = context.new_cdp_session(page)
        session.send("Performance.enable")
        page.goto(url, wait_until="load")
        page.evaluate(_QUIET, [QUIET_MS, QUIET_LIMIT_MS])
        figures = page.evaluate(_FIGURES)
        metrics = session.send("Performance.getMetrics")["metrics"]
    finally:
        page.close()
    thread_s = next(metric["value"] for metric in metrics if metric["name"] == "ThreadTime")
    return Load(
        tuple(figures["renderBlocking"]),
        int(figures["blockingBytes"]),
        int(figures["elements"]),
        thread_s * 1000,
        tuple(float(ms) for ms in figures["longTasks"]),
    )


def compare_loads(
    browser: Any, site_url: str, stock_url: str, paths: list[str], runs: int = RUNS
) -> list[PageCost]:
    """Load each page `runs` times in the site and in stock, alternating, each load in a fresh
    context (an empty cache, as a first visit)."""
    rows = [PageCost(path) for path in paths]
    for _ in range(runs):
        for row in rows:
            for side, base in ((row.site, site_url), (row.stock, stock_url)):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                try:
                    side.loads.append(measure_load(context, base + row.path))
                finally:
                    context.close()
    return rows


def print_costs(rows: list[PageCost]) -> None:
    """The figures side by side: this site / stock."""
    runs = min((len(row.site.loads) for row in rows), default=0)
    print(f"\nPage loads, this site / stock Material (times: median of {runs})")
    header = (
        f"{'page':28s} {'main CPU ms':>12s} {'render-blocking':>16s} {'bytes before paint':>19s}"
        f" {'elements':>11s} {'blocking ms':>12s}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        site, stock = row.site, row.stock
        print(
            f"{row.path or 'home':28s}"
            f" {f'{site.main_thread_ms:.0f}/{stock.main_thread_ms:.0f}':>12s}"
            f" {f'{site.render_blocking}/{stock.render_blocking}':>16s}"
            f" {f'{site.blocking_bytes}/{stock.blocking_bytes}':>19s}"
            f" {f'{site.elements}/{stock.elements}':>11s}"
            f" {f'{site.blocking_ms:.0f}/{stock.blocking_ms:.0f}':>12s}"
        )
