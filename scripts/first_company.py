# Run by `odoo shell` (stdin) between a new database's base install and its addons
# (create_database in scripts/env.sh: make run's database and make test's template;
# docker/entrypoint.sh at first start). PRONAFIM, FONDESO and FONAES are Mexican
# programs: the first company is made Mexican before `account` installs, as Odoo's
# database manager does when a country is chosen (odoo/service/db.py, _initialize_db):
# its country and that country's currency, so that `account` installs Mexico's
# localization (l10n_mx: the SAT chart of accounts, whose "código agrupador" prefixes the
# FONAES statement mapping reads, and Mexican taxes) and keeps the books in pesos. Odoo
# refuses to change a company's currency once it has journal items (its own demo entries
# are made as `account` installs), so it cannot be done later. MICRO_COUNTRY chooses
# another ISO country code.
import os

env = globals()["env"]  # the environment odoo shell gives the script

code = (os.environ.get("MICRO_COUNTRY") or "MX").upper()
country = env["res.country"].search([("code", "=", code)])
if len(country) != 1 or not country.currency_id:
    raise SystemExit(f"unknown country {code!r}")
country.currency_id.active = True
env.ref("base.main_company").write(
    {"country_id": country.id, "currency_id": country.currency_id.id}
)
env.cr.commit()
print(f"first company: {country.name}, {country.currency_id.name}")
