"""The one site build (tests, quality figures, theme specimen): `mkdocs build --strict`.

With an extra page, a copy of the docs folder gets it at its root and in the nav: the gates
check the theme specimen (tests/fixtures/theme-specimen.md), one of each element the theme
styles, even when no content page uses one yet; the docs folder itself is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Runs in a fresh interpreter: MkDocs keeps module-level state between builds.
_BUILD = """
import logging, shutil, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
config_file, site_dir, page, copy_to = sys.argv[1:5]
config = load_config(config_file, site_dir=site_dir, strict=True)
if page:
    shutil.copytree(config.docs_dir, copy_to)
    shutil.copy(page, copy_to)
    config.docs_dir = copy_to
    config.nav.append({"Theme specimen": page.rsplit("/", 1)[-1]})
build(config)
"""


class BuildError(RuntimeError):
    pass


def build_site(
    out_dir: Path,
    extra_page: Path | None = None,
    config_file: Path = Path("mkdocs.yml"),
    run_in: Path | None = None,
    env: dict[str, str] | None = None,
) -> Path:
    """Build the site of `config_file` into `out_dir` (with `extra_page`, see above), running in
    `run_in` (default: mkdocs.yml's folder), where pymdownx.snippets' base paths and the
    plugins' abbreviation list are found, with `env` added to the environment (e.g. the site's
    addresses: SITE_URL, REPO_URL, SITE_BRANCH). Raises BuildError with MkDocs' output on
    failure."""
    config_file = Path(config_file).resolve()
    # The copy stays beside mkdocs.yml (in the ignored .cache/): the notebook pages link their
    # source by its path from there.
    cache = config_file.parent / ".cache"
    cache.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="specimen-docs-", dir=cache) as tmp:
        arguments = [str(config_file), str(out_dir), str(extra_page or ""), f"{tmp}/docs"]
        result = subprocess.run(
            [sys.executable, "-c", _BUILD, *arguments],
            cwd=run_in or config_file.parent,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise BuildError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return out_dir
