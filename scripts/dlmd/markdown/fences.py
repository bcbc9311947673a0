"""Find fenced code blocks exactly as pymdownx.superfences does.

SuperFences finds fences with a regular expression over the raw lines, at any indentation and
inside blockquotes, which is why fences nested in admonitions, tabs and `details` render. This
module reuses its regular expressions and mirrors `SuperFencesBlockPreprocessor.search_nested`
line for line (fence start, option validation, dedent, closing rules). Unlike the renderer it also
reports the fences the renderer silently gives up on (rejected header, a line indented less than
the fence, a fence never closed): on the site those show up as raw text, never as code.
Tests compare it with the real preprocessor and with the built HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown.extensions.attr_list import get_attrs
from pymdownx.superfences import (
    NESTED_FENCE_END,
    PREFIX_CHARS,
    RE_HL_LINES,
    RE_LINENUMS,
    RE_NESTED_FENCE_START,
    RE_OPTIONS,
)

from dlmd.markdown.custom_fences import CustomFence, choose_fence

# Options the highlighter accepts (pymdownx.superfences.highlight_validator); they only change
# how a block renders, never what it runs.
_HIGHLIGHT_OPTIONS: tuple[tuple[str, re.Pattern[str] | None], ...] = (
    ("hl_lines", RE_HL_LINES),
    ("linenums", RE_LINENUMS),
    ("title", None),
    ("title_mode", None),
)


@dataclass
class Fence:
    start: int  # index (0-based) of the opening fence line in the scanned lines
    end: int  # index of the closing fence line
    header: str  # the opening line, stripped
    language: str
    options: dict[str, str] = field(default_factory=dict)  # accepted highlight options
    attrs: dict[str, str] = field(default_factory=dict)  # anything else (attr-list form)
    classes: list[str] = field(default_factory=list)
    id: str = ""
    custom: bool = False  # rendered by a custom fence formatter, not the highlighter
    fence_type: CustomFence | None = None  # that custom fence
    code: list[str] = field(default_factory=list)  # dedented content lines


@dataclass
class FenceProblem:
    index: int  # 0-based line index of the fence's opening line
    message: str
    related: int | None = None  # 0-based index of the line that made the renderer give up


def _highlight_validate(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    options: dict[str, str] = {}
    attrs: dict[str, str] = {}
    for key, value in values.items():
        if key.startswith("data-"):
            attrs[key] = value
            continue
        for name, validator in _HIGHLIGHT_OPTIONS:
            if key == name and (validator is None or validator.match(value) is not None):
                options[key] = value
                break
        else:
            attrs[key] = value
    return options, attrs


_LESS_INDENTED = (
    "a line inside it is indented less than the opening fence (indent every line of the block "
    "at least as much as the fence)"
)


class _Scanner:
    def __init__(
        self, tab_length: int, custom_fences: tuple[CustomFence, ...], relaxed: bool
    ) -> None:
        self.tab_length = tab_length
        self.custom_fences = custom_fences
        self.relaxed = relaxed
        self.fences: list[Fence] = []
        self.problems: list[FenceProblem] = []
        self.clear()

    def clear(self) -> None:
        self.fence: str | None = None
        self.current: Fence | None = None
        self.ws_len = 0
        self.ws_virtual_len = 0
        self.quote_level = 0
        self.raw_code: list[str] = []
        self.empty_lines = 0
        self.fence_end: re.Pattern[str] | None = None

    def abandon(self, index: int, why: str) -> None:
        assert self.current is not None
        self.problems.append(
            FenceProblem(
                self.current.start,
                f"the code block opened here is not rendered as code: {why}",
                related=index,
            )
        )
        self.clear()

    # Header handling mirrors parse_options / handle_attrs / handle_unrecognized: each custom
    # fence named like the language is asked first (custom_fences.py), then the highlighter.
    def choose(self, fence: Fence, values: dict[str, str], attr_list: bool) -> bool:
        chosen = choose_fence(fence.language, values, self.custom_fences, attr_list)
        if chosen is not None:
            fence.fence_type, fence.options, fence.attrs = chosen
            fence.custom = True
            return True
        fence.options, fence.attrs = _highlight_validate(values)
        return attr_list or not fence.attrs  # parse_options refuses leftover attributes

    def header(self, m: re.Match[str], start: int, line: str) -> Fence | None:
        fence = Fence(start=start, end=-1, header=line.strip(), language=m.group("lang") or "")
        if m.group("unrecognized"):
            if not self.relaxed:
                return None
            self.choose(fence, {}, attr_list=True)
            return fence
        values: dict[str, str] = {}
        if m.group("attrs"):
            for key, value in get_attrs(m.group("attrs").replace("\t", " " * self.tab_length)):
                if key == "id":
                    fence.id = value
                elif key == ".":
                    fence.classes.append(value)
                else:
                    values[key] = value
            if not m.group("lang"):
                fence.language = fence.classes.pop(0) if fence.classes else ""
            self.choose(fence, values, attr_list=True)
            return fence
        for m2 in RE_OPTIONS.finditer(m.group("options") or ""):
            value = m2.group("value")
            values[m2.group("key")] = m2.group("key") if value is None else value
        if not self.choose(fence, values, attr_list=False):
            if self.relaxed:  # handle_unrecognized: the validators again, without options
                fence.options, fence.attrs = {}, {}
                self.choose(fence, {}, attr_list=True)
                return fence
            return None
        return fence

    def parse_whitespace(self, line: str) -> str:
        ws = []
        self.ws_len = 0
        for c in line:
            if c not in PREFIX_CHARS:
                break
            self.ws_len += 1
            ws.append(c)
        text = "".join(ws).expandtabs(self.tab_length)
        self.ws_virtual_len = len(text)
        return text

    def parse_fence_line(self, line: str) -> tuple[str, str]:
        ws_len = ws_virtual_len = index = 0
        ws: list[str] = []
        for c in line:
            if ws_virtual_len >= self.ws_virtual_len or c not in PREFIX_CHARS:
                break
            ws_len += 1
            if c == "\t":
                size = self.tab_length - (index % self.tab_length)
                ws_virtual_len += size
                ws.append(" " * size)
            else:
                size = 1
                ws_virtual_len += 1
                ws.append(c)
            index += size
        return "".join(ws), line[ws_len:]

    def close(self, index: int) -> None:
        assert self.current is not None
        self.current.end = index
        self.current.code = [text[self.ws_virtual_len :] for text in self.raw_code]
        self.fences.append(self.current)
        self.clear()

    def eval_fence(self, ws: str, content: str, index: int) -> None:
        assert self.fence_end is not None
        if (ws + content).strip() == "":
            self.empty_lines += 1
            self.raw_code.append(ws + content)
        elif len(ws) != self.ws_virtual_len and content != "":
            self.abandon(index, _LESS_INDENTED)
        elif self.fence_end.match(content) is not None and not content.startswith((" ", "\t")):
            self.close(index)
        else:
            self.empty_lines = 0
            self.raw_code.append(ws + content)

    def eval_quoted(self, ws: str, content: str, quote_level: int, index: int) -> None:
        assert self.fence_end is not None
        if quote_level > self.quote_level:
            self.abandon(index, "a line is quoted deeper than the opening fence")
        elif content == "":
            self.raw_code.append(ws + content)
            self.empty_lines += 1
        elif len(ws) < self.ws_len:
            self.abandon(index, _LESS_INDENTED)
        elif self.empty_lines and quote_level < self.quote_level:
            self.abandon(index, "the blockquote ends before the closing fence")
        elif self.fence_end.match(content) is not None:
            self.close(index)
        else:
            self.empty_lines = 0
            self.raw_code.append(ws + content)

    def scan(self, lines: list[str]) -> None:
        for index, raw in enumerate(lines):
            line = raw.rstrip("\r")
            if self.fence is None:
                ws = self.parse_whitespace(line)
                m = RE_NESTED_FENCE_START.match(line, self.ws_len)
                if m is None:
                    continue
                fence = self.header(m, index, line)
                if fence is None:
                    self.problems.append(
                        FenceProblem(
                            index,
                            f"the fence header {line.strip()!r} is not accepted by the renderer "
                            "(unknown options), so it is shown as text, not code; use "
                            '```lang title="..." or an attribute list {.lang ...}',
                        )
                    )
                    self.clear()
                    continue
                self.current = fence
                self.quote_level = ws.count(">")
                self.empty_lines = 0
                self.fence = m.group("fence")
                self.fence_end = re.compile(NESTED_FENCE_END % self.fence)
            else:
                ws, content = self.parse_fence_line(line)
                quote_level = ws.count(">")
                if self.quote_level:
                    self.eval_quoted(ws, content, quote_level, index)
                elif quote_level == 0:
                    self.eval_fence(ws, content, index)
                else:
                    self.abandon(index, "a blockquote line appears inside the block")
        if self.current is not None:
            self.problems.append(
                FenceProblem(
                    self.current.start,
                    f"the code block opened here with {self.fence} is never closed, so it is "
                    f"shown as text; close it with {self.fence} at the same indentation",
                )
            )
            self.clear()


def find_fences(
    lines: list[str],
    tab_length: int = 4,
    custom_fences: Iterable[CustomFence | str] = (),
    relaxed_headers: bool = False,
) -> tuple[list[Fence], list[FenceProblem]]:
    """Return the fenced blocks superfences renders in `lines`, and the ones it gives up on.

    `lines` are the page's lines after includes are expanded. As Python-Markdown does before
    superfences runs, tabs are expanded first. A custom fence given as a bare name has
    SuperFences' default validator.
    """
    customs = tuple(f if isinstance(f, CustomFence) else CustomFence(f) for f in custom_fences)
    scanner = _Scanner(tab_length, customs, relaxed_headers)
    scanner.scan([line.expandtabs(tab_length) for line in lines])
    return scanner.fences, scanner.problems
