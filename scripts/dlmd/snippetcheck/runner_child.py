"""Runs one Markdown page's Python blocks in a fresh process (started by execute.py).

Usage: python -m _dlmd_runner JOB.json, from the copy workspace.py puts on PYTHONPATH, so that any
interpreter (--python) runs it: standard library only, Python 3.9 or newer. -m puts the working
directory first on the import path, as in a notebook, and not this runner's folder.

The blocks run in order, each once, by default in one namespace that is a real `__main__` module,
as in a notebook (a block's "namespace" key says otherwise: None for a fresh one, "group:NAME" for
pytest-examples' groups, which last while consecutive blocks share the group, "session:NAME" for
markdown-exec's sessions, which last for the page). Before the first block, the site's set-up hook
(`setup`: a Python file) runs in its own namespace; a `print_callback(text)` it defines rewrites
what print() records for `#>` comments, as pytest-examples' EvalExample.print_callback does. Blocks
with `#>` comments ("record_prints") report each print() call's line and arguments. A block with
"requires" [3, 12] is reported skipped on an older interpreter; one with "xfail" passes only if it
raises. After a failure, the page's later blocks do not run, nor those of the failed block's group
or session; blocks with a namespace of their own still do. `if __name__ == "__main__":` bodies run,
top-level `await` works, and the repr() of a last bare expression's value is printed unless it is
None or the block ends with `;`. Each block is compiled with its page's file name and padded so
that line numbers are the Markdown's lines. Results go to the parent over a dedicated pipe (fd in
DLMD_SNIPPETS_REPORT_FD), one JSON object per line: {"event": "ready"}, {"event": "start", "block":
n}, {"event": "end", "block": n, ...}, {"event": "done"}. The snippets' own output never mixes with
this channel.
"""

from __future__ import annotations

import ast
import asyncio
import builtins
import faulthandler
import inspect
import io
import json
import linecache
import os
import re
import signal
import sys
import time
import traceback
import types
from typing import Any

ENV_REPORT_FD = "DLMD_SNIPPETS_REPORT_FD"
OUTPUT_KEEP = 20_000  # characters of a block's output kept in the report
HERE = os.path.abspath(__file__)
GUARDS = os.sep + "_dlmd_sandbox.py"  # the guards' frames only repeat what the message says


class OutputFlood(BaseException):
    """Raised by print() once a block printed more than the cap (BaseException: a snippet's
    `except Exception` must not swallow it)."""


class CappedOutput(io.TextIOBase):
    """sys.stdout and sys.stderr for snippets: keeps the output, refuses a flood."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.reset()

    def reset(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.flooded = False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if self.flooded:
            raise OutputFlood()
        self.size += len(text.encode("utf-8", "replace"))
        if self.size > self.cap:
            self.flooded = True
            raise OutputFlood()
        self.parts.append(text)
        return len(text)

    def text(self, whole: bool = False) -> str:
        value = "".join(self.parts)
        if whole or len(value) <= OUTPUT_KEEP:
            return value
        return "...\n" + value[-OUTPUT_KEEP:]


class Block:
    def __init__(self, data: dict[str, Any]) -> None:
        self.number: int = data["number"]
        self.code: str = data["code"]
        self.namespace: str | None = data.get("namespace", "page")
        self.requires: list[int] | None = data.get("requires")
        self.xfail: str | None = data.get("xfail")
        self.record_prints: bool = data.get("record_prints", False)
        self.keep_output: bool = data.get("keep_output", False)  # an output block shows it all
        # (file, line) of each code line; when they are one file's consecutive lines, the
        # block compiles under that file name with padding, so tracebacks need no rewriting.
        self.origins: list[tuple[str, int]] = [tuple(o) for o in data["origins"]]  # type: ignore[misc]
        files = {file for file, _ in self.origins}
        lines = [line for _, line in self.origins]
        consecutive = not lines or lines == list(range(lines[0], lines[0] + len(lines)))
        self.direct = len(files) <= 1 and consecutive
        if self.direct:
            self.filename = self.origins[0][0] if self.origins else data["file"]
            first = self.origins[0][1] if self.origins else data["line"] + 1
            self.source = "\n" * (first - 1) + self.code
        else:
            self.filename = f"<{data['file']} block {self.number}>"
            self.source = self.code

    def code_line(self, filename: str, line: int) -> int | None:
        """The line (from 1) of this block's code that a frame at (filename, line) runs."""
        if filename != self.filename:
            return None
        first = self.source.count("\n") - self.code.count("\n") + 1 if self.direct else 1
        number = line - first + 1
        return number if 1 <= number <= self.code.count("\n") + 1 else None

    def map(self, filename: str, line: int) -> tuple[str, int]:
        """Where a (filename, line) of this block's code object is in the Markdown sources."""
        if not self.direct and filename == self.filename and 1 <= line <= len(self.origins):
            return self.origins[line - 1]
        return filename, line


