"""dlmd.notebooks.html: notebook HTML rebuilt in the site's markup, or a clear error."""

from __future__ import annotations

import base64
import io

import pytest
from bs4 import BeautifulSoup
from dlmd.notebooks.html import (
    NotebookHTMLError,
    action_links,
    alt_texts,
    answer_cells,
    compress_image,
    render,
)
from PIL import Image


def png(size: tuple[int, int] = (40, 20)) -> str:
    out = io.BytesIO()
    Image.new("RGBA", size, (200, 30, 30, 0)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def notebook(alt: object = "A red square.") -> dict:
    image = {"output_type": "display_data", "data": {"image/png": png()}, "metadata": {}}
    return {
        "cells": [
            {"cell_type": "markdown", "id": "title", "source": "# Title"},
            {
                "cell_type": "code",
                "id": "plot",
                "metadata": {"dlmd": {"alt": alt}},
                "outputs": [image],
                "source": "plot()",
            },
        ]
    }


# What mkdocs-jupyter 0.26 renders for such a notebook, trimmed to the parts that matter.
HTML = f"""<script src="clipboard.js"></script><style>.jp-Cell {{}}</style>
<div class="jupyter-wrapper"><div class="jp-Notebook">
<div class="jp-Cell jp-MarkdownCell" id="cell-id=title"><div class="jp-RenderedMarkdown">
<h1 id="title">Title<a class="anchor-link" href="#title">¶</a></h1>
<p>The AUC of <a href="other.ipynb#part">the next notebook</a>, see <code>AUC</code>.</p>
<div class="highlight"><pre><span></span>pip install tensorflow
</pre></div>
</div></div>
<div class="jp-Cell jp-CodeCell"><div class="jp-Cell jp-CodeCell" id="cell-id=plot">
<div class="jp-InputPrompt">In [1]:</div>
<div class="jp-CodeMirrorEditor jp-InputArea-editor"><div class="CodeMirror">
<div class="zeroclipboard-container"><clipboard-copy for="cell-1"></clipboard-copy></div>
<div class="highlight-ipynb hl-python"><pre><span></span><span class="n">plot</span>()
</pre></div><div class="clipboard-copy-txt" id="cell-1">plot()</div></div></div>
<div class="jp-OutputArea-output" data-mime-type="text/plain"><pre>line 1
</pre></div>
<div class="jp-OutputArea-output" data-mime-type="text/plain"><pre>line 2
</pre></div>
<div class="jp-OutputArea-output" data-mime-type="text/html"><pre style="color: #00d7ff">
<span style="color: red">Model</span> summary</pre></div>
<div class="jp-RenderedImage jp-OutputArea-output"><img alt="No description"
 src="data:image/png;base64,{png()}"></div>
</div></div></div></div>"""


def rendered(**changes: object) -> tuple[BeautifulSoup, dict[str, bytes]]:
    page = render(HTML, **render_options(**changes))
    return BeautifulSoup(page.html, "html.parser"), page.images


def rendered_html(notebook_html: str) -> str:
    return render(notebook_html, **render_options()).html


def render_options(**changes: object) -> dict:
    return {
        "notebook": notebook(),
        "where": "docs/x.ipynb",
        "resolve_link": lambda path: {"other.ipynb": "../other/"}.get(path),
        "abbreviations": [("AUC", "Area under the curve")],
        "actions": '<p class="dlmd-nb-actions">links</p>',
        **changes,
    }


def test_cells_become_site_markup_without_notebook_assets() -> None:
    html, images = rendered()
    assert not html.find(["script", "style", "clipboard-copy"]) and "jp-" not in str(html)
    assert "In [1]" not in html.get_text()
    assert html.select_one("h1 + p.dlmd-nb-actions"), "the links follow the title"
    assert html.select_one("h1 a.headerlink")["title"] == "Link to this section"
    code = html.select_one(".dlmd-nb-cell > .language-python.highlight > pre > code")
    assert code.get_text() == "plot()\n" and code.find("span", class_="n")
    assert html.select_one("div.highlight > pre > code").get_text() == "pip install tensorflow\n"
    texts = [pre.get_text() for pre in html.select(".dlmd-nb-output pre.dlmd-nb-stdout")]
    assert texts == ["line 1\nline 2\nModel summary"], "adjacent text merges, styles dropped"
    assert "style=" not in str(html)
    img = html.select_one(".dlmd-nb-output img")
    assert img["alt"] == "A red square." and img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("40", "20") and img["src"] in images


def test_outputs_carry_the_site_output_label_and_no_copy_button() -> None:
    html, _ = rendered()
    area = html.select_one(".dlmd-nb-cell > .dlmd-output")
    assert "no-copy" in area["class"], "Material adds no copy button inside .no-copy"
    assert area.find().get_text() == "Output" and "dlmd-output__label" in area.find()["class"]


def test_a_2x_figure_is_shown_at_the_size_its_output_declares() -> None:
    # IPython's retina format stores twice the pixels and declares the 1x size on the <img>.
    retina = HTML.replace('<img alt="No description"', '<img alt="x" width="20" height="10"')
    html = BeautifulSoup(rendered_html(retina), "html.parser")
    img = html.select_one(".dlmd-nb-output img")
    assert (img["width"], img["height"]) == ("20", "10")


def test_links_point_to_pages_and_abbreviations_get_tooltips() -> None:
    html, _ = rendered()
    assert html.find("a", string="the next notebook")["href"] == "../other/#part"
    abbr = html.select("abbr")
    assert [(a.get_text(), a["title"]) for a in abbr] == [("AUC", "Area under the curve")]
    assert html.find("code", string="AUC"), "code keeps no tooltip"


def test_link_to_a_missing_page_fails_with_its_target() -> None:
    with pytest.raises(NotebookHTMLError, match=r"docs/x.ipynb: .*'other.ipynb#part'"):
        rendered(resolve_link=lambda path: None)


@pytest.mark.parametrize("alt", [None, "", ["one", "two"]])
def test_image_without_exactly_one_alt_text_fails_naming_the_cell(alt: object) -> None:
    with pytest.raises(NotebookHTMLError, match=r"docs/x.ipynb code cell 1 \(id 'plot'\)"):
        alt_texts(notebook(alt), "docs/x.ipynb")


def test_alt_text_without_its_image_fails_so_a_lost_figure_is_noticed() -> None:
    lost = notebook()
    lost["cells"][1]["outputs"] = []
    with pytest.raises(NotebookHTMLError, match=r"0 image output\(s\) but 1 alt text"):
        alt_texts(lost, "docs/x.ipynb")


def exercise_notebook(answer: object = True) -> dict:
    def cell(kind: str, cell_id: str, meta: dict | None = None) -> dict:
        return {
            "cell_type": kind,
            "id": cell_id,
            "metadata": meta or {},
            "source": "",
            "outputs": [],
        }

    marked = {"dlmd": {"answer": answer}}
    return {
        "cells": [
            cell("markdown", "title"),
            cell("markdown", "exercise-1"),
            cell("markdown", "answer-1-text", marked),
            cell("code", "answer-1-code", marked),
            cell("markdown", "exercise-2"),
            cell("code", "answer-2-code", marked),
        ]
    }


def markdown_cell(cell_id: str, inner: str) -> str:
    return (
        f'<div class="jp-Cell jp-MarkdownCell" id="cell-id={cell_id}">'
        f'<div class="jp-RenderedMarkdown">{inner}</div></div>'
    )


def code_cell(cell_id: str, code: str, output: str) -> str:
    return (
        f'<div class="jp-Cell jp-CodeCell" id="cell-id={cell_id}">'
        '<div class="jp-CodeMirrorEditor jp-InputArea-editor"><div class="highlight-ipynb">'
        f"<pre>{code}\n</pre></div></div>"
        '<div class="jp-OutputArea-output" data-mime-type="text/plain">'
        f"<pre>{output}\n</pre></div></div>"
    )


EXERCISE_HTML = "".join(
    [
        markdown_cell("title", '<h1 id="t">Title</h1>'),
        markdown_cell("exercise-1", "<p>1. Lower the threshold.</p>"),
        markdown_cell("answer-1-text", "<p>Sensitivity rises.</p>"),
        code_cell("answer-1-code", "print(0.9)", "0.9"),
        markdown_cell("exercise-2", "<p>2. Shift the prevalence.</p>"),
        code_cell("answer-2-code", "print(0.1)", "0.1"),
    ]
)


def test_answer_cells_go_into_closed_disclosures_with_their_outputs() -> None:
    page = render(EXERCISE_HTML, **render_options(notebook=exercise_notebook()))
    html = BeautifulSoup(page.html, "html.parser")
    answers = html.select("details.dlmd-answer")
    assert len(answers) == 2, "consecutive answer cells share one disclosure, one per exercise"
    for details in answers:
        assert not details.has_attr("open"), "closed until the reader opens it"
        assert details.find().name == "summary" and details.summary.get_text() == "Worked answer"
    first, second = answers
    assert first.find("p", string="Sensitivity rises.")
    assert first.select_one(".dlmd-nb-cell code").get_text() == "print(0.9)\n"
    assert first.select_one(".dlmd-nb-output pre").get_text() == "0.9", "the output is inside"
    assert second.select_one(".dlmd-nb-output pre").get_text() == "0.1"
    exercises = [p.get_text() for p in html.find_all("p") if p.find_parent("details") is None]
    assert "1. Lower the threshold." in exercises and "2. Shift the prevalence." in exercises


@pytest.mark.parametrize("answer", [False, "yes", 1])
def test_an_answer_mark_other_than_true_fails_naming_the_cell(answer: object) -> None:
    pattern = r"docs/x.ipynb cell 3 \(id 'answer-1-text'\): metadata.dlmd.answer is"
    with pytest.raises(NotebookHTMLError, match=pattern):
        answer_cells(exercise_notebook(answer), "docs/x.ipynb")


def test_an_unknown_key_in_cell_metadata_fails_instead_of_showing_the_answer() -> None:
    typo = exercise_notebook()
    typo["cells"][2]["metadata"] = {"dlmd": {"answr": True}}
    with pytest.raises(
        NotebookHTMLError, match=r"cell 3 .*unknown key\(s\) in metadata.dlmd: answr"
    ):
        answer_cells(typo, "docs/x.ipynb")


def test_compressed_image_is_a_lossless_webp_on_white() -> None:
    data, size = compress_image(base64.b64decode(png((64, 32))))
    image = Image.open(io.BytesIO(data))
    assert size == (64, 32) and image.format == "WEBP" and image.size == (64, 32)
    assert image.convert("RGB").getpixel((0, 0)) == (255, 255, 255), "transparent -> white"


def link_pairs(html: str) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in BeautifulSoup(html, "html.parser").find_all("a")]


def test_action_links_point_into_the_repository_and_branch() -> None:
    assert link_pairs(action_links("https://github.com/o/r/", "docs/t/x.ipynb", "dev")) == [
        ("Download notebook", "x.ipynb"),
        ("Open in Colab", "https://colab.research.google.com/github/o/r/blob/dev/docs/t/x.ipynb"),
        ("View source", "https://github.com/o/r/blob/dev/docs/t/x.ipynb"),
    ]


def test_without_a_repository_only_the_download_link_is_left() -> None:
    for repo_url, branch in [(None, None), (None, "main"), ("https://github.com/o/r", None)]:
        links = link_pairs(action_links(repo_url, "docs/t/x.ipynb", branch))
        assert links == [("Download notebook", "x.ipynb")], (repo_url, branch)


def test_a_repository_off_github_gets_view_source_but_no_colab() -> None:
    # Colab opens notebooks from github.com only.
    assert link_pairs(action_links("https://gitlab.com/o/r", "docs/t/x.ipynb", "main")) == [
        ("Download notebook", "x.ipynb"),
        ("View source", "https://gitlab.com/o/r/blob/main/docs/t/x.ipynb"),
    ]
