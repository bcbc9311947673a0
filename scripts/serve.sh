#!/usr/bin/env bash
# Set up what the site needs and serve it with live reload at http://127.0.0.1:8000
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh site
export NO_MKDOCS_2_WARNING=1
export SITE_URL="${SITE_URL:-http://127.0.0.1:8000/}"
exec .venv/bin/python -m mkdocs serve --dev-addr 127.0.0.1:8000 "$@"
