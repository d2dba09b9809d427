#!/usr/bin/env bash
# make bench: run every bench/bench_*.py in `odoo-bin shell` on a throw-away database with
# the suite installed (cloned from the test template), printing each figure.
#   BENCH=bench_business_days make bench   -> one benchmark only
#   BENCH_REUSE=1 make bench                -> reuse the database of the last run
source "$(dirname "$0")/env.sh"
require_odoo_src
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/pg.sh" start
mapfile -t ALL_ADDONS < <(suite_addons)
joined() { local IFS=,; echo "$*"; }
DB="${BENCH_DB:-bench_suite}"
if [ -z "${BENCH_REUSE:-}" ] || ! psql_q "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
    "$PGBIN/dropdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$DB" 2>/dev/null
    "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$DB"
    echo "Installing the suite in $DB (without demo data)"
    odoo_bin -d "$DB" -i "$(joined "${ALL_ADDONS[@]}")" --without-demo=all --stop-after-init \
        --http-port=8269 >"$ODOO_DATA/bench-install.log" 2>&1
fi
# A load test against a server (bench/load_day.sh) rather than a script in odoo-bin shell.
if [ -f "$ROOT/bench/${BENCH:-}.sh" ]; then exec "$ROOT/bench/$BENCH.sh" "$DB"; fi
rc=0
pattern="${BENCH:-bench_*}"
# shellcheck disable=SC2086 # the pattern is a glob on purpose
for script in "$ROOT"/bench/$pattern.py; do
    echo "== $(basename "$script")"
    ODOO_COMMAND=shell odoo_bin -d "$DB" --no-http --log-level=warn <"$script" || rc=1
done
exit $rc
