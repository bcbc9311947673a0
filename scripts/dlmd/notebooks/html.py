"""Turn the HTML that mkdocs-jupyter renders for a notebook into a light page in the site's style.

mkdocs-jupyter wraps each notebook in about 570 KB of JupyterLab CSS, a clipboard script,
MathJax and Mermaid loaders (the latter from a CDN), prompts and editor markup. This module keeps
only the cells and rebuilds them in the markup the rest of the site uses:

- Markdown cells become plain page content: headings get the site's permalink, fenced code gets
  `pre > code` (so Material adds its copy button), links to other notebooks or Markdown pages
  point to their pages, and abbreviations get the site's glossary tooltips.
- Code cells become a Material code block (`div.highlight > pre > code`, copy button included)
  followed by their outputs: text as preformatted text, images as compressed WebP files next to
  the page with the alt text the notebook gives in the cell's `metadata.dlmd.alt`.
- Cells marked `metadata.dlmd.answer: true` (an exercise's worked answer, Markdown or code with
  its outputs) go inside a closed `<details>` whose summary reads "Worked answer", the markup
  of pymdownx.details' `??? success "Worked answer"`; consecutive marked cells share one.

The page must say which notebook it shows, where to run it and where its source lives, so
`action_links` renders the "Download notebook", "Open in Colab" and "View source" links (the
last two only when the build knows the repository: dlmd.pages.site_address).
Plain Python with no MkDocs dependency; the plugin `dlmd-notebooks` (dlmd/plugins/notebooks/)
calls it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from PIL import Image

CELL_ID_PREFIX = "cell-id="
PALETTE_COLORS = 64  # plots use few colors; 64 keeps anti-aliased text and colormaps smooth
# Text inside these elements never gets an abbreviation tooltip (as with Python-Markdown's abbr).
NO_ABBR_INSIDE = ["code", "pre", "a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "script"]
# The label over every output, the same words as on Markdown pages (dlmd/pages/output_labels.py).
OUTPUT_LABEL = "Output"
PERMALINK_TITLE = "Link to this section"  # the same words as `toc.permalink_title` in mkdocs.yml
# The summary of a worked answer, the same words as the Markdown pages' `??? success "..."`.
ANSWER_SUMMARY = "Worked answer"
# What a cell's `metadata.dlmd` may hold: alt and answer for the build, skip and timeout for the
# snippet check, source_sha256 written by it. Anything else is a typo that would go unnoticed
# (an answer shown open), so the build refuses it.
CELL_METADATA_KEYS = ("alt", "answer", "skip", "source_sha256", "timeout")


class NotebookHTMLError(ValueError):
    """The notebook or its HTML cannot be turned into a page; the message says how to fix it."""


@dataclass
class NotebookPage:
    """The page's HTML and the image files it refers to (file name -> WebP bytes)."""

    html: str
    images: dict[str, bytes] = field(default_factory=dict)


# Image bytes -> (WebP bytes, pixel size): compress_image, or a cache in front of it.
Compress = Callable[[bytes], tuple[bytes, tuple[int, int]]]


@dataclass
class _Figures:
    """The page's figures as they are found, and how to compress each."""

    compress: Compress
    files: dict[str, bytes] = field(default_factory=dict)


def alt_texts(notebook: dict, where: str) -> dict[str, list[str]]:
    """Map each code cell's id to the alt texts of its image outputs, in output order.

    A cell's `metadata.dlmd.alt` is one string (one image) or a list of strings (one per image).
    Raise NotebookHTMLError naming the cell when an image output has no alt text.
    """
    found: dict[str, list[str]] = {}
    code_number = 0
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        code_number += 1
        images = sum(1 for out in cell.get("outputs", []) if _image_mime(out.get("data", {})))
        declared = (cell.get("metadata", {}).get("dlmd") or {}).get("alt")
        if not images and not declared:
            continue
        cell_id = cell.get("id")
        name = f"{where} code cell {code_number}"
        if not cell_id:
            raise NotebookHTMLError(
                f"{name}: the cell has no id; save the notebook with nbformat 4.5 or newer"
            )
        texts = [declared] if isinstance(declared, str) else declared or []
        texts = [text.strip() for text in texts if isinstance(text, str) and text.strip()]
        if len(texts) != images:
            raise NotebookHTMLError(
                f"{name} (id {cell_id!r}): {images} image output(s) but {len(texts)} alt "
                'text(s); describe each image in the cell metadata: {"dlmd": {"alt": "..."}} '
                "(a list of strings for several images). No image where alt text is given? "
                "Refresh the outputs: check-snippets --write-outputs"
            )
        found[cell_id] = texts
    return found


