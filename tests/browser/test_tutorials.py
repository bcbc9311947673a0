"""The tutorial notebooks (issue 5): they run offline and reach their targets, their stored
outputs are fresh, and their pages are light, self-contained and link where they say."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, SHARED, command
from dlmd.pageweight import measure_page
from dlmd.quality.browsing import wait_until_ready
from dlmd.quality.clipboard import show_every_code_block
from dlmd.quality.pages import SitePage
from dlmd.quality.weight import budget_of
from PIL import Image

TUTORIALS = REPO / "docs" / "tutorials"
FAILURE_MODES_TARGETS = {
    "internal_auc_shortcut": {"min": 0.9},
    "shortcut_auc_drop": {"min": 0.2},
    "fixed_auc_gap": {"max": 0.05},
    "fixed_external_gain": {"min": 0.15},
    "marker_share_shortcut": {"min": 0.2},
    "marker_share_fixed": {"max": 0.15},
    "marker_share_over_random": {"min": 2},
    "randomised_map_similarity": {"max": 0.6},
    "leakage_inflation": {"min": 0.2},
    "ece_reduction": {"min": 0.07},
    "ece_after": {"max": 0.08},
    "ppv_screening": {"max": 0.2},
}
# Each notebook and the minimum (or range) it must reach, as the issues set them.
TARGETS = {
    "first-model": {"test_accuracy": 0.97},
    "clinical-metrics": {"test_auc": 0.97},
    "first-cnn": {"test_accuracy": 0.98},
    "first-cnn-pytorch": {"test_accuracy": 0.98},  # issue 23: the same target in PyTorch
    # Issue 14: a wrong HU conversion, window, de-identification or batch shape fails.
    "medical-images": {
        "air_median_hu": {"min": -1000, "max": -700},
        "bone_median_hu": {"min": 300},
        "windowed_min": {"min": 0},
        "windowed_max": {"max": 1},
        # Issue 20: the saved copy keeps nothing the DICOM Basic Profile removes or replaces.
        "profile_values_left": {"max": 0},
        "original_dates_left": {"max": 0},
        "original_uids_left": {"max": 0},
        "private_left": {"max": 0},
        "method_recorded": {"min": 1, "max": 1},
        "batch_size": {"min": 3, "max": 3},
        "batch_height": {"min": 64, "max": 64},
        "batch_width": {"min": 64, "max": 64},
        "batch_channels": {"min": 1, "max": 1},
        "batch_min": {"min": 0},
        "batch_max": {"max": 1},
        "model_outputs": {"min": 3, "max": 3},
    },
    # Issue 24: each lesson of the notebook holds, with margins from runs at several seeds
    # (README, "Adding a tutorial notebook").
    "failure-modes": FAILURE_MODES_TARGETS,
}
# Where each notebook's data come from: ../shared/datasets, or files shipped with a package.
OFFLINE_FILES = {
    "first-model": ["mnist/mnist.npz"],
    "clinical-metrics": [],
    "first-cnn": ["mnist/mnist.npz"],
    "first-cnn-pytorch": ["mnist/mnist.npz"],  # the urllib download, served offline
    "medical-images": [],  # pydicom's bundled sample files
    "failure-modes": [],  # simulated by the notebook itself
}
TF_LOG_LINE = re.compile(
    r"^(WARNING: All log messages before absl|[IWEF]\d{4} \d\d:\d\d:\d\d)", re.M
)


def notebook(name: str) -> dict:
    return json.loads((TUTORIALS / f"{name}.ipynb").read_text(encoding="utf-8"))


def run_checker(*paths: Path, report: Path) -> subprocess.CompletedProcess[str]:
    line = [*command("check-snippets"), "--offline-data"]
    line += [str(SHARED / "datasets"), "--no-cache", "--json", str(report)]
    line += [str(path) for path in paths]
    return subprocess.run(line, cwd=REPO, capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="module")
def checker_report(site_snippet_report: dict) -> dict[str, dict]:
    """The snippet check's report for each notebook (the session runs the check once)."""
    pages = site_snippet_report["pages"]
    return {Path(p["path"]).stem: p for p in pages if p["path"].endswith(".ipynb")}