_ADDRESS = re.compile("0x[a-f0-9]{8,12}>")


def print_arg(value: Any) -> str:
    """An argument of print() as pytest-examples records it (sets sorted, addresses hidden)."""
    if isinstance(value, str):
        return value
    if isinstance(value, set):
        return "{" + ", ".join(repr(x) for x in sorted(value)) + "}"
    return _ADDRESS.sub("0x0123456789ab>", str(value))


class PrintRecorder:
    """Wraps print(): records (code line, sep, args) of calls made from the running block."""

    def __init__(self, real_print: Any) -> None:
        self.real_print = real_print
        self.block: Block | None = None
        self.calls: list[dict[str, Any]] = []
        self.callback: Any = None

    def __call__(self, *args: Any, sep: str | None = " ", **kwargs: Any) -> None:
        self.real_print(*args, sep=sep, **kwargs)
        block = self.block
        if block is None or kwargs.get("file") not in (None, sys.stdout):
            return
        frame = sys._getframe(1)
        while frame is not None:
            line = block.code_line(frame.f_code.co_filename, frame.f_lineno)
            if line is not None:
                texts = [print_arg(a) for a in args]
                if self.callback is not None:
                    texts = [self.callback(t) for t in texts]
                self.calls.append({"line": line, "sep": " " if sep is None else sep, "args": texts})
                return
            frame = frame.f_back


def run_setup(path: str, recorder: PrintRecorder) -> None:
    """Run the site's set-up hook; keep its print_callback."""
    namespace: dict[str, Any] = {"__name__": "__snippet_setup__", "__file__": path}
    with open(path, encoding="utf-8") as handle:
        code = compile(handle.read(), path, "exec", dont_inherit=True)
    exec(code, namespace)  # noqa: S102 - the site's own set-up code
    recorder.callback = namespace.get("print_callback")


def new_module() -> types.ModuleType:
    """A fresh `__main__` module."""
    module = types.ModuleType("__main__")
    module.__dict__["__builtins__"] = builtins
    return module


class Namespaces:
    """Which globals each block runs in (see the module docstring). The module whose globals a
    block runs in is sys.modules["__main__"] meanwhile (pydantic and pickle look names up there)."""

    def __init__(self) -> None:
        self.page: types.ModuleType | None = None
        self.sessions: dict[str, types.ModuleType] = {}
        self.group: tuple[str, types.ModuleType] | None = None

    def for_block(self, key: str | None) -> dict[str, Any]:
        if key is None or not key.startswith("group:"):
            self.group = None  # a group lasts while consecutive blocks share it
        if key == "page":
            self.page = self.page or new_module()
            module = self.page
        elif key is None:
            module = new_module()
        elif key.startswith("group:"):
            if self.group is None or self.group[0] != key:
                self.group = (key, new_module())
            module = self.group[1]
        else:
            module = self.sessions.setdefault(key, new_module())
        sys.modules["__main__"] = module
        return module.__dict__


