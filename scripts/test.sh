#!/usr/bin/env bash
# Install Parallax with its test dependencies (PostgreSQL and Chromium included), start a throwaway
# PostgreSQL on loopback, and run the whole test suite against SQLite and PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
. .venv/bin/activate
PARALLAX_TEST_PG_URL="$(scripts/pg-test-server.sh start)"
export PARALLAX_TEST_PG_URL
trap 'scripts/pg-test-server.sh stop >/dev/null 2>&1 || true' EXIT
python -m pytest -q -p no:cacheprovider "$@"
