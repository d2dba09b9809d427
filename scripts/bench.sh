#!/usr/bin/env bash
# make bench: run every bench/bench_*.py in `odoo-bin shell` on a throw-away database with
# the suite installed (cloned from the test template), printing each figure.
#   BENCH=bench_business_days make bench   -> one benchmark only
source "$(dirname "$0")/env.sh"
require_odoo_src
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/pg.sh" start
mapfile -t ALL_ADDONS < <(suite_addons)
joined() { local IFS=,; echo "$*"; }
DB=bench_suite
"$PGBIN/dropdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$DB" 2>/dev/null
"$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$DB"
echo "Installing the suite in $DB (without demo data)"
odoo_bin -d "$DB" -i "$(joined "${ALL_ADDONS[@]}")" --without-demo=all --stop-after-init \
    --http-port=8269 >"$ODOO_DATA/bench-install.log" 2>&1
rc=0
for script in "$ROOT"/bench/"${BENCH:-bench_*}".py; do
    echo "== $(basename "$script")"
    odoo_bin shell -d "$DB" --no-http --log-level=warn <"$script" || rc=1
done
exit $rc
