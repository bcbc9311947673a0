"""Check `pip install` blocks against the lock file (requirements/test.txt).

Shell blocks are never run. A block whose every command is `pip install ...` (also `pip3`,
`python -m pip`, `python3 -m pip`, `%pip`, and `$ ` prompts in `console` blocks) passes when
every package it names is pinned in the lock at a version its specifier allows: then what the
page tells readers to install is what the checks ran with.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

_PINNED = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\#]+)"
)
_PIP_PREFIXES = (
    ("pip", "install"),
    ("pip3", "install"),
    ("%pip", "install"),
    ("python", "-m", "pip", "install"),
    ("python3", "-m", "pip", "install"),
)
# `pip install` options that take a value (`--opt VALUE` or `--opt=VALUE`): the value is never a
# package name.
_TAKES_VALUE = {
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
    "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src",
    "--platform", "--python-version", "--implementation", "--abi", "--upgrade-strategy",
    "--progress-bar", "--exists-action", "--trusted-host", "--cert", "--client-cert",
    "--cache-dir", "--log", "--log-file", "--timeout", "--retries", "--resume-retries",
    "--proxy", "--no-binary", "--only-binary", "-C", "--config-settings", "--global-option",
    "--install-option", "--root-user-action", "--report", "--keyring-provider", "--python",
    "--use-feature", "--use-deprecated", "--group",
}  # fmt: skip
# Options that change what or where from pip installs (a file's list, another index, another
# platform): the command is not checked against the lock, and the report says so.
_NOT_CHECKED = {
    "-r": "installs what the requirements file {value} lists, which the check does not read",
    "--requirement": "installs what the requirements file {value} lists, which the check "
    "does not read",
    "-c": "constrains with {value}, which the check does not read",
    "--constraint": "constrains with {value}, which the check does not read",
    "-e": "installs {value} in editable mode, from source",
    "--editable": "installs {value} in editable mode, from source",
    "-i": "installs from the index {value}",
    "--index-url": "installs from the index {value}",
    "--extra-index-url": "also installs from the index {value}",
    "-f": "installs from {value}",
    "--find-links": "installs from {value}",
    "--no-index": "installs without an index",
    "-t": "installs into {value}",
    "--target": "installs into {value}",
    "--prefix": "installs into {value}",
    "--root": "installs into {value}",
    "--platform": "installs for the platform {value}",
    "--python-version": "installs for Python {value}",
    "--implementation": "installs for the implementation {value}",
    "--abi": "installs for the ABI {value}",
}
NOT_CHECKED_PREFIX = "not checked: "  # marks a command check_pip_block could not vouch for
# Package indexes a page may name with --index-url and still be checked: they publish builds of
# the same releases as PyPI (PyTorch's CPU-only wheels: torch 2.14.1+cpu for PyPI's 2.14.1).
KNOWN_INDEXES = frozenset({"https://download.pytorch.org/whl/cpu"})
NOT_PIP = (
    "shell blocks are not run; only `pip install ...` lines are checked (against the lock). "
    'Mark this block with <!-- check: skip reason="..." --> if it must stay'
)


class LockError(Exception):
    """The lock file is missing or unreadable (a usage error: exit code 2)."""


@dataclass(frozen=True)
class Lock:
    path: Path
    display: str
    pins: dict[str, Version]


def read_lock(path: Path, display: str | None = None) -> Lock:
    """Read `name==version` pins from a pip-compile/uv lock file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise LockError(f"{path}: cannot read the lock file: {error}") from error
    pins: dict[str, Version] = {}
    for line in text.splitlines():
        m = _PINNED.match(line.strip())
        if m:
            try:
                pins[canonicalize_name(m.group("name"))] = Version(m.group("version"))
            except InvalidVersion:
                continue
    if not pins:
        raise LockError(f"{path}: no `name==version` pins found; is this the lock file?")
    return Lock(path, display or str(path), pins)


