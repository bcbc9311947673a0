#!/usr/bin/env bash
# Set up everything and run every check; the last line is pytest's summary.
# The snippet check over docs/ (offline, MNIST from ../shared/datasets) runs inside pytest,
# once per session (tests/conftest.py: site_snippet_report).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1
py=.venv/bin/python

echo "== ruff"
$py -m ruff check .

echo "== mkdocs build --strict"
$py -m mkdocs build --strict --site-dir "$(mktemp -d)"

echo "== quizzes"
.venv/bin/check-quizzes

echo "== pytest"
# pytest exits 5 when it collected no test: that must fail CI, never pass it.
exec $py -m pytest "$@"