def page_html(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / "tutorials" / name / "index.html").read_text(), "html.parser")


# --- The notebooks as files -------------------------------------------------------------


@pytest.mark.parametrize("name", TARGETS)
def test_notebook_declares_its_target_and_page_metadata(name: str) -> None:
    meta = notebook(name)["metadata"]["dlmd"]
    assert meta["targets"] == TARGETS[name], "the targets must be the issue's, not lower"
    assert len(meta["description"]) > 40
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta["last_reviewed"])


@pytest.mark.parametrize("name", TARGETS)
def test_notebook_opens_with_its_versions_and_installs_in_markdown(name: str) -> None:
    cells = notebook(name)["cells"]
    title, first_code = cells[0], next(c for c in cells if c["cell_type"] == "code")
    assert "".join(title["source"]).startswith("# ")
    assert cells[1] is first_code, "the first cell after the title prints the versions"
    source = "".join(first_code["source"])
    printed = "".join("".join(o.get("text", "")) for o in first_code["outputs"])
    if name.endswith("-pytorch"):
        assert "torch.__version__" in source and re.search(r"PyTorch\s+2\.\d+", printed)
        assert "```bash\npip install torch" in "".join(title["source"])
    else:
        assert "tf.__version__" in source and "tf.keras.version()" in source
        assert re.search(r"TensorFlow\s+2\.\d+", printed)
        assert re.search(r"Keras\s+3\.\d+", printed)
        assert "```bash\npip install tensorflow" in "".join(title["source"])
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert not any(re.search(r"^\s*[!%]pip", text, re.M) for text in code), "pip would run in CI"


@pytest.mark.parametrize("name", TARGETS)
def test_stored_outputs_show_no_tensorflow_start_up_logs(name: str) -> None:
    for number, cell in enumerate(c for c in notebook(name)["cells"] if c["cell_type"] == "code"):
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", ""))
            assert not TF_LOG_LINE.search(text), (
                f"docs/tutorials/{name}.ipynb code cell {number + 1}: stored output holds "
                f"TensorFlow's C++ log lines:\n{text[:400]}"
            )
            assert "\r" not in text, "a progress bar was stored; use verbose=2 or 0"


# --- The snippet check: offline run, targets, freshness ---------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", TARGETS)
def test_notebook_runs_offline_and_meets_its_target(checker_report: dict, name: str) -> None:
    page = checker_report[name]
    failed = [f"{b['location']}: {b['message']}" for b in page["blocks"] if b["status"] == "failed"]
    assert page["status"] == "passed", "\n".join(failed + page["errors"])
    for variable, bound in TARGETS[name].items():
        limits = bound if isinstance(bound, dict) else {"min": bound}
        value = page["metrics"][variable]
        assert value >= limits.get("min", value), f"{name}: {variable} below {limits}"
        assert value <= limits.get("max", value), f"{name}: {variable} above {limits}"
    assert [f["path"] for f in page["offline_files"]] == OFFLINE_FILES[name]


@pytest.mark.slow
@pytest.mark.parametrize("name", TARGETS)
def test_stored_outputs_are_fresh(checker_report: dict, name: str) -> None:
    blocks = checker_report[name]["blocks"]
    code = [b for b in blocks if b["cell"] is not None]
    assert len(code) == sum(c["cell_type"] == "code" for c in notebook(name)["cells"])
    stale = [f"{b['location']}: {b['message']}" for b in code if "stale" in b["message"]]
    assert not stale, "\n".join(stale)
    assert all(b["status"] == "passed" for b in code)