def _commands(code: str, language: str) -> list[str]:
    """The block's commands: continuations joined, comments, blanks and console output dropped."""
    joined: list[str] = []
    pending = ""
    for raw in code.splitlines():
        line = raw.rstrip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    if pending:
        joined.append(pending)
    commands = []
    for line in joined:
        stripped = line.strip()
        if language == "console":
            # Only prompt lines are commands; the rest is the command's output.
            if not stripped.startswith("$"):
                continue
            stripped = stripped[1:].strip()
        elif stripped.startswith("$ "):
            stripped = stripped[2:].strip()
        if stripped and not stripped.startswith("#"):
            commands.append(stripped)
    return commands


def check_pip_block(code: str, language: str, lock: Lock) -> tuple[list[str], list[str]]:
    """Return (problems, pins used). No problems: every command is a pip install the lock covers."""
    problems: list[str] = []
    used: list[str] = []
    commands = _commands(code, language)
    if not commands:
        return [NOT_PIP], used
    for command in commands:
        lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        try:
            tokens = list(lexer)
        except ValueError as error:
            problems.append(f"cannot read the command {command!r}: {error}")
            continue
        operators = [t for t in tokens if t and all(c in "();<>|&" for c in t)]
        if operators:
            hint = ""
            if any(o in ("<", ">") for o in operators):
                hint = " (quote version specifiers: the shell reads > and < as redirections)"
            problems.append(f"{command!r} uses the shell operator {operators[0]!r}{hint}")
            continue
        prefix = next((p for p in _PIP_PREFIXES if tuple(tokens[: len(p)]) == p), None)
        if prefix is None:
            problems.append(f"{command!r}: {NOT_PIP}")
            continue
        names, unchecked = _read_install_arguments(tokens[len(prefix) :], lock, used, problems)
        if unchecked:
            problems.append(f"{NOT_CHECKED_PREFIX}{command!r} {unchecked}")
        elif names == 0:
            problems.append(f"{command!r} names no package")
    return problems, used


def _read_install_arguments(
    arguments: list[str], lock: Lock, used: list[str], problems: list[str]
) -> tuple[int, str]:
    """Check the packages named; return (how many, why the command is not checked or "")."""
    names = 0
    unchecked = ""
    waiting_for: str | None = None  # the option whose value comes next
    for token in arguments:
        if waiting_for is not None:
            option, waiting_for = waiting_for, None
            if option in _NOT_CHECKED and not unchecked and not _known_index(option, token):
                unchecked = _NOT_CHECKED[option].format(value=token)
            continue
        if token.startswith("-") and token != "-":
            option, has_value, value = token.partition("=")
            if _known_index(option, value):
                continue
            if option in _NOT_CHECKED and (has_value or option not in _TAKES_VALUE):
                unchecked = unchecked or _NOT_CHECKED[option].format(value=value)
            elif option in _TAKES_VALUE and not has_value:
                waiting_for = option
            continue
        names += 1
        problems.extend(_check_requirement(token, lock, used))
    return names, unchecked


def _known_index(option: str, value: str) -> bool:
    """`--index-url URL` (or -i) names one of KNOWN_INDEXES."""
    return option in ("-i", "--index-url") and value.rstrip("/") in KNOWN_INDEXES


def split_not_checked(problems: list[str]) -> tuple[list[str], list[str]]:
    """(real problems, reasons why commands were not checked) from check_pip_block's list."""
    reasons = [
        p.removeprefix(NOT_CHECKED_PREFIX) for p in problems if p.startswith(NOT_CHECKED_PREFIX)
    ]
    return [p for p in problems if not p.startswith(NOT_CHECKED_PREFIX)], reasons


def _check_requirement(token: str, lock: Lock, used: list[str]) -> list[str]:
    try:
        requirement = Requirement(token)
    except InvalidRequirement as error:
        return [f"{token!r} is not a valid requirement: {error}"]
    if requirement.url:
        return [f"{token!r} installs from a URL; name a package from the lock instead"]
    name = canonicalize_name(requirement.name)
    pinned = lock.pins.get(name)
    if pinned is None:
        return [
            f"package {requirement.name!r} is not in {lock.display}: add it to the .in file and "
            "re-lock, or remove it from the page"
        ]
    if requirement.specifier and not requirement.specifier.contains(pinned, prereleases=True):
        return [
            f"{token!r} does not match the locked {requirement.name}=={pinned} in {lock.display}"
        ]
    used.append(f"{requirement.name}=={pinned}")
    return []
