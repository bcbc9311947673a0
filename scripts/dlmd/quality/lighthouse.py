"""Lighthouse 12 (npm, pinned in package.json) on a page served with gzip, in the local Chromium.

Accessibility, Best Practices and SEO are deterministic for a static page and gate the
build at 100; Performance depends on the machine's load and is only reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
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
# The pages audited (issue 6): home, the FAQ, an applications page, a tutorial notebook.
PAGES = ["", "faq/", "applications/imaging/", "tutorials/first-model/"]


@dataclass(frozen=True)
class LighthouseResult:
    url: str
    scores: dict[str, int]  # category id -> 0..100
    failing: dict[str, list[str]]  # gated category id -> audits below a full score

    def problems(self) -> list[str]:
        problems = []
        for category in GATED:
            if self.scores.get(category) != 100:
                audits = "; ".join(self.failing.get(category, [])) or "no audit named"
                problems.append(f"{category} {self.scores.get(category)}: {audits}")
        return problems


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
    return LighthouseResult(data["finalDisplayedUrl"], scores, failing)
