#!/usr/bin/env bash
# Set up everything Parallax needs on a fresh Debian machine: system packages, a venv, the package.
#   scripts/setup.sh          runtime only
#   scripts/setup.sh test     plus test dependencies (and the 'scale' extra: Dask), PostgreSQL and Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-run}"

apt_install() {  # install Debian packages that are missing (root, or sudo when available)
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# pyicu (used by rigour/nomenklatura for transliteration) builds against ICU.
apt_install libicu-dev pkg-config build-essential
if [ "$want" = "test" ]; then
  apt_install postgresql chromium chromium-driver
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
python -m pip install -q --upgrade pip
if [ "$want" = "test" ]; then
  python -m pip install -q -e ".[test,scale]"
else
  python -m pip install -q -e .
fi