def answer_cells(notebook: dict, where: str) -> set[str]:
    """The ids of the cells that belong to a worked answer (`metadata.dlmd.answer: true`).

    Raise NotebookHTMLError naming the cell for an `answer` that is not `true`, or for a key
    in `metadata.dlmd` that nothing reads.
    """
    found: set[str] = set()
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        meta = (cell.get("metadata") or {}).get("dlmd")
        if meta is None:
            continue
        name = f"{where} cell {number} (id {cell.get('id')!r})"
        if not isinstance(meta, dict):
            raise NotebookHTMLError(
                f'{name}: metadata.dlmd must be an object, e.g. {{"alt": "..."}}'
            )
        unknown = sorted(set(meta) - set(CELL_METADATA_KEYS))
        if unknown:
            raise NotebookHTMLError(
                f"{name}: unknown key(s) in metadata.dlmd: {', '.join(unknown)}; "
                f"a cell's metadata.dlmd holds only {', '.join(CELL_METADATA_KEYS)}"
            )
        if "answer" not in meta:
            continue
        if meta["answer"] is not True:
            raise NotebookHTMLError(
                f"{name}: metadata.dlmd.answer is {meta['answer']!r}; mark a worked answer's "
                'cells with {"dlmd": {"answer": true}}, or remove the key'
            )
        if not cell.get("id"):
            raise NotebookHTMLError(
                f"{name}: the cell has no id; save the notebook with nbformat 4.5 or newer"
            )
        found.add(cell["id"])
    return found


def _image_mime(data: dict) -> str | None:
    return next((mime for mime in ("image/png", "image/jpeg") if mime in data), None)


def action_links(repo_url: str | None, source_path: str, branch: str | None) -> str:
    """HTML for the "Download notebook", "Open in Colab" and "View source" links.

    `source_path` is the notebook's path in the repository, e.g. `docs/tutorials/x.ipynb`;
    the downloadable copy sits next to the page (mkdocs-jupyter's `include_source`), so
    "Download notebook" is always there. "View source" needs the repository and the branch;
    "Open in Colab" also needs the repository to be on github.com (Colab opens only those).
    """
    file_name = source_path.rsplit("/", 1)[-1]
    links = [(file_name, "Download notebook", f' download="{html.escape(file_name)}"', "primary")]
    if repo_url and branch:
        repo = repo_url.rstrip("/")
        parts = urlsplit(repo)
        if parts.netloc == "github.com":
            colab = f"https://colab.research.google.com/github{parts.path}/blob/{branch}/"
            links.append((colab + source_path, "Open in Colab", "", ""))
        links.append((f"{repo}/blob/{branch}/{source_path}", "View source", "", ""))
    items = "".join(
        f'<a class="md-button{" md-button--primary" if kind else ""}" '
        f'href="{html.escape(href)}"{extra}>{label}</a>'
        for href, label, extra, kind in links
    )
    return f'<p class="dlmd-nb-actions">{items}</p>'


def render(
    notebook_html: str,
    *,
    notebook: dict,
    where: str,
    resolve_link: Callable[[str], str | None],
    abbreviations: list[tuple[str, str]],
    actions: str,
    compress: Compress | None = None,
) -> NotebookPage:
    """Rebuild mkdocs-jupyter's HTML for `notebook` (read from `where`) as a light page.

    `resolve_link(path)` maps a relative link to a notebook or Markdown file to the URL of its
    page, or None when no such page exists. `actions` is inserted after the first heading.
    `compress` turns an image output into WebP (default compress_image; the plugin passes a
    cache of its results, dlmd.notebooks.figure_cache).
    """
    soup = BeautifulSoup(notebook_html, "html.parser")
    cells = soup.select(f'div[id^="{CELL_ID_PREFIX}"]')
    if not cells:
        raise NotebookHTMLError(
            f"{where}: no cells found in mkdocs-jupyter's HTML; if mkdocs-jupyter was upgraded, "
            "check that its template still marks cells with id='cell-id=...'"
        )
    alts = alt_texts(notebook, where)
    answers = answer_cells(notebook, where)
    page = BeautifulSoup("", "html.parser")
    answer: Tag | None = None  # the worked answer that the previous cell went into
    images = _Figures(compress or compress_image)
    abbr_pattern = _abbreviation_pattern(abbreviations)
    meanings = dict(abbreviations)
    for cell in cells:
        cell_id = cell["id"][len(CELL_ID_PREFIX) :]
        classes = cell.get("class", [])
        nodes: list = []
        if "jp-MarkdownCell" in classes:
            content = cell.select_one(".jp-RenderedMarkdown")
            if content is None:
                continue
            _markdown_to_site(content, where, resolve_link, abbr_pattern, meanings)
            nodes = list(content.contents)
        elif "jp-CodeCell" in classes:
            block = _code_cell(page, cell, cell_id, alts.get(cell_id, []), where, images)
            nodes = [block] if block is not None else []
        if cell_id not in answers:
            answer = None
            page.extend(nodes)
            continue
        if answer is None:
            answer = _answer_block(page)
            page.append(answer)
        answer.extend(nodes)
    heading = page.find("h1")
    if heading is None:
        raise NotebookHTMLError(f"{where}: the first Markdown cell must start with a '# Title'")
    heading.insert_after(BeautifulSoup(actions, "html.parser"))
    return NotebookPage(str(page), images.files)


