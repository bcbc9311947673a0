#!/usr/bin/env bash
# Create or update the project's virtual environment from a lock file.
#   scripts/setup.sh site   what building and serving the site needs (no TensorFlow)
#   scripts/setup.sh test   everything the tests need, plus Debian's chromium for browser tests,
#                           npm packages from package-lock.json (vnu-jar, lighthouse) and Java
# Re-running is cheap: a lock that has not changed since the last install is not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-site}"
lock="requirements/${profile}.txt"
[ -f "$lock" ] || { echo "setup.sh: unknown profile '$profile' (use site or test)" >&2; exit 2; }

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "setup.sh: needs Python 3.10 or newer as '$python' (set PYTHON=...)" >&2
  exit 2
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv

stamp=".venv/.installed-${profile}"
want="$(sha256sum "$lock" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing $lock into .venv ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$lock"
  echo "$want" > "$stamp"
fi
# The project's own package (scripts/dlmd: the MkDocs plugins and the check commands), editable
# so that edits apply at once; its dependencies all come from the lock above. Reinstalled when
# pyproject.toml (entry points, console scripts) or the checkout's folder changes.
package_stamp=".venv/.installed-dlmd"
package_want="$(cat pyproject.toml - <<<"$PWD" | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$package_stamp" 2>/dev/null)" != "$package_want" ]; then
  echo "Installing the dlmd package (editable) into .venv ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  echo "$package_want" > "$package_stamp"
fi

# Install a Debian package when its command is missing (CI runs as root; others get told how).
need_debian_package() {
  local command="$1" package="$2" why="$3"
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "setup.sh: $command is missing; install it with: sudo apt-get install $package" >&2
    exit 2
  fi
  echo "Installing Debian's $package ($why) ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
}

if [ "$profile" = test ]; then
  # Browser tests drive Debian's chromium; Playwright's own browser download is never used.
  need_debian_package chromium chromium "browser tests"
  # The HTML checker (vnu.jar) runs on Java 11 or newer.
  need_debian_package java default-jre-headless "the HTML checker"
  # vnu-jar and Lighthouse come from npm, pinned in package-lock.json. No install scripts:
  # vnu-jar's would download a Java runtime from GitHub, which the line above makes needless.
  command -v npm >/dev/null || { echo "setup.sh: npm is missing; install Node.js 20" >&2; exit 2; }
  npm_stamp="node_modules/.installed-lock"
  npm_want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ ! -d node_modules ] || [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_want" ]; then
    echo "Installing package-lock.json into node_modules ..."
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$npm_want" > "$npm_stamp"
  fi
fi
