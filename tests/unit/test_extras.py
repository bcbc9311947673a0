"""The package's extras match its commands, and the project's locks pin every one of them
(scripts/setup.sh installs from the locks; pyproject.toml says what a stranger installs)."""

from __future__ import annotations

import re
from importlib.metadata import entry_points, metadata, requires
from pathlib import Path

from conftest import REPO
from dlmd.commands import COMMANDS
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# The installed package's metadata: what pyproject.toml declares, as pip sees it.
REQUIREMENTS = [Requirement(text) for text in requires("dlmd") or []]
EXTRAS = set(metadata("dlmd").get_all("Provides-Extra") or [])


def extra_of(requirement: Requirement) -> str | None:
    if requirement.marker is None:
        return None
    return next(extra for extra in EXTRAS if requirement.marker.evaluate({"extra": extra}))


def pinned(lock: Path) -> set[str]:
    found = re.findall(r"^([A-Za-z0-9][\w.-]*)==", lock.read_text(encoding="utf-8"), re.M)
    return {canonicalize_name(name) for name in found}


def test_each_command_is_declared_with_the_extra_it_needs() -> None:
    scripts = {p.name: p.value for p in entry_points(group="console_scripts") if "dlmd" in p.value}
    assert set(scripts) == set(COMMANDS)
    assert {"check", "figures", "quality"} == EXTRAS
    assert {extra for extra, _ in COMMANDS.values() if extra} <= EXTRAS
    assert COMMANDS["check-quizzes"][0] is None  # quizzes need only the base install


def test_the_locks_pin_the_base_install_and_every_extra() -> None:
    site, test = (pinned(REPO / "requirements" / f"{name}.txt") for name in ("site", "test"))
    for requirement in REQUIREMENTS:
        extra = extra_of(requirement)
        lock = "site" if extra is None else "test"
        assert canonicalize_name(requirement.name) in (site if extra is None else test), (
            f"requirements/{lock}.txt lacks {requirement.name} ({extra or 'base'} install)"
        )
