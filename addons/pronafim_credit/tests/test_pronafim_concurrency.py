import base64
import datetime

import psycopg2.errors

from odoo.exceptions import UserError
from odoo.tests import common, tagged
from odoo.tools.misc import mute_logger

from odoo.addons.micro_base.tests.common import committed_environment, two_environments

from .common import on_day
from .test_borrower_report_tools import MAN, WOMAN
from .test_pronafim_borrowers import HEADER


@tagged("post_install", "-at_install")
class TestDisposalConcurrency(common.BaseCase):
    """Two transactions disposing of one line at once (imitates base's ir.sequence tests).

    The data is committed (each cursor must see it) and removed at the end.
    """

    def setUp(self):
        super().setUp()
        with committed_environment() as env:
            partner = env["res.partner"].create(
                {"name": "IMF Concurrencia", "is_company": True, "pronafim_role": "imf"}
            )
            app = env["pronafim.application"].create(
                {"partner_id": partner.id, "application_type": "credit"}
            )
            app.write({"state": "authorized", "outcome": "authorized"})
            if not env["pronafim.cetes.rate"].search([("date_from", "<=", "2026-11-02")]):
                env["pronafim.cetes.rate"].create({"date_from": "2016-01-01", "rate": 7.0})
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
        with committed_environment() as env:
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
        with two_environments() as (env1, env2):
            cr1, cr2 = env1.cr, env2.cr
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
        with committed_environment() as env:
            line = env["pronafim.credit.line"].browse(self.ids["line"])
            self.assertEqual(line.amount_disposed, 1_000_000)
            self.assertEqual(line.amount_available, 0)

    @mute_logger("odoo.sql_db")
    def test_old_snapshot_cannot_exceed_availability(self):
        """A transaction that read the line before another's disposal was committed must not
        dispose from its old snapshot (REPEATABLE READ): it fails to serialize, and its
        retry sees the reduced availability."""
        with two_environments() as (env1, env2):
            cr1, cr2 = env1.cr, env2.cr
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
        with committed_environment() as env:
            line = env["pronafim.credit.line"].browse(self.ids["line"])
            self.assertEqual(line.amount_disposed, 700_000)


def _authorized_line(env, partner, amount):
    """A line to formalize of ``partner`` on an application the committee authorized."""
    app = env["pronafim.application"].create(
        {"partner_id": partner.id, "application_type": "credit"}
    )
    app.write({"state": "authorized", "outcome": "authorized"})
    return env["pronafim.credit.line"].create(
        {
            "application_id": app.id,
            "credit_type_id": env.ref("pronafim_credit.credit_type_simple").id,
            "amount": amount,
            "term_months": 12,
        }
    )


def _delete_lines(env, line_ids):
    cr = env.cr
    cr.execute("SELECT application_id FROM pronafim_credit_line WHERE id IN %s", [line_ids])
    app_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
    cr.execute("DELETE FROM pronafim_microcredit WHERE line_id IN %s", [line_ids])
    cr.execute("DELETE FROM pronafim_credit_line WHERE id IN %s", [line_ids])
    cr.execute("DELETE FROM pronafim_application WHERE id IN %s", [app_ids])


