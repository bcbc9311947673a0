"""The explorer's HTML: an SVG ROC curve with the notebook's chosen thresholds marked, tables of
what they give at three prevalences, the formulas, and a <template> of the controls that
explorer.js turns on. Without JavaScript the template stays inert and the tables say it all."""

from __future__ import annotations

from html import escape

from dlmd.explorer.arithmetic import (
    PEOPLE,
    auc,
    count_text,
    index_for,
    metrics,
    percent,
    prevalence_text,
    threshold_text,
)
from dlmd.explorer.data import RocData

# Illustrations, not figures for any real program (the notebook uses the same 1% and 10%).
PRESETS = (("Screening", 0.01), ("Specialist clinic", 0.10))
PREVALENCE_STEPS = 200  # the prevalence slider: 0.1% to 50% on a log scale, in 200 steps
PREVALENCE_RANGE = (0.001, 0.5)
LETTERS = "ABCDEFGH"

# The plot: origin at (LEFT, BOTTOM), SIZE units square, in a WIDTH x HEIGHT viewBox.
LEFT, BOTTOM, SIZE, WIDTH, HEIGHT = 52, 252, 232, 300, 296


def sample_prevalence(data: RocData) -> float:
    return data.positives / (data.positives + data.negatives)


def presets(data: RocData) -> list[tuple[str, float]]:
    return [*PRESETS, ("This test set", sample_prevalence(data))]


def marked_points(data: RocData) -> list[tuple[str, str, int | None]]:
    """(letter, name, index) of the notebook's chosen thresholds, lowest threshold first."""
    ordered = sorted(data.chosen.items(), key=lambda item: item[1])
    return [
        (LETTERS[number], name, index_for(data, threshold))
        for number, (name, threshold) in enumerate(ordered)
    ]


def _xy(data: RocData, index: int | None) -> tuple[float, float]:
    tp = data.true_positives[index] if index is not None else 0
    fp = data.false_positives[index] if index is not None else 0
    x = LEFT + SIZE * fp / data.negatives
    y = BOTTOM - SIZE * tp / data.positives
    return round(x, 2), round(y, 2)


def _in_line(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> bool:
    """Whether b lies on the straight line from a to c (a point the path can skip)."""
    return abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) < 1e-6


def roc_svg(data: RocData, ident: str) -> str:
    """The ROC curve with the marked points, and a hidden current point for explorer.js."""
    steps = [(LEFT, BOTTOM)] + [_xy(data, i) for i in reversed(range(len(data.thresholds)))]
    # The curve is a staircase: only its corners need drawing.
    corners = [
        point
        for before, point, after in zip([None, *steps[:-1]], steps, [*steps[1:], None], strict=True)
        if before is None or after is None or not _in_line(before, point, after)
    ]
    path = "M" + "L".join(f"{x:g} {y:g}" for x, y in corners)
    grid, labels = [], []
    for step in range(5):
        share = step / 4
        x, y = LEFT + SIZE * share, BOTTOM - SIZE * share
        grid.append(f'<path class="dlmd-explorer__grid" d="M{x:g} {BOTTOM}V{BOTTOM - SIZE}"/>')
        grid.append(f'<path class="dlmd-explorer__grid" d="M{LEFT} {y:g}H{LEFT + SIZE}"/>')
        if step % 2 == 0:
            text = f"{share:g}"
            labels.append(f'<text x="{x:g}" y="{BOTTOM + 16}" text-anchor="middle">{text}</text>')
            labels.append(f'<text x="{LEFT - 6}" y="{y + 4:g}" text-anchor="end">{text}</text>')
    marks = []
    points = marked_points(data)
    # Labels in a column right of the points, the rightmost point's label at the top, so that
    # leader lines never cross and crowded points (the curve's top-left corner) stay legible.
    by_x = sorted(points, key=lambda p: _xy(data, p[2]), reverse=True)
    column = max(_xy(data, index)[0] for _, _, index in points) + 30
    for rank, (letter, _, index) in enumerate(by_x):
        x, y = _xy(data, index)
        lx, ly = column, BOTTOM - SIZE + 34 + 18 * rank
        marks.append(
            f'<path class="dlmd-explorer__leader" d="M{x:g} {y:g}L{lx - 3:g} {ly - 4:g}"/>'
            f'<circle class="dlmd-explorer__mark" cx="{x:g}" cy="{y:g}" r="4.5"/>'
            f'<text class="dlmd-explorer__letter" x="{lx:g}" y="{ly:g}">{letter}</text>'
        )
    names = ", ".join(f"{letter} ({name})" for letter, name, _ in points)
    title = f"ROC curve of the tutorial's model on its test set, AUC {auc(data):.3f}"
    desc = (
        f"Sensitivity against the false-positive rate for every threshold; the curve rises "
        f"steeply near the left edge, far above the diagonal of a chance-level model. "
        f"Marked thresholds: {names}; the tables give their figures."
    )
    return (
        f'<svg class="dlmd-explorer__roc" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
        + "".join(grid)
        + f'<path class="dlmd-explorer__axis" d="M{LEFT} {BOTTOM - SIZE}V{BOTTOM}H{LEFT + SIZE}"/>'
        f'<path class="dlmd-explorer__chance" d="M{LEFT} {BOTTOM}L{LEFT + SIZE} {BOTTOM - SIZE}"/>'
        f'<path class="dlmd-explorer__curve" d="{path}"/>'
        + "".join(labels)
        + f'<text x="{LEFT + SIZE / 2:g}" y="{BOTTOM + 36}" text-anchor="middle">'
        "False-positive rate (1 − specificity)</text>"
        f'<text transform="translate(14 {BOTTOM - SIZE / 2:g}) rotate(-90)" '
        'text-anchor="middle">Sensitivity</text>'
        + "".join(marks)
        + '<g class="dlmd-explorer__current"><path class="dlmd-explorer__guide" d=""/>'
        '<circle r="7"/></g></svg>'
    )


