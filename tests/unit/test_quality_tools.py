"""The quality gates' own machinery, without a browser: the gzip server, the page list, the
theme's HTML fixes, and reading vnu and Lighthouse reports (a misread report would let a
failing page pass)."""

from __future__ import annotations

import gzip
import http.client
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath

import pytest
from dlmd.pages.theme_html import fix_html
from dlmd.quality.gzip_server import serving
from dlmd.quality.lighthouse import parse_report
from dlmd.quality.network import same_origin
from dlmd.quality.pages import base_path, url_path_for_source
from dlmd.quality.vnu import parse_report as parse_vnu


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><title>home</title>" + "x" * 2000)
    (tmp_path / "404.html").write_text("<!doctype html><title>not found</title>")
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "index.html").write_text("<!doctype html><title>faq</title>")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(500))
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://example.org/project/</loc></url></urlset>"
    )
    return tmp_path


def _get(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    headers = {"Accept-Encoding": "gzip"} if gzip_ok else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_server_gzips_text_like_the_host_and_serves_images_as_they_are(tiny_site: Path) -> None:
    with serving(tiny_site, "/project/") as url:
        assert url.endswith("/project/")
        status, headers, body = _get(url)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (tiny_site / "index.html").read_bytes()
        assert int(headers["Content-Length"]) == len(body) < 2000

        status, headers, body = _get(url, gzip_ok=False)
        assert "Content-Encoding" not in headers and body.startswith(b"<!doctype html>")

        status, headers, body = _get(url + "logo.png")
        assert "Content-Encoding" not in headers and body == (tiny_site / "logo.png").read_bytes()


def test_server_answers_missing_pages_with_404_html_and_redirects_folders(
    tiny_site: Path,
) -> None:
    with serving(tiny_site, "/project/") as url:
        status, _, body = _get(url + "no-such-page/", gzip_ok=False)
        assert status == 404 and b"not found" in body
        status, _, body = _get(url.replace("/project/", "/other/"), gzip_ok=False)
        assert status == 404, "only the base path is the site"
        status, _, _ = _get(url + "../../etc/passwd", gzip_ok=False)
        assert status == 404
        host = url.split("/")[2]
        connection = http.client.HTTPConnection(host)
        connection.request("GET", "/project/faq")
        response = connection.getresponse()
        assert response.status == 301 and response.getheader("Location") == "/project/faq/"
        connection.close()


def test_base_path_comes_from_the_sitemap(tiny_site: Path) -> None:
    assert base_path(tiny_site) == "/project/"


def test_a_site_built_without_site_url_is_served_at_the_root(tmp_path: Path) -> None:
    # What MkDocs writes without site_url (a clone with no GitHub remote): no addresses.
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>None</loc></url></urlset>")
    assert base_path(tmp_path) == "/"
    (tmp_path / "sitemap.xml").write_text("<urlset></urlset>")
    assert base_path(tmp_path) == "/"


@pytest.mark.parametrize(
    ("source", "path"),
    [
        ("index.md", ""),
        ("faq.md", "faq/"),
        ("applications/index.md", "applications/"),
        ("applications/imaging.md", "applications/imaging/"),
        ("tutorials/first-model.ipynb", "tutorials/first-model/"),
    ],
)
def test_source_files_map_to_directory_urls(source: str, path: str) -> None:
    assert url_path_for_source(PurePosixPath(source)) == path


def test_only_the_sites_own_origin_counts_as_same_origin() -> None:
    origin = "http://127.0.0.1:8000"
    assert same_origin("http://127.0.0.1:8000/project/a.css", origin)
    assert same_origin("data:image/svg+xml,<svg/>", origin)
    assert not same_origin("http://127.0.0.1:8001/a.css", origin)
    assert not same_origin("https://fonts.googleapis.com/css", origin)
    assert not same_origin("https://api.github.com/repos/x/y", origin)


def test_theme_html_fixes_only_the_invalid_markup() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
        ' autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">'
        '<label class="md-nav__link" for="__nav_3" tabindex="0">'
        '<label class="md-nav__title" for="__toc">'
    )
    fixed = fix_html(page)
    assert 'id="__drawer">' in fixed, "autocomplete stays off a checkbox"
    assert 'class="md-search__input" autocomplete="off"' in fixed, "a text input keeps it"
    assert 'tabindex=""' not in fixed and 'tabindex="0"' in fixed
    assert '<label class="md-nav__title">' in fixed, "no __toc toggle on this page"
    with_toc = page + '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
    assert '<label class="md-nav__title" for="__toc">' in fix_html(with_toc)


