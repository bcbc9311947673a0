"""Draw the figures of the Markdown pages as SVG files, from code and real data.

    make-figures [--out docs/assets/figures] [--mnist ../shared/datasets/mnist/mnist.npz]

Each figure is a function that returns a matplotlib Figure; `main` writes them all. The output
is byte-for-byte reproducible (fixed `svg.hashsalt`, no date, text kept as text), so
tests/unit/test_figures.py regenerates every file and fails when a committed one differs.

Figures are drawn dark on a transparent background; site.css inverts them in the dark palette.
Numbers come from confirmed rows of the project's fact base (../shared/content/medical-facts.md)
and the digits from the offline MNIST copy (../shared/datasets/mnist/mnist.npz).
It imports nothing else from the package: matplotlib is a test dependency, not the site's.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

# Defaults relative to the checkout the command runs in, like the other console scripts.
OUT_DIR = Path("docs", "assets", "figures")
MNIST = Path("..", "shared", "datasets", "mnist", "mnist.npz")

INK = "#1a1a1a"
MUTED = "#5c5c5c"
BLUE = "#1d4f7a"
ORANGE = "#a3341f"
STYLE = {
    "svg.hashsalt": "dlmd-figures",  # stable clip-path ids
    "svg.fonttype": "none",  # text stays text: small files, selectable, readable by search
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: the same layout everywhere
    "font.size": 11,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "savefig.transparent": True,
    "path.simplify": True,
}

# Gulshan et al., 2016 (doi:10.1001/jama.2016.17216), fact base row 2, confirmed:
# (specificity %, sensitivity %) at the high-specificity and high-sensitivity operating points.
GULSHAN_2016 = {
    "EyePACS-1": ((98.1, 90.3), (93.4, 97.5)),
    "Messidor-2": ((98.5, 87.0), (93.9, 96.1)),
}
# Nagendran et al., 2020 (doi:10.1136/bmj.m689), fact base row 8, confirmed.
NAGENDRAN_2020 = [
    ("Non-randomized studies", 81),
    ("Prospective", 9),
    ("Tested in a real clinical setting", 6),
    ("At high risk of bias", 58),
]


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height))


def _hide_axes(ax: object) -> None:
    ax.set_axis_off()


def network_layers(phone: bool = False) -> Figure:
    """The seven-step model as layers: 784 inputs, 128 hidden units, 10 outputs.

    On a phone the layers are rows, top to bottom, so that the labels keep their size.
    """
    if phone:
        return _network_rows()
    fig = _figure(8, 3.6)
    ax = fig.add_axes((0, 0, 1, 1))
    _hide_axes(ax)
    ax.set_xlim(0, 8)
    ax.set_ylim(-0.9, 3.95)
    columns = [
        (1.2, 7, "Input\n784 pixel values\n(one 28 × 28 image)", MUTED),
        (4.0, 6, "Hidden layer\n128 units (ReLU)", BLUE),
        (6.8, 10, "Output layer\n10 units (softmax):\none per digit 0–9", ORANGE),
    ]
    centres = [[(x, y) for y in np.linspace(3.2, 0.4, shown)] for x, shown, _, _ in columns]
    _draw_layers(ax, centres, [colour for *_, colour in columns], "⋮")
    for x, _, label, _ in columns:
        ax.text(x, -0.15, label, ha="center", va="top", fontsize=10.5)
    for x in (2.6, 5.4):
        ax.text(x, 3.4, "every unit connects\nto every unit", ha="center", fontsize=9, color=MUTED)
    return fig


def _network_rows() -> Figure:
    fig = _figure(3.8, 4.9)
    ax = fig.add_axes((0, 0, 1, 1))
    _hide_axes(ax)
    ax.set_xlim(0, 3.8)
    ax.set_ylim(0, 4.9)
    rows = [  # (y, units drawn, from x, to x)
        (3.95, 7, 0.35, 3.45),
        (2.55, 6, 0.3, 2.1),
        (1.15, 10, 0.2, 3.6),
    ]
    centres = [[(x, y) for x in np.linspace(x0, x1, shown)] for y, shown, x0, x1 in rows]
    _draw_layers(ax, centres, [MUTED, BLUE, ORANGE], "⋯")
    ax.text(
        1.9,
        4.8,
        "Input: 784 pixel values\n(one 28 × 28 image)",
        ha="center",
        va="top",
        fontsize=10.5,
    )
    ax.text(2.35, 2.55, "Hidden layer\n128 units\n(ReLU)", ha="left", va="center", fontsize=10.5)
    ax.text(
        1.9,
        0.85,
        "Output layer: 10 units (softmax),\none per digit 0–9",
        ha="center",
        va="top",
        fontsize=10.5,
    )
    ax.text(
        1.9,
        0.12,
        "every unit connects to every unit of the next layer",
        ha="center",
        va="bottom",
        fontsize=9,
        color=MUTED,
    )
    return fig


def _draw_layers(
    ax: object, centres: list[list[tuple[float, float]]], colours: list[str], more: str
) -> None:
    """Units as circles, every unit joined to every unit of the next layer.

    A layer of fewer than 10 drawn units stands for more than it shows: a gap in its middle
    holds `more` (an ellipsis).
    """
    units = [
        [
            point
            for index, point in enumerate(points)
            if len(points) == 10 or index != len(points) // 2
        ]
        for points in centres
    ]
    xs, ys = [], []  # every connection in one path (NaN breaks it): a small file
    for left, right in zip(units, units[1:], strict=False):
        for x0, y0 in left:
            for x1, y1 in right:
                xs += [x0, x1, np.nan]
                ys += [y0, y1, np.nan]
    ax.plot(xs, ys, color=MUTED, linewidth=0.4, alpha=0.6)
    for colour, points, drawn in zip(colours, centres, units, strict=True):
        # Markers are defined once in the SVG and reused: far smaller than circle patches.
        ax.plot(
            *zip(*drawn, strict=True),
            linestyle="none",
            marker="o",
            markersize=13,
            markerfacecolor=colour,
            markeredgecolor=INK,
            markeredgewidth=0.8,
        )
        if len(points) < 10:  # layers with more units than drawn say so
            ax.text(*points[len(points) // 2], more, ha="center", va="center", fontsize=14)


def convolution(phone: bool = False) -> Figure:
    """A 3 × 3 filter sliding over a 7 × 7 image; each position gives one output value.

    Pixels use the scale the seven-step page teaches: 0 is black, 255 is white. The figure
    has its own white paper (site.css leaves it as it is in the dark palette): inverted, black
    would read as white.
    """
    image = np.zeros((7, 7), dtype=int)
    image[:, 3:] = 255  # black on the left, white on the right: one dark-to-bright edge
    image[5:, :] = 0
    kernel = np.array([[-1, 0, 1]] * 3)
    output = np.array(
        [[int((image[r : r + 3, c : c + 3] * kernel).sum()) for c in range(5)] for r in range(5)]
    )
    # Where each part goes: (left, top) of the image, filter and output grids, in cells.
    if phone:  # stacked: the image, then the filter beside the output, below it
        fig = _figure(3.8, 5.2)
        xlim, ylim = (-0.3, 11.5), (-15.2, 0.9)
        image_at, kernel_at, output_at = (0, 0), (0, -8.6), (5.8, -8.6)
    else:  # side by side
        fig = _figure(8, 3.7)
        xlim, ylim = (-0.3, 17.2), (-2.0, 7.4)
        image_at, kernel_at, output_at = (0, 7), (8.2, 5), (12.2, 6)
    ax = fig.add_axes((0, 0, 1, 1))
    _hide_axes(ax)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.add_patch(
        Rectangle((0, 0), 1, 1, transform=ax.transAxes, facecolor="white", linewidth=0, zorder=-1)
    )

    def grid(
        values: np.ndarray,
        at: tuple[float, float],
        shade: Callable[[int], str],
        numbered: Callable[[int, int], bool] = lambda r, c: True,
        dark: Callable[[int], bool] = lambda value: False,
    ) -> None:
        left, top = at
        rows, cols = values.shape
        for r in range(rows):
            for c in range(cols):
                value = int(values[r, c])
                fill = shade(value)
                if fill != "none":
                    ax.add_patch(Rectangle((left + c, top - r - 1), 1, 1, facecolor=fill, lw=0))
                if numbered(r, c):
                    ax.text(
                        left + c + 0.5,
                        top - r - 0.5,
                        str(value),
                        ha="center",
                        va="center",
                        fontsize=9,
                        color="white" if fill == INK or dark(value) else INK,
                    )
        # The cell borders as one path of grid lines (NaN breaks it).
        xs, ys = [], []
        for r in range(rows + 1):
            xs += [left, left + cols, np.nan]
            ys += [top - r, top - r, np.nan]
        for c in range(cols + 1):
            xs += [left + c, left + c, np.nan]
            ys += [top, top - rows, np.nan]
        ax.plot(xs, ys, color=MUTED, linewidth=0.6)

    def response(value: int) -> str:
        return "#b9d3ea" if value > 0 else "none"

    # The black pixels as two rectangles, not 29 squares: the article has a weight budget.
    left, top = image_at
    for x, y, width, height in ((0, 0, 3, 7), (3, 5, 4, 2)):
        ax.add_patch(Rectangle((left + x, top - y - height), width, height, facecolor=INK, lw=0))
    grid(
        image,
        image_at,
        lambda value: "none",
        numbered=lambda r, c: 1 <= r <= 3 and 1 <= c <= 3,
        dark=lambda value: value == 0,
    )
    grid(kernel, kernel_at, lambda value: "none")
    grid(output, output_at, response)
    # The filter at row 1, column 1 of the image (dashed: its next position), and the output
    # value it makes.
    x, y = image_at[0] + 1, image_at[1] - 4
    ax.add_patch(Rectangle((x, y), 3, 3, fill=False, edgecolor=ORANGE, linewidth=2.4))
    ax.add_patch(
        Rectangle((x + 1, y), 3, 3, fill=False, edgecolor=ORANGE, lw=1.4, linestyle=(0, (3, 2)))
    )
    ox, oy = output_at[0] + 1, output_at[1] - 2
    ax.add_patch(Rectangle((ox, oy), 1, 1, fill=False, edgecolor=ORANGE, linewidth=2.4))
    arrow = {"arrowstyle": "-|>", "mutation_scale": 14, "color": ORANGE, "linewidth": 1.2}
    muted = {"fontsize": 9, "color": MUTED}
    pixels_note = "black pixels are 0, white are 255"
    if phone:
        ax.add_patch(
            FancyArrowPatch(
                (x + 3.05, y + 1.5), (ox + 0.5, oy + 1.05), connectionstyle="arc3,rad=0.2", **arrow
            )
        )
        ax.text(7.5, -0.1, "Image\n(7 × 7 pixels)", ha="left", va="top")
        note = "black pixels\nare 0, white\nare 255; the\nfilter slides\none pixel at\na time"
        ax.text(7.5, -1.9, note, ha="left", va="top", **muted)
        ax.text(0, -7.35, "multiply, then add up", ha="left", va="top", fontsize=9, color=ORANGE)
        ax.text(0, -11.9, "Filter (3 × 3)\nlearned weights", ha="left", va="top")
        ax.text(8.3, -13.9, "Output (5 × 5)", ha="center", va="top")
        ax.text(8.3, -14.45, "large where the edge is", ha="center", va="top", **muted)
        return fig
    ax.add_patch(
        FancyArrowPatch(
            (x + 3.1, y + 1.5), (ox - 0.05, oy + 0.5), connectionstyle="arc3,rad=-0.25", **arrow
        )
    )
    ax.text(3.5, -0.35, "Image (7 × 7 pixels)", ha="center", va="top")
    note = pixels_note + ";\nthe filter slides one pixel at a time"
    ax.text(3.5, -0.95, note, ha="center", va="top", **muted)
    ax.text(9.7, 1.65, "Filter (3 × 3)\nlearned weights", ha="center", va="top")
    ax.text(14.7, -0.35, "Output (5 × 5)", ha="center", va="top")
    ax.text(14.7, -0.95, "large where the edge is", ha="center", va="top", **muted)
    ax.text(8.7, 6.75, "multiply, then add up", ha="center", fontsize=9, color=ORANGE)
    return fig


def threshold_tradeoff(phone: bool = False) -> Figure:
    """Left: why a threshold trades errors (schematic). Right: Gulshan 2016's real points.

    On a phone the two panels are stacked.
    """
    if phone:
        fig = _figure(3.8, 6.6)
        left = fig.add_axes((0.05, 0.64, 0.9, 0.29))
        right = fig.add_axes((0.18, 0.08, 0.77, 0.38))
    else:
        fig = _figure(8.6, 3.6)
        left = fig.add_axes((0.04, 0.2, 0.4, 0.68))
        right = fig.add_axes((0.6, 0.2, 0.37, 0.68))
    scores = np.linspace(0, 1, 49)

    def bump(centre: float, width: float) -> np.ndarray:
        return np.exp(-0.5 * ((scores - centre) / width) ** 2)

    left.plot(scores, bump(0.32, 0.12), color=BLUE, linewidth=2)
    left.plot(scores, bump(0.68, 0.12), color=ORANGE, linewidth=2, linestyle=(0, (5, 2)))
    left.text(0.1, 0.62, "no\ndisease", color=BLUE, ha="center", fontsize=10)
    left.text(0.9, 0.62, "disease", color=ORANGE, ha="center", fontsize=10)
    for x, label, align in (
        (0.42, "lower\nthreshold", "right"),
        (0.6, "higher\nthreshold", "left"),
    ):
        left.axvline(x, color=INK, linewidth=1.2, linestyle=(0, (2, 2)))
        left.text(
            x + (0.02 if align == "left" else -0.02), 1.1, label, ha=align, va="top", fontsize=9
        )
    left.set_xlim(0, 1)
    left.set_ylim(0, 1.3)
    left.set_yticks([])
    left.set_xticks([])
    score = "model score  (refer if above the threshold)"
    left.set_xlabel(score.replace("  ", "\n") if phone else score, fontsize=10)
    left.set_title("Illustration: scores of two groups", fontsize=10.5)
    for side in ("top", "right", "left"):
        left.spines[side].set_visible(False)

    for (name, (high_spec, high_sens)), marker in zip(GULSHAN_2016.items(), "os", strict=True):
        right.add_patch(
            FancyArrowPatch(
                high_spec,
                high_sens,
                arrowstyle="-|>",
                mutation_scale=12,
                color=MUTED,
                shrinkA=6,
                shrinkB=6,
            )
        )
        right.plot(
            *zip(high_spec, high_sens, strict=True),
            linestyle="none",
            marker=marker,
            markersize=8,
            color=BLUE,
            markeredgecolor=INK,
            label=name,
        )
    right.text(
        93.2, 98.8, "high-sensitivity\npoints", fontsize=9, color=MUTED, ha="center", va="bottom"
    )
    right.text(98.3, 91.4, "high-specificity\npoints", fontsize=9, color=MUTED, ha="center")
    right.text(96.0, 92.2, "lower\nthreshold", fontsize=9, color=MUTED, ha="center", rotation=0)
    right.legend(loc="lower right", fontsize=9, frameon=False, handletextpad=0.2)
    right.set_xlim(100, 92)  # specificity falls to the right as the threshold is lowered
    right.set_ylim(84, 101.5)
    right.set_xlabel("specificity (%)", fontsize=10)
    right.set_ylabel("sensitivity (%)", fontsize=10)
    right.set_title("Real operating points (Gulshan 2016)", fontsize=10.5)
    right.tick_params(labelsize=9)
    for side in ("top", "right"):
        right.spines[side].set_visible(False)
    return fig


def study_designs(phone: bool = False) -> Figure:
    """What retrospective, prospective and randomized studies can show, and how few there are.

    On a phone the three designs are stacked, and each bar has its label above it.
    """
    designs = [
        (
            "Retrospective",
            "Runs the model on images\nand records collected\nin the past",
            "accuracy on curated,\npast data",
        ),
        (
            "Prospective",
            "Runs the model on new\npatients as they arrive,\nin the clinic",
            "accuracy in a real\nworkflow and population",
        ),
        (
            "Randomized trial",
            "Assigns patients or sites\nat random to care with\nor without the model",
            "whether using it changes\ndecisions and outcomes",
        ),
    ]
    if phone:
        return _study_designs_stacked(designs)
    fig = _figure(8.6, 5.0)
    ax = fig.add_axes((0, 0.36, 1, 0.64))
    _hide_axes(ax)
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 1)
    for index, (name, how, shows) in enumerate(designs):
        x = index + 0.05
        _design_box(ax, (x, 0.04), (0.9, 0.9))
        ax.text(
            x + 0.45, 0.86, name, ha="center", va="top", fontsize=12, fontweight="bold", color=BLUE
        )
        ax.text(x + 0.45, 0.7, how, ha="center", va="top", fontsize=9.5)
        ax.text(x + 0.45, 0.36, "Can show:", ha="center", va="top", fontsize=9.5, fontweight="bold")
        ax.text(x + 0.45, 0.27, shows, ha="center", va="top", fontsize=9.5)
    for x in (0.97, 1.97):
        ax.add_patch(
            FancyArrowPatch(
                (x, 0.5), (x + 0.11, 0.5), arrowstyle="-|>", mutation_scale=12, color=MUTED
            )
        )
    ax.text(
        1.5,
        0.985,
        "stronger evidence of benefit in practice →",
        ha="center",
        va="top",
        fontsize=9,
        color=MUTED,
    )

    bars = fig.add_axes((0.36, 0.06, 0.58, 0.24))
    labels = [label for label, _ in NAGENDRAN_2020]
    counts = [count for _, count in NAGENDRAN_2020]
    positions = np.arange(len(counts))[::-1]
    bars.barh(positions, counts, color=[MUTED, BLUE, BLUE, ORANGE], height=0.62)
    for y, count in zip(positions, counts, strict=True):
        bars.text(count + 1, y, str(count), va="center", fontsize=9.5)
    bars.set_yticks(positions, labels, fontsize=9.5)
    bars.set_xlim(0, 90)
    bars.set_xticks([])
    for side in ("top", "right", "bottom"):
        bars.spines[side].set_visible(False)
    bars.set_title(
        "Deep learning imaging studies reviewed by Nagendran et al. (2020)",
        fontsize=10,
        loc="right",
    )
    return fig


def _design_box(ax: object, at: tuple[float, float], size: tuple[float, float]) -> None:
    ax.add_patch(
        FancyBboxPatch(
            at,
            *size,
            boxstyle="round,pad=0,rounding_size=0.04",
            facecolor="none",
            edgecolor=BLUE,
            linewidth=1.4,
        )
    )


def _study_designs_stacked(designs: list[tuple[str, str, str]]) -> Figure:
    fig = _figure(3.8, 7.6)
    ax = fig.add_axes((0, 0.4, 1, 0.6))
    _hide_axes(ax)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 3.15)
    ax.text(
        0.5,
        3.12,
        "stronger evidence of benefit in practice ↓",
        ha="center",
        va="top",
        fontsize=9,
        color=MUTED,
    )
    for index, (name, how, shows) in enumerate(designs):
        top = 2.95 - index
        _design_box(ax, (0.02, top - 0.86), (0.96, 0.86))
        ax.text(0.05, top - 0.05, name, va="top", fontsize=12, fontweight="bold", color=BLUE)
        ax.text(0.05, top - 0.27, how, va="top", fontsize=9)
        ax.text(0.53, top - 0.27, "Can show:", va="top", fontsize=9, fontweight="bold")
        ax.text(0.53, top - 0.43, shows, va="top", fontsize=9)
        if index < 2:
            ax.add_patch(
                FancyArrowPatch(
                    (0.5, top - 0.86),
                    (0.5, top - 1.0),
                    arrowstyle="-|>",
                    mutation_scale=12,
                    color=MUTED,
                )
            )

    bars = fig.add_axes((0.04, 0.03, 0.92, 0.28))
    counts = [count for _, count in NAGENDRAN_2020]
    positions = np.arange(len(counts))[::-1] * 1.6
    bars.barh(positions, counts, color=[MUTED, BLUE, BLUE, ORANGE], height=0.62)
    for y, (label, count) in zip(positions, NAGENDRAN_2020, strict=True):
        bars.text(0, y + 0.45, label, va="bottom", fontsize=9.5)
        bars.text(count + 1, y, str(count), va="center", fontsize=9.5)
    bars.set_xlim(0, 100)
    bars.set_ylim(-0.5, positions[0] + 1.2)
    bars.set_xticks([])
    bars.set_yticks([])
    for side in ("top", "right", "bottom"):
        bars.spines[side].set_visible(False)
    bars.set_title(
        "Deep learning imaging studies\nreviewed by Nagendran et al. (2020)",
        fontsize=10,
        loc="left",
    )
    return fig


def mnist_sample(mnist: Path = MNIST, phone: bool = False) -> Figure:
    """The first two training images of each digit, with their labels.

    On a phone, the digits 0-4 above the digits 5-9.
    """
    if not mnist.is_file():
        raise FileNotFoundError(f"{mnist}: MNIST not found; pass --mnist PATH to mnist.npz")
    with np.load(mnist) as data:
        images, labels = data["x_train"], data["y_train"]
    per_digit, gap, label_band = 2, 4, 18
    cell = 28 + gap
    per_row = 5 if phone else 10
    groups = 10 // per_row
    block = per_digit * cell - gap + label_band  # one row of digits and their labels
    mosaic = np.zeros((groups * block - label_band, per_row * cell - gap), dtype=np.uint8)
    for digit in range(10):
        group, column = divmod(digit, per_row)
        for row, index in enumerate(np.flatnonzero(labels == digit)[:per_digit]):
            top, left = group * block + row * cell, column * cell
            mosaic[top : top + 28, left : left + 28] = images[index]
    if phone:  # the axes fill the figure, whose shape is the picture's with its labels
        fig = _figure(3.8, 3.8 * (mosaic.shape[0] + 15) / mosaic.shape[1])
        ax = fig.add_axes((0, 0, 1, 1))
    else:
        fig = _figure(8, 2.0)
        ax = fig.add_axes((0, 0.16, 1, 0.84))
    # Dark ink on white paper; transparent where there is no ink.
    rgba = np.zeros((*mosaic.shape, 4), dtype=np.uint8)
    rgba[..., 3] = mosaic
    ax.imshow(rgba, interpolation="none")
    ax.set_axis_off()
    for digit in range(10):
        group, column = divmod(digit, per_row)
        ax.text(
            column * cell + 14,
            group * block + per_digit * cell - gap + 8,
            str(digit),
            ha="center",
            va="top",
            fontsize=11,
            color=MUTED,
        )
    ax.set_ylim(mosaic.shape[0] + 14, -1)
    return fig


DRAWINGS: dict[str, Callable[..., Figure]] = {
    "network-layers": network_layers,
    "convolution": convolution,
    "threshold-tradeoff": threshold_tradeoff,
    "study-designs": study_designs,
    "mnist-sample": mnist_sample,
}
# Each drawing twice: for the page's column, and stacked for a phone's (PHONE_SUFFIX), which the
# build offers below 600 px wide (dlmd/pages/figures.py).
PHONE_SUFFIX = "-phone"
FIGURES: dict[str, tuple[Callable[..., Figure], bool]] = {
    f"{name}{suffix}.svg": (draw, bool(suffix))
    for name, draw in DRAWINGS.items()
    for suffix in ("", PHONE_SUFFIX)
}


def render(name: str, mnist: Path = MNIST) -> bytes:
    """The SVG bytes of one figure, the same on every run."""
    import io

    with rc_context(STYLE):
        make, phone = FIGURES[name]
        fig = make(mnist, phone=phone) if make is mnist_sample else make(phone=phone)
        buffer = io.BytesIO()
        # No date (reproducible) and no RDF block (bytes every page would download).
        empty = dict.fromkeys(["Creator", "Date", "Format", "Type"])
        fig.savefig(buffer, format="svg", metadata=empty)
    return compact(buffer.getvalue().decode("utf-8")).encode("utf-8")


def compact(svg: str) -> str:
    """Shrink matplotlib's SVG without changing what it shows: pages have a weight budget.

    Coordinates are rounded, clip paths go (every figure stays within its axes), and the
    pretty-printing whitespace goes.
    """
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(  # embedded images: base64 needs no line breaks
        r"(base64,)([^\"]+)", lambda m: m[1] + re.sub(r"\s+", "", m[2]), svg
    )
    svg = re.sub(r'\s*clip-path="url\(#[^)]*\)"', "", svg)
    svg = re.sub(r"<clipPath .*?</clipPath>\s*", "", svg, flags=re.S)
    # Path data and positions to whole points (a point is about 1.3 pixels on a page); sizes,
    # widths and opacities keep one decimal.
    svg = re.sub(r'(<path id="m[0-9a-f]+")?( (?:d|x|y)=")([^"]*)"', _whole_points, svg)
    svg = re.sub(r"(?<![\w#])(-?\d+\.\d)\d+", r"\1", svg)
    svg = re.sub(r' transform="rotate\(-?0 [^"]*\)"', "", svg)  # a rotation by 0 degrees
    svg = re.sub(r">\s+<", "><", svg)
    return re.sub(r"\s*\n\s*", " ", svg).strip() + "\n"


def _whole_points(match: re.Match[str]) -> str:
    marker, attribute, value = match.groups()
    if marker:  # a marker's shape, drawn around 0 0: rounding would square a circle
        return match[0]
    return attribute + re.sub(r"-?\d+\.\d+", lambda n: f"{float(n[0]):.0f}", value) + '"'


def main(out_dir: Path = OUT_DIR, mnist: Path = MNIST) -> list[Path]:
    """Write every figure into `out_dir`; return the paths written."""
    if not mnist.is_file():  # fail before writing anything, not after half the figures
        raise FileNotFoundError(f"{mnist}: MNIST not found; pass --mnist PATH to mnist.npz")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIGURES:
        path = out_dir / name
        path.write_bytes(render(name, mnist))
        written.append(path)
    return written


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the SVG files")
    parser.add_argument("--mnist", type=Path, default=MNIST, help="path to mnist.npz")
    args = parser.parse_args(argv)
    try:
        written = main(args.out, args.mnist)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"{path} ({path.stat().st_size / 1000:.1f} KB)")
    return 0