def static_tables(data: RocData, ident: str) -> str:
    """What the interactive version shows, at the marked thresholds and the presets."""
    points = marked_points(data)
    first = [
        '<table class="dlmd-explorer__table"><caption>The thresholds marked on the curve'
        "</caption><thead><tr>"
        '<th scope="col">Point</th><th scope="col">Threshold</th>'
        '<th scope="col">Sensitivity</th><th scope="col">Specificity</th></tr></thead><tbody>'
    ]
    for letter, name, index in points:
        m = metrics(data, index, sample_prevalence(data))
        shown = threshold_text(data.chosen[name])
        first.append(
            f'<tr><th scope="row">{letter}: {escape(name)}</th><td>{shown}</td>'
            f"<td>{percent(m.sensitivity)}</td><td>{percent(m.specificity)}</td></tr>"
        )
    first.append("</tbody></table>")
    second = [
        '<table class="dlmd-explorer__table"><caption>At three prevalences, of '
        f"{count_text(PEOPLE)} people tested</caption><thead><tr>"
        '<th scope="col">Prevalence</th><th scope="col">Point</th><th scope="col">PPV</th>'
        '<th scope="col">NPV</th><th scope="col">Cases found</th>'
        '<th scope="col">False alarms</th></tr></thead><tbody>'
    ]
    for name, prevalence in presets(data):
        for number, (letter, _, index) in enumerate(points):
            m = metrics(data, index, prevalence)
            group = (
                f'<th scope="rowgroup" rowspan="{len(points)}">{escape(name)}: '
                f"{prevalence_text(prevalence)}</th>"
                if number == 0
                else ""
            )
            second.append(
                f'<tr>{group}<th scope="row">{letter}</th><td>{percent(m.ppv)}</td>'
                f"<td>{percent(m.npv)}</td><td>{count_text(m.found)} of "
                f"{count_text(m.with_disease)}</td><td>{count_text(m.false_alarms)}</td></tr>"
            )
    second.append("</tbody></table>")
    wrap = '<div class="dlmd-explorer__scroll" tabindex="0" role="region" aria-label="{}">{}</div>'
    return (
        f'<div class="dlmd-explorer__static" id="{ident}-static">'
        + wrap.format("Thresholds marked on the curve", "".join(first))
        + wrap.format(
            "PPV, NPV, cases found and false alarms at three prevalences", "".join(second)
        )
        + "</div>"
    )


