"""The whole site's snippets pass offline, the article's seven steps included (slow: trains)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import REPO, SHARED
from snippetcheck.cli import main

# One fragment of each step of the article, in order (step 1 is the pip install).
ARTICLE_STEPS = ["load_data()", "/ 255", "Sequential", ".compile(", ".fit(", ".evaluate("]


@pytest.mark.slow
def test_every_snippet_on_the_site_passes_offline(tmp_path: Path) -> None:
    report_file = tmp_path / "report.json"
    out = io.StringIO()
    code = main(
        [
            "--offline-data", str(SHARED / "datasets"),
            "--cache-dir", str(tmp_path / "cache"),  # an empty cache: everything really runs
            "--json", str(report_file),
            str(REPO / "docs"),
        ],
        stdout=out,
    )  # fmt: skip
    report = json.loads(report_file.read_text())
    problems = [
        f"{b['location']}: {b['message']}"
        for page in report["pages"]
        for b in page["blocks"]
        if b["status"] in ("failed", "blocked")
    ] + [e for page in report["pages"] for e in page["errors"]]
    assert code == 0, "\n".join(problems) or out.getvalue()
    assert not problems

    (article,) = [p for p in report["pages"] if p["path"] == "docs/index.md"]
    python = [b for b in article["blocks"] if b["kind"] == "python"]
    assert [b["status"] for b in python] == ["passed"] * len(ARTICLE_STEPS)
    source = (REPO / "docs" / "index.md").read_text().splitlines()
    for block, fragment in zip(python, ARTICLE_STEPS, strict=True):
        # The block's code starts on the line after its fence; the fragment is in the block.
        code_lines = source[block["line"] : block["line"] + 12]
        assert any(fragment in line for line in code_lines), (block["line"], fragment)
    pip = [b for b in article["blocks"] if b["kind"] == "pip"]
    assert pip and "tensorflow==" in pip[0]["note"]
    assert "Test accuracy: 0.9" in python[-1]["output"]
