# The suite's two commands: `make run` and `make test` (see README.md).
# ODOO_SRC: an Odoo 18.0 source tree (defaults to /opt/odoo when it exists).
SHELL := /bin/bash
.PHONY: run test lint setup db-stop update bench clean

run:            ## serve the suite with demo data on http://localhost:8069
	@scripts/run.sh

test:           ## every test of every suite addon, install-alone checks, linters
	@scripts/test.sh

lint:           ## ruff + pylint-odoo mandatory checks + addon READMEs up to date
	@scripts/setup.sh && scripts/lint.sh

setup:          ## virtual environment and system packages only
	@scripts/setup.sh

update:         ## upgrade the suite's addons in the `make run` database
	@scripts/run.sh -u all --stop-after-init

db-stop:        ## stop the project's PostgreSQL cluster
	@scripts/pg.sh stop

bench:          ## performance figures on synthetic data (slow; not part of make test)
	@scripts/bench.sh

clean:          ## remove the venv, the cluster and Odoo's data directory
	@scripts/pg.sh stop || true
	rm -rf .venv .pg .odoo
