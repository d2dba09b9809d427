"""Run Odoo's own tests of some addons (crm, account...) with the whole suite installed
and loaded: inheriting must not break what it extends (spec quality.md, "Tests").

Odoo runs an addon's ``at_install`` tests only while that addon is being installed, before
the addons that depend on it are loaded, so ``-u crm --test-tags /crm`` would not exercise
the suite's overrides. This runner loads the database's full registry first (as
``odoo-bin --test-file`` does) and then runs every selected test of the given addons, both
``at_install`` and ``post_install``, in Odoo's own order, and logs Odoo's usual
``odoo.tests.result`` line.

    python scripts/core_tests.py crm,account <odoo-bin options: -c, -d, --addons-path...>

An item ``addon.test_module`` runs only that test module of the addon (e.g.
``account.test_res_partner_merge``).
"""

import sys
import threading

import odoo
from odoo.service import server
from odoo.tools import config

SELECTION = [item for item in sys.argv[1].split(",") if item]


def selected_test_modules(loader):
    for item in SELECTION:
        addon, _dot, only = item.partition(".")
        for module in loader.get_test_modules(addon):
            if not only or module.__name__.rsplit(".", 1)[-1] == only:
                yield module


def run_core_tests(registry, _test_file):
    """Stands for ``odoo.service.server.load_test_file_py``: the addons' tests, all phases."""
    # Odoo's test framework is imported in test mode only (it logs an error otherwise).
    from odoo.tests import loader
    from odoo.tests.result import _logger as result_logger
    from odoo.tests.suite import OdooSuite
    from odoo.tests.tag_selector import TagsSelector

    tags = TagsSelector(config["test_tags"] or "+standard")
    suite = OdooSuite(
        sorted(
            (
                test
                for module in selected_test_modules(loader)
                for test in loader.get_module_test_cases(module)
                if tags.check(test)
            ),
            key=lambda test: test.test_sequence,
        )
    )
    # As in an ``odoo-bin --test-enable`` run (code paths check it, e.g. reports rendered
    # as HTML); switched off again so that odoo-bin does not run every post-install test.
    config["test_enable"] = True
    threading.current_thread().testing = True
    try:
        result = loader.run_suite(suite)
    finally:
        threading.current_thread().testing = False
        config["test_enable"] = False
    report = registry._assertion_report
    report.update(result)
    report.log_stats()
    # The line odoo-bin logs at the end of a --test-enable run (scripts/check_test_log.py).
    log = result_logger.error if not report.wasSuccessful() else result_logger.info
    log("%s when loading database %r", report, registry.db_name)


if __name__ == "__main__":
    server.load_test_file_py = run_core_tests
    # --test-file makes odoo-bin load the registry in test mode and call the function above
    # (any existing .py file will do: this one).
    sys.argv = ["odoo-bin", *sys.argv[2:], f"--test-file={__file__}", "--stop-after-init"]
    odoo.cli.main()
