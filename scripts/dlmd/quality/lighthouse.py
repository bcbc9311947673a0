"""Lighthouse 12 (npm, pinned in package.json) on a page served with gzip, in the local Chromium.

Accessibility, Best Practices and SEO are deterministic for a static page and gate the
build at 100. Performance and total blocking time are a simulation fed by one real load, so
they swing with the machine's load: site-figures prints them beside stock Material
(figures.py, performance.py) and the gate is dlmd.quality.load_cost, which fails for the page,
not the machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dlmd.quality.browsing import chromium_path

# From package-lock.json, installed by `npm ci` in the folder the checks run from.
LIGHTHOUSE = Path("node_modules", ".bin", "lighthouse")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GATED = ("accessibility", "best-practices", "seo")
# The pages audited: one of each page type (issue 13): home, the article, the seven-step page,
# the FAQ, an applications page and a tutorial notebook.
PAGES = ["", "article/", "first-model/", "faq/", "applications/imaging/", "tutorials/first-model/"]


@dataclass(frozen=True)
class LighthouseResult:
    url: str
    scores: dict[str, int]  # category id -> 0..100
    failing: dict[str, list[str]]  # gated category id -> audits below a full score
    tbt_ms: float = 0.0  # total blocking time
    main_thread_ms: dict[str, float] = field(default_factory=dict)  # group -> ms (throttled)
    scripts_ms: dict[str, float] = field(default_factory=dict)  # script URL -> ms of main thread

    def problems(self) -> list[str]:
        problems = []
        for category in GATED:
            if self.scores.get(category) != 100:
                audits = "; ".join(self.failing.get(category, [])) or "no audit named"
                problems.append(f"{category} {self.scores.get(category)}: {audits}")
        return problems

    def where_the_time_goes(self) -> str:
        top = sorted(self.main_thread_ms.items(), key=lambda item: -item[1])[:4]
        return ", ".join(f"{group} {ms:.0f} ms" for group, ms in top) or "no breakdown"


def run_lighthouse(url: str, timeout_s: int = 300) -> LighthouseResult:
    """Audit `url` with the mobile preset (Lighthouse's default) and return its scores."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `npm ci` (scripts/setup.sh test)")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp}/profile",
        ]
        env = {**os.environ, "CHROME_PATH": chromium_path()}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
        if done.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{done.stdout}{done.stderr}")
        data = json.loads(report.read_text())
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not audit {url}: {data['runtimeError']}")
    return parse_report(data)


def parse_report(data: dict) -> LighthouseResult:
    """Scores and the audits that kept a gated category below 100, from a JSON report."""
    audits = data["audits"]
    scores: dict[str, int] = {}
    failing: dict[str, list[str]] = {}
    for category in CATEGORIES:
        entry = data["categories"].get(category)
        if entry is None or entry.get("score") is None:
            raise ValueError(f"the report has no {category} score: {data.get('runtimeError')}")
        scores[category] = round(entry["score"] * 100)
        failing[category] = [
            f"{ref['id']}: {audits[ref['id']].get('title', '')}"
            for ref in entry["auditRefs"]
            if ref.get("weight", 0) > 0 and (audits[ref["id"]].get("score") or 0) < 1
        ]
    tbt = audits.get("total-blocking-time", {}).get("numericValue")
    if tbt is None:
        raise ValueError(f"the report has no total blocking time: {data.get('runtimeError')}")
    return LighthouseResult(
        data["finalDisplayedUrl"],
        scores,
        failing,
        tbt_ms=float(tbt),
        main_thread_ms=_items(audits, "mainthread-work-breakdown", "groupLabel", "duration"),
        scripts_ms=_items(audits, "bootup-time", "url", "total"),
    )


def _items(audits: dict, audit: str, key: str, value: str) -> dict[str, float]:
    """An audit's table as {row name: number}, e.g. main-thread time per kind of work."""
    items = (audits.get(audit, {}).get("details") or {}).get("items") or []
    return {str(item[key]): float(item[value]) for item in items if key in item}
