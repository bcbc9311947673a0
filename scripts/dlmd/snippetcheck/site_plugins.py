"""Run the site's plugins' `on_config`, as `mkdocs build` does before it renders anything.

Plugins may change the Markdown settings there: markdown-exec adds a custom fence per language
it executes, so with a bare `pymdownx.superfences` in mkdocs.yml its ```python exec="1" fences
exist only after `on_config`. Each plugin runs in turn, as MkDocs orders them; one that fails is
skipped and named in a note, with what that means for the check, instead of stopping it. The
process environment is restored afterwards; the variables the plugins set (markdown-exec sets
MKDOCS_CONFIG_DIR for the code it runs) are returned, and snippets get them, as in a build.
"""

from __future__ import annotations

import os
from typing import Any


def run_on_config(config: Any) -> tuple[Any, list[str], dict[str, str]]:
    """(the configuration after every plugin's on_config, notes on the plugins that failed,
    the environment variables they set)."""
    notes: list[str] = []
    plugins = config.plugins
    saved = dict(os.environ)
    try:
        for method in list(plugins.events.get("config", [])):
            name = plugins._event_origins.get(method, getattr(method, "__qualname__", "?"))
            try:
                result = method(config)
            except Exception as error:  # noqa: BLE001 - a plugin's own failure is reported
                notes.append(
                    f"plugin {name!r}: on_config failed ({type(error).__name__}: {error}); "
                    "fences it would add are not understood, so blocks it renders may be "
                    "reported as unknown"
                )
                continue
            if result is not None:
                config = result
        changed = {k: v for k, v in os.environ.items() if saved.get(k) != v}
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return config, notes, changed
