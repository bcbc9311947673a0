"""scripts/setup.sh refuses, in one line, an interpreter older than the locks need (3.11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_python_3_10_is_refused_in_one_line_naming_the_version_needed(tmp_path: Path) -> None:
    # A real interpreter that reports itself as 3.10, as `python3.10` would.
    fake = tmp_path / "python3.10"
    fake.write_text(
        "#!/bin/sh\n"
        f"exec {sys.executable} -c \"import sys; sys.version_info = (3, 10, 14, 'final', 0); "
        'exec(sys.argv[1])" "$2"\n'
    )
    fake.chmod(0o755)
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "setup.sh"), "site"],
        env={"PATH": "/usr/bin:/bin", "PYTHON": str(fake)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"setup.sh: needs Python 3.11 or newer; '{fake}' is 3.10 (set PYTHON=python3.11, or "
        "3.12, 3.13)"
    ]
    assert result.stdout == ""
