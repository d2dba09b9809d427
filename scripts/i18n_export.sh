#!/usr/bin/env bash
# Refresh each suite addon's i18n/<addon>.pot from a database where the suite is
# installed (default: the `make test` database). Usage: scripts/i18n_export.sh [DB]
source "$(dirname "$0")/env.sh"
require_odoo_src
"$ROOT/scripts/pg.sh" start
DB="${1:-test_suite}"
for a in $(suite_addons); do
    odoo_bin -d "$DB" --i18n-export="$ROOT/addons/$a/i18n/$a.pot" --modules="$a" \
        --stop-after-init --http-port=8369 >/dev/null 2>&1
    echo "addons/$a/i18n/$a.pot"
done
