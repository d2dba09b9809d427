#!/usr/bin/env bash
# Load test of a realistic day in workers mode (issue 20): `BENCH=load_day make bench`
# (scripts/bench.sh installs the suite in the throw-away database and calls this with its
# name). For each mode asked (REPLICA=1, the default: with the read replica; REPLICA=0:
# without; REPLICA=both: without, then with), it sets up the day's people and data
# (bench/load_day_setup.py in `odoo-bin shell`), starts Odoo with LOAD_WORKERS prefork
# workers + the cron worker on 127.0.0.1:$LOAD_PORT (and the replica, scripts/replica.sh),
# runs bench/load_day.py for LOAD_DURATION seconds, and stops that Odoo.
#   LOAD_FACILITATORS=20 LOAD_ANALYSTS=2 LOAD_IMF=1 LOAD_DURATION=120 LOAD_WORKERS=4
#   LOAD_CASES=40 (each facilitator's) LOAD_BACKGROUND=20000 LOAD_IMF_ROWS=10000
# Figures: printed, and appended to .odoo/load_day/results.jsonl; server log in
# .odoo/load_day/server.log.
source "$(dirname "$0")/../scripts/env.sh"
DB="${1:-${BENCH_DB:-bench_suite}}"
LOAD_PORT="${LOAD_PORT:-8369}"
LOAD_WORKERS="${LOAD_WORKERS:-4}"
LOAD_FACILITATORS="${LOAD_FACILITATORS:-20}"
LOAD_ANALYSTS="${LOAD_ANALYSTS:-2}"
LOAD_IMF="${LOAD_IMF:-1}"
LOAD_DURATION="${LOAD_DURATION:-120}"
OUT="${LOAD_OUT:-$ODOO_DATA/load_day}"  # LOAD_OUT: another directory, one per person running it
export GEVENT_PORT="${GEVENT_PORT:-$((LOAD_PORT + 3))}"
mkdir -p "$OUT"
export LOAD_FACILITATORS LOAD_ANALYSTS LOAD_SPEC="$OUT/spec.json"
case "${REPLICA:-1}" in
    both) modes=(0 1) ;;
    0) modes=(0) ;;
    *) modes=(1) ;;
esac

server_pid=
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}
# The replica is left as it was found: stopped again at the end when this run started it.
replica_before=$("$ROOT/scripts/replica.sh" status 2>/dev/null | grep -c streaming || true)
finish() {
    stop_server
    if [ "$replica_before" = 0 ]; then "$ROOT/scripts/replica.sh" stop; fi
}
trap finish EXIT

rc=0
for replica in "${modes[@]}"; do
    echo "== load day: setting up $DB"
    ODOO_COMMAND=shell odoo_bin -d "$DB" --no-http --log-level=warn <"$ROOT/bench/load_day_setup.py"
    # shellcheck source=../scripts/workers.sh
    HTTP_PORT="$LOAD_PORT" WORKERS="$LOAD_WORKERS" REPLICA="$replica" \
        source "$ROOT/scripts/workers.sh"
    HTTP_PORT="$LOAD_PORT" WORKERS="$LOAD_WORKERS" REPLICA="$replica" workers_options
    replica_args=()
    if [ "$replica" = 1 ]; then
        replica_args=(--replica-port "$REPLICA_PORT")
        # Which statements run on the replica: pg_stat_statements there (scripts/replica.sh
        # preloads it; the extension, created here on the primary, reaches it with the WAL).
        psql_db() { "$PGBIN/psql" -X -q -t -A -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -c "$1"; }
        psql_db "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
        # The set-up just committed must be on the replica before anyone reads it there.
        lsn=$(psql_q "SELECT pg_current_wal_lsn()")
        for _ in $(seq 1 100); do
            "$PGBIN/psql" -X -q -t -A -h "$PGHOST" -p "$REPLICA_PORT" -U "$PGUSER" -d postgres \
                -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'" | grep -q t && break
            sleep 0.2
        done
    fi
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$ROOT/odoo.conf" \
        --addons-path="$(addons_path)" --data-dir="$ODOO_DATA" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password=odoo \
        -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 --http-port="$LOAD_PORT" \
        "${WORKER_OPTS[@]}" --logfile="$OUT/server.log" --log-level=info &
    server_pid=$!
    for _ in $(seq 1 240); do
        curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$LOAD_PORT/web/login" 2>/dev/null \
            | grep -q 200 && break
        kill -0 "$server_pid" 2>/dev/null || { echo "Odoo did not start: $OUT/server.log" >&2; exit 1; }
        sleep 0.5
    done
    "$VENV/bin/python" "$ROOT/bench/load_day.py" --url "http://127.0.0.1:$LOAD_PORT" \
        --spec "$LOAD_SPEC" --server-log "$OUT/server.log" --pg-port "$PGPORT" \
        "${replica_args[@]}" --facilitators "$LOAD_FACILITATORS" --analysts "$LOAD_ANALYSTS" \
        --imf "$LOAD_IMF" --duration "$LOAD_DURATION" --json "$OUT/results.jsonl" \
        --label "replica $([ "$replica" = 1 ] && echo on || echo off), $LOAD_WORKERS workers" \
        || { rc=1; echo "*** load day FAILED (replica $replica): see the errors above ***" >&2; }
    stop_server
done
exit $rc