def test_a_changed_cell_is_reported_stale_by_name(tmp_path: Path) -> None:
    """Change one cell of a copy (cut short so that nothing trains): the check names it."""
    copy = notebook("clinical-metrics")
    last = next(i for i, c in enumerate(copy["cells"]) if c.get("id") == "labels")
    copy["cells"] = copy["cells"][: last + 1]
    copy["metadata"]["dlmd"].pop("targets")
    load = next(c for c in copy["cells"] if c.get("id") == "load")
    load["source"] = "".join(load["source"]) + '\nprint("changed")'
    path = tmp_path / "changed.ipynb"
    path.write_text(json.dumps(copy), encoding="utf-8")

    result = run_checker(path, report=tmp_path / "report.json")
    page = json.loads((tmp_path / "report.json").read_text())["pages"][0]
    assert result.returncode != 0 and page["status"] == "failed"
    stale = [b for b in page["blocks"] if "stale" in b["message"]]
    assert [b["cell"] for b in stale] == [2], result.stdout  # the load cell is code cell 2
    assert "code cell 2" in stale[0]["location"]
    assert "--write-outputs" in stale[0]["message"]


def test_a_wrong_hounsfield_conversion_fails_the_air_target(tmp_path: Path) -> None:
    """Forget the rescale intercept in a copy (cut after the regions cell): the lung corners
    no longer read as air, and the check names the target it missed."""
    copy = notebook("medical-images")
    last = next(i for i, c in enumerate(copy["cells"]) if c.get("id") == "regions")
    copy["cells"] = copy["cells"][: last + 1]
    copy["metadata"]["dlmd"]["targets"] = {"air_median_hu": {"max": -700}}
    to_hu = next(c for c in copy["cells"] if c.get("id") == "to-hu")
    source = "".join(to_hu["source"])
    assert "* slope + intercept" in source
    to_hu["source"] = source.replace("* slope + intercept", "* slope").replace("assert", "#")
    path = tmp_path / "wrong-hu.ipynb"
    path.write_text(json.dumps(copy), encoding="utf-8")

    result = run_checker(path, report=tmp_path / "report.json")
    page = json.loads((tmp_path / "report.json").read_text())["pages"][0]
    assert result.returncode != 0
    assert page["metrics"]["air_median_hu"] > 0, "stored values are positive here"
    missed = [e for e in page["errors"] if "target air_median_hu" in e]
    assert len(missed) == 1 and "above its maximum -700" in missed[0], page["errors"]


def test_failure_modes_sabotaged_sites_fail_the_shortcut_target(tmp_path: Path) -> None:
    """Give both training hospitals the same prevalence in a copy (cut after the external
    test): the marker no longer goes with the disease, there is no shortcut to expose, and the
    check names the target that guards the lesson."""
    copy = notebook("failure-modes")
    last = next(i for i, c in enumerate(copy["cells"]) if c.get("id") == "external")
    copy["cells"] = copy["cells"][: last + 1]
    copy["metadata"]["dlmd"]["targets"] = {
        "shortcut_auc_drop": FAILURE_MODES_TARGETS["shortcut_auc_drop"]
    }
    cell = next(c for c in copy["cells"] if c.get("id") == "hospitals")
    source = "".join(cell["source"])
    assert source.count("prevalence=0.9") == 2 and source.count("prevalence=0.1") == 2
    cell["source"] = source.replace("prevalence=0.9", "prevalence=0.5").replace(
        "prevalence=0.1", "prevalence=0.5"
    )
    path = tmp_path / "no-shortcut.ipynb"
    path.write_text(json.dumps(copy), encoding="utf-8")

    result = run_checker(path, report=tmp_path / "report.json")
    page = json.loads((tmp_path / "report.json").read_text())["pages"][0]
    assert result.returncode != 0
    missed = [e for e in page["errors"] if "target shortcut_auc_drop" in e]
    assert len(missed) == 1 and "below its minimum 0.2" in missed[0], page["errors"]


def test_failure_modes_every_figure_has_a_caption_that_says_simulated() -> None:
    cells = notebook("failure-modes")["cells"]
    figures = 0
    for index, cell in enumerate(cells):
        if not any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            continue
        figures += 1
        source = "".join(cell["source"])
        assert re.search(r"(suptitle|set_title)\([^)]*simulated", source, re.I), (
            f"code cell {cell['id']!r}: the figure's title must say the data are simulated"
        )
        caption = "".join(cells[index + 1]["source"])
        assert cells[index + 1]["cell_type"] == "markdown"
        assert caption.startswith(f"*Figure {figures}. "), f"no caption after {cell['id']!r}"
        first_paragraph = caption.split("\n\n")[0]
        assert "Simulated" in first_paragraph or "simulated" in first_paragraph, first_paragraph
    assert figures >= 5, "each of the parts has a figure"