@tagged("post_install", "-at_install")
class TestFormalizationConcurrency(common.BaseCase):
    """§IX.3.b: two lines of one IMF formalized at the same instant, each within the 10 %
    limit alone but not together: only one may pass. Committed data, removed at the end."""

    TODAY = datetime.date(2026, 11, 2)

    def setUp(self):
        super().setUp()
        with committed_environment() as env:
            partner = env["res.partner"].create(
                {
                    "name": "IMF Concentración",
                    "is_company": True,
                    "pronafim_role": "imf",
                    # Not its first formalization: no write on the partner row that would
                    # serialize the two transactions by accident.
                    "pronafim_first_formalization_date": "2025-01-15",
                }
            )
            # Net worth 10 M at the last known month: the limit is 1 M; 600,000 + 600,000.
            worth = env["pronafim.trust.net.worth"].create(
                {"month": self.TODAY, "amount": 10_000_000}
            )
            lines = _authorized_line(env, partner, 600_000) | _authorized_line(
                env, partner, 600_000
            )
            self.ids = {"partner": partner.id, "worth": worth.id, "lines": tuple(lines.ids)}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with committed_environment() as env:
            _delete_lines(env, self.ids["lines"])
            env.cr.execute(
                "DELETE FROM pronafim_trust_net_worth WHERE id = %s", [self.ids["worth"]]
            )
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _formalize(self, env, index):
        line = env["pronafim.credit.line"].browse(self.ids["lines"][index])
        with on_day(self.TODAY):
            return line.action_formalize()

    def _states(self):
        with committed_environment() as env:
            return env["pronafim.credit.line"].browse(self.ids["lines"]).mapped("state")

    @mute_logger("odoo.sql_db")
    def test_second_formalization_waits_then_is_refused(self):
        with two_environments() as (env1, env2):
            cr1, cr2 = env1.cr, env2.cr
            self._formalize(env1, 0)  # holds the institution's row lock
            cr2.execute("SET LOCAL lock_timeout = '500ms'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                self._formalize(env2, 1)
            cr2.rollback()
            cr1.commit()
            env2.invalidate_all()
            with self.assertRaisesRegex(UserError, r"Formalization refused \(§IX.3.b\)"):
                self._formalize(env2, 1)
            cr2.rollback()
        self.assertEqual(self._states(), ["formalized", "draft"])

    @mute_logger("odoo.sql_db")
    def test_old_snapshot_cannot_pass_the_limit(self):
        """The second transaction read the lines before the first committed (REPEATABLE
        READ): without the lock it would sum the risk from its old snapshot and pass."""
        with two_environments() as (env1, env2):
            cr1, cr2 = env1.cr, env2.cr
            lines2 = env2["pronafim.credit.line"].browse(self.ids["lines"])
            self.assertEqual(lines2.mapped("state"), ["draft", "draft"])  # snapshot starts
            self._formalize(env1, 0)
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._formalize(env2, 1)
            cr2.rollback()
            env2.invalidate_all()
            with self.assertRaisesRegex(UserError, r"Formalization refused \(§IX.3.b\)"):
                self._formalize(env2, 1)
            cr2.rollback()
        self.assertEqual(self._states(), ["formalized", "draft"])


@tagged("post_install", "-at_install")
class TestReportImportConcurrency(common.BaseCase):
    """Two uploads of one IMF's month at the same time (the portal creates and imports in
    one request): the month ends with one file's rows, never both."""

    MONTH = datetime.date(2026, 10, 1)

    def setUp(self):
        super().setUp()
        with committed_environment() as env:
            partner = env["res.partner"].create(
                {"name": "IMF Reporte Doble", "is_company": True, "pronafim_role": "imf"}
            )
            line = _authorized_line(env, partner, 100_000)
            line.write({"state": "formalized", "date_formalized": "2026-09-01"})
            muni = env["pronafim.municipality"].create(
                {"code": "P4C01", "name": "Municipio de prueba", "population": 20_000}
            )
            self.ids = {"partner": partner.id, "lines": (line.id,), "muni": muni.id}
            self.line_name = line.name
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with committed_environment() as env:
            env.cr.execute(
                "DELETE FROM pronafim_microcredit WHERE commercial_partner_id = %s",
                [self.ids["partner"]],
            )
            env.cr.execute(
                "DELETE FROM pronafim_borrower_report WHERE commercial_partner_id = %s",
                [self.ids["partner"]],
            )
            _delete_lines(env, self.ids["lines"])
            env["pronafim.municipality"].browse(self.ids["muni"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _upload(self, env, *curps):
        rows = [
            f"{curp},Persona,8000,2026-10-05,12,40,{self.line_name},P4C01,services,1,no,no"
            for curp in curps
        ]
        data = "\n".join([HEADER, *rows]).encode()
        report = env["pronafim.borrower.report"].create(
            {
                "partner_id": self.ids["partner"],
                "month": self.MONTH,
                "file": base64.b64encode(data),
                "filename": "octubre.csv",
            }
        )
        self.assertTrue(report.action_import(), report.error_log)
        return report

    def _rows(self):
        with committed_environment() as env:
            env.cr.execute(
                "SELECT report_id, curp FROM pronafim_microcredit "
                "WHERE commercial_partner_id = %s ORDER BY curp",
                [self.ids["partner"]],
            )
            return env.cr.fetchall()

    @mute_logger("odoo.sql_db")
    def test_old_snapshot_import_is_retried_and_replaces_the_month(self):
        with two_environments() as (env1, env2):
            cr1, cr2 = env1.cr, env2.cr
            reports2 = env2["pronafim.borrower.report"].search(
                [("commercial_partner_id", "=", self.ids["partner"])]
            )
            self.assertFalse(reports2)  # cr2's snapshot starts before the first upload
            first = self._upload(env1, WOMAN, MAN)
            cr1.commit()
            with self.assertRaises(psycopg2.errors.SerializationFailure):
                self._upload(env2, WOMAN)
            cr2.rollback()
            env2.invalidate_all()
            second = self._upload(env2, WOMAN)  # Odoo's retry: a fresh snapshot
            cr2.commit()
        self.assertEqual(self._rows(), [(second.id, WOMAN)])
        with committed_environment() as env:
            first = env["pronafim.borrower.report"].browse(first.id)
            self.assertEqual((first.state, first.row_count), ("draft", 0))
