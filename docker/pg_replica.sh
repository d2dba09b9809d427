#!/bin/bash
# compose.yaml's read replica (service db-replica): on first start, a copy of the primary
# (pg_basebackup -R: standby.signal and primary_conninfo), then PostgreSQL as a hot
# standby streaming from it. Odoo reads there through db_replica_host / db_replica_port.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -h "$PRIMARY_HOST" -U "$PGUSER" -q; do sleep 2; done
    until pg_basebackup -h "$PRIMARY_HOST" -U "$PGUSER" -D "$PGDATA" -R -X stream -c fast; do
        echo "pg_basebackup failed; retrying" >&2
        rm -rf "${PGDATA:?}"/*
        sleep 5
    done
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_standby_streaming_delay=30s
