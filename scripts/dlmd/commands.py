"""The package's commands as installed (pyproject.toml's [project.scripts]).

Each command's code is imported only once the packages it needs are there: a command whose
extra is not installed says in one line which to install, instead of a traceback. What each
extra holds is read from the installed package's own metadata (pyproject.toml's
[project.optional-dependencies]), so that list is written once.
"""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import PackageNotFoundError, requires, version

from packaging.requirements import Requirement

# Command -> (the extra it needs, None for the base install; where its code is).
COMMANDS: dict[str, tuple[str | None, str]] = {
    "check-snippets": ("check", "dlmd.snippetcheck.cli:main"),
    "check-quizzes": (None, "dlmd.quiz.cli:main"),
    "make-figures": ("figures", "dlmd.make_figures:cli"),
    "site-figures": ("quality", "dlmd.quality.figures:main"),
    "page-weight": (None, "dlmd.pageweight.cli:main"),
}


def missing_packages(extra: str) -> list[str]:
    """The packages of the package's extra `extra` that are not installed."""
    wanted = [Requirement(text) for text in requires("dlmd") or []]
    missing = []
    for requirement in wanted:
        if requirement.marker is None or not requirement.marker.evaluate({"extra": extra}):
            continue  # a base dependency, or another extra's
        try:
            version(requirement.name)
        except PackageNotFoundError:
            missing.append(requirement.name)
    return missing


def run(command: str, argv: list[str] | None = None) -> int:
    extra, target = COMMANDS[command]
    if extra is not None and (missing := missing_packages(extra)):
        print(
            f"{command}: needs the [{extra}] extra ({', '.join(missing)} not installed): "
            f"pip install 'dlmd[{extra}]'",
            file=sys.stderr,
        )
        return 2
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)(argv)


def check_snippets() -> int:
    return run("check-snippets")


def check_quizzes() -> int:
    return run("check-quizzes")


def make_figures() -> int:
    return run("make-figures")


def site_figures() -> int:
    return run("site-figures")


def page_weight() -> int:
    return run("page-weight")
