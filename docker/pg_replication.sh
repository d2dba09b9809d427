#!/bin/bash
# First start of compose.yaml's primary PostgreSQL (/docker-entrypoint-initdb.d): let the
# read replica (service db-replica) stream from it, authenticated by password.
set -euo pipefail
echo "host replication ${POSTGRES_USER:-postgres} all scram-sha-256" >>"$PGDATA/pg_hba.conf"
