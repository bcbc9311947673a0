"""The explorer's arithmetic (dlmd.explorer) against the clinical-metrics notebook's own printed
values: the ROC data the notebook stored gives the same counts, sensitivity, specificity, PPV,
NPV and AUC as the notebook printed from the same run; and a stale or damaged output is refused
with the notebook's path and the command that fixes it."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from dlmd.explorer.arithmetic import (
    auc,
    index_for,
    metrics,
    percent,
    prevalence_text,
    threshold_text,
)
from dlmd.explorer.data import MIME_TYPE, ExplorerDataError, RocData, read_roc_data
from dlmd.explorer.render import render

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "docs" / "tutorials" / "clinical-metrics.ipynb"
WHERE = "docs/tutorials/clinical-metrics.ipynb"


def printed(cell_id: str) -> str:
    """The text a code cell of the notebook printed in its stored run."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(cell for cell in notebook["cells"] if cell.get("id") == cell_id)
    return "".join(
        "".join(output.get("text", ""))
        for output in cell["outputs"]
        if output["output_type"] == "stream"
    )


@pytest.fixture(scope="module")
def data() -> RocData:
    return read_roc_data(NOTEBOOK, WHERE)


def test_counts_at_the_default_threshold_match_the_notebook(data: RocData) -> None:
    shown = dict(line.split() for line in printed("metrics").splitlines())
    index = index_for(data, 0.5)
    tp, fp = data.true_positives[index], data.false_positives[index]
    assert {"TP": tp, "FN": data.positives - tp, "FP": fp, "TN": data.negatives - fp} == {
        name: int(shown[name]) for name in ("TP", "FN", "FP", "TN")
    }


def test_chosen_thresholds_give_the_notebooks_table(data: RocData) -> None:
    rows = printed("thresholds").splitlines()[1:]
    assert sorted(row.split()[0] for row in rows) == sorted(data.chosen)
    prevalence = data.positives / (data.positives + data.negatives)  # the test set's own
    for row in rows:
        use, threshold, sens, spec, ppv, npv, fn, fp = row.split()
        index = index_for(data, data.chosen[use])
        m = metrics(data, index, prevalence)
        assert f"{data.chosen[use]:.3f}" == threshold
        assert [f"{m.sensitivity:.3f}", f"{m.specificity:.3f}", f"{m.ppv:.3f}", f"{m.npv:.3f}"] == [
            sens, spec, ppv, npv,
        ], use  # fmt: skip
        assert data.positives - data.true_positives[index] == int(fn)
        assert data.false_positives[index] == int(fp)


def test_ppv_at_other_prevalences_matches_the_notebook(data: RocData) -> None:
    index = index_for(data, data.chosen["screening"])
    lines = printed("prevalence").splitlines()
    assert len(lines) == 3
    for line in lines:
        match = re.fullmatch(r"prevalence\s+(\d+)%: PPV (\d\.\d\d)", line)
        assert match, line
        assert f"{metrics(data, index, int(match[1]) / 100).ppv:.2f}" == match[2]


def test_auc_of_the_stored_curve_is_the_notebooks(data: RocData) -> None:
    match = re.search(r"test AUC (\d\.\d{3})", printed("roc"))
    assert match
    assert f"{auc(data):.3f}" == match[1]


def test_natural_frequencies_follow_the_faq_worked_example() -> None:
    # The FAQ's invented test: sensitivity 90%, specificity 95%, 100 of 1,000 with the disease.
    test = RocData(100, 900, (0.5,), (90,), (45,), {"default": 0.5})
    m = metrics(test, 0, 0.10)
    assert (m.with_disease, m.found, m.false_alarms) == (100, 90, 45)
    assert percent(m.ppv) == "66.7%" and percent(m.npv) == "98.8%"
    assert round(metrics(test, 0, 0.01).ppv, 3) == round(90 / 585, 3)  # "falls to about 15%"
    nothing = metrics(test, None, 0.10)  # threshold above every score: nothing positive
    assert math.isnan(nothing.ppv) and nothing.sensitivity == 0 and nothing.specificity == 1


def test_rounding_never_overstates() -> None:
    assert percent(0.99996) == ">\u00a099.9%"
    assert percent(0.00004) == "<\u00a00.1%"
    assert percent(1.0) == "100.0%" and percent(0.0) == "0.0%"
    assert percent(math.nan) == "not defined"
    assert [prevalence_text(p) for p in (0.001, 0.0015, 0.032, 0.1, 0.368, 0.5)] == [
        "0.1%", "0.15%", "3.2%", "10%", "37%", "50%",
    ]  # fmt: skip
    assert [threshold_text(t) for t in (0.5, 0.04312, 0.99993, 0.0000123)] == [
        "0.500", "0.043", "0.9999", "0.00001",
    ]  # fmt: skip


def test_static_version_shows_the_notebooks_figures(data: RocData) -> None:
    html = render(data, "dlmd-explorer", "../tutorials/clinical-metrics/")
    default = metrics(data, index_for(data, 0.5), 0.01)
    assert percent(default.sensitivity) in html and percent(default.ppv) in html
    assert "<template" in html and 'type="range"' in html.split("<template")[1]
    assert 'type="range"' not in html.split("<template")[0]  # no dead control without JS
    assert html.count('class="dlmd-explorer__mark"') == len(data.chosen)


def stored(tmp_path: Path, change: object) -> Path:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(cell for cell in notebook["cells"] if cell.get("id") == "roc-data")
    change(cell)
    path = tmp_path / "clinical-metrics.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def test_a_cell_edited_since_its_run_is_refused_as_stale(tmp_path: Path) -> None:
    path = stored(tmp_path, lambda cell: cell["source"].append("\n# edited"))
    with pytest.raises(
        ExplorerDataError,
        match=r"^nb\.ipynb code cell \d+: the stored ROC output "
        r"is stale .*--write-outputs nb\.ipynb",
    ):
        read_roc_data(path, "nb.ipynb")


def test_a_missing_or_damaged_output_is_named(tmp_path: Path) -> None:
    path = stored(tmp_path, lambda cell: cell.update(outputs=[]))
    with pytest.raises(
        ExplorerDataError,
        match=re.escape(f"nb.ipynb: no code cell has an output of type {MIME_TYPE}"),
    ):
        read_roc_data(path, "nb.ipynb")

    def damage(cell: dict) -> None:
        output = next(out for out in cell["outputs"] if MIME_TYPE in out.get("data", {}))
        output["data"][MIME_TYPE]["true_positives"].pop()

    with pytest.raises(ExplorerDataError, match=r"nb\.ipynb code cell \d+: .*same length"):
        read_roc_data(stored(tmp_path, damage), "nb.ipynb")
