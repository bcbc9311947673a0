"""Run notebooks with nbclient in a fresh kernel, check stored outputs and targets.

- Code cells run in order in one kernel, in a workspace with the guards Markdown pages get.
  Cells are numbered as "code cell N", counting code cells only, from 1.
- Stale outputs: `--write-outputs` records in each run cell's metadata the SHA-256 of its source
  (`cell.metadata["dlmd"]["source_sha256"]`). A normal check fails a cell whose source no longer
  matches, or that has outputs but no such record.
- Targets: `nb.metadata["dlmd"]["targets"] = {"test_accuracy": 0.97}` names variables the
  notebook computes and their minimums, or ranges such as `{"air_hu": {"max": -700}}`; after a
  successful run they are read from the kernel, reported as `metrics`, and the notebook fails if
  one is missing or outside its bounds.
"""

from __future__ import annotations

import asyncio
import math
import re
import time
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async

from dlmd.snippetcheck.inventory import sha256_text
from dlmd.snippetcheck.model import Block, Page
from dlmd.snippetcheck.results import (
    BLOCKED,
    FAILED,
    PASSED,
    PageResult,
    initial_page_result,
    to_run,
)
from dlmd.snippetcheck.workspace import RunOptions, Workspace

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_CELL_LINE = re.compile(r"Cell In\[(?P<count>\d+)\], line (?P<line>\d+)")
_ARROW = re.compile(r"^-+>\s*\d+\s?(?P<code>.*)$", re.MULTILINE)
OUTPUT_KEEP = 20_000


class _Client(NotebookClient):
    """NotebookClient that stops a cell flooding the output instead of storing it all."""

    def __init__(self, nb: Any, output_cap: int, **kwargs: Any) -> None:
        super().__init__(nb, **kwargs)
        self.output_cap = output_cap
        self.reset_output_count()

    def reset_output_count(self) -> None:
        self.printed = 0
        self.flooded = False

    def output(self, outs: list, msg: dict, display_id: str | None, cell_index: int) -> Any:
        if msg["msg_type"] == "stream":
            self.printed += len(msg["content"].get("text", "").encode("utf-8", "replace"))
            if self.printed > self.output_cap:
                if not self.flooded:
                    self.flooded = True
                    assert self.km is not None
                    asyncio.ensure_future(ensure_async(self.km.interrupt_kernel()))
                return None
        return super().output(outs, msg, display_id, cell_index)


def _output_text(cell: Any) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif "data" in output and "text/plain" in output["data"]:
            parts.append(output["data"]["text/plain"] + "\n")
    text = "".join(parts)
    return text if len(text) <= OUTPUT_KEEP else "...\n" + text[-OUTPUT_KEEP:]


def _failure(
    error: CellExecutionError, block: Any, cells_by_count: dict[int, int], page: Page
) -> tuple[str, str, str, str]:
    """(location, message, failing line, traceback) of a cell's exception."""
    text = _ANSI.sub("", str(error.traceback or error))
    # nbclient repeats the cell's source above the traceback; the report names the cell instead.
    header = re.match(
        r"An error occurred while executing the following cell:\n-+\n.*?\n-+\n", text, re.S
    )
    if header:
        text = text[header.end() :].lstrip("\n")
    location = f"{page.path} code cell {block.cell}"
    matches = list(_CELL_LINE.finditer(text))
    failing = ""
    if matches:
        last = matches[-1]
        cell = cells_by_count.get(int(last.group("count")), block.cell)
        location = f"{page.path} code cell {cell}, line {last.group('line')}"
        arrow = _ARROW.search(text, last.end())
        failing = arrow.group("code").strip() if arrow else ""
    ename, evalue = error.ename, error.evalue
    if ename == "SystemExit":
        message = f"the snippet exits the interpreter (sys.exit({evalue}))"
    elif ename in ("StdinNotImplementedError", "StdinRead"):
        message = (
            "snippet reads from stdin (input() or sys.stdin): a check has no reader to type; "
            "give the value in the code instead"
        )
    else:
        message = f"{ename}: {evalue}"
    return location, message, failing, text


async def _execute(
    nb: Any,
    page: Page,
    blocks: list[Block],
    result: PageResult,
    options: RunOptions,
    box: Workspace,
) -> None:
    client = _Client(
        nb,
        output_cap=options.output_cap,
        kernel_name="python3",
        timeout=math.ceil(options.timeout),
        allow_errors=False,
        record_timing=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(box.work)}},
        # Leave C-level output (TensorFlow's start-up logs) on the kernel's own stdout/stderr,
        # which go to the log file below, instead of copying it into the notebook's outputs.
        extra_arguments=["--IPKernelApp.capture_fd_output=False"],
    )
    # The kernel's own stdout/stderr (start-up warnings, C-library logs) go to a log file.
    log = open(box.root / "kernel.log", "wb")  # noqa: SIM115 - closed below
    try:
        await _run_cells(client, nb, page, blocks, result, options, box, log)
    finally:
        log.close()