def test_failure_modes_links_resolve_and_other_pages_link_to_it(built_site: Path) -> None:
    html = page_html(built_site, "failure-modes")
    anchors = [a["href"] for a in html.select("article a[href^='#']")]
    missing = [href for href in anchors if html.find(id=href[1:]) is None]
    assert len(anchors) >= 8 and not missing, missing
    checklist = html.find(id="a-checklist").find_next("ol")
    assert len(checklist.select("li")) >= 6
    assert all(li.select("a[href^='#']") for li in checklist.select("li")[:5])
    for page in (
        "article/index.html",
        "applications/imaging/index.html",
        "faq/index.html",
        "tutorials/index.html",
        "glossary/index.html",
    ):
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for a in soup.select("article a[href]") if "failure-modes/" in a["href"]]
        assert links, f"{page} does not link to the failure-modes tutorial"
        target = (built_site / page).parent / links[0].split("#")[0] / "index.html"
        target_html = BeautifulSoup(target.resolve().read_text(encoding="utf-8"), "html.parser")
        for link in links:
            if "#" in link:
                fragment = link.split("#", 1)[1]
                assert target_html.find(id=fragment), f"{page}: {link} has no such section"


# --- The built pages --------------------------------------------------------------------


@pytest.mark.parametrize("name", TARGETS)
def test_page_offers_download_colab_and_source(built_site: Path, name: str) -> None:
    links = page_html(built_site, name).select(".dlmd-nb-actions a")
    source = f"docs/tutorials/{name}.ipynb"
    # The session's site is built with BUILD_ADDRESSES: the links point into that repository.
    owner_repo, branch = "test-owner/dl-medical-diagnostics", "test-branch"
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Download notebook", f"{name}.ipynb"),
        (
            "Open in Colab",
            f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{source}",
        ),
        ("View source", f"https://github.com/{owner_repo}/blob/{branch}/{source}"),
    ]
    assert links[0].has_attr("download")
    downloaded = built_site / "tutorials" / name / f"{name}.ipynb"
    assert downloaded.read_bytes() == (REPO / source).read_bytes()


@pytest.mark.parametrize("name", TARGETS)
def test_page_has_description_and_review_notice(built_site: Path, name: str) -> None:
    html = page_html(built_site, name)
    meta = notebook(name)["metadata"]["dlmd"]
    assert html.find("meta", attrs={"name": "description"})["content"] == meta["description"]
    notice = html.select_one(".dlmd-page-notice")
    assert "not medical advice" in notice.get_text()
    assert notice.find("time")["datetime"] == meta["last_reviewed"]


@pytest.mark.parametrize("name", TARGETS)
def test_page_is_under_its_weight_budget(built_site: Path, name: str) -> None:
    weight = measure_page(built_site, f"tutorials/{name}/index.html")
    assert weight.requests >= 5, f"only {weight.requests} requests counted: measure is broken"
    heaviest = sorted(weight.files.items(), key=lambda item: -item[1])[:4]
    budget = budget_of(weight, SitePage(f"tutorials/{name}/", "notebook"))
    assert weight.total_gzip < budget, f"{weight.total_gzip} bytes; {heaviest}"
    assert not weight.missing, weight.missing


