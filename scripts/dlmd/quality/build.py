"""Build the site with `mkdocs build --strict`, optionally with one extra page added to it.

The extra page is the theme specimen (tests/fixtures/theme-specimen.md): the gates check every
element the theme styles even when no content page uses it yet. It is built from a copy of
docs/ (under .cache/) so docs/ itself is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter: MkDocs keeps module-level state between builds.
_BUILD = """
import logging
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
config_file, docs_dir, site_dir, page, title, strict = sys.argv[1:7]
config = load_config(config_file, docs_dir=docs_dir, site_dir=site_dir, strict=strict == "1")
if page:
    config["nav"].append({title: page})
build(config)
"""


class BuildError(RuntimeError):
    pass


def build_site(
    out_dir: Path,
    extra_page: Path | None = None,
    title: str = "Theme specimen",
    strict: bool = True,
) -> Path:
    """Build the site into `out_dir`; with `extra_page`, add that page at the docs root.

    `strict=False` only for trying things out while pages are half-written.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The copy stays inside the repository (in the ignored .cache/): hooks locate sources
    # relative to mkdocs.yml.
    (REPO / ".cache").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="specimen-docs-", dir=REPO / ".cache") as tmp:
        docs = REPO / "docs"
        if extra_page is not None:
            docs = Path(tmp) / "docs"
            shutil.copytree(REPO / "docs", docs)
            shutil.copy(extra_page, docs / extra_page.name)
        arguments = [
            str(REPO / "mkdocs.yml"),
            str(docs),
            str(out_dir),
            extra_page.name if extra_page is not None else "",
            title,
            "1" if strict else "0",
        ]
        result = subprocess.run(
            [sys.executable, "-c", _BUILD, *arguments],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise BuildError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return out_dir
