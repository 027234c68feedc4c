#!/usr/bin/env bash
# Give the project's venv liblouis, which the braille editions (BRF) translate with: Debian's
# liblouis-data (the tables) and python3-louis (the Python binding; PyPI's `louis` is an unrelated
# 2013 script), installed with apt-get when missing (as root only). The binding's one package is
# linked into the venv's site-packages, so the venv sees louis and nothing else of Debian's Python.
# Idempotent: when everything is present it only checks, in well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv}"

missing=()
for package in liblouis-data python3-louis; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-braille: missing Debian packages: ${missing[*]}" >&2
    echo "  run as root: apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "install-braille: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

binding="$(dirname "$(dpkg -L python3-louis | grep '/louis/__init__.py$' | head -n 1)")"
site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
[ "$(readlink "$site/louis" 2>/dev/null)" = "$binding" ] || ln -sfn "$binding" "$site/louis"
"$venv/bin/python" -c 'import louis; louis.checkTable(["en-us-brf.dis", "en-ueb-g2.ctb"])'
