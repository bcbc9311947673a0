"""Run pages: each in a fresh process (Markdown) or Jupyter kernel (notebook), in a fresh
temporary working directory and HOME, with per-block timeouts, pages in parallel with -j.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dlmd.snippetcheck import sandbox as sandbox_module
from dlmd.snippetcheck.inventory import Block, Page
from dlmd.snippetcheck.results import (
    BLOCKED,
    FAILED,
    PASSED,
    PageResult,
    initial_page_result,
    to_run,
)

RUNNER = Path(__file__).with_name("runner_child.py")
STARTUP_TIMEOUT = 60.0  # seconds for the child to start (no snippet code runs yet)
PROCESS_OUTPUT_CAP = 20_000_000  # bytes a child may write to its real stdout/stderr (fd 1/2)
PROCESS_OUTPUT_KEEP = 8_000  # characters of that output shown when the process dies
_FAULT_FRAME = re.compile(r'File "(?P<file>.+)", line (?P<line>\d+) in ')
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
    write_outputs: bool = False  # notebooks: write fresh outputs back into the .ipynb


class Sandbox:
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


class _LineReader:
    """Read JSON lines from the child's report pipe with a timeout."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""
        self.eof = False

    def readline(self, timeout: float) -> str | None:
        """A line, "" at end of file, or None when nothing came within `timeout`."""
        while b"\n" not in self.buffer:
            if self.eof:
                rest, self.buffer = self.buffer, b""
                return rest.decode("utf-8", "replace")
            ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                self.eof = True
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace") + "\n"


class _OutputDrain(threading.Thread):
    """Collects what the child writes to its real stdout/stderr (C libraries, subprocesses)."""

    def __init__(self, stream: Any) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.size = 0
        self.tail = b""

    def run(self) -> None:
        for chunk in iter(lambda: self.stream.read1(65536), b""):
            self.size += len(chunk)
            self.tail = (self.tail + chunk)[-PROCESS_OUTPUT_KEEP:]

    @property
    def flooded(self) -> bool:
        return self.size > PROCESS_OUTPUT_CAP

    def text(self) -> str:
        return self.tail.decode("utf-8", "replace")


# Children run in their own session (so a timeout can kill what they started), so Ctrl-C in the
# terminal does not reach them: run_pages kills the ones still running when it is interrupted.
_LIVE: set[subprocess.Popen[bytes]] = set()
_LIVE_LOCK = threading.Lock()


def _kill_all() -> None:
    with _LIVE_LOCK:
        for process in list(_LIVE):
            _kill_group(process)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _running_line(dump_file: Path, blocks: list[Block]) -> tuple[str, str]:
    """The page line a timed-out block was running, from faulthandler's dump (or ("", ""))."""
    sources: dict[tuple[str, int], str] = {}
    pseudo: dict[str, Block] = {}  # blocks compiled under a made-up name (mixed includes)
    for block in blocks:
        pseudo[f"<{block.file} block {block.number}>"] = block
        for origin, code in zip(block.origins, block.code.split("\n"), strict=False):
            sources[tuple(origin)] = code.strip()  # type: ignore[index]
    try:
        text = dump_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "", ""
    for m in _FAULT_FRAME.finditer(text):  # most recent call first
        file, line = m.group("file"), int(m.group("line"))
        if file in pseudo and 1 <= line <= len(pseudo[file].origins):
            file, line = pseudo[file].origins[line - 1]
        if (file, line) in sources:
            return f"{file}:{line}", sources[(file, line)]
    return "", ""


def _describe_exit(returncode: int | None) -> str:
    if returncode is None:
        return "stopped responding"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"crashed ({name})"
    return f"exited with code {returncode} (os._exit() or a crash in a C extension?)"


