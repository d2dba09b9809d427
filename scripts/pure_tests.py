"""Run the database-free tests (pure ``tools/`` maths) in seconds, without Odoo's server.

    .venv/bin/python scripts/pure_tests.py addons/micro_base/tests/test_tools.py [...]

Only for quick iteration: ``make test`` runs the same tests in Odoo's runner.
"""

import pathlib
import sys
import unittest

import odoo

import odoo.addons

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Odoo's own addons too (a program addon's package may import e.g. portal's controllers).
ODOO_ADDONS = pathlib.Path(odoo.__file__).resolve().parent.parent / "addons"
for path in (ODOO_ADDONS, ROOT / "addons"):
    if str(path) not in odoo.addons.__path__:
        odoo.addons.__path__.append(str(path))


def main(paths):
    suite = unittest.TestSuite()
    for path in paths:
        rel = pathlib.Path(path).resolve().relative_to(ROOT / "addons").with_suffix("")
        name = "odoo.addons." + ".".join(rel.parts)
        suite.addTests(unittest.defaultTestLoader.loadTestsFromName(name))
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    return 0 if result.wasSuccessful() and result.testsRun else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
