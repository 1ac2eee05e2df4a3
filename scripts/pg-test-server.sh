#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the test suite.
#   scripts/pg-test-server.sh start   # install (Debian) if missing, init, start; prints the URL
#   scripts/pg-test-server.sh stop
#   scripts/pg-test-server.sh url     # prints the URL
#   scripts/pg-test-server.sh status
# Then: export PARALLAX_TEST_PG_URL="$(scripts/pg-test-server.sh url)"
# Overridable: PARALLAX_PG_PORT (54329), PARALLAX_PG_DATA (/tmp/parallax-pgdata), PARALLAX_PG_DB (parallax_test).
set -euo pipefail

PORT="${PARALLAX_PG_PORT:-54329}"
DATA="${PARALLAX_PG_DATA:-/tmp/parallax-pgdata}"
DB="${PARALLAX_PG_DB:-parallax_test}"
HOST=127.0.0.1
URL="postgresql+psycopg://postgres@${HOST}:${PORT}/${DB}"

pg_bin() {
    # Newest installed server version's bin directory.
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        return 1
    fi
    echo "$dir"
}

install_postgres() {
    if pg_bin >/dev/null; then
        return 0
    fi
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "PostgreSQL is not installed and we are not root: install the 'postgresql' package" >&2
        exit 1
    fi
    echo "installing PostgreSQL (Debian package)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
}

# Run a command as the cluster owner: the postgres user when we are root (the server refuses root).
as_owner() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    local bin
    bin="$(pg_bin)" || return 1
    [[ -f "$DATA/PG_VERSION" ]] && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
    install_postgres
    local bin
    bin="$(pg_bin)"
    if ! [[ -f "$DATA/PG_VERSION" ]]; then
        mkdir -p "$DATA"
        if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$DATA"; fi
        chmod 700 "$DATA"
        as_owner "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! is_running; then
        # Unix socket in the data dir so we never need /var/run/postgresql; fsync off: data is throwaway.
        as_owner "$bin/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
            -o "-h $HOST -p $PORT -k $DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null
    fi
    if ! as_owner "$bin/psql" -h "$HOST" -p "$PORT" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
        as_owner "$bin/createdb" -h "$HOST" -p "$PORT" -U postgres "$DB"
    fi
    echo "$URL"
}

stop() {
    if is_running; then
        as_owner "$(pg_bin)/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) echo "$URL" ;;
    status) if is_running; then echo "running: $URL"; else echo "stopped"; exit 3; fi ;;
    *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
