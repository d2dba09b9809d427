#!/bin/bash
# Entrypoint of the production image (Dockerfile). Writes the configuration Odoo starts
# with (docker/odoo_conf.py: the shipped /etc/odoo/odoo.conf, the PostgreSQL connection
# and the master password's hash from the environment; no secret is baked in the image),
# waits for PostgreSQL and, on first start, creates the database $ODOO_DB with the
# addons of $ODOO_INIT_ADDONS (without demo data unless ODOO_DEMO=1: demo users have
# known passwords) and sets its "admin" user's password from
# ODOO_ADMIN_PASSWORD (or a generated one, printed once). Then serves.
set -euo pipefail
CONF=/var/lib/odoo/odoo.conf
HELPER=/usr/local/lib/micro/odoo_conf.py
python3 "$HELPER" conf /etc/odoo/odoo.conf "$CONF"

case "${1:-odoo}" in
    odoo | --) if [ $# -gt 0 ]; then shift; fi ;;
    -*) ;;
    *) exec "$@" ;;
esac

python3 "$HELPER" wait "$CONF"
if [ -n "${ODOO_DB:-}" ] && ! python3 "$HELPER" db-exists "$CONF" "$ODOO_DB"; then
    # No demo data (its users have known passwords) unless ODOO_DEMO=1 (a trial).
    demo=(--without-demo=all)
    if [ "${ODOO_DEMO:-}" = 1 ]; then demo=(); fi
    echo "First start: creating the database $ODOO_DB ($ODOO_INIT_ADDONS)"
    # In Spanish, as `make run` (scripts/run.sh): Mexican and Colombian Spanish installed,
    # Odoo's own texts loaded for both before the suite's addons. English is named first:
    # an Odoo 18 of before odoo/odoo#192344 cannot create a database whose first language
    # is a Spanish one. Mexican Spanish is then made the default (below).
    odoo -c "$CONF" -d "$ODOO_DB" -i base "${demo[@]}" --stop-after-init \
        --no-http --load-language="en_US,${ODOO_LANGUAGES:-es_MX,es_CO}"
    # The first company Mexican (or of ODOO_COUNTRY: its country and currency) before
    # `account` installs, as make run (scripts/first_company.py, create_database in
    # scripts/env.sh): Odoo then installs that country's chart and keeps the books in pesos.
    MICRO_COUNTRY="${ODOO_COUNTRY:-MX}" odoo shell -c "$CONF" -d "$ODOO_DB" --no-http \
        </usr/local/lib/micro/first_company.py
    # Accounting first: Odoo loads the company's chart at the end of the run installing
    # `account`, deleting the journals, accounts and entries made earlier in that run
    # (the suite's demo postings); the suite's addons in the next run.
    odoo -c "$CONF" -d "$ODOO_DB" -i account "${demo[@]}" --stop-after-init --no-http
    odoo -c "$CONF" -d "$ODOO_DB" -i "$ODOO_INIT_ADDONS" "${demo[@]}" --stop-after-init --no-http
    generated=""
    if [ -z "${ODOO_ADMIN_PASSWORD:-}" ]; then
        generated=1
        ODOO_ADMIN_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')"
    fi
    ODOO_ADMIN_PASSWORD="$ODOO_ADMIN_PASSWORD" odoo shell -c "$CONF" -d "$ODOO_DB" --no-http \
        >/dev/null <<'PY'
import os
env.ref("base.user_admin").password = os.environ["ODOO_ADMIN_PASSWORD"]
# The first language of ODOO_LANGUAGES (Mexican Spanish) is the default of new contacts
# and of the portal's visitors, as Odoo makes the first language it loads.
lang = (os.environ.get("ODOO_LANGUAGES") or "es_MX").split(",")[0]
env["ir.default"].set("res.partner", "lang", lang)
env.company.partner_id.lang = lang
env.cr.commit()
PY
    if [ -n "$generated" ]; then
        printf '%s\n' "========================================================================" \
            "Database $ODOO_DB: user \"admin\", password generated at first start and shown" \
            "only this once (set ODOO_ADMIN_PASSWORD to choose your own):" \
            "    $ODOO_ADMIN_PASSWORD" \
            "========================================================================"
    fi
    unset ODOO_ADMIN_PASSWORD
fi
if [ -n "${ODOO_DB:-}" ]; then
    set -- -d "$ODOO_DB" --db-filter "^${ODOO_DB}\$" "$@"
fi
exec odoo -c "$CONF" "$@"
