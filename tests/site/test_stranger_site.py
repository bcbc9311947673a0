"""The package as the author of another MkDocs site uses it: a wheel installed into a fresh
virtual environment, a two-page site on stock Material whose only plugin of ours is the quiz,
then `check-snippets` on that site once the [check] extra is added.

Slow (a minute or more): it builds a wheel, makes a virtual environment and installs into it.
The dependencies come pinned by the project's lock (requirements/test.txt) from a wheelhouse
in .cache/stranger-wheels, downloaded from PyPI the first time and read offline after that.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow

LOCK = REPO / "requirements" / "test.txt"
WHEELHOUSE = REPO / ".cache" / "stranger-wheels"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

CONFIG = """\
site_name: A stranger's site
theme:
  name: material
plugins:
  - search
  - dlmd-quiz
markdown_extensions:
  - md_in_html
  - attr_list
  - pymdownx.superfences
"""
QUIZ_PAGE = """\
# Imaging

<!-- quiz -->
1. Which of these is an imaging modality?
    - [x] MRI
    - [ ] A blood test
    - [ ] A genome sequence
    explanation: MRI makes images.
<!-- /quiz -->
"""
CODE_PAGE = """\
# Code

```python
total = sum(range(4))
print(total)
```

```text
6
```
"""
BROKEN = "\n```python\nprint(undefined_name)\n```\n"


def run(*args: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=ENV, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package's wheel, built from a copy of its sources (the checkout stays clean)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "scripts" / "dlmd", source / "scripts" / "dlmd", ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    ok(
        run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
            "-w", out, source, cwd=source)
    )  # fmt: skip
    (found,) = out.glob("dlmd-*.whl")
    return found


def install(python: Path, *requirements: str, cwd: Path) -> None:
    """Install from the wheelhouse, pinned by the lock; fill the wheelhouse from PyPI once."""
    pinned = ["--only-binary", ":all:", "-c", LOCK, *requirements]
    offline = ["--no-index", "--find-links", WHEELHOUSE]
    if run(python, "-m", "pip", "install", *offline, *pinned, cwd=cwd).returncode == 0:
        return
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    ok(run(python, "-m", "pip", "download", "-d", WHEELHOUSE, *pinned, cwd=cwd))
    ok(run(python, "-m", "pip", "install", *offline, *pinned, cwd=cwd))


@pytest.fixture(scope="module")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page site on stock Material that uses only the quiz plugin of the package."""
    root = tmp_path_factory.mktemp("stranger")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text(QUIZ_PAGE, encoding="utf-8")
    (root / "docs" / "code.md").write_text(CODE_PAGE, encoding="utf-8")
    (root / "requirements.txt").write_text("mkdocs==1.6.1\n", encoding="utf-8")
    return root


def test_the_wheel_serves_a_stranger_site_without_and_then_with_check(
    wheel: Path, stranger: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    ok(run(sys.executable, "-m", "venv", venv, cwd=tmp_path))
    bin_dir = venv / "bin"
    python = bin_dir / "python"

    # Base install: the plugins and check-quizzes, nothing of the snippet check.
    install(python, str(wheel), "mkdocs-material", cwd=tmp_path)
    ok(run(bin_dir / "mkdocs", "build", "--strict", "-d", tmp_path / "out", cwd=stranger))
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert html.count('<form class="dlmd-quiz"') == 1 and html.count('type="radio"') == 3
    assert "quiz.js" in html and (tmp_path / "out" / "assets" / "javascripts" / "quiz.js").exists()
    assert "questions in 2 files: all valid" in ok(run(bin_dir / "check-quizzes", cwd=stranger))
    missing = run(bin_dir / "check-snippets", "--help", cwd=stranger)
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.splitlines() == [missing.stderr.strip()]  # one line, no traceback
    assert "[check] extra" in missing.stderr and "pip install 'dlmd[check]'" in missing.stderr
    assert "nbformat" not in ok(run(python, "-m", "pip", "list", cwd=tmp_path))

    # With [check]: the snippets run; a broken one fails with the page's file and line.
    install(python, f"{wheel}[check]", "mkdocs-material", cwd=tmp_path)
    check = [bin_dir / "check-snippets", "--lock", "requirements.txt", "--no-cache"]
    ok(run(*check, cwd=stranger))
    with (stranger / "docs" / "code.md").open("a", encoding="utf-8") as page:
        page.write(BROKEN)
    broken = run(*check, cwd=stranger)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    # The failing line (the fence opens on line 12), named from the site's folder.
    assert "at docs/code.md:13: NameError: name 'undefined_name'" in broken.stdout, broken.stdout
