#!/usr/bin/env bash
# Set up what the site needs and build it strictly into site/ (or the folder given).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m mkdocs build --strict --site-dir "${1:-site}"
