"""How every message names a source file: the build, `check-quizzes` and `check-snippets` print
the same page the same way (`docs/page.md:12: ...`), from any working directory."""

from __future__ import annotations

from pathlib import Path

SITE_CONFIGS = ("mkdocs.yml", "mkdocs.yaml")


def site_folder(path: Path) -> Path | None:
    """The nearest folder above `path` holding an mkdocs.yml, None when there is none."""
    for folder in path.parents:
        if any((folder / name).is_file() for name in SITE_CONFIGS):
            return folder
    return None


def source_name(path: str | Path, site: str | Path | None = None) -> str:
    """`docs/page.md`: the file relative to its site's folder (`site`, else the nearest folder
    above the file with an mkdocs.yml). A file in no site: as typed from the working directory
    when inside it, else its full path."""
    absolute = Path(path).resolve()  # a relative path is relative to the working directory
    root = Path(site).resolve() if site is not None else site_folder(absolute)
    for base in (root, Path.cwd()):
        if base is not None and absolute.is_relative_to(base):
            return absolute.relative_to(base).as_posix()
    return absolute.as_posix()
