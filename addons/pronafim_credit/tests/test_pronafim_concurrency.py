import datetime
from contextlib import contextmanager

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import common, tagged
from odoo.tools.misc import mute_logger


@contextmanager
def environment():
    """A superuser environment on its own cursor, committed and closed at the end."""
    registry = Registry(common.get_db_name())
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {})


@tagged("post_install", "-at_install")
class TestDisposalConcurrency(common.BaseCase):
    """Two transactions disposing of one line at once (imitates base's ir.sequence tests).

    The data is committed (each cursor must see it) and removed at the end.
    """

    def setUp(self):
        super().setUp()
        with environment() as env:
            partner = env["res.partner"].create(
                {"name": "IMF Concurrencia", "is_company": True, "pronafim_role": "imf"}
            )
            app = env["pronafim.application"].create(
                {"partner_id": partner.id, "application_type": "credit"}
            )
            app.write({"state": "authorized", "outcome": "authorized"})
            if not env["pronafim.cetes.rate"].search([("date_from", "<=", "2026-11-02")]):
                env["pronafim.cetes.rate"].create({"date_from": "2000-01-01", "rate": 7.0})
            line = env["pronafim.credit.line"].create(
                {
                    "application_id": app.id,
                    "credit_type_id": env.ref("pronafim_credit.credit_type_simple").id,
                    "amount": 1_000_000,
                    "term_months": 12,
                }
            )
            # Formalization rules are tested elsewhere; here only the disposals matter.
            line.write({"state": "formalized", "date_formalized": "2026-11-02"})
            self.ids = {"partner": partner.id, "app": app.id, "line": line.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with environment() as env:
            cr = env.cr
            cr.execute(
                "DELETE FROM pronafim_credit_installment WHERE disposal_id IN "
                "(SELECT id FROM pronafim_credit_disposal WHERE line_id = %s)",
                [self.ids["line"]],
            )
            cr.execute(
                "DELETE FROM pronafim_credit_disposal WHERE line_id = %s", [self.ids["line"]]
            )
            cr.execute("DELETE FROM pronafim_credit_line WHERE id = %s", [self.ids["line"]])
            cr.execute("DELETE FROM pronafim_application WHERE id = %s", [self.ids["app"]])
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _dispose(self, env, amount):
        return env["pronafim.credit.disposal"].create(
            {"line_id": self.ids["line"], "date": datetime.date(2026, 11, 3), "amount": amount}
        )

    @mute_logger("odoo.sql_db")
    def test_two_cursors_cannot_exceed_availability(self):
        registry = Registry(common.get_db_name())
        with registry.cursor() as cr1, registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            # First transaction disposes 700,000 and holds the line's row lock.
            self._dispose(env1, 700_000)
            # The second one, at the same time, waits on that lock (here: gives up).
            cr2.execute("SET LOCAL lock_timeout = '500ms'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                self._dispose(env2, 700_000)
            cr2.rollback()
            cr1.commit()
            # Once the first commits, the second sees the reduced availability.
            with self.assertRaisesRegex(UserError, "exceeds the availability"):
                self._dispose(env2, 700_000)
            cr2.rollback()
            env2.invalidate_all()
            self._dispose(env2, 300_000)
            cr2.commit()
        with environment() as env:
            line = env["pronafim.credit.line"].browse(self.ids["line"])
            self.assertEqual(line.amount_disposed, 1_000_000)
            self.assertEqual(line.amount_available, 0)

    @mute_logger("odoo.sql_db")
    def test_old_snapshot_cannot_exceed_availability(self):
        """A transaction that read the line before another's disposal was committed must not
        dispose from its old snapshot (REPEATABLE READ): it fails to serialize, and its
        retry sees the reduced availability."""
        registry = Registry(common.get_db_name())
        with registry.cursor() as cr1, registry.cursor() as cr2:
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            line2 = env2["pronafim.credit.line"].browse(self.ids["line"])
            self.assertEqual(line2.amount_available, 1_000_000)  # cr2's snapshot starts
            self._dispose(env1, 700_000)
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._dispose(env2, 700_000)
            cr2.rollback()
            env2.invalidate_all()
            with self.assertRaisesRegex(UserError, "exceeds the availability"):
                self._dispose(env2, 700_000)
            cr2.rollback()
        with environment() as env:
            line = env["pronafim.credit.line"].browse(self.ids["line"])
            self.assertEqual(line.amount_disposed, 700_000)
