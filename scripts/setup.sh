#!/usr/bin/env bash
# Prepare the machine and the project's virtual environment. Idempotent and fast when
# nothing changed: the venv is rebuilt only when requirements or ODOO_SRC change.
source "$(dirname "$0")/env.sh"
require_odoo_src

# System packages: PostgreSQL 15 server, headless Chromium (tours), wkhtmltopdf (PDF),
# build headers for psycopg2.
missing=()
[ -x "$PGBIN/initdb" ] || missing+=(postgresql-15)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
"$PYTHON" -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "Installing Debian packages: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "Missing system packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
        exit 2
    fi
fi
PGBIN="$(ls -d /usr/lib/postgresql/15/bin)"

stamp_want="$(cat "$ROOT/requirements.txt" "$ROOT/requirements-dev.txt" "$ROOT/requirements-oca.txt" | sha1sum | cut -c1-12) $ODOO_SRC"
stamp_file="$VENV/.suite-stamp"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp_want" ] && [ -x "$VENV/bin/python" ]; then
    exit 0
fi
echo "Creating the virtual environment in $VENV (Python: $("$PYTHON" --version))"
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip wheel "setuptools<75"
"$VENV/bin/pip" install -q -r "$ROOT/requirements.txt" -r "$ROOT/requirements-dev.txt"
# Odoo itself, editable in "compat" mode so that odoo/addons and addons/ stay importable
# and OCA addons from PyPI (odoo-addon-*) install into the same namespace.
"$VENV/bin/pip" install -q --no-deps --no-build-isolation -e "$ODOO_SRC" --config-settings editable_mode=compat >"$VENV/odoo-install.log" 2>&1
if [ -f "$ROOT/requirements-oca.txt" ]; then
    "$VENV/bin/pip" install -q --no-deps -r "$ROOT/requirements-oca.txt"
fi
echo "$stamp_want" > "$stamp_file"
