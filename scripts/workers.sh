# shellcheck shell=bash
# Production-like mode of `make run` (WORKERS=N make run) and of bench/load_day.sh, sourced
# after env.sh: Odoo's prefork server (N HTTP workers, one cron worker, the gevent process
# that serves /websocket on $GEVENT_PORT) and, unless REPLICA=0, the read replica of the
# project's cluster (scripts/replica.sh) given to Odoo as db_replica_host/db_replica_port,
# so that read-only requests (routes with readonly=True, methods marked @api.readonly:
# web_search_read, web_read, web_read_group, read_group, the suite's methods that only
# read) run there.
# Sets WORKER_OPTS, the options to add to odoo-bin.
GEVENT_PORT="${GEVENT_PORT:-$((HTTP_PORT + 3))}"

workers_options() {
    WORKER_OPTS=(--workers="$WORKERS" --max-cron-threads=1 --gevent-port="$GEVENT_PORT")
    # Long work as background jobs: OCA queue_job's runner, loaded server-wide, runs the
    # jobs micro.job.mixin queues (channel root.micro; micro_base runs them in the request
    # when the runner is not loaded). It must be installed in the database too.
    WORKER_OPTS+=(--load=base,web,queue_job)
    export ODOO_QUEUE_JOB_CHANNELS="${ODOO_QUEUE_JOB_CHANNELS:-root:2,root.micro:2}"
    if ! "$PGBIN/psql" -X -t -A -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "${RUN_DB:-x}" \
        -c "SELECT 1 FROM ir_module_module WHERE name='queue_job' AND state='installed'" \
        2>/dev/null | grep -q 1; then
        WORKER_INSTALL=queue_job  # scripts/run.sh adds it to what it installs
    fi
    if [ "${REPLICA:-1}" != 0 ]; then
        "$ROOT/scripts/replica.sh" start
        WORKER_OPTS+=(--db_replica_host="$PGHOST" --db_replica_port="$REPLICA_PORT")
        # Read your writes: Odoo's commits return once the replica has applied them (the
        # replica is a synchronous standby, scripts/replica.sh), so a request reading on
        # the replica sees what the previous one wrote (e.g. a file it just generated).
        export PGOPTIONS="${PGOPTIONS:-} -c synchronous_commit=remote_apply"
        echo "Odoo: $WORKERS workers + cron worker, read-only requests on the replica" \
            "$PGHOST:$REPLICA_PORT (REPLICA=0: without it); websocket on port $GEVENT_PORT"
    else
        echo "Odoo: $WORKERS workers + cron worker, no replica; websocket on port $GEVENT_PORT"
    fi
}
