"""Read the ROC curve the clinical-metrics notebook stored in one of its outputs.

The notebook's cell displays a JSON output of type `MIME_TYPE`; `check-snippets
--write-outputs` stores it with every other output of the same run, and records the SHA-256 of
the cell's source. A cell edited since then is stale (the snippet check fails it, and so does
`read_roc_data`), so the page can only show a curve the current notebook computed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dlmd.snippetcheck.inventory import sha256_text

MIME_TYPE = "application/vnd.dlmd.roc+json"
FIX = "re-run check-snippets --offline-data ../shared/datasets --write-outputs {path}"


class ExplorerDataError(ValueError):
    """The notebook holds no usable ROC output; the message names the file and the fix."""


@dataclass(frozen=True)
class RocData:
    """Counts of one test set at each threshold, lowest threshold first.

    At `thresholds[i]` (a score at or above it counts as positive), `true_positives[i]` of the
    `positives` and `false_positives[i]` of the `negatives` test samples are called positive.
    `chosen` names thresholds the notebook picked (e.g. "screening": 0.043).
    """

    positives: int
    negatives: int
    thresholds: tuple[float, ...]
    true_positives: tuple[int, ...]
    false_positives: tuple[int, ...]
    chosen: dict[str, float]


def from_json(value: object, where: str) -> RocData:
    """Check the notebook's output (keys as in the notebook's `roc_data`) and sort it."""
    if not isinstance(value, dict):
        raise ExplorerDataError(f"{where}: the {MIME_TYPE} output is not a JSON object")
    try:
        positives, negatives = int(value["positives"]), int(value["negatives"])
        rows = sorted(
            zip(
                (float(t) for t in value["thresholds"]),
                (int(n) for n in value["true_positives"]),
                (int(n) for n in value["false_positives"]),
                strict=True,
            )
        )
        chosen = {str(name): float(t) for name, t in value["chosen"].items()}
    except (KeyError, TypeError, ValueError) as error:
        raise ExplorerDataError(
            f"{where}: the {MIME_TYPE} output needs positives, negatives, thresholds, "
            f"true_positives, false_positives (lists of the same length) and chosen: {error}"
        ) from error
    if not rows or positives <= 0 or negatives <= 0:
        raise ExplorerDataError(f"{where}: the ROC output has no points or an empty class")
    for _, tp, fp in rows:
        if not (0 <= tp <= positives and 0 <= fp <= negatives):
            raise ExplorerDataError(f"{where}: a count of the ROC output is out of range")
    thresholds, tps, fps = (tuple(column) for column in zip(*rows, strict=True))
    return RocData(positives, negatives, thresholds, tps, fps, chosen)


def read_roc_data(notebook_path: Path, where: str) -> RocData:
    """The ROC data stored in the notebook at `notebook_path` (shown as `where` in messages)."""
    try:
        notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ExplorerDataError(f"{where}: cannot read the notebook: {error}") from error
    fix = FIX.format(path=where)
    code_number = 0
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        code_number += 1
        for output in cell.get("outputs", []):
            if MIME_TYPE not in output.get("data", {}):
                continue
            source = "".join(cell.get("source", ""))
            recorded = (cell.get("metadata", {}).get("dlmd") or {}).get("source_sha256")
            if recorded != sha256_text(source):
                raise ExplorerDataError(
                    f"{where} code cell {code_number}: the stored ROC output is stale (the cell "
                    f"changed since it ran); {fix}"
                )
            return from_json(output["data"][MIME_TYPE], f"{where} code cell {code_number}")
    raise ExplorerDataError(f"{where}: no code cell has an output of type {MIME_TYPE}; {fix}")