def test_only_notebook_pages_carry_the_notebook_styles(built_site: Path) -> None:
    # Inlined in the page's <head> by dlmd-page-speed (tests/site/test_page_speed.py).
    styles = (built_site / "assets" / "stylesheets" / "notebook.css").read_text(encoding="utf-8")
    style = f"<style>{styles.rstrip()}</style>"
    for name in TARGETS:
        head = (built_site / "tutorials" / name / "index.html").read_text(encoding="utf-8")
        assert head.split("</head>", 1)[0].count(style) == 1, f"{name} lacks notebook.css"
    for page in ("index.html", "first-model/index.html", "tutorials/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert styles.rstrip() not in html, f"{page} carries the notebook styles"


@pytest.mark.parametrize("name", TARGETS)
def test_page_loads_nothing_from_another_origin(built_site: Path, name: str) -> None:
    weight = measure_page(built_site, f"tutorials/{name}/index.html")
    assert not weight.foreign, weight.foreign
    article = page_html(built_site, name).select_one("article")
    left = [
        tag
        for tag in article.find_all(["style", "script", "iframe"])
        if not tag.get("src", "").endswith("/explorer.js")  # dlmd-explorer's, on purpose
    ]
    assert not left, f"notebook markup left in the page: {left}"
    assert "jp-" not in str(article), "JupyterLab markup left in the page"


@pytest.mark.parametrize("name", TARGETS)
def test_every_figure_has_its_alt_text(built_site: Path, name: str) -> None:
    alts = []
    for cell in notebook(name)["cells"]:
        if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            alt = cell["metadata"]["dlmd"]["alt"]
            alts += [alt] if isinstance(alt, str) else alt
    figures = page_html(built_site, name).select("article img")
    assert alts and [img.get("alt") for img in figures] == alts
    for img in figures:
        file = built_site / "tutorials" / name / img["src"]
        data = file.read_bytes()
        assert img["alt"].strip() and data[:4] == b"RIFF" and data[8:12] == b"WEBP"
        assert file.stat().st_size < 30_000, f"{img['src']}: figure not compressed"
        # Stored at twice the size it is shown at, so it is sharp on high-density screens.
        # (IPython halves an odd pixel count rounding down.)
        with Image.open(file) as stored:
            shown = (int(img["width"]), int(img["height"]))
            assert [stored.size[i] // 2 for i in (0, 1)] == list(shown), img["src"]


@pytest.mark.parametrize("name", TARGETS)
def test_code_cells_are_site_code_blocks_with_their_exact_source(
    built_site: Path, name: str
) -> None:
    """Material gives `.highlight pre > code` its copy button; the copy is the cell's code."""
    shown = [
        block.get_text()
        for block in page_html(built_site, name).select(".dlmd-nb-cell > .highlight pre > code")
    ]
    cells = ["".join(c["source"]) for c in notebook(name)["cells"] if c["cell_type"] == "code"]
    assert [text.rstrip("\n") for text in shown] == cells


def test_links_between_notebooks_and_glossary_tooltips(built_site: Path) -> None:
    html = page_html(built_site, "first-model")
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in html.select("article a[href]")}
    assert hrefs["From accuracy to clinical metrics"] == "../clinical-metrics/"
    assert hrefs["A first convolutional network"] == "../first-cnn/"
    assert hrefs["Train your first model in seven steps"] == "../../first-model/"
    # Readers who did the seven steps can skip the notebook's repeat of them.
    skip = hrefs["Predictions and the model's confidence"]
    assert skip.startswith("#") and html.find(id=skip[1:]) is not None
    metrics = page_html(built_site, "clinical-metrics")
    abbrs = {abbr.get_text(): abbr["title"] for abbr in metrics.select("article abbr[title]")}
    assert {"AUC", "PPV", "NPV", "ROC"} <= set(abbrs)


@pytest.mark.browser
def test_code_cells_get_materials_copy_button(page: object, site_url: str) -> None:
    page.goto(site_url + "tutorials/clinical-metrics/")
    wait_until_ready(page)
    show_every_code_block(page)  # each block gets its button as it scrolls into view
    cells = page.locator(".dlmd-nb-cell > .highlight")
    buttons = page.locator(".dlmd-nb-cell > .highlight [data-clipboard-target]")
    assert cells.count() > 5
    assert buttons.count() == cells.count()
    outputs = page.locator(".dlmd-nb-output [data-clipboard-target]")
    assert outputs.count() == 0, "outputs are not code to copy"
