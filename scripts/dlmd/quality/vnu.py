"""The Nu Html Checker (npm `vnu-jar`, run with Java) over every HTML file of a built site.

One Java start for the whole site (it takes seconds); messages are grouped by file. Errors
always fail. Warnings fail too unless listed in KNOWN_WARNINGS with the reason they come from
the theme and cannot be fixed; plain "info" messages are advice and only counted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# From package-lock.json, installed by `npm ci` in the folder the checks run from.
VNU_JAR = Path("node_modules", "vnu-jar", "build", "dist", "vnu.jar")

# Warnings that come from the theme and cannot be fixed in overrides/ or site.css: a pattern
# (regular expression on the message) and why it stays. Empty while every page is clean.
KNOWN_WARNINGS: dict[str, str] = {}


@dataclass(frozen=True)
class Message:
    file: str  # path in the site, e.g. "faq/index.html"
    line: int
    kind: str  # "error", "warning" or "info"
    text: str
    extract: str

    def describe(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.text} [{self.extract.strip()[:120]}]"


@dataclass
class FileReport:
    errors: list[Message]
    warnings: list[Message]  # not in KNOWN_WARNINGS
    known_warnings: list[Message]
    infos: list[Message]


def java() -> str:
    found = shutil.which("java")
    if not found:
        raise FileNotFoundError("java is missing: run scripts/setup.sh test (installs a JRE)")
    if not VNU_JAR.exists():
        raise FileNotFoundError(f"{VNU_JAR} is missing: run `npm ci` (scripts/setup.sh test)")
    return found


def known_reason(text: str) -> str | None:
    for pattern, reason in KNOWN_WARNINGS.items():
        if re.search(pattern, text):
            return reason
    return None


def check_files(site_dir: Path, files: list[Path]) -> dict[str, FileReport]:
    """Check `files` (HTML under `site_dir`); return a report for each, keyed by site path."""
    command = [java(), "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]
    done = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=600)
    try:
        data = json.loads(done.stderr)  # vnu writes its JSON report to stderr
    except json.JSONDecodeError as error:
        raise RuntimeError(f"vnu gave no JSON report:\n{done.stdout}{done.stderr}") from error
    return parse_report(site_dir, files, data)


def parse_report(site_dir: Path, files: list[Path], data: dict) -> dict[str, FileReport]:
    root = site_dir.resolve()
    reports: dict[str, FileReport] = {
        path.resolve().relative_to(root).as_posix(): FileReport([], [], [], []) for path in files
    }
    by_file: dict[str, list[dict]] = defaultdict(list)
    for item in data.get("messages", []):
        url = item.get("url", "")
        path = Path(unquote(urlsplit(url).path)).resolve() if url else root
        by_file[path.relative_to(root).as_posix() if path.is_relative_to(root) else url].append(
            item
        )
    for name, items in by_file.items():
        report = reports.setdefault(name, FileReport([], [], [], []))
        for item in items:
            kind = item.get("type", "")
            if kind == "info" and item.get("subType") == "warning":
                kind = "warning"
            elif kind != "info":
                kind = "error"  # "error" and "non-document-error" (the file could not be read)
            line = item.get("lastLine", 0)
            message = Message(name, line, kind, item.get("message", ""), item.get("extract", ""))
            if kind == "error":
                report.errors.append(message)
            elif kind == "warning" and known_reason(message.text):
                report.known_warnings.append(message)
            elif kind == "warning":
                report.warnings.append(message)
            else:
                report.infos.append(message)
    return reports