def _answer_block(page: BeautifulSoup) -> Tag:
    """A closed disclosure for a worked answer: it opens without JavaScript."""
    details = page.new_tag("details", attrs={"class": "success dlmd-answer"})
    summary = page.new_tag("summary")
    summary.string = ANSWER_SUMMARY
    details.append(summary)
    return details


def _markdown_to_site(
    content: Tag,
    where: str,
    resolve_link: Callable[[str], str | None],
    abbr_pattern: re.Pattern[str] | None,
    meanings: dict[str, str],
) -> None:
    for anchor in content.select("a.anchor-link"):
        anchor["class"] = ["headerlink"]
        anchor["title"] = PERMALINK_TITLE
    for pre in content.select("div.highlight > pre"):
        code = BeautifulSoup("", "html.parser").new_tag("code")
        code.extend(list(pre.contents))
        pre.append(code)
    for link in content.select("a[href]"):
        link["href"] = _site_link(link["href"], where, resolve_link)
    if abbr_pattern is not None:
        _add_abbreviations(content, abbr_pattern, meanings)


def _site_link(href: str, where: str, resolve_link: Callable[[str], str | None]) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
        return href  # another site, an anchor on this page, or a site-absolute path
    if not parts.path.endswith((".ipynb", ".md")):
        return href
    url = resolve_link(parts.path)
    if url is None:
        raise NotebookHTMLError(
            f"{where}: a Markdown cell links to {href!r}, which is not a page of the site; "
            "link to a notebook or Markdown file under docs/, relative to this notebook"
        )
    return url + (f"#{parts.fragment}" if parts.fragment else "")


def _abbreviation_pattern(abbreviations: list[tuple[str, str]]) -> re.Pattern[str] | None:
    terms = sorted((term for term, _ in abbreviations), key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")\b")


def _add_abbreviations(content: Tag, pattern: re.Pattern[str], meanings: dict[str, str]) -> None:
    factory = BeautifulSoup("", "html.parser")
    for text in list(content.find_all(string=True)):
        if text.find_parent(NO_ABBR_INSIDE) or not pattern.search(text):
            continue
        pieces: list[NavigableString | Tag] = []
        position = 0
        for match in pattern.finditer(text):
            pieces.append(NavigableString(text[position : match.start()]))
            abbr = factory.new_tag("abbr", title=meanings[match[1]])
            abbr.string = match[1]
            pieces.append(abbr)
            position = match.end()
        pieces.append(NavigableString(text[position:]))
        text.replace_with(*pieces)


def _code_cell(
    page: BeautifulSoup,
    cell: Tag,
    cell_id: str,
    alts: list[str],
    where: str,
    images: _Figures,
) -> Tag | None:
    wrapper = page.new_tag("div", attrs={"class": "dlmd-nb-cell"})
    source = cell.select_one(".jp-InputArea-editor pre")
    if source is not None and source.get_text().strip():
        block = page.new_tag("div", attrs={"class": "language-python highlight"})
        pre = page.new_tag("pre")
        code = page.new_tag("code")
        code.extend(list(source.contents))
        pre.append(code)
        block.append(pre)
        wrapper.append(block)
    outputs = _outputs(cell, cell_id, alts, where, images)
    if outputs:
        # The same markup as output blocks on Markdown pages (dlmd/pages/output_labels.py).
        # Out of the search index too, as on Markdown pages.
        area = page.new_tag(
            "div",
            attrs={"class": "dlmd-output dlmd-nb-output no-copy", "data-search-exclude": ""},
        )
        label = page.new_tag("p", attrs={"class": "dlmd-output__label"})
        label.string = OUTPUT_LABEL
        area.append(label)
        for kind, value, extra in outputs:
            area.append(_output_tag(page, kind, value, extra))
        wrapper.append(area)
    return wrapper if wrapper.contents else None


