"""The site settings the checker mirrors, read with MkDocs' own `load_config`.

The inventory must find exactly the code blocks the site renders, so it reads the same settings
the renderer uses: the docs folder, `pymdownx.snippets` (base paths, auto-append, check_paths)
and `pymdownx.superfences` (custom fences with their validators, relaxed headers), after the
site's plugins have run `on_config` (site_plugins.py), as in `mkdocs build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, MkDocsException

from dlmd.markdown.custom_fences import CustomFence, FenceConfigError, custom_fences_from
from dlmd.snippetcheck.conventions import ALL as ALL_CONVENTIONS
from dlmd.snippetcheck.site_plugins import run_on_config

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
    custom_fences: tuple[CustomFence, ...] = ()
    relaxed_headers: bool = False
    tab_length: int = 4
    notes: tuple[str, ...] = ()  # what the check could not model (printed once per run)
    # Other sites' conventions honoured (conventions.py; the command line turns them off).
    conventions: frozenset[str] = frozenset(ALL_CONVENTIONS)
    isolate: bool = False  # every block in its own namespace (--isolate)
    show_unknown: bool = False  # untagged and non-pip shell fences shown, not failed
    environment: dict[str, str] = field(default_factory=dict)  # set by plugins' on_config


def load_site_config(config_file: Path) -> SiteConfig:
    """Read the site's mkdocs.yml; its relative paths start at the folder it is in (where mkdocs
    runs), as they do for the renderer."""
    root = Path(config_file).resolve().parent
    try:
        config = load_config(str(config_file))
    except (OSError, ConfigurationError, MkDocsException) as error:  # Abort: logged above
        raise ConfigError(f"{config_file}: cannot read the site configuration: {error}") from error
    declared = _superfences_entries(config)
    config, notes, environment = run_on_config(config)
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

    fences = extensions.get("pymdownx.superfences", {}) or {}
    entries = list(fences.get("custom_fences", []) or [])
    try:
        custom = tuple(
            fence
            for index, entry in enumerate(entries)
            for fence in custom_fences_from(
                [entry], "mkdocs.yml" if index < len(declared) else "a plugin's on_config"
            )
        )
    except FenceConfigError as error:
        raise ConfigError(f"{config_file}: pymdownx.superfences custom_fences: {error}") from error
    return SiteConfig(
        root=root,
        docs_dir=Path(config.docs_dir).resolve(),
        snippets=snippets,
        custom_fences=custom,
        relaxed_headers=bool(fences.get("relaxed_headers", False)),
        notes=tuple(notes),
        environment=environment,
    )


def _superfences_entries(config: object) -> list[object]:
    """The custom fences mkdocs.yml itself declares (before plugins add theirs)."""
    options = getattr(config, "mdx_configs", {}).get("pymdownx.superfences", {}) or {}
    return list(options.get("custom_fences", []) or [])