async def _run_cells(
    client: _Client,
    nb: Any,
    page: Page,
    blocks: list[Block],
    result: PageResult,
    options: RunOptions,
    box: Workspace,
    log: Any,
) -> None:
    by_number = {b.number: b for b in result.blocks}
    cells_by_count: dict[int, int] = {}
    # Figures are stored in the notebook as in Jupyter, not drawn by the scripts' Agg backend.
    env = {**box.env(), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    async with client.async_setup_kernel(env=env, stdout=log, stderr=log):
        count = 0
        for block in blocks:
            report = by_number[block.number]
            assert block.position is not None and block.cell is not None
            cell = nb.cells[block.position - 1]
            limit = block.timeout or options.timeout
            client.timeout = math.ceil(limit)
            client.reset_output_count()
            _events, offset = box.events_since(0)
            started = time.perf_counter()
            try:
                cells_by_count[count + 1] = block.cell
                await client.async_execute_cell(cell, block.position - 1, execution_count=count + 1)
                count += 1
                report.status, report.message = PASSED, ""
            except CellTimeoutError:
                report.status = FAILED
                report.location = block.where
                report.message = (
                    f"timed out after {limit:g} s; if it needs longer, set the cell's metadata "
                    f'{{"dlmd": {{"timeout": {max(int(limit) * 2, 120)}}}}}'
                )
            except DeadKernelError:
                report.status = FAILED
                report.location = block.where
                report.message = "the kernel died while running this cell (os._exit() or a crash?)"
                log.flush()
                tail = (box.root / "kernel.log").read_bytes()[-4000:]
                report.traceback = tail.decode("utf-8", "replace")
            except CellExecutionError as error:
                report.status = FAILED
                report.location, report.message, report.failing_line, report.traceback = _failure(
                    error, block, cells_by_count, page
                )
                network = [e["network"] for e in box.events_since(offset)[0] if "network" in e]
                if client.flooded:
                    report.message = (
                        f"the snippet printed more than {options.output_cap:,} bytes; "
                        "print a summary instead"
                    )
                elif network:
                    wrapped = "" if error.ename == "NetworkBlocked" else f" ({report.message})"
                    report.message = f"this snippet needs the network: {network[0]}{wrapped}"
            report.duration = round(time.perf_counter() - started, 3)
            report.output = _output_text(cell)
            if report.status == FAILED:
                return
        ran = all(b.status != BLOCKED for b in result.blocks if b.cell is not None)
        if (page.targets or page.maximums) and ran:
            await _read_targets(client, page, result)


async def _read_targets(client: _Client, page: Page, result: PageResult) -> None:
    assert client.kc is not None
    names = list(page.targets) + [name for name in page.maximums if name not in page.targets]
    expressions = {name: f"float({name})" for name in names}
    msg_id = await ensure_async(
        client.kc.execute("", silent=True, store_history=False, user_expressions=expressions)
    )
    reply = await client.async_wait_for_reply(msg_id)
    values = (reply or {}).get("content", {}).get("user_expressions", {})
    for name in names:
        value = values.get(name, {})
        if value.get("status") != "ok":
            result.errors.append(
                f"{page.path}: target {name}: the notebook defines no number {name} "
                f"({value.get('ename', 'no value')}: {value.get('evalue', '')})"
            )
            continue
        number = float(value["data"]["text/plain"])
        result.metrics[name] = number
        minimum, maximum = page.targets.get(name), page.maximums.get(name)
        if minimum is not None and not number >= minimum:
            result.errors.append(
                f"{page.path}: target {name}: {number:.4f} is below its minimum {minimum:g}"
            )
        if maximum is not None and not number <= maximum:
            result.errors.append(
                f"{page.path}: target {name}: {number:.4f} is above its maximum {maximum:g}"
            )


def run_notebook(page: Page, options: RunOptions) -> PageResult:
    result = initial_page_result(page)
    started = time.perf_counter()
    blocks = to_run(page)
    if (page.targets or page.maximums) and not blocks:
        result.errors.append(f"{page.path}: it declares targets but no code cell runs")
    if blocks:
        nb = nbformat.read(page.source, as_version=4)
        box = Workspace(options)
        try:
            asyncio.run(_execute(nb, page, blocks, result, options, box))
        finally:
            result.offline_files = box.offline_files()
            box.cleanup()
        if options.write_outputs:
            _write_outputs(nb, page, result)
    if not options.write_outputs:
        for block in page.blocks:
            report = next(r for r in result.blocks if r.number == block.number)
            if block.stale and report.status in (PASSED, BLOCKED):
                report.status = FAILED
                report.location = block.where
                report.message = (
                    f"stored outputs are stale: {block.stale}; refresh them with "
                    f"check-snippets --write-outputs {page.path}"
                )
    result.duration = round(time.perf_counter() - started, 3)
    return result


def _write_outputs(nb: Any, page: Page, result: PageResult) -> None:
    if result.status != PASSED:
        result.errors.append(f"{page.path}: outputs not written because the notebook failed")
        return
    ran = {b.position for b in page.blocks if b.cell is not None and b.runs}
    for position, cell in enumerate(nb.cells, start=1):
        if position in ran:
            cell.metadata.setdefault("dlmd", {})["source_sha256"] = sha256_text(cell.source)
    nbformat.write(nb, page.source)
