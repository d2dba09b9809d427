#!/usr/bin/env bash
# make run: set up (once), start the project's PostgreSQL cluster, create the database
# "$RUN_DB" with every suite addon and demo data (once), and serve Odoo on
# http://localhost:$HTTP_PORT (login admin / admin). Ctrl-C stops Odoo and the cluster.
source "$(dirname "$0")/env.sh"
require_odoo_src
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/pg.sh" start
trap '"$ROOT/scripts/pg.sh" stop; echo "Odoo and PostgreSQL stopped."' EXIT

mapfile -t ALL_ADDONS < <(suite_addons)
joined() { local IFS=,; echo "$*"; }
init=()
if ! psql_q "SELECT 1 FROM pg_database WHERE datname='$RUN_DB'" | grep -q 1; then
    echo "Creating the database $RUN_DB with the suite and demo data (about 3 minutes)"
    # In Spanish: Mexican Spanish and Colombian Spanish (UNIMINUTO's users) installed,
    # Odoo's own texts loaded for both, before the suite's addons (whose demo copies
    # their texts in the users' languages). English is named first: Odoo 18 of before
    # odoo/odoo#192344 cannot create a database whose first language is a Spanish one
    # (base's own es_419 record then takes the URL code "es" already given to it).
    # Built as make test's template and the database its tests run in: Odoo's addons
    # with the first company Mexican before `account` (scripts/first_company.py: pesos,
    # Mexico's chart), then the suite's addons.
    create_database "$RUN_DB" en_US,es_MX,es_CO "$(suite_dependencies)" \
        --http-port="$HTTP_PORT" --max-cron-threads=0
    odoo_bin -d "$RUN_DB" -i "$(joined "${ALL_ADDONS[@]}")" --stop-after-init \
        --http-port="$HTTP_PORT" --max-cron-threads=0
    # Mexican Spanish the default of new contacts and of the portal's visitors (PRONAFIM,
    # FONDESO and FONAES are Mexican), as Odoo makes the first language it loads.
    ODOO_COMMAND=shell odoo_bin -d "$RUN_DB" --no-http >/dev/null <<'PY'
env["ir.default"].set("res.partner", "lang", "es_MX")
env.company.partner_id.lang = "es_MX"
env.cr.commit()
PY
fi
if [ "${WORKERS:-0}" -gt 0 ]; then  # production-like: workers (+ read replica unless REPLICA=0)
    source "$ROOT/scripts/workers.sh" && workers_options
    if [ -n "${WORKER_INSTALL:-}" ]; then
        if [ ${#init[@]} -gt 0 ]; then init[1]="${init[1]},$WORKER_INSTALL"; else init=(-i "$WORKER_INSTALL"); fi
    fi
    set -- "${WORKER_OPTS[@]}" "$@"
fi
echo "Odoo on http://localhost:$HTTP_PORT  (login: admin, password: admin; Ctrl-C stops)"
odoo_bin -d "$RUN_DB" --db-filter="^$RUN_DB\$" --http-port="$HTTP_PORT" "${init[@]}" "$@" || true