def controls_template(data: RocData, ident: str, start: int) -> str:
    """The interactive controls, inert in a <template> until explorer.js clones them."""
    buttons = "".join(
        f'<button type="button" class="md-button" data-prevalence="{value!r}">'
        f"{escape(name)}: {prevalence_text(value)}</button>"
        for name, value in presets(data)
    )
    results = "".join(
        f'<div><dt>{label}</dt><dd data-show="{key}"></dd></div>'
        for key, label in (
            ("sensitivity", "Sensitivity"),
            ("specificity", "Specificity"),
            ("ppv", "PPV"),
            ("npv", "NPV"),
        )
    )
    return (
        '<template class="dlmd-explorer__template"><div class="dlmd-explorer__controls">'
        f'<div class="dlmd-explorer__control"><label for="{ident}-threshold">Threshold</label>'
        f'<input type="range" id="{ident}-threshold" data-control="threshold" min="0" '
        f'max="{len(data.thresholds) - 1}" step="1" value="{start}" '
        f'aria-describedby="{ident}-threshold-hint">'
        '<span class="dlmd-explorer__value" data-show="threshold" aria-hidden="true"></span>'
        f'<p class="dlmd-explorer__hint" id="{ident}-threshold-hint">Lower finds more '
        "cancers and raises more false alarms; higher, the reverse.</p></div>"
        f'<div class="dlmd-explorer__control"><label for="{ident}-prevalence">Prevalence'
        "</label>"
        f'<input type="range" id="{ident}-prevalence" data-control="prevalence" min="0" '
        f'max="{PREVALENCE_STEPS}" step="1" data-low="{PREVALENCE_RANGE[0]}" '
        f'data-high="{PREVALENCE_RANGE[1]}">'
        '<span class="dlmd-explorer__value" data-show="prevalence" aria-hidden="true"></span>'
        f'<div class="dlmd-explorer__presets" role="group" aria-label="Prevalence presets">'
        f"{buttons}</div></div>"
        f'<dl class="dlmd-explorer__results">{results}</dl>'
        '<p class="dlmd-explorer__frequencies" data-show="frequencies"></p>'
        '<p class="dlmd-explorer__announce" role="status" data-show="announce"></p>'
        "</div></template>"
    )


def formulas(data: RocData) -> str:
    return (
        '<details class="dlmd-explorer__formulas"><summary>How the figures are computed'
        "</summary><ul>"
        f"<li>Sensitivity = TP / (TP + FN): the share of the {data.positives} malignant test "
        "samples that score at or above the threshold.</li>"
        f"<li>Specificity = TN / (TN + FP): the share of the {data.negatives} benign test "
        "samples that score below it.</li>"
        "<li>PPV = sensitivity × p / (sensitivity × p + (1 − specificity) × (1 − p)), where "
        "p is the prevalence (Bayes' rule).</li>"
        "<li>NPV = specificity × (1 − p) / (specificity × (1 − p) + (1 − sensitivity) × p)."
        "</li>"
        f"<li>Of {count_text(PEOPLE)} people tested, {count_text(PEOPLE)} × p have the "
        "disease and sensitivity × that many are found; (1 − specificity) × the rest get a "
        "false alarm. Each is rounded to whole people.</li></ul>"
        f"<p>The test set holds {data.positives + data.negatives} samples, so one sample "
        "moves sensitivity or specificity by one to two percentage points: these are rough "
        "figures for one small data set.</p></details>"
    )


def render(data: RocData, ident: str, source_url: str) -> str:
    """The whole explorer; `ident` makes its ids unique on the page, `source_url` links the
    notebook that computed the curve."""
    start = index_for(data, data.chosen.get("default", 0.5))
    start = start if start is not None else len(data.thresholds) - 1
    numbers = {
        "thresholds": " ".join(threshold_text(t) for t in data.thresholds),  # as shown
        "tp": " ".join(str(n) for n in data.true_positives),
        "fp": " ".join(str(n) for n in data.false_positives),
    }
    attributes = " ".join(f'data-{key}="{value}"' for key, value in numbers.items())
    return (
        f'<figure class="dlmd-explorer" id="{ident}" data-positives="{data.positives}" '
        f'data-negatives="{data.negatives}" data-prevalence="{sample_prevalence(data)!r}" '
        f"{attributes}>"
        + roc_svg(data, ident)
        + static_tables(data, ident)
        + controls_template(data, ident, start)
        + formulas(data)
        + "<figcaption>The ROC curve of the tutorial's model on its test set, as computed by "
        f'the <a href="{escape(source_url)}">clinical-metrics notebook</a>. The prevalences '
        "are illustrations, not figures for any real program.</figcaption></figure>"
    )