def _lighthouse_report(seo_score: float, performance: float = 0.91, tbt: float = 150) -> dict:
    category = {"score": 1, "auditRefs": [{"id": "document-title", "weight": 1}]}
    breakdown = [
        {"group": "styleLayout", "groupLabel": "Style & Layout", "duration": 900.5},
        {"group": "scriptEvaluation", "groupLabel": "Script Evaluation", "duration": 310.0},
    ]
    return {
        "finalDisplayedUrl": "http://127.0.0.1/",
        "audits": {
            "document-title": {"score": 1, "title": "Has a title"},
            "meta-description": {"score": 0, "title": "Has a meta description"},
            "total-blocking-time": {"score": 0.9, "numericValue": tbt},
            "mainthread-work-breakdown": {"details": {"items": breakdown}},
            "bootup-time": {"details": {"items": [{"url": "http://x/bundle.js", "total": 80}]}},
        },
        "categories": {
            "performance": {**category, "score": performance},
            "accessibility": category,
            "best-practices": category,
            "seo": {
                "score": seo_score,
                "auditRefs": [{"id": "meta-description", "weight": 1}],
            },
        },
    }


def test_lighthouse_report_names_the_audit_that_costs_points() -> None:
    result = parse_report(_lighthouse_report(0.92))
    assert result.scores == {
        "performance": 91,
        "accessibility": 100,
        "best-practices": 100,
        "seo": 92,
    }
    assert result.problems() == ["seo 92: meta-description: Has a meta description"]
    perfect = parse_report(_lighthouse_report(1.0))
    assert perfect.problems() == [], "performance of 90 or more is within the margin"
    assert perfect.tbt_ms == 150
    assert perfect.main_thread_ms == {"Style & Layout": 900.5, "Script Evaluation": 310.0}
    assert perfect.scripts_ms == {"http://x/bundle.js": 80.0}


def test_one_audits_speed_is_not_a_category_problem() -> None:
    slow = parse_report(_lighthouse_report(1.0, performance=0.80, tbt=900))
    assert slow.problems() == []
    assert (slow.scores["performance"], slow.tbt_ms) == (80, 900)


def test_vnu_report_sorts_errors_warnings_and_advice_by_file(tmp_path: Path) -> None:
    page = tmp_path / "faq" / "index.html"
    page.parent.mkdir()
    page.write_text("<!doctype html>")
    url = page.resolve().as_uri()
    data = {
        "messages": [
            {"type": "error", "url": url, "lastLine": 3, "message": "Bad value", "extract": "x"},
            {"type": "info", "subType": "warning", "url": url, "message": "Obsolete"},
            {"type": "info", "url": url, "message": "Trailing slash"},
            {"type": "non-document-error", "url": url, "message": "Cannot read"},
        ]
    }
    reports = parse_vnu(tmp_path, [page], data)
    report = reports["faq/index.html"]
    assert [message.text for message in report.errors] == ["Bad value", "Cannot read"]
    assert [message.text for message in report.warnings] == ["Obsolete"]
    assert [message.text for message in report.infos] == ["Trailing slash"]
    assert report.errors[0].describe().startswith("faq/index.html:3: error: Bad value")
