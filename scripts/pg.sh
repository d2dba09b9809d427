#!/usr/bin/env bash
# The project's own PostgreSQL 15 cluster in .pg/, on 127.0.0.1:$PGPORT.
# PostgreSQL refuses to run as root: when we are root the server runs as the
# `postgres` system user; otherwise as the current user. Usage: pg.sh start|stop|status
source "$(dirname "$0")/env.sh"

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        mkdir -p "$PGROOT"
        [ "$(id -u)" = 0 ] && chown postgres: "$PGROOT"
        echo "Creating the PostgreSQL cluster in $PGDATA"
        as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log"
        mkdir -p "$PGROOT/run"
        [ "$(id -u)" = 0 ] && chown postgres: "$PGROOT/run"
        cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGROOT/run'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 512MB
work_mem = 32MB
max_connections = 200
wal_level = replica
max_wal_senders = 10
wal_keep_size = 1GB
CONF
    fi
    if as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        return 0
    fi
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/server.log" -w -t 60 -o "-p $PGPORT" start >/dev/null
    if ! "$PGBIN/psql" -X -t -A -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres \
        -c "SELECT 1 FROM pg_roles WHERE rolname='odoo'" | grep -q 1; then
        "$PGBIN/psql" -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres \
            -c "CREATE ROLE odoo LOGIN SUPERUSER PASSWORD 'odoo'" >/dev/null
    fi
}

stop() {
    # Its read replica first (scripts/replica.sh, WORKERS=N make run), when there is one.
    [ -f "$PGROOT/replica/PG_VERSION" ] && "$ROOT/scripts/replica.sh" stop
    if [ -f "$PGDATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
    fi
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    status) as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
