#!/usr/bin/env bash
# Print the path of the Chromium the browser tests drive; the one place that decides it.
#   scripts/dlmd/quality/find_chromium.sh               find one, else install one where that is allowed
#   scripts/dlmd/quality/find_chromium.sh --find-only   never install (what dlmd.quality.browsing runs)
# Order: $CHROMIUM; `chromium` on PATH (Debian's /usr/bin/chromium); Playwright's own browser.
# Installs, in order: as root on Debian with apt, Debian's chromium (no browser download, as the
# offline CI needs); where a download is allowed (DLMD_BROWSER_DOWNLOAD=1, or GITHUB_ACTIONS=true
# on GitHub's runners), `playwright install --with-deps chromium`. Otherwise it says in one line
# what to install and exits 2. Lookups use only shell built-ins, so a test can run it with an
# empty PATH and a scratch HOME.
set -euo pipefail

find_only=false
[ "${1:-}" = --find-only ] && find_only=true

say() { echo "find_chromium.sh: $*" >&2; }

playwright_chromium() {
  local root="${PLAYWRIGHT_BROWSERS_PATH:-}" found="" candidate
  if [ -z "$root" ]; then
    root="${HOME:-/nonexistent}/.cache/ms-playwright"
    [ -d "${HOME:-/nonexistent}/Library/Caches/ms-playwright" ] && root="$HOME/Library/Caches/ms-playwright"
  fi
  # Linux, then macOS layouts; of several revisions the last (newest) one in glob order wins.
  for candidate in "$root"/chromium-*/chrome-linux*/chrome \
    "$root"/chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium \
    "$root"/chromium-*/chrome-mac*/"Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing"; do
    [ -x "$candidate" ] && found="$candidate"
  done
  [ -n "$found" ] && echo "$found"
}

find_chromium() {
  if [ -n "${CHROMIUM:-}" ]; then
    [ -x "$CHROMIUM" ] || { say "CHROMIUM=$CHROMIUM is not an executable file"; exit 2; }
    echo "$CHROMIUM"
    return 0
  fi
  command -v chromium && return 0
  playwright_chromium
}

on_debian() {
  local ID=""
  # shellcheck disable=SC1091
  [ -r /etc/os-release ] && . /etc/os-release
  [ "$ID" = debian ]
}

find_chromium && exit 0
if ! $find_only; then
  # Ubuntu's chromium package is a snap stub that does not run in containers: Debian only.
  if [ "${EUID:-$(id -u)}" = 0 ] && command -v apt-get >/dev/null && on_debian; then
    say "installing Debian's chromium (browser tests) ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    find_chromium && exit 0
  elif [ "${DLMD_BROWSER_DOWNLOAD:-}" = 1 ] || [ "${GITHUB_ACTIONS:-}" = true ]; then
    say "installing Playwright's chromium (browser tests) ..."
    "${PLAYWRIGHT_PYTHON:-.venv/bin/python}" -m playwright install --with-deps chromium >&2
    find_chromium && exit 0
  fi
fi
say "no Chromium found: install one (Debian: apt-get install chromium; elsewhere:" \
  ".venv/bin/python -m playwright install chromium, or DLMD_BROWSER_DOWNLOAD=1 to let setup" \
  "do it) or set CHROMIUM=/path/to/chromium"
exit 2