def register_sources(blocks: list[Block]) -> None:
    """Put the code in linecache so tracebacks and inspect.getsource (used by e.g. TensorFlow's
    AutoGraph) see each block's lines, as the real files are not in the working directory."""
    pages: dict[str, dict[int, str]] = {}
    for block in blocks:
        lines = pages.setdefault(block.filename, {})
        for number, text in enumerate(block.source.split("\n"), start=1):
            if text or number not in lines:
                lines[number] = text
    for filename, lines in pages.items():
        content = [lines.get(n, "") + "\n" for n in range(1, max(lines) + 1)] if lines else []
        linecache.cache[filename] = (sum(map(len, content)), None, content, filename)


def snippet_frames(error: BaseException, blocks: list[Block]) -> list[tuple[str, int, str]]:
    """(file, line, source) of the traceback's frames that are in a page's code, outermost first."""
    names = {block.filename: block for block in blocks}
    frames = []
    for frame in traceback.extract_tb(error.__traceback__):
        block = names.get(frame.filename)
        if block is not None:
            file, line = block.map(frame.filename, frame.lineno or 0)
            frames.append((file, line, (frame.line or "").strip()))
    return frames


def format_traceback(error: BaseException, blocks: list[Block]) -> str:
    te = traceback.TracebackException.from_exception(error)
    # Drop this runner's own frames: the reader's code starts at the snippet.
    te.stack = traceback.StackSummary.from_list(
        [f for f in te.stack if f.filename != HERE and not f.filename.endswith(GUARDS)]
    )
    text = "".join(te.format())
    for block in blocks:
        if not block.direct:
            for number, (file, line) in enumerate(block.origins, start=1):
                text = text.replace(
                    f'File "{block.filename}", line {number},', f'File "{file}", line {line},'
                )
    return text


