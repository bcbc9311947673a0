"""The one site build (tests, quality figures, the tests' small fixture sites):
`mkdocs build --strict`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Runs in a fresh interpreter: MkDocs keeps module-level state between builds.
_BUILD = """
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
config_file, site_dir = sys.argv[1:3]
build(load_config(config_file, site_dir=site_dir, strict=True))
"""


class BuildError(RuntimeError):
    pass


def build_site(
    out_dir: Path,
    config_file: Path = Path("mkdocs.yml"),
    run_in: Path | None = None,
    env: dict[str, str] | None = None,
) -> Path:
    """Build the site of `config_file` into `out_dir`, running in `run_in` (default: mkdocs.yml's
    folder), where pymdownx.snippets' base paths and the plugins' abbreviation list are found,
    with `env` added to the environment (e.g. the site's addresses: SITE_URL, REPO_URL,
    SITE_BRANCH). Raises BuildError with MkDocs' output on failure."""
    config_file = Path(config_file).resolve()
    result = subprocess.run(
        [sys.executable, "-c", _BUILD, str(config_file), str(out_dir)],
        cwd=run_in or config_file.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BuildError(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return out_dir
