"""dlmd.pageweight: what a page loads, what it weighs over the wire, what it asks elsewhere."""

from __future__ import annotations

import gzip
from pathlib import Path

from dlmd.pageweight import css_references, html_references, measure_page, measure_site
from dlmd.pageweight.cli import main

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../assets/site.css">
<link rel="icon" href="/assets/favicon.svg">
<link rel="canonical" href="https://example.org/docs/page/">
<script src="../assets/app.js"></script>
<script type="module">import("https://cdn.example.com/mermaid.mjs")</script>
</head><body>
<a href="https://doi.org/10.1000/1">a paper</a>
<img src="figure.png" alt="a figure"><img src="figure.png" alt="the same figure again">
<img srcset="small.png 1x, https://images.example.com/big.png 2x" alt="responsive">
<div style="background: url('data:image/png;base64,AAAA')"></div>
<iframe src="https://video.example.com/embed/1"></iframe>
</body></html>"""


def make_site(root: Path) -> Path:
    (root / "docs" / "page").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_text("<p>home</p>")
    (root / "docs" / "page" / "index.html").write_text(PAGE)
    (root / "docs" / "page" / "figure.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 8)
    (root / "docs" / "assets").mkdir()
    (root / "docs" / "assets" / "site.css").write_text(
        "@import 'more.css'; body { background: url(../../assets/font.woff2) }" * 20
    )
    (root / "docs" / "assets" / "more.css").write_text("p { color: red }")
    (root / "docs" / "assets" / "app.js").write_text("console.log('hi');" * 50)
    (root / "assets" / "favicon.svg").write_text("<svg/>")
    (root / "assets" / "font.woff2").write_bytes(b"woff2" * 100)
    return root


def test_html_references_are_loads_not_links() -> None:
    found = [(ref.url, ref.found_in) for ref in html_references(PAGE)]
    assert ("https://doi.org/10.1000/1", "<a href>") not in found
    assert not any("canonical" in where or "example.org" in url for url, where in found)
    assert ("../assets/site.css", "<link rel=stylesheet>") in found
    assert ("https://cdn.example.com/mermaid.mjs", "import() in <script>") in found
    assert ("https://images.example.com/big.png", "<img srcset>") in found
    assert ("https://video.example.com/embed/1", "<iframe src>") in found


def test_css_references_skip_inline_data() -> None:
    css = (
        "a{background:url(\"x.png\")} b{background:url(data:image/png;base64,AA)} @import 'y.css';"
    )
    assert [ref.url for ref in css_references(css)] == ["x.png", "y.css"]


def test_measure_counts_each_file_once_gzipped_and_flags_other_origins(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    weight = measure_page(site, "docs/page/index.html")
    css = (site / "docs" / "assets" / "site.css").read_bytes()
    assert weight.html_gzip == len(gzip.compress(PAGE.encode(), compresslevel=6, mtime=0))
    assert weight.files["docs/assets/site.css"] == len(gzip.compress(css, 6, mtime=0))
    assert weight.files["docs/page/figure.png"] == 4 + 256 * 8  # images are sent as stored
    assert weight.files["assets/font.woff2"] == 500  # found through the stylesheet
    assert set(weight.files) == {
        "docs/assets/site.css",
        "docs/assets/more.css",
        "docs/assets/app.js",
        "assets/favicon.svg",
        "assets/font.woff2",
        "docs/page/figure.png",
    }
    assert weight.requests == 1 + 6
    assert weight.total_gzip == weight.html_gzip + sum(weight.files.values())
    assert sorted(ref.url for ref in weight.foreign) == [
        "https://cdn.example.com/mermaid.mjs",
        "https://images.example.com/big.png",
        "https://video.example.com/embed/1",
    ]
    assert [ref.url for ref in weight.missing] == ["small.png"]


def test_measure_site_and_command_line(tmp_path: Path, capsys) -> None:
    site = make_site(tmp_path)
    assert [w.page for w in measure_site(site)] == ["docs/page/index.html", "index.html"]
    assert main([str(site), "--only", "index.html", "--budget-kb", "1"]) == 0
    assert main([str(site), "--only", "docs/*/*", "--budget-kb", "1"]) == 1
    printed = capsys.readouterr().out
    assert "OVER 1 KB" in printed and "other origin: https://cdn.example.com/mermaid.mjs" in printed


def test_root_relative_urls_are_read_below_the_base_path(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "404.html").write_text('<link rel="stylesheet" href="/repo/docs/assets/more.css">')
    assert measure_page(site, "404.html", base_path="/repo/").files == {
        "docs/assets/more.css": len(gzip.compress(b"p { color: red }", 6, mtime=0))
    }
    assert [ref.url for ref in measure_page(site, "404.html").missing] == [
        "/repo/docs/assets/more.css"
    ]


def test_a_picture_counts_its_heaviest_candidate_once(tmp_path: Path) -> None:
    """A browser loads one candidate of a <picture> (the phone or the desktop figure)."""
    (tmp_path / "wide.svg").write_bytes(b"<svg/>")
    (tmp_path / "phone.svg").write_bytes(bytes(range(256)) * 8)  # incompressible, heavier
    (tmp_path / "index.html").write_text(
        '<picture><source media="(max-width: 600px)" srcset="phone.svg">'
        '<img src="wide.svg" alt=""></picture><img src="wide.svg" alt="again">',
        encoding="utf-8",
    )
    weight = measure_page(tmp_path, "index.html")
    assert sorted(weight.files) == ["phone.svg", "wide.svg"]  # the second <img> still loads
    (tmp_path / "index.html").write_text(
        '<picture><source srcset="phone.svg"><img src="wide.svg" alt=""></picture>',
        encoding="utf-8",
    )
    assert list(measure_page(tmp_path, "index.html").files) == ["phone.svg"]
