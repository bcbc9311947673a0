"""Sensitivity, specificity, PPV, NPV and natural frequencies at one threshold and prevalence.

assets/explorer.js does the same sums and rounding in the reader's browser; the unit tests hold
this module to the notebook's own printed values and the browser test holds the page to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from dlmd.explorer.data import RocData

PEOPLE = 1000  # natural frequencies: "of 1,000 people tested"


@dataclass(frozen=True)
class Metrics:
    sensitivity: float
    specificity: float
    ppv: float  # NaN when nothing is called positive
    npv: float  # NaN when nothing is called negative
    with_disease: int  # of PEOPLE tested
    found: int
    false_alarms: int


def index_for(data: RocData, threshold: float) -> int | None:
    """The point whose counts hold at `threshold`: the lowest stored threshold at or above it
    (the scores at or above `threshold` are those at or above that one); None above them all."""
    for index, stored in enumerate(data.thresholds):
        if stored >= threshold:
            return index
    return None


def metrics(data: RocData, index: int | None, prevalence: float) -> Metrics:
    """The figures at point `index` (None: nothing positive) for a population at `prevalence`."""
    tp = data.true_positives[index] if index is not None else 0
    fp = data.false_positives[index] if index is not None else 0
    sensitivity = tp / data.positives
    specificity = 1 - fp / data.negatives
    # Bayes' rule: sensitivity and specificity carried over to another prevalence.
    true_pos = sensitivity * prevalence
    false_pos = (1 - specificity) * (1 - prevalence)
    true_neg = specificity * (1 - prevalence)
    false_neg = (1 - sensitivity) * prevalence
    ppv = true_pos / (true_pos + false_pos) if true_pos + false_pos > 0 else math.nan
    npv = true_neg / (true_neg + false_neg) if true_neg + false_neg > 0 else math.nan
    # Whole people: round the ill first, then who among them is found, so the parts add up.
    with_disease = round_half_up(PEOPLE * prevalence)
    found = round_half_up(with_disease * sensitivity)
    false_alarms = round_half_up((PEOPLE - with_disease) * (1 - specificity))
    return Metrics(sensitivity, specificity, ppv, npv, with_disease, found, false_alarms)


def auc(data: RocData) -> float:
    """Area under the ROC curve through (0, 0), every point and (1, 1), by trapezoids."""
    points = (
        [(0.0, 0.0)]
        + sorted(
            (fp / data.negatives, tp / data.positives)
            for tp, fp in zip(data.true_positives, data.false_positives, strict=True)
        )
        + [(1.0, 1.0)]
    )
    return sum(
        (x2 - x1) * (y1 + y2) / 2 for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False)
    )


def round_half_up(value: float) -> int:
    """Round as JavaScript's Math.round does for positive numbers (Python's round() halves to
    even), so the page and the build agree."""
    return math.floor(value + 0.5)


def percent(value: float) -> str:
    """A share as a percentage with one decimal; never "100.0%" or "0.0%" for what is not
    (then "> 99.9%" or "< 0.1%", with a no-break space: a table cell keeps it on one line)."""
    if math.isnan(value):
        return "not defined"
    shown = f"{value * 100:.1f}"
    if shown == "100.0" and value < 1:
        return ">\u00a099.9%"
    if shown == "0.0" and value > 0:
        return "<\u00a00.1%"
    return shown + "%"


def prevalence_text(value: float) -> str:
    """A prevalence with two significant figures at most: 0.15%, 3.2%, 37%."""
    share = value * 100
    decimals = 2 if share < 1 else 1 if share < 10 else 0
    shown = f"{share:.{decimals}f}"
    return (shown.rstrip("0").rstrip(".") if "." in shown else shown) + "%"


def threshold_text(value: float) -> str:
    """A threshold with 3 decimals, or more where 3 would show 0.000 or 1.000."""
    decimals = 3
    while decimals < 6 and value not in (0, 1) and float(f"{value:.{decimals}f}") in (0, 1):
        decimals += 1
    return f"{value:.{decimals}f}"


def count_text(value: int) -> str:
    """1234 -> "1,234"."""
    return f"{value:,}"