def run_markdown(page: Page, options: RunOptions) -> PageResult:
    """Run a Markdown page's Python blocks in one fresh child process."""
    result = initial_page_result(page)
    blocks = to_run(page)
    if not blocks:
        return result
    by_number = {b.number: b for b in result.blocks}
    started = time.perf_counter()
    box = Sandbox(options)
    job = {
        "blocks": [
            {
                "number": b.number,
                "file": b.file,
                "line": b.line,
                "code": b.code,
                "origins": b.origins,
            }
            for b in blocks
        ],
        "output_cap": options.output_cap,
        "dump_file": str(box.root / "faulthandler.txt"),
    }
    job_file = box.root / "job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    read_fd, write_fd = os.pipe()
    env = box.env()
    env["DLMD_SNIPPETS_REPORT_FD"] = str(write_fd)
    timeouts = {b.number: b.timeout or options.timeout for b in blocks}
    try:
        process = subprocess.Popen(
            [sys.executable, str(RUNNER), str(job_file)],
            cwd=box.work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(write_fd,),
            start_new_session=True,  # one process group: a timeout kills what the snippet started
        )
    finally:
        os.close(write_fd)
    with _LIVE_LOCK:
        _LIVE.add(process)
    drain = _OutputDrain(process.stdout)
    drain.start()
    reader = _LineReader(read_fd)
    current: int | None = None
    deadline = time.monotonic() + STARTUP_TIMEOUT
    done = False
    try:
        while not done:
            now = time.monotonic()
            if drain.flooded and current is not None:
                _kill_group(process)
                _fail(
                    by_number[current],
                    f"{by_number[current].file}:{by_number[current].line}",
                    f"the process printed more than {PROCESS_OUTPUT_CAP:,} bytes",
                )
                break
            if now >= deadline:
                _timed_out(process, box, blocks, by_number, current, timeouts, drain)
                break
            line = reader.readline(min(deadline - now, 0.5))
            if line is None:
                continue
            try:
                event = json.loads(line) if line.endswith("\n") else None
            except ValueError:
                event = None
            if event is None:  # end of file, or a line cut short: the process died
                _died(process, by_number, current, drain, page)
                break
            if event["event"] == "start":
                current = event["block"]
                deadline = time.monotonic() + timeouts[current]
            elif event["event"] == "end":
                _record(by_number[event["block"]], event)
                current = None
                deadline = time.monotonic() + STARTUP_TIMEOUT
            elif event["event"] == "done":
                done = True
    finally:
        _kill_group(process)  # also ends anything a snippet left running
        process.wait()
        with _LIVE_LOCK:
            _LIVE.discard(process)
        drain.join(timeout=5)
        os.close(read_fd)
        result.offline_files = box.offline_files()
        box.cleanup()
    result.duration = round(time.perf_counter() - started, 3)
    return result


def _fail(block: Any, location: str, message: str, **extra: str) -> None:
    block.status = FAILED
    block.location = location
    block.message = message
    for key, value in extra.items():
        setattr(block, key, value)


def _record(block: Any, event: dict[str, Any]) -> None:
    block.status = PASSED if event["status"] == "passed" else FAILED
    block.duration = event.get("duration", 0.0)
    block.output = event.get("output", "")
    block.message = ""
    if block.status == FAILED:
        block.location = event.get("location", "")
        block.message = event.get("message", "")
        block.failing_line = event.get("failing_line", "")
        block.traceback = event.get("traceback", "")


def _timed_out(
    process: subprocess.Popen[bytes],
    box: Sandbox,
    blocks: list[Block],
    by_number: dict[int, Any],
    current: int | None,
    timeouts: dict[int, float],
    drain: _OutputDrain,
) -> None:
    if current is None:
        _kill_group(process)
        number = blocks[0].number
        _fail(
            by_number[number],
            f"{blocks[0].file}:{blocks[0].line}",
            f"the Python process did not start within {STARTUP_TIMEOUT:.0f} s",
            output=drain.text(),
        )
        return
    dump = box.root / "faulthandler.txt"
    try:
        os.kill(process.pid, signal.SIGUSR1)
        for _ in range(20):  # faulthandler writes from its signal handler; give it a moment
            time.sleep(0.05)
            if dump.stat().st_size:
                break
    except (ProcessLookupError, FileNotFoundError):
        pass
    _kill_group(process)
    location, source = _running_line(dump, blocks)
    block = by_number[current]
    limit = timeouts[current]
    _fail(
        block,
        location or f"{block.file}:{block.line}",
        f"timed out after {limit:g} s; if it needs longer, put "
        f"<!-- check: timeout={max(int(limit) * 2, 120)} --> right before the block",
        failing_line=source,
        duration=limit,
    )


def _died(
    process: subprocess.Popen[bytes],
    by_number: dict[int, Any],
    current: int | None,
    drain: _OutputDrain,
    page: Page,
) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)
    what = _describe_exit(process.returncode)
    if current is not None:
        block = by_number[current]
        _fail(
            block,
            f"{block.file}:{block.line}",
            f"the Python process {what} while running this block",
            output=drain.text(),
        )
    else:
        first = next((b for b in by_number.values() if b.status == BLOCKED), None)
        if first is not None:
            _fail(
                first,
                page.path,
                f"the Python process {what} before this block ran",
                output=drain.text(),
            )


def run_page(page: Page, options: RunOptions) -> PageResult:
    if page.kind == "notebook":
        from dlmd.snippetcheck.notebooks import (
            run_notebook,  # nbclient is only imported when a notebook runs
        )

        return run_notebook(page, options)
    return run_markdown(page, options)


def run_pages(
    pages: list[Page],
    options: RunOptions,
    jobs: int = 1,
    runner: Callable[[Page, RunOptions], PageResult] = run_page,
) -> Iterator[PageResult]:
    """Run pages, `jobs` at a time; yield their results in the order of `pages`."""

    def guarded(page: Page) -> PageResult:
        # A page the checker cannot handle fails alone, with its path, instead of losing the
        # results (and the JSON report) of every other page.
        try:
            return runner(page, options)
        except Exception as error:  # reported as the page's failure
            result = initial_page_result(page)
            result.errors.append(f"{page.path}: the check could not run this page: {error!r}")
            return result

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(guarded, page) for page in pages]
        try:
            for future in futures:
                yield future.result()
        except BaseException:  # Ctrl-C or a crash: stop the pages still running
            for future in futures:
                future.cancel()
            _kill_all()
            raise
