#!/usr/bin/env bash
# Linters: ruff (lint + format), pylint-odoo's mandatory checks, README.rst up to date.
source "$(dirname "$0")/env.sh"
cd "$ROOT"
rc=0
"$VENV/bin/ruff" check . || rc=1
"$VENV/bin/ruff" format --check . || rc=1
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory addons/* tests/*/ || rc=1
"$VENV/bin/python" scripts/gen_addon_readme.py --check addons/* tests/*/ || rc=1
exit $rc
