"""The whole site's snippets pass offline, the seven steps included (slow: trains)."""

from __future__ import annotations

import pytest
from conftest import REPO

# One fragment of each of the seven steps, in order (step 1 is the pip install).
SEVEN_STEPS = ["load_data()", "/ 255", "Sequential", ".compile(", ".fit(", ".evaluate("]


@pytest.mark.slow
def test_every_snippet_on_the_site_passes_offline(site_snippet_report: dict) -> None:
    report = site_snippet_report
    problems = [
        f"{b['location']}: {b['message']}"
        for page in report["pages"]
        for b in page["blocks"]
        if b["status"] in ("failed", "blocked")
    ] + [e for page in report["pages"] for e in page["errors"]]
    assert report["returncode"] == 0, "\n".join(problems) or report["output"]
    assert not problems

    (steps,) = [p for p in report["pages"] if p["path"] == "docs/first-model.md"]
    python = [b for b in steps["blocks"] if b["kind"] == "python"]
    assert [b["status"] for b in python] == ["passed"] * len(SEVEN_STEPS)
    source = (REPO / "docs" / "first-model.md").read_text().splitlines()
    for block, fragment in zip(python, SEVEN_STEPS, strict=True):
        # The block's code starts on the line after its fence; the fragment is in the block.
        code_lines = source[block["line"] : block["line"] + 12]
        assert any(fragment in line for line in code_lines), (block["line"], fragment)
    pip = [b for b in steps["blocks"] if b["kind"] == "pip"]
    assert pip and "tensorflow==" in pip[0]["note"]
    assert "Test accuracy: 0.9" in python[-1]["output"]

    # Every output block shown on the site was compared with a real run, or is an illustration.
    outputs = [b for page in report["pages"] for b in page["blocks"] if b["kind"] == "output"]
    unchecked = [
        f"{b['file']}:{b['line']}: {b['status']} {b['message']}"
        for b in outputs
        if b["status"] != "passed" and not b["message"].startswith("illustration: ")
    ]
    assert not unchecked
    shown = [b for b in steps["blocks"] if b["kind"] == "output"]
    assert [b["status"] for b in shown] == ["passed"] * 5  # shapes, range, summary, log, test
    assert "Trainable params: 101,770" in shown[2]["output"]
    assert shown[3]["output"].startswith("Epoch 1/5\n1875/1875 - ")
