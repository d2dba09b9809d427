# shellcheck shell=bash
# Common settings for the project's scripts. Sourced, not executed.
# Everything the project creates lives under the repository: .venv/ (Python),
# .pg/ (PostgreSQL cluster), .odoo/ (filestore, logs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

if [ -z "${ODOO_SRC:-}" ] && [ -d /opt/odoo ]; then
    ODOO_SRC=/opt/odoo
fi
ODOO_SRC="${ODOO_SRC:-}"
export ODOO_SRC

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV="$ROOT/.venv"
PGROOT="$ROOT/.pg"
PGDATA="$PGROOT/data"
PGPORT="${PGPORT:-55432}"
REPLICA_PORT="${REPLICA_PORT:-$((PGPORT + 1))}"  # read replica (scripts/replica.sh)
PGHOST=127.0.0.1
PGUSER=odoo
PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/bin/pg_ctl)")}"
ODOO_DATA="$ROOT/.odoo"
HTTP_PORT="${HTTP_PORT:-8069}"
RUN_DB="${RUN_DB:-micro}"
export PGPORT PGHOST PGUSER PGDATA

# The suite's addons, base first (every directory of addons/ with a manifest).
suite_addons() {
    local d
    for d in "$ROOT"/addons/*/__manifest__.py; do
        basename "$(dirname "$d")"
    done
}

# Test-only addons that need several program addons together (tests/<name>/): installed
# and run by make test only.
suite_test_addons() {
    local d
    for d in "$ROOT"/tests/*/__manifest__.py; do
        [ -e "$d" ] && basename "$(dirname "$d")"
    done
    return 0
}

require_odoo_src() {
    if [ -z "$ODOO_SRC" ] || [ ! -f "$ODOO_SRC/odoo-bin" ] || [ ! -d "$ODOO_SRC/addons" ]; then
        echo "No Odoo 18.0 source found: set ODOO_SRC to an Odoo 18.0 source tree (e.g. ODOO_SRC=\$HOME/odoo make test, from a clone of the official odoo repository at branch 18.0), or place it at /opt/odoo." >&2
        exit 2
    fi
}

addons_path() {
    echo "$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$ROOT/addons,$ROOT/tests"
}

# odoo-bin with the project's configuration and its local cluster.
# ODOO_COMMAND (e.g. shell) selects a subcommand other than the server.
odoo_bin() {
    "$VENV/bin/python" "$ODOO_SRC/odoo-bin" ${ODOO_COMMAND:-} -c "$ROOT/odoo.conf" \
        --addons-path="$(addons_path)" --data-dir="$ODOO_DATA" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password=odoo \
        "$@"
}

psql_q() {
    "$PGBIN/psql" -X -q -t -A -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "$1"
}
