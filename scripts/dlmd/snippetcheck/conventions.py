"""Other sites' conventions for code blocks, honoured so that their pages need no rewriting.

- pytest-examples (`pytest-examples`): attributes on a Python fence, ```python {test="skip"}:
  test="skip ..." skips the block, test="xfail ..." expects it to raise, requires="3.12" skips
  it on an older Python, group="name" shares globals with the next blocks of that group; lint,
  upgrade, output, rewrite_assert and the highlighter's title/linenums/hl_lines change nothing
  here. A block with such attributes runs in its own namespace, as pytest-examples runs each.
- `#>` comments (`print-comments`): compared with what each print() printed (print_comments.py).
- markdown-exec (`markdown-exec`): a fence its validator accepts (exec="1") runs at build time;
  python/py fences run here, each in a fresh namespace or in its session="..."; pycon fences run
  their `>>>` lines; shell fences are skipped with the reason; tree and pyodide fences are shown;
  an executed ```md fence is read as Markdown, so the executed fences inside it run. Python
  fences without exec= are shown, not run, as markdown-exec leaves them.
- show-only languages (`show-only`): csv, ini, xml, rst, pycon, toml... are shown, not run.

`--ignore-convention NAME` turns one off; `--show-unknown` also shows untagged fences and shell
blocks other than `pip install` (with a note that this is a guess) instead of failing them;
`--isolate` runs every block in its own namespace.
"""

from __future__ import annotations

from dlmd.markdown.fences import Fence
from dlmd.snippetcheck import model as inv
from dlmd.snippetcheck.output_blocks import NO_OWNER, OWNER_SKIPPED
from dlmd.snippetcheck.print_comments import find_expectations
from dlmd.snippetcheck.run_settings import RunSettings

PYTEST_EXAMPLES, PRINT_COMMENTS, MARKDOWN_EXEC, SHOW_ONLY = (
    "pytest-examples", "print-comments", "markdown-exec", "show-only",
)  # fmt: skip
ALL = (PYTEST_EXAMPLES, PRINT_COMMENTS, MARKDOWN_EXEC, SHOW_ONLY)

# Attributes pytest-examples (and pydantic's docs, which it checks) read; the ones that do not
# change how a block runs are accepted and ignored.
_PYTEST_EXAMPLES_KEYS = {"test", "requires", "group", "lint", "upgrade", "output", "rewrite_assert"}
_HIGHLIGHT_KEYS = {"title", "linenums", "hl_lines", "title_mode"}
SHOW_ONLY_LANGUAGES = frozenset(
    {"csv", "tsv", "ini", "cfg", "xml", "rst", "pycon", "toml", "dockerfile", "diff", "sql",
     "jinja", "plain", "log"}
)  # fmt: skip
PYTHON_LANGUAGES = frozenset({"python", "py", "python3"})
_EXEC_SHELL = frozenset({"bash", "sh", "console", "shell"})
_EXEC_SHOWN = frozenset({"tree", "pyodide", "md", "markdown"})


def pytest_examples_settings(attrs: dict[str, str]) -> tuple[RunSettings, str | None, str | None]:
    """(run settings, skip reason, problem) for a Python fence's pytest-examples attributes."""
    settings = RunSettings(namespace=None, convention=PYTEST_EXAMPLES)
    test = attrs.get("test", "")
    if test.startswith("skip"):
        return settings, f'test="{test}" (pytest-examples)', None
    if test.startswith("xfail"):
        settings.xfail = test[5:].lstrip(" -")
    if attrs.get("requires"):
        try:
            major, minor = map(int, attrs["requires"].split("."))
        except ValueError:
            return (
                settings,
                None,
                f'requires="{attrs["requires"]}" is not a Python version like "3.12"',
            )
        settings.requires = (major, minor)
    if attrs.get("group"):
        settings.namespace = "group:" + attrs["group"]
    return settings, None, None


def python_fence(fence: Fence, enabled: frozenset[str]) -> tuple[RunSettings, str | None] | None:
    """Settings and skip reason for a ```python fence whose attributes are all pytest-examples'
    or the highlighter's; None when some attribute is neither (the block is then an error)."""
    if PYTEST_EXAMPLES not in enabled or fence.id or fence.classes:
        return None
    keys = set(fence.attrs)
    if not keys or not keys <= _PYTEST_EXAMPLES_KEYS | _HIGHLIGHT_KEYS:
        return None
    settings, skip, problem = pytest_examples_settings(fence.attrs)
    if problem is not None:
        return None
    return settings, skip


def exec_fence_kind(fence: Fence) -> str:
    """How a markdown-exec fence is treated: "python", "pycon", "shell" or "shown"."""
    language = fence.language.lower()
    if language in PYTHON_LANGUAGES:
        return "python"
    if language == "pycon":
        return "pycon"
    if language in _EXEC_SHELL:
        return "shell"
    return "shown"


