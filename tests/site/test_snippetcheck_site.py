"""The whole site's snippets pass offline, the seven steps included (slow: trains)."""

from __future__ import annotations

import pytest
from conftest import REPO

# One fragment of each of the seven steps, in order (step 1 is the pip install), per framework:
# each framework's session runs the untabbed blocks (step 3) and its own tabs.
SEVEN_STEPS = {
    "Keras": ["load_data()", "/ 255", "Sequential", ".compile(", ".fit(", ".evaluate("],
    "PyTorch": [
        "urlretrieve(", "/ 255", "torch.nn.Sequential", "CrossEntropyLoss()", "DataLoader(",
        "torch.no_grad()",
    ],
}  # fmt: skip


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

    (page,) = [p for p in report["pages"] if p["path"] == "docs/first-model.md"]
    source = (REPO / "docs" / "first-model.md").read_text().splitlines()
    # The steps end where the exercises start; the exercises' answers pass like every block.
    exercises = source.index("## Exercises {#exercises}") + 1
    steps = {"blocks": [b for b in page["blocks"] if b["line"] < exercises]}
    assert any(b["kind"] == "python" and b["line"] > exercises for b in page["blocks"])
    for variant, fragments in SEVEN_STEPS.items():
        python = [
            b for b in steps["blocks"] if b["kind"] == "python" and b["variant"] in ("", variant)
        ]
        assert [b["status"] for b in python] == ["passed"] * len(fragments)
        for block, fragment in zip(python, fragments, strict=True):
            # The block's code starts on the line after its fence; the fragment is in the block.
            code_lines = source[block["line"] : block["line"] + 12]
            assert any(fragment in line for line in code_lines), (block["line"], fragment)
        assert "Test accuracy: 0.9" in python[-1]["output"]
    pip = [b for b in steps["blocks"] if b["kind"] == "pip"]
    assert pip and "tensorflow==" in pip[0]["note"] and "torch==" in pip[1]["note"]

    # Every output block shown on the site was compared with a real run, or is an illustration.
    outputs = [b for page in report["pages"] for b in page["blocks"] if b["kind"] == "output"]
    unchecked = [
        f"{b['file']}:{b['line']}: {b['status']} {b['message']}"
        for b in outputs
        if b["status"] != "passed" and not b["message"].startswith("illustration: ")
    ]
    assert not unchecked
    shown = [b for b in steps["blocks"] if b["kind"] == "output"]
    # Shapes, range, summary, log, test: Keras and PyTorch each, the range once.
    assert [(b["variant"], b["status"]) for b in shown] == [
        ("Keras", "passed"), ("PyTorch", "passed"), ("", "passed"), ("Keras", "passed"),
        ("PyTorch", "passed"), ("Keras", "passed"), ("PyTorch", "passed"), ("Keras", "passed"),
        ("PyTorch", "passed"),
    ]  # fmt: skip
    assert "Trainable params: 101,770" in shown[3]["output"]
    assert "Trainable params: 101,770" in shown[4]["output"]
    assert shown[5]["output"].startswith("Epoch 1/5\n1875/1875 - ")
    assert shown[6]["output"].startswith("Epoch 1/5 - accuracy: ")