def _outputs(
    cell: Tag, cell_id: str, alts: list[str], where: str, images: _Figures
) -> list[tuple[str, str, dict[str, str]]]:
    """(kind, value, extra) per output; adjacent text of the same kind is merged into one."""
    found: list[tuple[str, str, dict[str, str]]] = []
    remaining_alts = list(alts)
    for output in cell.select(".jp-OutputArea-output"):
        image = output.find("img")
        mime = output.get("data-mime-type", "")
        if image is not None:
            if not remaining_alts:
                raise NotebookHTMLError(
                    f"{where} (cell id {cell_id!r}): an image output has no alt text; add it "
                    'to the cell metadata: {"dlmd": {"alt": "..."}}'
                )
            name, size = _store_image(image.get("src", ""), where, cell_id, images)
            alt = remaining_alts.pop(0)
            found.append(("image", name, {"alt": alt, **display_size(image, size)}))
            continue
        if mime == "text/html":
            if output.find(["script", "iframe", "img", "svg", "style", "link"]):
                raise NotebookHTMLError(
                    f"{where} (cell id {cell_id!r}): an HTML output with scripts, styles or "
                    "media cannot be shown on this site; print text or show a plot instead"
                )
            if not output.find(["table", "ul", "ol"]):  # e.g. Keras' model.summary(), as text
                pre = output.find("pre")
                _append_text(found, "stdout", (pre or output).get_text().strip("\n") + "\n")
                continue
            for tag in output.find_all(True):
                del tag["style"]  # inline colors would ignore the site's palettes
            found.append(("html", output.decode_contents(), {}))
            continue
        pre = output.find("pre")
        if pre is None:
            raise NotebookHTMLError(
                f"{where} (cell id {cell_id!r}): an output of type {mime or 'unknown'} cannot "
                "be shown on this site; print text or show a PNG plot instead"
            )
        kind = "stderr" if mime == "application/vnd.jupyter.stderr" else "stdout"
        _append_text(found, kind, pre.get_text())
    return found


def _append_text(found: list[tuple[str, str, dict[str, str]]], kind: str, text: str) -> None:
    if found and found[-1][0] == kind:
        found[-1] = (kind, found[-1][1] + text, {})
    else:
        found.append((kind, text, {}))


def _output_tag(page: BeautifulSoup, kind: str, value: str, extra: dict[str, str]) -> Tag:
    if kind == "image":
        figure = page.new_tag("p", attrs={"class": "dlmd-nb-figure"})
        figure.append(page.new_tag("img", attrs={"src": value, "loading": "lazy", **extra}))
        return figure
    if kind == "html":
        div = page.new_tag("div", attrs={"class": "dlmd-nb-html"})
        div.extend(list(BeautifulSoup(value, "html.parser").contents))
        return div
    pre = page.new_tag("pre", attrs={"class": f"dlmd-nb-{kind}"})
    code = page.new_tag("code")
    code.string = value.rstrip("\n")
    pre.append(code)
    return pre


def _store_image(
    src: str, where: str, cell_id: str, images: _Figures
) -> tuple[str, dict[str, str]]:
    match = re.fullmatch(r"data:image/(png|jpeg);base64,(?P<data>[A-Za-z0-9+/=\s]+)", src)
    if match is None:
        raise NotebookHTMLError(
            f"{where} (cell id {cell_id!r}): an image output is not an embedded PNG or JPEG"
        )
    webp, (width, height) = images.compress(base64.b64decode(match["data"]))
    name = f"figure-{hashlib.sha256(webp).hexdigest()[:12]}.webp"
    images.files[name] = webp
    return name, {"width": str(width), "height": str(height)}


def display_size(image: Tag, pixels: dict[str, str]) -> dict[str, str]:
    """The size to show an image at: the width and height its output declares, else its pixels.

    A figure drawn at 2x (`InlineBackend.figure_formats = ["retina"]`) declares half its pixel
    size, so it shows at its normal size and stays sharp on high-density screens.
    """
    width, height = image.get("width"), image.get("height")
    if width and height and str(width).isdigit() and str(height).isdigit():
        return {"width": str(width), "height": str(height)}
    return pixels


def compress_image(data: bytes) -> tuple[bytes, tuple[int, int]]:
    """The image as a lossless WebP of few colors on a white background, and its pixel size.

    Plots need few colors, and reducing them first makes the file much smaller; lossless WebP is
    about a third smaller than the same palette as PNG, which keeps 2x figures within the page
    weight budget. The white background also keeps black axis labels readable on the dark
    palette.
    """
    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert("RGBA")
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    palette = flat.quantize(
        PALETTE_COLORS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.convert("RGB").save(out, "WEBP", lossless=True, quality=100, method=6)
    return out.getvalue(), flat.size