def pycon_code(code: str) -> str:
    """The statements of a console session: the `>>> ` and `... ` lines, as markdown-exec runs."""
    lines = []
    for line in code.split("\n"):
        if line.startswith((">>> ", "... ")) or line in (">>>", "..."):
            lines.append(line[4:])
    return "\n".join(lines)


def session_key(options: dict[str, object]) -> str | None:
    session = str(options.get("session") or "")
    return f"session:{session}" if session else None


def print_expectations(code: str, enabled: frozenset[str]) -> list | None:
    if PRINT_COMMENTS not in enabled:
        return None
    return find_expectations(code)


def apply_conventions(fence: Fence, block: inv.Block, site: object) -> None:
    """Adjust a freshly classified block for the conventions `site` enables."""
    enabled: frozenset[str] = getattr(site, "conventions", frozenset(ALL))
    language = fence.language.lower()
    exec_fence = fence.custom and fence.fence_type is not None and fence.fence_type.executes
    if exec_fence and MARKDOWN_EXEC in enabled:
        _markdown_exec_block(fence, block)
        return
    if block.kind == inv.PYTHON and MARKDOWN_EXEC in enabled and _exec_site(fence, site):
        # markdown-exec runs only the fences its validator accepts; the others are shown.
        block.kind, block.note = inv.SHOWN, "markdown-exec site: shown, not run (no exec=)"
        return
    if block.kind == inv.PYTHON:
        if fence.attrs or fence.id or fence.classes:
            found = python_fence(fence, enabled)
            if found is not None:
                block.run, skip = found
                block.problem = None
                if skip is not None:
                    block.skip_reason = skip
        if getattr(site, "isolate", False) and block.run.namespace == "page":
            block.run.namespace = None
        expectations = print_expectations(block.code, enabled)
        if expectations:
            block.run.prints = expectations
        return
    if block.kind == inv.UNCLASSIFIED and SHOW_ONLY in enabled and language in SHOW_ONLY_LANGUAGES:
        block.kind, block.problem, block.note = inv.SHOWN, None, f"{language}: shown, not run"
        return
    guessable = block.kind == inv.UNCLASSIFIED or (
        block.kind == inv.SHELL and not block.skip_reason
    )
    if getattr(site, "show_unknown", False) and block.problem is not None and guessable:
        what = "an untagged fence" if not language else f"a {language} block"
        block.note = f"{what}, shown and not run (a guess: --show-unknown)"
        block.kind, block.problem = inv.SHOWN, None


def _markdown_exec_block(fence: Fence, block: inv.Block) -> None:
    what = exec_fence_kind(fence)
    note = "markdown-exec: runs when the site builds"
    if what in ("python", "pycon"):
        block.kind, block.problem = inv.PYTHON, None
        if what == "pycon":
            kept = [
                i
                for i, line in enumerate(fence.code)
                if line.startswith((">>> ", "... ")) or line in (">>>", "...")
            ]
            block.code = pycon_code("\n".join(fence.code))
            block.origins = [block.origins[i] for i in kept]
        block.run = RunSettings(namespace=session_key(fence.options), convention=MARKDOWN_EXEC)
        block.note = note
    elif what == "shell":
        block.kind, block.problem = inv.SHELL, None
        block.skip_reason = f"{note}; the check does not run shell commands"
    else:
        block.kind, block.problem, block.note = inv.SHOWN, None, f"{note}; shown here"


def show_unowned_output(block: inv.Block, site: object) -> None:
    """With --show-unknown, an output block no Python block checks is shown, as other sites
    mean it (pytest-examples never looks at ```output blocks), not an error."""
    if not getattr(site, "show_unknown", False):
        return
    if block.problem in (NO_OWNER, OWNER_SKIPPED):
        block.problem = None
        block.skip_reason = (
            "an output block no Python block checks: shown (a guess: --show-unknown)"
        )


def renders_markdown(fence: Fence, site: object) -> bool:
    """A markdown-exec ```md exec="1" fence: its content is rendered as Markdown at build time,
    so the executed fences inside it run too (the inventory reads them as part of the page)."""
    enabled: frozenset[str] = getattr(site, "conventions", frozenset(ALL))
    executes = fence.custom and fence.fence_type is not None and fence.fence_type.executes
    return MARKDOWN_EXEC in enabled and executes and fence.language.lower() in ("md", "markdown")


def _exec_site(fence: Fence, site: object) -> bool:
    """Whether markdown-exec would execute this fence's language had it exec="1"."""
    fences = getattr(site, "custom_fences", ())
    return any(f.executes and f.name in (fence.language, "*") for f in fences)
