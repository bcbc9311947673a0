"""Issue 15: find_chromium.sh (scripts/dlmd/quality/) finds a Chromium in a fixed order and,
when none is there and none may be installed, says what to install and exits 2. Each test
runs the script with a scratch PATH and HOME, so the machine's own browsers and package
manager are out of reach."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from dlmd.quality.browsing import chromium_path

SCRIPT = REPO / "scripts" / "dlmd" / "quality" / "find_chromium.sh"
BASH = "/bin/bash"


def executable(path: Path, body: str = "exit 0") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


@pytest.fixture
def box(tmp_path: Path) -> dict[str, str]:
    """An environment with an empty PATH folder and an empty HOME, nothing else."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "home").mkdir()
    return {"PATH": str(tmp_path / "bin"), "HOME": str(tmp_path / "home")}


def find(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BASH, str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60
    )


def playwright_browser(home: Path, revision: str = "1140") -> Path:
    return executable(
        home / ".cache" / "ms-playwright" / f"chromium-{revision}" / "chrome-linux" / "chrome"
    )


def test_chromium_variable_wins(box: dict[str, str], tmp_path: Path) -> None:
    chosen = executable(tmp_path / "my" / "chrome")
    executable(Path(box["PATH"]) / "chromium")
    playwright_browser(Path(box["HOME"]))
    result = find({**box, "CHROMIUM": str(chosen)})
    assert (result.returncode, result.stdout.strip()) == (0, str(chosen))


def test_chromium_on_path_comes_before_playwrights(box: dict[str, str]) -> None:
    on_path = executable(Path(box["PATH"]) / "chromium")  # as Debian's /usr/bin/chromium
    playwright_browser(Path(box["HOME"]))
    assert find(box).stdout.strip() == str(on_path)


def test_playwrights_own_browser_is_found_newest_revision(box: dict[str, str]) -> None:
    playwright_browser(Path(box["HOME"]), "1100")
    newest = playwright_browser(Path(box["HOME"]), "1140")
    assert find(box).stdout.strip() == str(newest)


def test_a_chromium_variable_that_is_no_program_is_an_error(box: dict[str, str]) -> None:
    result = find({**box, "CHROMIUM": "/nonexistent/chrome"})
    assert result.returncode == 2
    assert "CHROMIUM=/nonexistent/chrome is not an executable file" in result.stderr


def test_nothing_found_says_what_to_install_in_one_line(box: dict[str, str]) -> None:
    result = find(box)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("find_chromium.sh: no Chromium found: install one")
    assert "playwright install chromium" in lines[0] and "CHROMIUM=" in lines[0]


def test_where_downloads_are_allowed_playwright_installs_its_browser(
    box: dict[str, str], tmp_path: Path
) -> None:
    # A stand-in for `python -m playwright install --with-deps chromium`: it records its
    # arguments and puts a browser where Playwright would.
    home = Path(box["HOME"])
    browser = home / ".cache" / "ms-playwright" / "chromium-1140" / "chrome-linux" / "chrome"
    python = executable(
        tmp_path / "python",
        f'echo "$@" > {tmp_path}/args\n/bin/mkdir -p {browser.parent}\n'
        f"printf '#!{BASH}\\n' > {browser}\n/bin/chmod +x {browser}",
    )
    result = find({**box, "GITHUB_ACTIONS": "true", "PLAYWRIGHT_PYTHON": str(python)})
    assert (result.returncode, result.stdout.strip()) == (0, str(browser)), result.stderr
    assert (tmp_path / "args").read_text().split() == [
        "-m",
        "playwright",
        "install",
        "--with-deps",
        "chromium",
    ]
    # --find-only never installs.
    browser.unlink()
    result = find(
        {**box, "GITHUB_ACTIONS": "true", "PLAYWRIGHT_PYTHON": str(python)}, "--find-only"
    )
    assert result.returncode == 2 and not browser.exists()


def test_the_python_side_drives_what_the_script_finds(box: dict[str, str], tmp_path: Path) -> None:
    chosen = executable(tmp_path / "my" / "chrome")
    assert chromium_path({**box, "CHROMIUM": str(chosen)}) == str(chosen)
    with pytest.raises(FileNotFoundError, match="no Chromium found"):
        chromium_path(box)
