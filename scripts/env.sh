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

# Odoo's addons the suite's addons depend on (comma-separated): what make test's template
# holds and what make run's database gets before the suite.
suite_dependencies() {
    "$VENV/bin/python" - "$ROOT/addons" <<'PY'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
suite = {p.parent.name for p in root.glob("*/__manifest__.py")}
deps = set()
for manifest in root.glob("*/__manifest__.py"):
    deps |= set(ast.literal_eval(manifest.read_text()).get("depends", []))
print(",".join(sorted(deps - suite)))
PY
}

# A new database as the suite's: Odoo's base with the languages $2 (English first: Odoo
# 18 of before odoo/odoo#192344 cannot create a database whose first language is a
# Spanish one), then the first company made Mexican (scripts/first_company.py: before
# `account`, which then installs Mexico's chart and keeps the books in pesos), then Odoo's
# addons $3 (suite_dependencies). The suite's addons go in a later run: Odoo loads a new
# company's chart of accounts at the end of the run that installs `account`, deleting
# the company's journals, accounts and entries made before it in that run (the suite's
# demo postings among them). Extra options after $3 go to each odoo-bin run.
create_database() {
    local db="$1" langs="$2" addons="$3"
    shift 3
    odoo_bin -d "$db" -i base --load-language="$langs" --stop-after-init "$@" \
        && ODOO_COMMAND=shell odoo_bin -d "$db" --no-http <"$ROOT/scripts/first_company.py" \
        && odoo_bin -d "$db" -i "$addons" --stop-after-init "$@"
}

psql_q() {
    "$PGBIN/psql" -X -q -t -A -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "$1"
}
