#!/usr/bin/env bash
# make test: install every suite addon in a throw-away database, run all their tests
# (browser tours included) with Odoo's runner, check that each addon installs alone,
# run the linters, and print "N passed, N failed". Exits non-zero on any failure.
#   ADDONS="md_micronegocios" make test   -> only that addon's tests (plus the checks);
#                                            the cross-program tests (tests/*) run with all
#   SKIP_ALONE=1 / SKIP_LINT=1            -> skip the install-alone checks / linters
#   SKIP_CORE=1 / CORE_ADDONS=crm         -> skip / choose Odoo's own tests run with the
#                                            suite loaded (default on full runs: crm,account)
#   TEST_DB=test_suite_x TEST_HTTP_PORT=8179 -> a second run alongside the first
source "$(dirname "$0")/env.sh"
require_odoo_src
"$ROOT/scripts/setup.sh"
# Leave the cluster as we found it: stop it at the end if this run started it.
if ! "$ROOT/scripts/pg.sh" status >/dev/null 2>&1; then
    trap '"$ROOT/scripts/pg.sh" stop' EXIT
fi
"$ROOT/scripts/pg.sh" start

# TEST_DB / TEST_HTTP_PORT let two test runs share the cluster (their logs stay apart).
TEST_DB="${TEST_DB:-test_suite}"
TEST_HTTP_PORT="${TEST_HTTP_PORT:-8169}"
LOGS="$ODOO_DATA/logs${TEST_DB#test_suite}"
mkdir -p "$LOGS"
mapfile -t ALL_ADDONS < <(suite_addons)
mapfile -t CROSS_ADDONS < <(suite_test_addons)
if [ -n "${ADDONS:-}" ]; then
    IFS=, read -r -a TEST_ADDONS <<<"$ADDONS"
else
    TEST_ADDONS=("${ALL_ADDONS[@]}" "${CROSS_ADDONS[@]}")
fi
joined() { local IFS=,; echo "$*"; }

failures=()
passed_checks=0

# Refuse to run when a browser test would be skipped silently.
"$VENV/bin/python" -c "import websocket" 2>/dev/null \
    || failures+=("websocket-client is not installed in $VENV: browser tests would be skipped")
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || failures+=("chromium is not installed: browser tests would be skipped")
for a in "${TEST_ADDONS[@]}"; do
    [ -f "$ROOT/addons/$a/__manifest__.py" ] || [ -f "$ROOT/tests/$a/__manifest__.py" ] \
        || failures+=("unknown addon: $a")
