"""The figures on the pages are exactly what dlmd/make_figures.py draws from its code and
data: each is regenerated into a temporary folder and compared, byte for byte, with the
committed file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, SHARED
from dlmd import make_figures

FIGURES_DIR = REPO / "docs" / "assets" / "figures"
MNIST = SHARED / "datasets" / "mnist" / "mnist.npz"
REGENERATE = ".venv/bin/make-figures"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("figures")
    make_figures.main(out, MNIST)
    return out


def test_every_committed_figure_comes_from_the_script() -> None:
    committed = sorted(path.name for path in FIGURES_DIR.glob("*.svg"))
    assert committed == sorted(make_figures.FIGURES), (
        f"docs/assets/figures/ must hold exactly the figures dlmd/make_figures.py draws; "
        f"run `{REGENERATE}` and remove files it does not write"
    )


@pytest.mark.parametrize("name", sorted(make_figures.FIGURES))
def test_committed_figure_matches_what_the_script_draws(fresh: Path, name: str) -> None:
    committed = (FIGURES_DIR / name).read_bytes()
    assert (fresh / name).read_bytes() == committed, (
        f"docs/assets/figures/{name} differs from what dlmd/make_figures.py draws: "
        f"regenerate it with `{REGENERATE}` and commit the result"
    )


@pytest.mark.parametrize("name", sorted(make_figures.FIGURES))
def test_figure_is_reproducible_svg_with_text_kept_as_text(fresh: Path, name: str) -> None:
    svg = (fresh / name).read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<dc:date>" not in svg, "a date in the file would change it on every run"
    assert "<text" in svg, "labels should stay text (svg.fonttype none), not glyph paths"
    assert len(svg.encode()) < 60_000, f"{name} is {len(svg.encode())} bytes: keep figures small"


def test_every_figure_is_placed_on_a_page() -> None:
    pages = "".join(path.read_text(encoding="utf-8") for path in (REPO / "docs").rglob("*.md"))
    used = set(re.findall(r"assets/figures/([\w-]+\.svg)", pages))
    assert used == {f"{name}.svg" for name in make_figures.DRAWINGS}


@pytest.mark.parametrize("name", sorted(make_figures.DRAWINGS))
def test_every_figure_has_a_narrow_phone_variant(fresh: Path, name: str) -> None:
    """The build offers `name-phone.svg` below 600 px (dlmd/pages/phone_figures.py); at 390 px
    the column is about 358 px, so a label of 9 pt needs a drawing at most 4 inches wide."""
    phone = (fresh / f"{name}-phone.svg").read_text(encoding="utf-8")
    width_pt = float(re.search(r'width="([\d.]+)pt"', phone)[1])
    smallest_pt = min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", phone))
    assert smallest_pt * 358 / width_pt >= 11, f"{name}-phone.svg: labels too small at 390 px"


def test_missing_mnist_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "nowhere" / "mnist.npz"
    assert make_figures.cli(["--out", str(tmp_path / "out"), "--mnist", str(missing)]) == 1
    error = capsys.readouterr().err
    assert str(missing) in error and "--mnist" in error
