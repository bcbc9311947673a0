"""Build a site with `mkdocs build`, optionally with one extra page added to it: the one site
build that the tests, the quality figures and the theme specimen share.

The extra page is the theme specimen (tests/fixtures/theme-specimen.md): the gates check every
element the theme styles even when no content page uses it yet. It is built from a copy of the
docs folder (under .cache/ beside mkdocs.yml) so the docs folder itself is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Runs in a fresh interpreter: MkDocs keeps module-level state between builds.
_BUILD = """
import logging
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
config_file, site_dir, page, title, strict, copy_to = sys.argv[1:7]
config = load_config(config_file, site_dir=site_dir, strict=strict == "1")
if page:
    shutil.copytree(config.docs_dir, copy_to)
    shutil.copy(page, copy_to)
    config.docs_dir = copy_to
    config.nav.append({title: Path(page).name})
build(config)
"""


class BuildError(RuntimeError):
    pass


def build_site(
    out_dir: Path,
    extra_page: Path | None = None,
    title: str = "Theme specimen",
    strict: bool = True,
    config_file: Path = Path("mkdocs.yml"),
    run_in: Path | None = None,
) -> Path:
    """Build the site of `config_file` into `out_dir`; with `extra_page`, add that page at the
    docs root. The build runs in `run_in` (default: mkdocs.yml's folder), where
    pymdownx.snippets' base paths and the plugins' abbreviation list are found.

    Raises BuildError with MkDocs' output when the build fails. `strict=False` only for trying
    things out while pages are half-written.
    """
    config_file = Path(config_file).resolve()
    root = Path(run_in or config_file.parent).resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # The copy stays beside mkdocs.yml (in the ignored .cache/): plugins read some sources, such
    # as the abbreviation list, relative to the folder the build runs in.
    (root / ".cache").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="specimen-docs-", dir=root / ".cache") as tmp:
        arguments = [
            str(config_file),
            str(out_dir),
            str(extra_page or ""),
            title,
            "1" if strict else "0",
            str(Path(tmp) / "docs"),
        ]
        result = subprocess.run(
            [sys.executable, "-c", _BUILD, *arguments],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise BuildError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return out_dir
