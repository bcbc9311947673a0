"""Run a Markdown page: its Python blocks in one fresh child process (runner_child.py), in a
fresh workspace (workspace.py), with per-block timeouts. Notebooks run in notebooks.py; the
scheduler (scheduler.py) runs pages -j at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from dlmd.snippetcheck.model import Block, Page
from dlmd.snippetcheck.output_check import owners, verify_outputs
from dlmd.snippetcheck.output_write import write_markdown_outputs
from dlmd.snippetcheck.print_check import verify_print_comments, write_print_comments
from dlmd.snippetcheck.results import (
    BLOCKED,
    FAILED,
    PASSED,
    SKIPPED,
    PageResult,
    initial_page_result,
    to_run,
)
from dlmd.snippetcheck.variant_runs import run_variants
from dlmd.snippetcheck.workspace import RunOptions, Workspace

# The runner is copied into the workspace (workspace.py) and run with -m from there, so any
# interpreter (--python) runs it without this package installed; -m also makes the working
# directory importable, as in a notebook.
RUNNER = "_dlmd_runner"
STARTUP_TIMEOUT = 60.0  # seconds for the child to start (no snippet code runs yet)
PROCESS_OUTPUT_CAP = 20_000_000  # bytes a child may write to its real stdout/stderr (fd 1/2)
PROCESS_OUTPUT_KEEP = 8_000  # characters of that output shown when the process dies
_FAULT_FRAME = re.compile(r'File "(?P<file>.+)", line (?P<line>\d+) in ')


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
# terminal does not reach them: run_pages (scheduler.py) kills the ones still running when it is
# interrupted.
_LIVE: set[subprocess.Popen[bytes]] = set()
_LIVE_LOCK = threading.Lock()


def kill_all() -> None:
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
    """Run a Markdown page: one session, or one per framework variant (variant_runs.py)."""
    if not page.variants:
        return run_session(page, options)
    # Outputs are written once, from the merged result (a variant page's `#>` comments are not
    # rewritten).
    result = run_variants(page, replace(options, write_outputs=False), run_session)
    if options.write_outputs:
        write_markdown_outputs(page, result)
    return result


def run_session(page: Page, options: RunOptions) -> PageResult:
    """Run a Markdown page's Python blocks in one fresh child process."""
    result = initial_page_result(page)
    blocks = to_run(page)
    if not blocks:
        return result
    by_number = {b.number: b for b in result.blocks}
    started = time.perf_counter()
    box = Workspace(options)
    shown = owners(page)
    job = {
        "blocks": [
            {
                "number": b.number,
                "file": b.file,
                "line": b.line,
                "code": b.code,
                "origins": b.origins,
                "keep_output": b.number in shown,  # compared whole with its output block
                **_run_settings(b),
            }
            for b in blocks
        ],
        "output_cap": options.output_cap,
        "dump_file": str(box.root / "faulthandler.txt"),
        "setup": str(options.setup) if options.setup else None,
    }
    printed: dict[int, list] = {}  # block number -> its print() calls (for `#>` comments)
    job_file = box.root / "job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    read_fd, write_fd = os.pipe()
    env = box.env()
    env["DLMD_SNIPPETS_REPORT_FD"] = str(write_fd)
    timeouts = {b.number: b.timeout or options.timeout for b in blocks}
    try:
        process = subprocess.Popen(
            [options.python or sys.executable, "-m", RUNNER, str(job_file)],
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
                if "prints" in event:
                    printed[event["block"]] = event["prints"]
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
    verify_outputs(page, result)
    verify_print_comments(page, result, printed)
    if options.write_outputs:
        write_print_comments(page, result, printed)
        write_markdown_outputs(page, result)
    result.duration = round(time.perf_counter() - started, 3)
    return result


def _fail(block: Any, location: str, message: str, **extra: str) -> None:
    block.status = FAILED
    block.location = location
    block.message = message
    for key, value in extra.items():
        setattr(block, key, value)


def _run_settings(block: Block) -> dict[str, Any]:
    """The job entries runner_child reads beyond the code (namespace, requires, xfail, prints)."""
    settings = block.run
    return {
        "namespace": settings.namespace,
        "requires": list(settings.requires) if settings.requires else None,
        "xfail": settings.xfail,
        "record_prints": bool(settings.prints),
    }


def _record(block: Any, event: dict[str, Any]) -> None:
    statuses = {"passed": PASSED, "skipped": SKIPPED}
    block.status = statuses.get(event["status"], FAILED)
    block.duration = event.get("duration", 0.0)
    block.output = event.get("output", "")
    block.message = event.get("message", "") if block.status != FAILED else ""
    if block.status == FAILED:
        block.location = event.get("location", "")
        block.message = event.get("message", "")
        block.failing_line = event.get("failing_line", "")
        block.traceback = event.get("traceback", "")


def _timed_out(
    process: subprocess.Popen[bytes],
    box: Workspace,
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
