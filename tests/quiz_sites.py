"""The quiz fixture site, built with the real mkdocs.yml (shared by the build and browser tests).

It reuses the real mkdocs.yml (theme, plugins, extensions, assets) through INHERIT, with its
own docs folder and nav.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO
from dlmd.quality.build import build_site
from mkdocs.utils.yaml import yaml_load

FIXTURE_PAGES = REPO / "tests" / "fixtures" / "quizzes" / "site"


def _fixture_config(docs: Path, site_url: str | None) -> str:
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as handle:
        parent = yaml_load(handle)
    pages = sorted([*docs.glob("*.md"), *docs.glob("*.ipynb")])
    nav = "".join(f"  - {page.name}\n" for page in pages)
    # Paths in the parent are relative to it; the ones the build reads are made absolute here.
    return (
        f"INHERIT: {(REPO / 'mkdocs.yml').as_posix()}\n"
        f"docs_dir: {docs.as_posix()}\n"
        "theme:\n"
        f"  custom_dir: {(REPO / parent['theme']['custom_dir']).as_posix()}\n"
        f"nav:\n{nav}" + (f"site_url: {site_url}\n" if site_url else "")
    )


def build_fixture_site(
    root: Path,
    pages: dict[str, str] | None = None,
    site_url: str | None = None,
    run_in: Path = REPO,
    env: dict[str, str] | None = None,
) -> Path:
    """Build the fixture pages (plus `pages`: name -> text) into `root / "site"`.

    Returns the folder it wrote, or raises BuildError with MkDocs' output; the build runs from
    `run_in`, the repository root unless a test gives a folder with its own `includes/`, where
    pymdownx.snippets finds the abbreviations as it does for the real site.
    Material's instant navigation only follows links listed in sitemap.xml under the page's
    own origin, so a site served locally must be built with that server's URL as `site_url`.
    `env` is added to the build's environment (the site's addresses, say).
    """
    docs = root / "docs"
    shutil.copytree(FIXTURE_PAGES, docs)
    shutil.copytree(REPO / "docs" / "assets", docs / "assets")
    for name, text in (pages or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(_fixture_config(docs, site_url), encoding="utf-8")
    return build_site(root / "site", config_file=config, run_in=run_in, env=env)
