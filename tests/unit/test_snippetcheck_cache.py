"""A page that passed is not run again until something its result depends on changes."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from conftest import REPO
from dlmd.snippetcheck.cache import SnippetCache, page_key
from dlmd.snippetcheck.cli import main
from dlmd.snippetcheck.config import load_site_config
from dlmd.snippetcheck.lockfile import read_lock
from dlmd.snippetcheck.results import PASSED, BlockResult, PageResult
from dlmd.snippetcheck.sources import read_page

SITE = load_site_config(REPO / "mkdocs.yml")
LOCK_PATH = REPO / "requirements" / "test.txt"
LOCK = read_lock(LOCK_PATH, "requirements/test.txt")


def page_text(log: Path, value: int = 1, prose: str = "") -> str:
    # The first block appends to a log outside the sandbox: one line per real run.
    return (
        f"# Cached page\n{prose}\n```python\n"
        f"with open({str(log)!r}, 'a') as handle:\n    handle.write('ran\\n')\n```\n\n"
        f"```python\nvalue = {value}\nassert value < 10\n```\n"
    )


def run(tmp_path: Path, page: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    report = tmp_path / "report.json"
    argv = [str(page), "--cache-dir", str(tmp_path / "cache"), "--json", str(report), *extra]
    code = main(argv, stdout=io.StringIO())
    return code, json.loads(report.read_text())


def runs(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def test_cache_hit_and_invalidation(tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    page = tmp_path / "page.md"
    page.write_text(page_text(log))

    code, report = run(tmp_path, page)
    assert (code, runs(log), report["pages"][0]["cached"]) == (0, 1, False)

    code, report = run(tmp_path, page)
    assert (code, runs(log), report["pages"][0]["cached"]) == (0, 1, True)
    assert [b["status"] for b in report["pages"][0]["blocks"]] == [PASSED, PASSED]
    assert report["summary"]["pages_cached"] == 1

    # Prose changes do not re-run the page, but the report shows the blocks' new lines.
    page.write_text(page_text(log, prose="\nA new paragraph.\n\nAnother one.\n"))
    code, report = run(tmp_path, page)
    assert (runs(log), report["pages"][0]["cached"]) == (1, True)
    assert [b["line"] for b in report["pages"][0]["blocks"]] == [7, 12]

    # A changed block runs the page again.
    page.write_text(page_text(log, value=2))
    code, report = run(tmp_path, page)
    assert (code, runs(log), report["pages"][0]["cached"]) == (0, 2, False)

    # --no-cache runs it whatever the cache holds.
    code, report = run(tmp_path, page, "--no-cache")
    assert (code, runs(log), report["pages"][0]["cached"]) == (0, 3, False)


def test_failing_pages_are_not_cached(tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    page = tmp_path / "page.md"
    page.write_text(page_text(log, value=11))
    assert run(tmp_path, page)[0] == 1
    code, report = run(tmp_path, page)
    assert (code, runs(log), report["pages"][0]["cached"]) == (1, 2, False)


def test_key_covers_included_files_and_the_lock(tmp_path: Path) -> None:
    snippets = dataclasses.replace(SITE.snippets, base_paths=(tmp_path,), auto_append=())
    site = dataclasses.replace(SITE, snippets=snippets)
    (tmp_path / "helper.py").write_text("x = 1\n")
    page_file = tmp_path / "page.md"
    page_file.write_text('```python\n--8<-- "helper.py"\n```\n')
    page = read_page(page_file, site, LOCK)
    assert not page.errors and page.blocks[0].code == "x = 1\n"  # the file's last newline

    def key(page: Any, lock: Path = LOCK_PATH, offline: bool = True, timeout: float = 60) -> str:
        return page_key(page, lock, offline, timeout)

    assert key(read_page(page_file, site, LOCK)) == key(page)

    (tmp_path / "helper.py").write_text("x = 2\n")
    changed = read_page(page_file, site, LOCK)
    assert key(changed) != key(page)

    # A re-lock that only rewrites comments keeps the key; a changed pin does not.
    relocked = tmp_path / "relocked.txt"
    relocked.write_text(LOCK_PATH.read_text().replace("# via", "# needed by"))
    assert key(changed, lock=relocked) == key(changed)
    bumped = tmp_path / "bumped.txt"
    bumped.write_text(LOCK_PATH.read_text().replace("\nnumpy==", "\nnumpy==0.0.0+"))
    assert key(changed, lock=bumped) != key(changed)
    assert key(changed, offline=False) != key(changed)
    # A block that passed under a long timeout must run again under a shorter one.
    assert key(changed, timeout=1) != key(changed)


def test_a_cached_page_still_reports_new_problems_in_its_prose(tmp_path: Path) -> None:
    log = tmp_path / "runs.log"
    page = tmp_path / "page.md"
    page.write_text(page_text(log))
    assert run(tmp_path, page)[0] == 0
    page.write_text(page_text(log) + '\n<!-- check: skip reason="stray" -->\n\nProse.\n')
    code, report = run(tmp_path, page)
    assert code == 1
    assert report["pages"][0]["cached"] is False
    assert any("marker" in error for error in report["pages"][0]["errors"])


def test_offline_data_checksums_are_verified_on_a_hit(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "set").mkdir(parents=True)
    (data / "set" / "file.bin").write_bytes(b"original")
    page_file = tmp_path / "page.md"
    page_file.write_text("```python\nx = 1\n```\n")
    page = read_page(page_file, SITE, LOCK)
    block = BlockResult(1, str(page_file), 1, "python", "python", PASSED)
    digest = hashlib.sha256(b"original").hexdigest()
    result = PageResult(
        page.path, "markdown", [block], offline_files=[{"path": "set/file.bin", "sha256": digest}]
    )
    cache = SnippetCache(tmp_path / "cache")
    cache.put(page, "key", result)

    assert cache.get(page, "key", data) is not None
    assert cache.get(page, "other key", data) is None
    assert cache.get(page, "key", None) is None  # it needed offline data; none is given now
    (data / "set" / "file.bin").write_bytes(b"changed")
    assert cache.get(page, "key", data) is None
