"""Runs one Markdown page's Python blocks in a fresh process (started by execute.py).

Usage: python -m dlmd.snippetcheck.runner_child JOB.json (standard library only; -m puts the
working directory first on the import path, as in a notebook, and not this runner's folder).

The blocks run in order, each once, in one namespace that is a real `__main__` module, as in a
notebook: `if __name__ == "__main__":` bodies run and top-level `await` works, and the repr()
of a last bare expression's value is printed unless it is None or the block ends with `;`. Each
block is compiled with its page's file name and padded so that line numbers are the Markdown's
lines. Results go to the parent over a dedicated pipe (fd in DLMD_SNIPPETS_REPORT_FD), one JSON
object per line: {"event": "ready"}, {"event": "start", "block": n}, {"event": "end", "block": n,
...}, {"event": "done"}. The snippets' own output never mixes with this channel.
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

    def map(self, filename: str, line: int) -> tuple[str, int]:
        """Where a (filename, line) of this block's code object is in the Markdown sources."""
        if not self.direct and filename == self.filename and 1 <= line <= len(self.origins):
            return self.origins[line - 1]
        return filename, line


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
            "traceback": "".join(traceback.format_exception_only(error)),
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
            report["message"] = "".join(traceback.format_exception_only(error)).strip()
        return report


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

    main_module = types.ModuleType("__main__")
    main_module.__dict__["__builtins__"] = builtins
    sys.modules["__main__"] = main_module
    namespace = main_module.__dict__

    output = CappedOutput(job["output_cap"])
    sys.stdout = sys.stderr = output  # type: ignore[assignment]
    loop_holder: list = []
    send(event="ready")
    for block in blocks:
        send(event="start", block=block.number)
        output.reset()
        started = time.perf_counter()
        result = run_block(block, namespace, blocks, sandbox, output, loop_holder)
        result["duration"] = round(time.perf_counter() - started, 3)
        try:
            result["output"] = output.text(whole=block.keep_output)
        except Exception:  # noqa: BLE001
            result["output"] = ""
        send(event="end", block=block.number, **result)
        if result["status"] != "passed":
            break
    send(event="done")
    # Skip interpreter shutdown: a snippet's non-daemon thread or atexit hook must not hang us.
    os._exit(0)


if __name__ == "__main__":
    main()
