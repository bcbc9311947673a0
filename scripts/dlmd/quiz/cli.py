"""Check the quizzes in Markdown files without building the site: `check-quizzes [PATH ...]`.

PATH is a Markdown file or a folder searched for *.md (default: docs/). Prints one
`file:line: message` per problem and exits 1 if there is any, else a summary (exit 0); a
missing PATH exits 2. The checks are the build's (dlmd.quiz): a page that passes here passes there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dlmd.markdown.paths import source_name
from dlmd.quiz.page import parse_checked

DOCS = Path("docs")


def markdown_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check-quizzes", description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="Markdown files or folders")
    args = parser.parse_args(argv)
    paths = args.paths or [DOCS]
    missing = [path for path in paths if not path.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(map(str, missing))}")
    problems: list[str] = []
    quizzes = questions = 0
    files = markdown_files(paths)
    for path in files:
        found, found_problems = parse_checked(path.read_text(encoding="utf-8"))
        problems += [problem.at(source_name(path)) for problem in found_problems]
        quizzes += len(found)
        questions += sum(len(quiz.questions) for quiz in found)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} quiz problem(s) found.", file=sys.stderr)
        return 1
    print(f"{quizzes} quizzes with {questions} questions in {len(files)} files: all valid.")
    return 0
