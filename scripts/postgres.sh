#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the test suite and print its URL.
#
# Idempotent: installs the Debian package only when no server binaries are found,
# creates the cluster only once, starts it only when it is not already answering.
# Only the URL goes to stdout, so `URL=$(scripts/postgres.sh)` works; one line on stderr
# says what was done, and the tools' own output (initdb, pg_ctl) goes to $DATA.log.
# `scripts/postgres.sh stop` stops the server of $ESGTRACE_PGDATA.
#   ESGTRACE_PGDATA    cluster directory (default /tmp/esgtrace-pg)
#   ESGTRACE_PGPORT    port on 127.0.0.1 (default 54329, away from a system server)
#   ESGTRACE_PGSTARTED a file to write "started" into when this run started the server
#                      (so the caller stops only a server it started: see `make test`)
set -euo pipefail

DATA="${ESGTRACE_PGDATA:-/tmp/esgtrace-pg}"
PORT="${ESGTRACE_PGPORT:-54329}"
LOG="${DATA%/}.log"
DB=esgtrace_test
say() { echo "postgres.sh: $*" >&2; }

find_bindir() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
    done
    command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
    return 1
}

if ! BIN="$(find_bindir)"; then
    [ "$(id -u)" -eq 0 ] || { say "PostgreSQL is not installed and we are not root to apt-get it"; exit 1; }
    say "installing the Debian package postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >>"$LOG" 2>&1
    apt-get install -y -qq postgresql >>"$LOG" 2>&1
    BIN="$(find_bindir)"
fi

# initdb and postgres refuse to run as root: use the postgres system account then.
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    as_owner() { runuser -u postgres -- "$@"; }
    OWNER=postgres
else
    as_owner() { "$@"; }
    OWNER="$(id -un)"
fi

if [ "${1:-}" = "stop" ]; then
    if [ -s "$DATA/postmaster.pid" ]; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >>"$LOG" 2>&1 && say "stopped the server of $DATA"
    fi
    exit 0
fi

touch "$LOG"
if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    say "already running on 127.0.0.1:$PORT"
else
    if [ ! -s "$DATA/PG_VERSION" ]; then
        mkdir -p "$DATA"
        chown "$OWNER" "$DATA"
        chmod 700 "$DATA"
        if ! as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$LOG" 2>&1; then
            say "initdb failed; see $LOG"
            exit 1
        fi
    fi
    # The socket goes in the data directory: /run/postgresql may not exist or be writable.
    if ! as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DATA -c fsync=off" start >>"$LOG" 2>&1; then
        say "the server did not start; see $LOG and $DATA/server.log"
        exit 1
    fi
    say "started a server on 127.0.0.1:$PORT ($DATA; log $LOG)"
    [ -n "${ESGTRACE_PGSTARTED:-}" ] && echo started >"$ESGTRACE_PGSTARTED"
fi

if ! "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='$DB'" postgres | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB" >>"$LOG" 2>&1
fi
echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