def compile_block(block: Block) -> tuple[types.CodeType, types.CodeType | None]:
    """The block's code, with a last bare expression split off to show its value, as a notebook
    does (not when the block ends with `;`, which hides it there too)."""
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tree = ast.parse(block.source, block.filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not block.code.rstrip().endswith(";"):
        last = ast.Expression(tree.body.pop().value)
    code = compile(tree, block.filename, "exec", flags=flags, dont_inherit=True)
    if last is None:
        return code, None
    return code, compile(last, block.filename, "eval", flags=flags, dont_inherit=True)


def run_block(
    block: Block,
    namespace: dict[str, Any],
    blocks: list[Block],
    sandbox: Any,
    output: CappedOutput,
    loop_holder: list,
) -> dict[str, Any]:
    attempts = len(sandbox.network_attempts) if sandbox else 0
    stdin_reads = sandbox.stdin_reads if sandbox else 0
    where = f"{block.origins[0][0]}:{block.origins[0][1]}" if block.origins else ""
    try:
        code, last = compile_block(block)
    except SyntaxError as error:
        file, line = block.map(error.filename or block.filename, error.lineno or 0)
        return {
            "status": "failed",
            "location": f"{file}:{line}",
            "message": f"SyntaxError: {error.msg}",
            "failing_line": (error.text or "").strip(),
            "traceback": "".join(traceback.format_exception_only(type(error), error)),
        }
    try:
        result = eval(code, namespace)  # noqa: S307 - running the page's code is the point
        if inspect.iscoroutine(result):
            if not loop_holder:
                loop_holder.append(asyncio.new_event_loop())
            loop_holder[0].run_until_complete(result)
        if last is not None:
            value = eval(last, namespace)  # noqa: S307
            if last.co_flags & inspect.CO_COROUTINE:
                if not loop_holder:
                    loop_holder.append(asyncio.new_event_loop())
                value = loop_holder[0].run_until_complete(value)
            if value is not None:
                print(repr(value))
        return {"status": "passed"}
    except BaseException as error:  # noqa: BLE001 - every way a snippet can fail is reported
        frames = snippet_frames(error, blocks)
        file, line, text = frames[-1] if frames else (where.rsplit(":", 1)[0], 0, "")
        report = {
            "status": "failed",
            "location": f"{file}:{line}" if frames else where,
            "failing_line": text,
            "traceback": format_traceback(error, blocks),
        }
        if isinstance(error, SystemExit):
            report["message"] = f"the snippet exits the interpreter (sys.exit({error.code!r}))"
        elif isinstance(error, OutputFlood):
            report["message"] = (
                f"the snippet printed more than {output.cap:,} bytes; print a summary instead"
            )
            report["traceback"] = ""
        elif sandbox and len(sandbox.network_attempts) > attempts:
            report["message"] = (
                f"this snippet needs the network: {sandbox.network_attempts[attempts]}"
            )
            if not isinstance(error, sandbox.NetworkBlocked):
                # A library wrapped the refusal in its own error; name that too.
                report["message"] += f" ({type(error).__name__}: {error})"
        elif sandbox and sandbox.stdin_reads > stdin_reads:
            report["message"] = str(sandbox.StdinRead())
        else:
            report["message"] = "".join(traceback.format_exception_only(type(error), error)).strip()
        return report


def expected_failure(result: dict[str, Any], why: str) -> dict[str, Any]:
    """pytest-examples' test="xfail": the block passes when it raises, fails when it does not."""
    if result["status"] == "failed":
        return {"status": "passed", "message": f"failed as expected ({why or 'xfail'})"}
    return {
        "status": "failed",
        "message": 'marked test="xfail" but ran without an error; remove the mark',
        "location": "",
    }


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    channel = os.fdopen(int(os.environ.pop(ENV_REPORT_FD)), "w", encoding="utf-8", buffering=1)
    os.set_inheritable(channel.fileno(), False)

    def send(**event: Any) -> None:
        channel.write(json.dumps(event) + "\n")
        channel.flush()

    # On a timeout the parent sends SIGUSR1 first, to learn which line was running.
    dump = open(job["dump_file"], "w")  # noqa: SIM115 - must stay open for faulthandler
    faulthandler.register(signal.SIGUSR1, file=dump, all_threads=True)

    blocks = [Block(b) for b in job["blocks"]]
    register_sources(blocks)
    sandbox = sys.modules.get("_dlmd_sandbox")
    namespaces = Namespaces()
    recorder = PrintRecorder(builtins.print)
    builtins.print = recorder

    output = CappedOutput(job["output_cap"])
    sys.stdout = sys.stderr = output  # type: ignore[assignment]
    loop_holder: list = []
    setup_error = ""
    if job.get("setup"):
        try:
            run_setup(job["setup"], recorder)
        except BaseException as error:  # noqa: BLE001 - reported on the first block
            setup_error = "".join(
                traceback.format_exception(type(error), error, error.__traceback__)
            ).strip()
    send(event="ready")
    failed: set[str | None] = set()  # namespaces a failure broke: their later blocks stay blocked
    for block in blocks:
        if block.namespace in failed:
            continue
        send(event="start", block=block.number)
        output.reset()
        started = time.perf_counter()
        if setup_error:
            result = {
                "status": "failed",
                "location": job["setup"],
                "message": "the site's set-up hook failed before this page ran",
                "traceback": setup_error,
            }
        elif block.requires and sys.version_info[:2] < tuple(block.requires):
            wanted = ".".join(map(str, block.requires))
            result = {"status": "skipped", "message": f"requires Python {wanted}"}
        else:
            namespace = namespaces.for_block(block.namespace)
            recorder.block, recorder.calls = (block if block.record_prints else None), []
            result = run_block(block, namespace, blocks, sandbox, output, loop_holder)
            recorder.block = None
            if block.record_prints:
                result["prints"] = recorder.calls
            if block.xfail is not None:
                result = expected_failure(result, block.xfail)
        result["duration"] = round(time.perf_counter() - started, 3)
        try:
            result["output"] = output.text(whole=block.keep_output)
        except Exception:  # noqa: BLE001
            result["output"] = ""
        send(event="end", block=block.number, **result)
        if result["status"] == "failed":
            if block.namespace == "page" or setup_error:
                break  # the page's blocks build on each other: the rest are not run
            if block.namespace is not None:
                failed.add(block.namespace)  # a group or session: its later blocks are not run
    send(event="done")
    # Skip interpreter shutdown: a snippet's non-daemon thread or atexit hook must not hang us.
    os._exit(0)


if __name__ == "__main__":
    main()
