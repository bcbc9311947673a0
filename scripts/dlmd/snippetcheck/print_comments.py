"""Expected output as comments under each print() call, as pytest-examples writes it:

    print(user.id)
    #> 123
    print(user)
    \"\"\"
    User(id=123, name='a long line that did not fit on one comment line ...')
    \"\"\"

After a run, what each print() call printed is rendered as pytest-examples renders it (one `#> `
line when it fits in 80 columns, else a triple-quoted block) and compared with what the page shows
there. pytest-examples formats long values with black; the checker does not have black, so inside
a triple-quoted block the comparison ignores whitespace and trailing commas. A print() that never
ran keeps its comments unchecked, as in pytest-examples. The runner records the calls
(runner_child.PrintRecorder); this module finds the comments and compares.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

LINE_LENGTH = 80  # pytest-examples' default, and pydantic's
COMMENT = "#> "
_COMMENT = re.compile(r"^ *#>( |$)")
_QUOTES = re.compile(r"^ *(\"{3}|'{3})")
_BODIES = (
    ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.Try, ast.With,
    ast.AsyncWith, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler,
)  # fmt: skip


@dataclass
class PrintExpectation:
    call_line: int  # code line (from 1) where the print( call starts
    after: int  # code line after which its output comments go
    col: int  # the call's indentation
    start: int  # first comment line (from 1); start > end when there are none
    end: int  # last comment line
    shown: list[str]  # the comment lines, dedented by `col`


def _last_line(node: ast.expr) -> int:
    """Where pytest-examples puts the output: after the call's last argument (or its `)`)."""
    if isinstance(node, ast.Call):
        last = node.keywords[-1].value if node.keywords else (node.args[-1] if node.args else None)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        last = node.elts[-1] if node.elts else None
    elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
        generator = node.generators[-1]
        last = generator.ifs[-1] if generator.ifs else generator.iter
    else:
        return node.lineno
    if last is None:
        return node.lineno
    line = _last_line(last)
    return node.lineno if line == node.lineno else line + 1


def _print_calls(node: ast.AST) -> list[ast.Call]:
    calls: list[ast.Call] = []
    if isinstance(node, _BODIES):
        for child in node.body:  # type: ignore[attr-defined]
            calls.extend(_print_calls(child))
        if isinstance(node, ast.If):
            for child in node.orelse:
                calls.extend(_print_calls(child))
        if isinstance(node, ast.Try):
            for handler in node.handlers:
                calls.extend(_print_calls(handler))
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        if isinstance(func, ast.Name) and func.id == "print":
            calls.append(node.value)
    return calls


def find_expectations(code: str) -> list[PrintExpectation] | None:
    """The print() calls of a block and the comments under them; None when the block has no
    `#>` comment (nothing to compare) or cannot be parsed here."""
    lines = code.split("\n")
    if not any(_COMMENT.match(line) for line in lines):
        return None
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    found = []
    for call in _print_calls(tree):
        after = _last_line(call)
        index = after  # 0-based index of the line after `after`
        while index < len(lines) and _COMMENT.match(lines[index]):
            index += 1
        if index == after and index < len(lines) and _QUOTES.match(lines[index]):
            closing = next(
                (i for i in range(index + 1, len(lines)) if _QUOTES.match(lines[i])), None
            )
            if closing is not None:
                index = closing + 1
        shown = [line[call.col_offset :].rstrip() for line in lines[after:index]]
        found.append(PrintExpectation(call.lineno, after, call.col_offset, after + 1, index, shown))
    return found


def render(calls: list[dict[str, Any]], col: int) -> list[str]:
    """What pytest-examples writes under a print() for these calls (dedented by `col`)."""
    lines: list[str] = []
    for call in calls:
        single = call["sep"].join(call["args"])
        if "\n" not in single and len(single) + len(COMMENT) < LINE_LENGTH - col:
            lines.append((COMMENT + single).rstrip())
        else:
            body = (call["sep"] + "\n").join(arg.strip("\n") for arg in call["args"])
            lines.extend(['"""', *(line.rstrip() for line in body.split("\n")), '"""'])
    return lines


_CLOSER_COMMA = re.compile(r",(?=[)\]}])")


def loosely_equal(shown: list[str], rendered: list[str]) -> bool:
    """Equal but for whitespace and trailing commas (black's wrapping of long values)."""

    def squash(lines: list[str]) -> str:
        text = re.sub(r"\s+", "", "\n".join(lines).replace("'''", '"""'))
        return _CLOSER_COMMA.sub("", text)

    return squash(shown) == squash(rendered)
