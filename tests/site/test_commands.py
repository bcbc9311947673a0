"""The README's commands and the build's loud failures, run for real."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO
from dlmd.quality.build import BuildError
from quiz_sites import build_fixture_site

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def copy_of_site_sources(tmp_path: Path) -> Path:
    """A scratch copy of everything `mkdocs build` reads, so a test can break it safely."""
    for name in ("docs", "includes", "overrides"):
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def build(root: Path, pages: dict[str, str], run_in: Path = REPO) -> str | None:
    """None when `mkdocs build --strict` of the small fixture site (tests/quiz_sites.py: the
    real theme, plugins and extensions on a few pages) plus `pages` succeeds, else its output.
    Failure paths are proven on it rather than on a copy of the whole site: same checks, a
    fraction of the build."""
    try:
        build_fixture_site(root, pages, run_in=run_in)
    except BuildError as error:
        return str(error)
    return None


PAGE = "---\ndescription: A page of the small test site.\nlast_reviewed: 2026-12-04\n---\n\n"


def test_a_page_without_a_description_fails_the_build_naming_the_file(tmp_path: Path) -> None:
    failure = build(tmp_path, {"plain.md": "---\nlast_reviewed: 2026-12-04\n---\n\n# Plain\n"})
    assert failure is not None
    assert "docs/plain.md:1: front matter is missing description" in failure


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    links = "See [the missing page](no-such-page.md) and [a section](other.md#no-such-id).\n"
    output = build(tmp_path, {"links.md": PAGE + "# Links\n\n" + links})
    assert output is not None
    assert "no-such-page.md" in output
    assert "no-such-id" in output


def test_a_malformed_abbreviation_fails_the_build_with_its_line(tmp_path: Path) -> None:
    # The build reads includes/ from the folder it runs in: a copy here, so it can break.
    shutil.copytree(REPO / "includes", tmp_path / "includes")
    abbreviations = tmp_path / "includes" / "abbreviations.md"
    count = len(abbreviations.read_text(encoding="utf-8").splitlines())
    with abbreviations.open("a", encoding="utf-8") as file:
        file.write("*[CNN] Convolutional neural network\n")
    failure = build(tmp_path, {}, run_in=tmp_path)
    assert failure is not None
    assert f"abbreviations.md:{count + 1}: expected '*[TERM]: meaning'" in failure


FIXTURE_GLOSSARY = (
    PAGE + "# Glossary\n\n### Prevalence {#prevalence}\n\nHow common.\n\n"
    "### Threshold {#threshold}\n\nThe cut-off.\n"
)


def test_a_glossary_link_to_no_entry_fails_the_build_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "includes", tmp_path / "includes")
    listed = "# Which words link where.\nprevalence: prevalence\nepoch: epoch, epochs\n"
    (tmp_path / "includes" / "glossary-links.txt").write_text(listed, encoding="utf-8")
    failure = build(tmp_path, {"glossary.md": FIXTURE_GLOSSARY}, run_in=tmp_path)
    assert failure is not None
    assert (
        "includes/glossary-links.txt:3: no glossary entry has the anchor '#epoch'; "
        "add '### Term {#epoch}' to the glossary" in failure
    ), failure


def test_a_glossary_anchor_used_twice_fails_the_build_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(REPO / "includes", tmp_path / "includes")
    listed = "prevalence: prevalence\n"
    (tmp_path / "includes" / "glossary-links.txt").write_text(listed, encoding="utf-8")
    glossary = FIXTURE_GLOSSARY + "\n### Cut-off {#threshold}\n\nThe same.\n"
    failure = build(tmp_path, {"glossary.md": glossary}, run_in=tmp_path)
    assert failure is not None
    line = glossary.splitlines().index("### Cut-off {#threshold}") + 1
    assert (
        f"docs/glossary.md:{line}: the anchor '#threshold' is already used on line "
        f"{glossary.splitlines().index('### Threshold {#threshold}') + 1}" in failure
    ), failure


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_the_serve_command_serves_the_site() -> None:
    port = free_port()
    server = subprocess.Popen(
        [str(REPO / "scripts" / "serve.sh"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            assert server.poll() is None, f"serve.sh exited:\n{server.stdout.read()}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/faq/", timeout=5) as reply:
                    html = reply.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, "the site was not served within 240 s"
                time.sleep(1)
        assert "<title>FAQ - Deep Learning in Medical Diagnostics</title>" in html
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def test_a_stray_python_file_in_docs_does_not_become_a_page(tmp_path: Path) -> None:
    failure = build(tmp_path, {"stray_helper.py": "print('not a page')\n"})
    assert failure is None, failure
    assert not (tmp_path / "site" / "stray_helper").exists()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "stray_helper" not in sitemap


def test_a_quiz_in_a_notebook_fails_the_build_instead_of_showing_as_a_list(tmp_path: Path) -> None:
    notebook = REPO / "docs" / "tutorials" / "first-model.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    # Not the first cell: its "Time:" line feeds the tutorial's course card.
    markdown_cell = next(cell for cell in data["cells"][1:] if cell["cell_type"] == "markdown")
    markdown_cell["source"] = ["<!-- quiz -->\n", "1. A question?\n", "<!-- /quiz -->\n"]
    output = build(tmp_path, {"first-model.ipynb": json.dumps(data)})
    assert output is not None
    assert "first-model.ipynb: a quiz in a notebook is not rendered" in output
