"""The site settings the checker mirrors, read with MkDocs' own `load_config`.

The inventory must find exactly the code blocks the site renders, so it reads the same settings
the renderer uses: the docs folder, `pymdownx.snippets` (base paths, auto-append, check_paths)
and `pymdownx.superfences` (custom fences, relaxed headers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

# pymdownx.snippets options the include expansion (includes.py) mirrors; any other option set in
# mkdocs.yml would make the checker read a page differently from the site, so it is refused.
SUPPORTED_SNIPPETS_OPTIONS = {"base_path", "auto_append", "check_paths"}


class ConfigError(Exception):
    """mkdocs.yml is missing or cannot be read (a usage error: exit code 2)."""


@dataclass(frozen=True)
class SnippetsConfig:
    """`pymdownx.snippets` options (defaults as in pymdown-extensions)."""

    enabled: bool = False
    base_paths: tuple[Path, ...] = ()
    auto_append: tuple[str, ...] = ()
    check_paths: bool = False


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    docs_dir: Path
    snippets: SnippetsConfig = field(default_factory=SnippetsConfig)
    custom_fences: frozenset[str] = frozenset()
    relaxed_headers: bool = False
    tab_length: int = 4


def load_site_config(config_file: Path) -> SiteConfig:
    """Read the site's mkdocs.yml; its relative paths start at the folder it is in (where mkdocs
    runs), as they do for the renderer."""
    root = Path(config_file).resolve().parent
    try:
        config = load_config(str(config_file))
    except (OSError, ConfigurationError) as error:
        raise ConfigError(f"{config_file}: cannot read the site configuration: {error}") from error
    extensions = {name: config.mdx_configs.get(name, {}) for name in config.markdown_extensions}

    snippets = SnippetsConfig()
    if "pymdownx.snippets" in extensions:
        options = extensions["pymdownx.snippets"]
        unsupported = sorted(set(options) - SUPPORTED_SNIPPETS_OPTIONS)
        if unsupported:
            raise ConfigError(
                f"{config_file}: pymdownx.snippets option(s) {', '.join(unsupported)} are not "
                "mirrored by the snippet check; extend dlmd/snippetcheck/includes.py first"
            )
        base = options.get("base_path", ["."])
        base = [base] if isinstance(base, str) else base
        snippets = SnippetsConfig(
            enabled=True,
            base_paths=tuple((root / b).resolve() for b in base),
            auto_append=tuple(options.get("auto_append", []) or []),
            check_paths=bool(options.get("check_paths", False)),
        )

    fences = extensions.get("pymdownx.superfences", {})
    custom = frozenset(str(f["name"]) for f in fences.get("custom_fences", []) or [])
    return SiteConfig(
        root=root,
        docs_dir=Path(config.docs_dir).resolve(),
        snippets=snippets,
        custom_fences=custom,
        relaxed_headers=bool(fences.get("relaxed_headers", False)),
    )
