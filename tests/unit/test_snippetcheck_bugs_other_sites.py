"""Four bugs found running the snippet check on other sites' docs (issue 27), each pinned here."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from dlmd.snippetcheck.cli import main
from dlmd.snippetcheck.config import load_site_config
from dlmd.snippetcheck.lockfile import read_lock
from dlmd.snippetcheck.sources import read_page

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "othersites"
LOCK = read_lock(REPO / "requirements" / "test.txt", "requirements/test.txt")


@pytest.fixture(autouse=True)
def _fence_module_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sites' fence functions are importable when they build; here they live in the fixtures.
    monkeypatch.syspath_prepend(str(FIXTURES))


def kinds(site_dir: Path) -> tuple[list[tuple[int | None, str]], list[str]]:
    site = load_site_config(site_dir / "mkdocs.yml")
    page = read_page(site_dir / "docs" / "exec.md", site, LOCK)
    return [(b.line, b.kind) for b in page.blocks], [str(e) for e in page.errors]


@pytest.mark.parametrize("site_dir", ["exec_site", "plugin_site"])
def test_a_custom_fence_validator_decides_and_a_declined_fence_is_highlighted(
    site_dir: str,
) -> None:
    # exec_site declares the fence in mkdocs.yml (bug 1: its validator was ignored);
    # plugin_site adds it in a hook's on_config (bug 2: it was invisible).
    found, errors = kinds(FIXTURES / site_dir)
    assert errors == []
    # exec="1" is accepted by the site's validator: rendered by the custom fence. The plain
    # fences are declined by it, so the highlighter renders them and they run.
    assert found == [(3, "custom"), (9, "python"), (13, "python")]


def test_a_plugin_whose_on_config_fails_is_named(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "hooks.py").write_text("def on_config(config):\n    raise RuntimeError('no git')\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.superfences\nhooks:\n  - hooks.py\n"
    )
    site = load_site_config(tmp_path / "mkdocs.yml")
    assert len(site.notes) == 1
    assert "on_config failed (RuntimeError: no git)" in site.notes[0]
    assert "fences it would add are not understood" in site.notes[0]


def test_the_page_header_counts_only_blocks_that_ran(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n<!-- check: skip -->\n\n```python\nprint(1)\n```\n\n```python\nprint(2)\n```\n"
    )
    out = io.StringIO()
    report = tmp_path / "report.json"
    args = [str(page), "--no-cache", "--cache-dir", str(tmp_path / "c"), "--json", str(report)]
    code = main(args, stdout=out)
    assert code == 1
    assert [b["status"] for b in json.loads(report.read_text())["pages"][0]["blocks"]] == [
        "failed",  # the marker has no reason: a static error, nothing ran
        "blocked",
    ]
    assert "(2 blocks, 0 run," in out.getvalue().splitlines()[0]


@pytest.mark.parametrize(
    "command",
    [
        "pip install --upgrade-strategy eager numpy",
        "pip install --progress-bar off numpy",
        "pip install -U --progress-bar=off numpy",
        "pip install --only-binary :all: numpy",
    ],
)
def test_an_option_value_is_not_read_as_a_package(tmp_path: Path, command: str) -> None:
    site = load_site_config(REPO / "mkdocs.yml")
    page = tmp_path / "exec.md"
    page.write_text(f"```bash\n{command}\n```\n")
    (block,) = read_page(page, site, LOCK).blocks
    assert block.problem is None
    assert "numpy==" in block.note


@pytest.mark.parametrize(
    ("command", "why"),
    [
        ("pip install -r requirements.txt", "the requirements file requirements.txt lists"),
        (
            "python -m pip install --platform manylinux2014_x86_64 numpy",
            "for the platform manylinux2014_x86_64",
        ),
    ],
)
def test_what_the_lock_cannot_vouch_for_is_not_checked_and_says_so(
    tmp_path: Path, command: str, why: str
) -> None:
    site = load_site_config(REPO / "mkdocs.yml")
    page = tmp_path / "exec.md"
    page.write_text(f"```bash\n{command}\n```\n")
    (block,) = read_page(page, site, LOCK).blocks
    assert block.problem is None  # not "package 'requirements.txt' is not in ..."
    assert block.skip_reason is not None
    assert block.skip_reason.startswith("not checked:") and why in block.skip_reason


def test_the_renderer_makes_the_same_choice() -> None:
    # The real SuperFences, configured as exec_site is: only the exec="1" fence goes to the
    # custom formatter, the others to the highlighter, as the inventory says.
    import exec_fences
    import markdown

    fence = {"name": "python", "class": "python", "validator": exec_fences.validator}
    html = markdown.markdown(
        (FIXTURES / "exec_site" / "docs" / "exec.md").read_text(),
        extensions=["pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {"custom_fences": [fence | {"format": exec_fences.formatter}]}
        },
    )
    assert html.count('<pre class="executed">') == 1
    assert 'print("rendered at build time")' in html.split('<pre class="executed">')[1]
    assert html.count('class="language-python"') + html.count('class="highlight"') >= 2
