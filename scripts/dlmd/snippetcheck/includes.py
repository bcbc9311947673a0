"""Expand `--8<--` includes the way pymdownx.snippets does, keeping where each line came from.

This mirrors `pymdownx.snippets.SnippetPreprocessor.parse_snippets` for what the site uses:
whole files included inline or in block form (nested, with `;` escapes and section markers
dropped) from base paths that are folders, check_paths and auto_append (config.py refuses other
options). It reuses the preprocessor's regular expressions and adds a per-line origin (file,
line) so that a failing line in an included file is reported at that file's line. Line ranges
(`file:3:8`) and named sections (`file:name`) are refused with an error naming the include
line. A test compares the expanded text with the real preprocessor's output, so the two cannot
drift apart.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

from dlmd.snippetcheck.config import SnippetsConfig

RE_ALL_SNIPPETS = SnippetPreprocessor.RE_ALL_SNIPPETS
RE_SNIPPET = SnippetPreprocessor.RE_SNIPPET
RE_SNIPPET_SECTION = SnippetPreprocessor.RE_SNIPPET_SECTION
RE_SNIPPET_FILE = SnippetPreprocessor.RE_SNIPPET_FILE

# Line number used for lines that exist in no file (the auto-append scaffolding).
NO_LINE = 0


def _unescape_section(match: re.Match[str]) -> str:
    """An escaped section marker (`;--8<--`) as the page shows it: without the escape."""
    return (
        match.group("pre")
        + match.group("escape").replace(";", "", 1)
        + match.group("inline_marker")
        + match.group("section")
        + match.group("post")
    )


@dataclass(frozen=True)
class Origin:
    file: Path
    line: int  # 1-based; NO_LINE for synthetic lines


class IncludeError(Exception):
    def __init__(self, origin: Origin, message: str) -> None:
        super().__init__(message)
        self.origin = origin
        self.message = message


@dataclass
class Expanded:
    lines: list[str]
    origins: list[Origin]
    included: list[Path] = field(default_factory=list)  # every file read, in first-use order


class _Expander:
    def __init__(self, config: SnippetsConfig, tab_length: int) -> None:
        self.config = config
        self.tab_length = tab_length
        self.seen: set[str] = set()
        self.included: list[Path] = []

    def snippet_path(self, path: str) -> str | None:
        # Mirrors SnippetPreprocessor.get_snippet_path for folders with restrict_base_path on.
        for base_path in self.config.base_paths:
            base = str(base_path)
            if os.path.isdir(base):
                filename = os.path.abspath(os.path.join(base, path))
                inside = filename.startswith(base if base.endswith(os.sep) else base + os.sep)
                if inside and os.path.exists(filename):
                    return filename
        return None

    def read(self, filename: str) -> list[tuple[str, Origin]]:
        file = Path(filename)
        if file.resolve() not in self.included:
            self.included.append(file.resolve())
        result: list[tuple[str, Origin]] = []
        last = False
        with open(filename, encoding="utf-8") as handle:
            for number, raw in enumerate(handle, start=1):
                last = raw.endswith(("\r", "\n"))
                result.append((raw.strip("\r\n"), Origin(file, number)))
        if last:
            result.append(("", Origin(file, len(result) + 1)))
        return result

    def parse(
        self, lines: list[tuple[str, Origin]], file_name: str | None = None
    ) -> list[tuple[str, Origin]]:
        if file_name:
            self.seen.add(file_name)
        new: list[tuple[str, Origin]] = []
        block = False
        for line, origin in lines:
            inline = False
            m = RE_ALL_SNIPPETS.match(line)
            if m:
                if m.group("escape"):
                    new.append((line.replace(";", "", 1), origin))
                    continue
                if block and m.group("inline_marker"):
                    continue
                if m.group("inline_marker"):
                    inline = True
                else:
                    block = not block
                    continue
            elif not block:
                m2 = RE_SNIPPET_SECTION.match(line)
                if m2 and m2.group("escape"):
                    line = _unescape_section(m2)
                    m2 = None
                if m2 is not None:
                    continue
                new.append((line, origin))
                continue

            if block and not inline:
                m = RE_SNIPPET.match(line)
            if not m:
                continue
            space = m.group("space").expandtabs(self.tab_length)
            path = m.group("snippet")[1:-1].strip() if inline else m.group("snippet").strip()
            if not inline and not path:
                new.append(("", origin))
                continue
            if path.startswith(";"):
                continue

            mf = RE_SNIPPET_FILE.match(path)
            path = "" if mf is None else mf.group(1).strip()
            if not path:
                if self.config.check_paths:
                    raise IncludeError(origin, "include names no file")
                continue
            assert mf is not None
            if mf.group(2) or mf.group(3):
                raise IncludeError(
                    origin,
                    f"include '{mf.group(0)}': the snippet check reads whole files only, not line "
                    "ranges or sections; include the whole file",
                )

            # URL includes are off on this site (url_download is not set), so a URL is looked
            # up as a path and reported missing, as the renderer does.
            snippet = self.snippet_path(path)
            if not snippet:
                if self.config.check_paths:
                    raise IncludeError(
                        origin,
                        f"included file '{path}' not found in the snippet base paths "
                        f"({', '.join(str(b) for b in self.config.base_paths)})",
                    )
                continue
            if snippet in self.seen:
                continue
            for text, sub_origin in self.parse(self.read(snippet), snippet):
                new.append((space + text, sub_origin))

        if file_name:
            self.seen.remove(file_name)
        return new


def expand_includes(
    lines: list[str], origins: list[Origin], config: SnippetsConfig, tab_length: int = 4
) -> Expanded:
    """Return `lines` with every `--8<--` include expanded (plus auto-appended files).

    Raises IncludeError (with the origin of the include line) for a missing file when the site
    sets `check_paths`, as the renderer would fail the build, and for an include of part of a
    file.
    """
    if not config.enabled:
        return Expanded(list(lines), list(origins))
    expander = _Expander(config, tab_length)
    pairs = list(zip(lines, origins, strict=True))
    if config.auto_append:
        page = origins[0].file if origins else Path("?")
        scaffold = "\n\n-8<-\n{}\n-8<-\n".format("\n\n".join(config.auto_append)).split("\n")
        pairs.extend((text, Origin(page, NO_LINE)) for text in scaffold)
    result = expander.parse(pairs)
    return Expanded([t for t, _ in result], [o for _, o in result], expander.included)
