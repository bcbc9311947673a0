"""The parent's side of a page run: its options and a fresh temporary folder (working directory,
HOME, the guards the child loads, the event log); the guards inside the child are sandbox.py."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dlmd.snippetcheck import runner_child
from dlmd.snippetcheck import sandbox as sandbox_module

# Environment variables passed through to snippets (the rest of the environment is not).
PASS_THROUGH = (
    "PATH", "LANG", "LC_ALL", "TZ", "LD_LIBRARY_PATH", "SSL_CERT_FILE", "SSL_CERT_DIR",
    "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
)  # fmt: skip


@dataclass
class RunOptions:
    offline_data: Path | None = None
    timeout: float = 60.0  # seconds per block unless a marker raises it
    output_cap: int = 1_000_000  # bytes a block may print
    write_outputs: bool = False  # write fresh outputs into the .ipynb and Markdown output blocks
    python: str | None = None  # the interpreter Markdown pages run with (default: this one)
    setup: Path | None = None  # the site's set-up hook, run before each Markdown page
    environment: dict[str, str] = field(default_factory=dict)  # what plugins' on_config set


class Workspace:
    """A fresh temporary folder for one page: working directory, HOME, guards, event log."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.root = Path(tempfile.mkdtemp(prefix="snippetcheck-"))
        self.work = self.root / "work"
        self.home = self.root / "home"
        self.guards = self.root / "guards"
        self.events = self.root / "events.jsonl"
        for folder in (self.work, self.home, self.guards, self.root / "tmp"):
            folder.mkdir()
        shutil.copyfile(sandbox_module.__file__, self.guards / "_dlmd_sandbox.py")
        shutil.copyfile(runner_child.__file__, self.guards / "_dlmd_runner.py")
        (self.guards / "sitecustomize.py").write_text(
            "import _dlmd_sandbox\n\n_dlmd_sandbox.install_from_environment()\n"
        )
        self.events.touch()

    def env(self) -> dict[str, str]:
        home = self.home
        env = {key: os.environ[key] for key in PASS_THROUGH if key in os.environ}
        env.setdefault("PATH", os.defpath)
        env.setdefault("LANG", "C.UTF-8")
        env.update(
            HOME=str(home),
            TMPDIR=str(self.root / "tmp"),
            PYTHONPATH=str(self.guards),
            PYTHONIOENCODING="utf-8",
            # Bytecode would otherwise be written next to installed packages (in the repo's .venv).
            PYTHONDONTWRITEBYTECODE="1",
            MPLBACKEND="Agg",
            MPLCONFIGDIR=str(home / ".config" / "matplotlib"),
            KERAS_HOME=str(home / ".keras"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            IPYTHONDIR=str(home / ".ipython"),
            JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
            JUPYTER_DATA_DIR=str(home / ".local" / "share" / "jupyter"),
            **{sandbox_module.ENV_EVENTS: str(self.events)},
        )
        env.update(self.options.environment)
        if self.options.offline_data is not None:
            env[sandbox_module.ENV_OFFLINE] = str(self.options.offline_data.resolve())
        return env

    def events_since(self, offset: int) -> tuple[list[dict[str, Any]], int]:
        with open(self.events, encoding="utf-8") as handle:
            handle.seek(offset)
            text = handle.read()
            end = handle.tell()
        return [json.loads(line) for line in text.splitlines() if line.strip()], end

    def offline_files(self) -> list[dict[str, str]]:
        used: dict[str, str] = {}
        for event in self.events_since(0)[0]:
            if "offline_file" in event:
                used[event["offline_file"]] = event["sha256"]
        return [{"path": path, "sha256": digest} for path, digest in sorted(used.items())]

    def cleanup(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