done
if [ ${#failures[@]} -gt 0 ]; then
    printf 'FAIL: %s\n' "${failures[@]}"
    echo "0 passed, ${#failures[@]} failed"
    exit 1
fi

# A template database with the Odoo addons the suite depends on (and demo data), keyed
# by that list, the languages, the Odoo source and scripts/first_company.py, so that
# later runs clone it in a fraction of a second. In Spanish as make run's database (scripts/run.sh): Odoo's own
# terms (the web client's, the portal's) in es_MX and es_CO; each suite addon's are
# loaded when it is installed in the clone. English first, as there (Odoo 18 of before
# odoo/odoo#192344 cannot create a database whose first language is a Spanish one); it
# stays the default language of new contacts here, which the tests expect.
LANGS="en_US,es_MX,es_CO"
EXT_DEPS="$(suite_dependencies)"
ODOO_REV="$(sha1sum <"$ODOO_SRC/odoo/release.py" | cut -c1-8)"
FIRST_COMPANY="$(sha1sum <"$ROOT/scripts/first_company.py" | cut -c1-8)"
TEMPLATE="tmpl_$(echo "$EXT_DEPS $ODOO_REV $LANGS $FIRST_COMPANY" | sha1sum | cut -c1-10)"
if ! psql_q "SELECT 1 FROM pg_database WHERE datname='$TEMPLATE'" | grep -q 1; then
    for old in $(psql_q "SELECT datname FROM pg_database WHERE datname LIKE 'tmpl\_%'"); do
        # a template another run is cloning right now stays (the next run drops it)
        "$PGBIN/dropdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$old" 2>/dev/null \
            || echo "Keeping the template $old: another run is using it"
    done
    echo "Building the template database $TEMPLATE ($EXT_DEPS)"
    # Built under a name of this run's own and renamed when complete: a run starting
    # meanwhile never clones a half-built template (it builds its own).
    building="build_${TEMPLATE}_$$"
    # Created as make run creates its database (create_database, scripts/env.sh): the
    # first company Mexican before `account` installs (pesos, Mexico's chart).
    if ! create_database "$building" "$LANGS" "$EXT_DEPS" --http-port="$TEST_HTTP_PORT" \
        >"$LOGS/template.log" 2>&1 || grep -qE " (ERROR|CRITICAL) " "$LOGS/template.log"; then
        grep -E " (ERROR|CRITICAL) " "$LOGS/template.log" | head -20 || true
        "$PGBIN/dropdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$building"
        rm -rf "$ODOO_DATA/filestore/$building"
        echo "0 passed, 1 failed"
        exit 1
    fi
    if psql_q "ALTER DATABASE \"$building\" RENAME TO \"$TEMPLATE\"" 2>/dev/null; then
        rm -rf "$ODOO_DATA/filestore/$TEMPLATE"
        if [ -d "$ODOO_DATA/filestore/$building" ]; then
            mv "$ODOO_DATA/filestore/$building" "$ODOO_DATA/filestore/$TEMPLATE"
        fi
    else  # another run finished the same template first
        "$PGBIN/dropdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$building"
        rm -rf "$ODOO_DATA/filestore/$building"
    fi
fi

clone_db() {
    "$PGBIN/dropdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$1" 2>/dev/null
    "$PGBIN/createdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -T "$TEMPLATE" "$1"
    if [ -d "$ODOO_DATA/filestore/$TEMPLATE" ]; then
        rm -rf "$ODOO_DATA/filestore/$1"
        cp -r "$ODOO_DATA/filestore/$TEMPLATE" "$ODOO_DATA/filestore/$1"
    fi
}

installed() { # db addon -> exit 0 when installed
    "$PGBIN/psql" -X -t -A -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$1" \
        -c "SELECT state FROM ir_module_module WHERE name='$2'" | grep -qx installed
}

# 1. Every suite addon's tests, all addons installed together.
clone_db "$TEST_DB"
TAGS="$(for a in "${TEST_ADDONS[@]}"; do printf '/%s,' "$a"; done)"
echo "Running the tests of: ${TEST_ADDONS[*]}"
start=$(date +%s)
odoo_bin -d "$TEST_DB" -i "$(joined "${ALL_ADDONS[@]}" "${CROSS_ADDONS[@]}")" \
    --test-enable --test-tags "${TAGS%,}" \
    --stop-after-init --http-port="$TEST_HTTP_PORT" --max-cron-threads=0 \
    >"$LOGS/test.log" 2>&1 || true
echo "  tests took $(( $(date +%s) - start )) s (log: $LOGS/test.log)"
# A tour must have run whenever an addon under test ships one.
require_tour=()
for a in "${TEST_ADDONS[@]}"; do
    compgen -G "$ROOT/addons/$a/static/tests/tours/*.js" >/dev/null && require_tour=(--require-tour)
done
"$VENV/bin/python" "$ROOT/scripts/check_test_log.py" "$LOGS/test.log" \
    --addons "$(joined "${TEST_ADDONS[@]}")" "${require_tour[@]}" | tee "$LOGS/test.summary" || true
grep -E " (ERROR|CRITICAL|FAIL) " "$LOGS/test.log" | head -40 || true
summary="$(grep '^SUMMARY' "$LOGS/test.summary")"
tests_passed="$(sed -E 's/.*passed=([0-9]+).*/\1/' <<<"$summary")"
tests_failed="$(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$summary")"
problems="$(sed -E 's/.*problems=([0-9]+).*/\1/' <<<"$summary")"
[ "$problems" = 0 ] || failures+=("test run: $problems problem(s) above")
for a in "${ALL_ADDONS[@]}"; do
    installed "$TEST_DB" "$a" || failures+=("$a is not installed in the test database")
done

# 1b. Odoo's own tests of the addons the suite extends, with the whole suite loaded
#     (inheriting must not break what it extends). Full runs only, unless CORE_ADDONS is set.
# Default: all of crm's; base's and mail's contact tests (micro_base extends res.partner);
# of account's (long: 430 tests took 15 min here under load), those of what the suite
# touches: partners and their merge, journal entries, payments. CORE_ADDONS=account runs
# them all.
CORE_DEFAULT="crm,base.test_res_partner,base.test_res_partner_merge,mail.test_res_partner"
CORE_DEFAULT="$CORE_DEFAULT,account.test_account_partner,account.test_res_partner_merge"
CORE_DEFAULT="$CORE_DEFAULT,account.test_account_move_entry,account.test_account_payment"
CORE_DEFAULT="$CORE_DEFAULT,account.test_account_payment_method_line"
CORE_ADDONS="${CORE_ADDONS-$(if [ -z "${ADDONS:-}" ]; then echo "$CORE_DEFAULT"; fi)}"
if [ -n "$CORE_ADDONS" ] && [ -z "${SKIP_CORE:-}" ]; then
    echo "Running Odoo's own tests of $CORE_ADDONS with the suite installed"
    start=$(date +%s)
    "$VENV/bin/python" "$ROOT/scripts/core_tests.py" "$CORE_ADDONS" -c "$ROOT/odoo.conf" \
        --addons-path="$(addons_path)" --data-dir="$ODOO_DATA" \
        --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER" --db_password=odoo \
        -d "$TEST_DB" --http-port="$TEST_HTTP_PORT" --max-cron-threads=0 \
        >"$LOGS/core.log" 2>&1 || true
    echo "  took $(( $(date +%s) - start )) s (log: $LOGS/core.log)"
    "$VENV/bin/python" "$ROOT/scripts/check_test_log.py" "$LOGS/core.log" \
        --addons "$(tr , '\n' <<<"$CORE_ADDONS" | cut -d. -f1 | sort -u | paste -sd,)" \
        | tee "$LOGS/core.summary" || true
    summary="$(grep '^SUMMARY' "$LOGS/core.summary")"
    tests_passed=$(( tests_passed + $(sed -E 's/.*passed=([0-9]+).*/\1/' <<<"$summary") ))
    tests_failed=$(( tests_failed + $(sed -E 's/.*failed=([0-9]+).*/\1/' <<<"$summary") ))
    core_problems="$(sed -E 's/.*problems=([0-9]+).*/\1/' <<<"$summary")"
    [ "$core_problems" = 0 ] || failures+=("Odoo's own tests: $core_problems problem(s) above")
fi

# 2. Translations: every term Odoo exports for a suite addon is in its i18n/es.po.
odoo_bin -d "$TEST_DB" --i18n-export="$LOGS/suite.pot" --modules="$(joined "${ALL_ADDONS[@]}")" \
    --stop-after-init --http-port="$TEST_HTTP_PORT" >"$LOGS/i18n-export.log" 2>&1 || true
if ! grep -q '^msgid "[^"]' "$LOGS/suite.pot" 2>/dev/null \
    || grep -qE " (ERROR|CRITICAL) " "$LOGS/i18n-export.log"; then
    grep -E " (ERROR|CRITICAL) " "$LOGS/i18n-export.log" | head -5 || true
    failures+=("the terms could not be exported (log: $LOGS/i18n-export.log)")
elif "$VENV/bin/python" "$ROOT/scripts/check_i18n.py" "$LOGS/suite.pot" "$ROOT/addons" \
    "${ALL_ADDONS[@]}" >"$LOGS/i18n.log" 2>&1; then
    echo "  Spanish translations complete"; passed_checks=$((passed_checks + 1))
else
    grep -v "terms translated" "$LOGS/i18n.log" | head -40 || true
    failures+=("i18n/es.po incomplete (log: $LOGS/i18n.log)")
fi

# 3. Each suite addon installs alone (with only its own dependencies).
if [ -z "${SKIP_ALONE:-}" ]; then
    for a in "${ALL_ADDONS[@]}"; do
        db="alone_$a${TEST_DB#test_suite}"
        clone_db "$db"
        (
            odoo_bin -d "$db" -i "$a" --stop-after-init --http-port="$TEST_HTTP_PORT" \
                >"$LOGS/alone_$a.log" 2>&1
        ) &
    done
    wait
    for a in "${ALL_ADDONS[@]}"; do
        db="alone_$a${TEST_DB#test_suite}"
        if installed "$db" "$a" && ! grep -qE " (ERROR|CRITICAL) " "$LOGS/alone_$a.log"; then
            others=""
            for b in "${ALL_ADDONS[@]}"; do
                # The shared base and its bridges (micro_base_*) are not program addons.
                if [ "$b" != "$a" ] && [[ "$b" != micro_base* ]] && installed "$db" "$b"; then
                    others="$others $b"
                fi
            done
            if [ -n "$others" ]; then
                failures+=("$a pulled in another program addon: $others")
            else
                echo "  installs alone: $a"
                passed_checks=$((passed_checks + 1))
            fi
        else
            grep -E " (ERROR|CRITICAL) " "$LOGS/alone_$a.log" | head -10 || true
            failures+=("$a does not install alone (log: $LOGS/alone_$a.log)")
        fi
        "$PGBIN/dropdb" -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$db" 2>/dev/null
        rm -rf "$ODOO_DATA/filestore/$db"
    done
fi

# 4. Linters: ruff (lint + format) and pylint-odoo's mandatory checks.
if [ -z "${SKIP_LINT:-}" ]; then
    if "$ROOT/scripts/lint.sh" >"$LOGS/lint.log" 2>&1; then
        echo "  linters (ruff, pylint-odoo mandatory, READMEs): clean"
        passed_checks=$((passed_checks + 1))
    else
        cat "$LOGS/lint.log"
        failures+=("linters found problems (make lint)")
    fi
fi

for f in "${failures[@]}"; do echo "FAIL: $f"; done
total_failed=$(( tests_failed + ${#failures[@]} ))
echo "$(( tests_passed + passed_checks )) passed, $total_failed failed"
[ "$total_failed" = 0 ]
