"""dlmd.pages.output_labels: a text block right after a Python block is labelled as its output."""

from __future__ import annotations

from bs4 import BeautifulSoup
from dlmd.pages.output_labels import label_output_blocks


def block(lang: str, text: str) -> str:
    # What pymdownx.highlight writes for a fenced block (line spans trimmed).
    code = f"<pre><span></span><code>{text}</code></pre>"
    return f'<div class="language-{lang} highlight">{code}</div>'


def outputs(html: str) -> list[str]:
    soup = BeautifulSoup(label_output_blocks(html), "html.parser")
    found = []
    for area in soup.select("div.dlmd-output.no-copy"):
        label = area.find("p", class_="dlmd-output__label")
        assert label is not None and label.get_text() == "Output", area
        found.append(area.select_one(".language-text pre code").get_text())
    return found


def test_text_right_after_python_is_labelled_output() -> None:
    html = block("python", "print(1)\n") + "\n" + block("text", "1\n")
    assert outputs(html) == ["1\n"]


def test_comments_between_code_and_output_are_allowed() -> None:
    marker = "<!-- check: timeout=300 -->\n<!-- output: noise -->"
    html = block("python", "print(2)\n") + f"\n{marker}\n" + block("text", "2\n")
    assert outputs(html) == ["2\n"]
    assert marker in label_output_blocks(html), "the markers stay where they were"


def test_text_that_follows_anything_else_stays_plain() -> None:
    html = (
        block("bash", "ls\n")
        + block("text", "after bash\n")
        + block("python", "x = 1\n")
        + "<p>A paragraph.</p>"
        + block("text", "after a paragraph\n")
        + '<div class="admonition"><p>Note</p>'
        + block("python", "y = 2\n")
        + "</div>"
        + block("text", "after an admonition\n")
    )
    assert outputs(html) == []
    assert label_output_blocks(html) == html


def test_python_with_line_numbers_and_several_outputs() -> None:
    numbered = (
        '<div class="language-python highlight"><table class="highlighttable"><tr>'
        '<td class="linenos"><div class="linenodiv"><pre>1</pre></div></td>'
        '<td class="code"><div><pre><code>print(3)</code></pre></div></td></tr></table></div>'
    )
    html = numbered + block("text", "3\n") + block("python", "print(4)\n") + block("text", "4\n")
    assert outputs(html) == ["3\n", "4\n"]
