"""The site's custom fences and the choice SuperFences makes between them and the highlighter.

pymdownx.superfences tries the fences registered for a language newest first: each custom fence
named like the language, then the highlighter. The first whose validator accepts the header's
options renders the block; a validator that declines (markdown-exec's, for a ```python fence
without exec="1") passes the block on to the next. Custom fences come from mkdocs.yml and from
plugins' `on_config` (site_plugins.py); their validators are the site's own functions, run here
exactly as the renderer runs them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Validator = Callable[[str, dict[str, Any], dict[str, Any], dict[str, Any], Any], bool]


@dataclass(frozen=True)
class CustomFence:
    name: str  # the language it renders ("*": every language)
    validator: Validator | None = None  # None: SuperFences' default_validator
    origin: str = "mkdocs.yml"  # where it was configured, for messages
    # Fences that run code when the site builds (markdown-exec), by the validator's module.
    executes: bool = field(default=False)

    def accepts(
        self, language: str, values: dict[str, str], md: Any
    ) -> tuple[bool, dict[str, Any], dict[str, Any]]:
        """(accepted, options, attrs) as the validator leaves them; an exception declines."""
        options: dict[str, Any] = {}
        attrs: dict[str, Any] = {}
        if self.validator is None:
            return True, {}, dict(values)  # default_validator: every option is an attribute
        try:
            okay = bool(self.validator(language, dict(values), options, attrs, md))
        except Exception:  # noqa: BLE001 - SuperFences treats a failing validator as declining
            okay = False
        return okay, options, attrs


class FenceConfigError(ValueError):
    """A custom fence entry the renderer could not use either; the message says which."""


def import_callable(value: object, what: str) -> Callable[..., Any]:
    """A callable given as an object (YAML `!!python/name:`) or a dotted path string."""
    if callable(value):
        return value
    if isinstance(value, str) and "." in value:
        module_name, _, attribute = value.rpartition(".")
        try:
            found = getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as error:
            raise FenceConfigError(f"{what} {value!r} cannot be imported: {error}") from error
        if callable(found):
            return found
    raise FenceConfigError(f"{what} {value!r} is not a function or a dotted path to one")


def custom_fences_from(entries: Iterable[Any], origin: str) -> tuple[CustomFence, ...]:
    """CustomFence entries from `custom_fences` (SuperFences skips one without name or class)."""
    fences = []
    for entry in entries or []:
        if not isinstance(entry, dict) or entry.get("name") is None or entry.get("class") is None:
            continue
        validator = entry.get("validator")
        checked = None if validator is None else import_callable(validator, "validator")
        module = getattr(checked, "__module__", "") or ""
        fences.append(
            CustomFence(
                name=str(entry["name"]),
                validator=checked,
                origin=origin,
                executes=module.split(".")[0] == "markdown_exec",
            )
        )
    return tuple(fences)


_MD: Any = None


def _markdown() -> Any:
    """A Markdown instance for validators that look at it (most ignore it)."""
    global _MD
    if _MD is None:
        import markdown

        _MD = markdown.Markdown()
    return _MD


def choose_fence(
    language: str, values: dict[str, str], customs: Iterable[CustomFence], attr_list: bool
) -> tuple[CustomFence | None, dict[str, Any], dict[str, Any]] | None:
    """The custom fence that renders the block (None: the highlighter), with its options and
    attributes; None when only the highlighter is left and it refuses the options.

    `attr_list`: the header is an attribute list {.lang key=value}, where leftover attributes
    are allowed; in the `lang key="value"` form any leftover attribute refuses the fence.
    """
    for fence in reversed(tuple(customs)):
        if fence.name not in (language, "*"):
            continue
        okay, options, attrs = fence.accepts(language, values, _markdown())
        if not attr_list and attrs:
            okay = False
        if okay:
            return fence, options, attrs
    return None
