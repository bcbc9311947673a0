"""The site settings the checker mirrors, read from mkdocs.yml.

The inventory must find exactly the code blocks the site renders, so it reads the same settings
the renderer uses: the docs folder, `pymdownx.snippets` (base paths, auto-append) and
`pymdownx.superfences` (custom fences, relaxed headers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class ConfigError(Exception):
    """mkdocs.yml is missing or cannot be read (a usage error: exit code 2)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads MkDocs' `!!python/name:` and `!ENV` tags as None instead of failing."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)
_Loader.add_multi_constructor("!", lambda _loader, _suffix, _node: None)


@dataclass(frozen=True)
class SnippetsConfig:
    """`pymdownx.snippets` options (defaults as in pymdown-extensions)."""

    enabled: bool = False
    base_paths: tuple[Path, ...] = ()
    auto_append: tuple[str, ...] = ()
    restrict_base_path: bool = True
    check_paths: bool = False
    dedent_subsections: bool = False


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    snippets: SnippetsConfig = field(default_factory=SnippetsConfig)
    custom_fences: frozenset[str] = frozenset()
    relaxed_headers: bool = False
    tab_length: int = 4


def _extensions(raw: Any) -> dict[str, dict[str, Any]]:
    """mkdocs.yml's `markdown_extensions` as {name: options}."""
    result: dict[str, dict[str, Any]] = {}
    for entry in raw or []:
        if isinstance(entry, str):
            result[entry] = {}
        elif isinstance(entry, dict):
            for name, options in entry.items():
                result[name] = options or {}
    return result


def load_site_config(root: Path) -> SiteConfig:
    """Read `root/mkdocs.yml`; paths in it are relative to `root` (where mkdocs runs)."""
    path = root / "mkdocs.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ConfigError(f"{path}: cannot read the site configuration: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    extensions = _extensions(data.get("markdown_extensions"))

    snippets = SnippetsConfig()
    if "pymdownx.snippets" in extensions:
        options = extensions["pymdownx.snippets"]
        base = options.get("base_path", ["."])
        if isinstance(base, str):
            base = [base]
        snippets = SnippetsConfig(
            enabled=True,
            base_paths=tuple((root / b).resolve() for b in base),
            auto_append=tuple(options.get("auto_append", []) or []),
            restrict_base_path=bool(options.get("restrict_base_path", True)),
            check_paths=bool(options.get("check_paths", False)),
            dedent_subsections=bool(options.get("dedent_subsections", False)),
        )

    fences = extensions.get("pymdownx.superfences", {})
    custom = frozenset(
        str(f["name"]) for f in fences.get("custom_fences", []) or [] if isinstance(f, dict)
    )
    return SiteConfig(
        root=root,
        docs_dir=(root / str(data.get("docs_dir", "docs"))).resolve(),
        snippets=snippets,
        custom_fences=custom,
        relaxed_headers=bool(fences.get("relaxed_headers", False)),
    )
