"""The seven steps as a notebook per framework (dlmd.pages.page_notebook): its code cells are
exactly the Python blocks the snippet check runs for that framework, in order, and the file is
a valid notebook with nothing of the site's markup left in it."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
from dlmd.pages.page_notebook import page_cells, page_notebook
from dlmd.snippetcheck.config import load_site_config
from dlmd.snippetcheck.inventory import read_markdown
from dlmd.snippetcheck.lockfile import read_lock
from dlmd.snippetcheck.model import PYTHON
from dlmd.snippetcheck.output_blocks import OUTPUT
from dlmd.snippetcheck.variant_runs import variant_page
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "seven steps": ROOT / "docs" / "first-model.md",
    "fixture": ROOT / "tests" / "fixtures" / "snippets" / "variants.md",
}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"></svg>'


def notebook_of(path: Path, variant: str) -> dict:
    body, meta = get_data(path.read_text(encoding="utf-8"))
    cells = page_cells(body, variant, tuple(meta["variants"]), lambda i: f"{path.name}:{i + 1}")
    return page_notebook(
        cells,
        title_note="*Made from the page.*",
        resolve=lambda href: f"https://example.org/{href}",
        attach=lambda src: SVG if src.endswith(".svg") else None,
        metadata={},
    )


def checked_blocks(path: Path, variant: str) -> list:
    """The blocks the snippet check reads for `variant` of the page, in page order."""
    site = load_site_config(ROOT / "mkdocs.yml")
    page = read_markdown(path, site, read_lock(ROOT / "requirements" / "test.txt"))
    assert not page.errors
    return variant_page(page, variant).blocks


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("variant", ["Keras", "PyTorch"])
def test_code_cells_are_the_blocks_the_check_runs(page: str, variant: str) -> None:
    notebook = notebook_of(PAGES[page], variant)
    blocks = checked_blocks(PAGES[page], variant)
    code = [c["source"] for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code == [b.code for b in blocks if b.kind == PYTHON]
    assert len(code) >= 3


@pytest.mark.parametrize("variant", ["Keras", "PyTorch"])
def test_outputs_are_the_page_output_blocks(variant: str) -> None:
    path = PAGES["seven steps"]
    notebook = notebook_of(path, variant)
    shown = [
        output["text"]
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
        for output in cell["outputs"]
    ]
    owned = [b.code + "\n" for b in checked_blocks(path, variant) if b.kind == OUTPUT and b.owner]
    assert shown == owned


@pytest.mark.parametrize("variant", ["Keras", "PyTorch"])
def test_the_notebook_is_valid_and_free_of_the_site_markup(variant: str) -> None:
    notebook = notebook_of(PAGES["seven steps"], variant)
    nbformat.validate(nbformat.from_dict(notebook))
    other = "PyTorch" if variant == "Keras" else "Keras"
    sources = "\n".join(cell["source"] for cell in notebook["cells"])
    for leftover in ("<!--", "===", "!!!", "{#", "<figure", "figcaption", 'width="'):
        assert leftover not in sources
    assert ("import torch" in sources) == (variant == "PyTorch")
    assert ("import tensorflow" in sources) == (variant == "Keras")
    assert f"the {other} tab" not in sources.lower()
    first = notebook["cells"][0]["source"]
    assert first.startswith("# Train your first model in seven steps\n\n*Made from the page.*")
    # Links lead to the site; the figure travels inside the notebook.
    assert "(https://example.org/faq.md#measuring-accuracy)" in sources
    attached = [c for c in notebook["cells"] if c.get("attachments")]
    assert attached and "](attachment:mnist-sample.svg)" in attached[0]["source"]
    data = attached[0]["attachments"]["mnist-sample.svg"]["image/svg+xml"]
    assert base64.b64decode(data) == SVG
    # The admonition keeps its title as a bold line.
    assert "**What this accuracy does not mean**" in sources


def test_a_tab_that_is_not_a_variant_keeps_its_title_and_content() -> None:
    notebook = notebook_of(PAGES["fixture"], "Keras")
    sources = "\n".join(cell["source"] for cell in notebook["cells"])
    assert "**Linux / macOS**" in sources and "**Windows**" in sources
    assert "```bash\npip install numpy\n```" in sources
    assert "torch_only = " not in sources
