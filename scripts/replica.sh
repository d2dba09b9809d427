#!/usr/bin/env bash
# A PostgreSQL 15 streaming read replica of the project's cluster (.pg/data), in
# .pg/replica on 127.0.0.1:$REPLICA_PORT (default: $PGPORT + 1), for Odoo's
# db_replica_host/db_replica_port (`WORKERS=N make run`, bench/load_day.sh).
# Usage: replica.sh start|stop|status|rebuild
#   start    primary ready for replication (idempotent), the replica made once with
#            pg_basebackup -R (reused afterwards) and started; rebuilt when it cannot
#            catch up with the primary (WAL it needs already recycled)
#   stop     stop the replica (scripts/pg.sh stop also stops it)
#   status   both clusters, the replica's lag
#   rebuild  throw the replica away and make it again
source "$(dirname "$0")/env.sh"

REPLICA_DATA="$PGROOT/replica"
REPLICA_LOG="$PGROOT/replica.log"

as_pg() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

sql_primary() {
    "$PGBIN/psql" -X -q -t -A -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "$1"
}

sql_replica() {
    "$PGBIN/psql" -X -q -t -A -h "$PGHOST" -p "$REPLICA_PORT" -U postgres -d postgres -c "$1"
}

running() {
    [ -f "$REPLICA_DATA/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$REPLICA_DATA" status >/dev/null 2>&1
}

# The primary: wal_level=replica (PostgreSQL 15's default), WAL senders, some WAL kept
# for a replica stopped a while, and a replication line for 127.0.0.1 in pg_hba.conf.
# Clusters made by scripts/pg.sh since this script have all of it; older ones get it here.
prepare_primary() {
    local restart=0 hba="$PGDATA/pg_hba.conf"
    if [ "$(sql_primary "SHOW wal_level")" = minimal ]; then
        sql_primary "ALTER SYSTEM SET wal_level = 'replica'" >/dev/null
        restart=1
    fi
    if [ "$(sql_primary "SHOW max_wal_senders")" -lt 2 ]; then
        sql_primary "ALTER SYSTEM SET max_wal_senders = 10" >/dev/null
        restart=1
    fi
    if [ "$(sql_primary "SHOW wal_keep_size")" = 0 ]; then
        sql_primary "ALTER SYSTEM SET wal_keep_size = '1GB'" >/dev/null
        sql_primary "SELECT pg_reload_conf()" >/dev/null
    fi
    if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$hba"; then
        echo "host    replication     all             127.0.0.1/32            trust" \
            | as_pg tee -a "$hba" >/dev/null
        sql_primary "SELECT pg_reload_conf()" >/dev/null
    fi
    if [ "$restart" = 1 ]; then
        echo "Restarting the primary for replication (wal_level / max_wal_senders)"
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/server.log" -w -t 60 -m fast \
            -o "-p $PGPORT" restart >/dev/null
    fi
}

make_replica() {
    echo "Making the read replica in $REPLICA_DATA (pg_basebackup of the primary)"
    rm -rf "$REPLICA_DATA"
    mkdir -p "$REPLICA_DATA"
    chmod 700 "$REPLICA_DATA"
    [ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DATA"
    as_pg "$PGBIN/pg_basebackup" -h "$PGHOST" -p "$PGPORT" -U postgres -D "$REPLICA_DATA" \
        -R -X stream -c fast
    # The copied postgresql.conf is the primary's: only what differs is appended.
    as_pg tee -a "$REPLICA_DATA/postgresql.conf" >/dev/null <<CONF
# ---- read replica (scripts/replica.sh) ----
port = $REPLICA_PORT
shared_buffers = 256MB
hot_standby = on
hot_standby_feedback = on
max_standby_streaming_delay = 30s
CONF
    statements_conf
}

# pg_stat_statements on the replica (bench/load_day.py reads which statements ran there;
# the extension is created in the database on the primary and reaches the replica with
# the WAL). Replicas made before this line get it at their next start.
statements_conf() {
    grep -q '^shared_preload_libraries' "$REPLICA_DATA/postgresql.conf" \
        || as_pg tee -a "$REPLICA_DATA/postgresql.conf" >/dev/null <<CONF
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
CONF
}

streaming() {
    # The replica's WAL receiver is streaming from the primary.
    local i
    for i in $(seq 1 "${1:-20}"); do
        [ "$(sql_replica "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null)" = streaming ] && return 0
        sleep 0.5
    done
    return 1
}

start() {
    "$ROOT/scripts/pg.sh" start
    prepare_primary
    if ! { running && streaming 2; }; then
        [ -f "$REPLICA_DATA/standby.signal" ] || make_replica
        running || statements_conf
        running || as_pg "$PGBIN/pg_ctl" -D "$REPLICA_DATA" -l "$REPLICA_LOG" -w -t 120 \
            -o "-p $REPLICA_PORT" start >/dev/null
        if ! streaming 20; then
            echo "The replica does not stream from the primary (see $REPLICA_LOG): rebuilding it"
            stop
            make_replica
            as_pg "$PGBIN/pg_ctl" -D "$REPLICA_DATA" -l "$REPLICA_LOG" -w -t 120 \
                -o "-p $REPLICA_PORT" start >/dev/null
            streaming 20 || { echo "The replica still does not stream: see $REPLICA_LOG" >&2; exit 1; }
        fi
    fi
    # Synchronous standby: a session that asks for it (Odoo's, PGOPTIONS of
    # scripts/workers.sh: synchronous_commit = remote_apply) commits only once the replica
    # has applied its transaction, so what a request wrote is on the replica for the next
    # one. The cluster's other sessions (synchronous_commit = off, scripts/pg.sh) never wait.
    sql_primary "ALTER SYSTEM SET synchronous_standby_names = '*'" >/dev/null
    sql_primary "SELECT pg_reload_conf()" >/dev/null
    echo "Read replica on $PGHOST:$REPLICA_PORT (streaming from $PGHOST:$PGPORT)"
}

stop() {
    # No synchronous standby any more first: no commit may wait for a stopped replica.
    if as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 \
        && [ -n "$(sql_primary "SHOW synchronous_standby_names")" ]; then
        sql_primary "ALTER SYSTEM RESET synchronous_standby_names" >/dev/null
        sql_primary "SELECT pg_reload_conf()" >/dev/null
    fi
    if running; then
        as_pg "$PGBIN/pg_ctl" -D "$REPLICA_DATA" -m fast -w stop >/dev/null
    fi
}

status() {
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status | head -1 || true
    if running; then
        echo "replica on port $REPLICA_PORT: $(sql_replica "SELECT status FROM pg_stat_wal_receiver"),"\
            "$(sql_replica "SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())") bytes received not yet replayed," \
            "$(sql_primary "SELECT sync_state FROM pg_stat_replication LIMIT 1")"
    else
        echo "replica: not running"
    fi
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    rebuild) stop; make_replica; start ;;
    *) echo "usage: $0 start|stop|status|rebuild" >&2; exit 2 ;;
esac
