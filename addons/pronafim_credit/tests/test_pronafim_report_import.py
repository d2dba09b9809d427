"""The monthly report import validated set-based (issue 20): the rows are checked with SQL
and only the rows SQL does not prove clean go through the rules in Python, so the import
gives exactly the records and the per-line messages of ``borrower_report.validate_rows``;
and the analyst's click runs it as a background job (one per institution and month)."""

import base64
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.micro_base.tests.common import in_background
from odoo.addons.micro_base.tools import tabular

from ..tools import borrower_report
from .test_borrower_report_tools import MAN, MINOR, WOMAN, curp
from .test_pronafim_imports import COLUMNS, ImportCase, _csv

D = datetime.date
# Born 2008-10-06 and 2008-10-05: 17 and 18 on 2026-10-05 (§IV.1.b).
ALMOST_ADULT = curp("LOPA081006HDFRRNA")
JUST_ADULT = curp("LOPB081005MDFRRNA")
FIELDS = (
    "curp", "name", "sex", "amount", "date", "term_months", "rate", "line_id",
    "municipality_id", "rural", "priority_zone", "special_attention_zone", "activity",
    "workers", "trained", "commercial_partner_id", "month",
)  # fmt: skip


class ReportImportCase(ImportCase):
    def _report(self, content, user=None):
        return (
            self.env["pronafim.borrower.report"]
            .with_user(user or self.analyst)
            .create(
                {
                    "partner_id": self.imf.id,
                    "month": D(2026, 10, 1),
                    "file": base64.b64encode(content),
                    "filename": "octubre.csv",
                }
            )
        )

    def _values(self, report):
        """The imported micro-credits of ``report`` as comparable tuples."""
        return sorted(
            tuple(
                value.id if hasattr(value, "_name") else value
                for value in (credit[name] for name in FIELDS)
            )
            for credit in report.sudo().microcredit_ids
        )

    def _expected_values(self, records):
        """The micro-credits the rules' ``records`` give, as :meth:`_values` reads them."""
        zones = {
            m.id: (m.rural, m.priority_zone, m.special_attention_zone)
            for m in self.env["pronafim.municipality"].browse(
                {r["municipality_id"] for r in records}
            )
        }
        return sorted(
            (
                r["curp"],
                r["name"],
                r["sex"],
                r["amount"],
                r["date"],
                r["term_months"],
                r["rate"],
                r["line_id"],
                r["municipality_id"],
                *zones[r["municipality_id"]],
                r["activity"],
                r["workers"],
                r["trained"],
                self.imf.id,
                D(2026, 10, 1),
            )  # fmt: skip
            for r in records
        )

    def _expected(self, content):
        """``(records, error_log)`` of the rules in Python on ``content``."""
        table = tabular.read(content, "octubre.csv")
        lines = {self.line.name: self.line.id}
        munis = {
            m.code: m.id
            for m in self.env["pronafim.municipality"].search([("code", "in", ["09003", "20001"])])
        }
        records, errors = borrower_report.validate_rows(
            table.rows, D(2026, 10, 1), lines, munis, table.header
        )
        log = "\n".join(
            f"Line {number}: {borrower_report.render(reasons)}" for number, reasons in errors
        )
        return records, log


@tagged("post_install", "-at_install")
class TestSetBasedValidation(ReportImportCase):
    def _odd_but_valid_rows(self):
        """Rows the rules accept written in other forms than the plain one (SQL leaves
        them to the rules in Python) mixed with plain rows."""
        return [
            self._row(WOMAN, "María Núñez"),
            self._row(MAN, "José Peña", trained="no", municipality="20001"),
            self._row(JUST_ADULT, "Justo Adulto", date="2026-10-05"),
            self._row(curp("HEGL750203HDFRRS0").lower(), "Minúsculas"),
            self._row(curp("HEGM750203MDFRRS0"), "Exponente", amount="8e3", rate="4.5E1"),
            self._row(curp("HEGN750203HDFRRS0"), "Fecha básica", date="20261007"),
            self._row(curp("HEGO750203MDFRRS0"), "Mayúsculas", activity="Industry", workers="15"),
            self._row(curp("HEGP750203HDFRRS0"), "Sí acento", trained="SÍ", over_indebted="NO"),
            self._row(curp("HEGQ750203MDFRRS0"), "Plazo", term_months="12.0", workers="+3"),
        ]

    def test_valid_file_imports_the_records_of_the_rules(self):
        content = _csv(COLUMNS, self._odd_but_valid_rows())
        records, log = self._expected(content)
        self.assertEqual(log, "")
        report = self._report(content)
        self.assertTrue(report.action_import(), report.error_log)
        self.assertEqual(report.row_count, len(records))
        self.assertEqual(self._values(report), self._expected_values(records))

    def test_every_rule_and_message_as_the_rules_give_them(self):
        rows = [
            *self._odd_but_valid_rows(),
            self._row(curp("HEGL750203HDFRRS0"), "Duplicado normalizado"),
            self._row(WOMAN, "Duplicado exacto"),
            self._row(WOMAN[:-1] + str((int(WOMAN[-1]) + 1) % 10), "Dígito"),
            self._row(WOMAN[:17], "Corta"),
            self._row("", "Vacía"),
            self._row(MINOR, "Menor"),
            self._row(ALMOST_ADULT, "Casi adulto"),
            self._row(curp("RAMA800101HDFMMS0"), ""),
            self._row(curp("RAMB800101HDFMMS0"), "Mes", date="2026-11-01"),
            self._row(curp("RAMC800101HDFMMS0"), "Formato", date="05/10/2026"),
            self._row(curp("RAMD800101HDFMMS0"), "Día", date="2026-10-32"),
            self._row(curp("RAME800101HDFMMS0"), "Ceros", amount="0", rate="-5", term_months="0"),
            self._row(curp("RAMF800101HDFMMS0"), "Texto", amount="abc", rate="1e309"),
            self._row(curp("RAMG800101HDFMMS0"), "Línea", line="LC/0000/99999"),
            self._row(curp("RAMH800101HDFMMS0"), "Municipio", municipality="99999"),
            self._row(curp("RAMI800101HDFMMS0"), "Actividad", activity="farming"),
            self._row(curp("RAMJ800101HDFMMS0"), "Obreros", activity="commerce", workers="6"),
            self._row(curp("RAMK800101HDFMMS0"), "Sin obreros", workers="0"),
            self._row(curp("RAML800101HDFMMS0"), "Bandera", trained="quizá"),
            self._row(curp("RAMM800101HDFMMS0"), "Sobreendeudado", over_indebted="sí"),
            self._row(curp("RAMN801301HDFMMS0"), "Nacido mes 13"),
            self._row(curp("RAMO800230HDFMMS0"), "Nacido 30 feb"),
        ]
        content = _csv(COLUMNS, rows)
        _records, log = self._expected(content)
        self.assertGreater(len(log.splitlines()), 20)
        report = self._report(content)
        self.assertFalse(report.action_import())
        self.assertEqual(report.state, "error")
        self.assertEqual(report.error_log, log)
        self.assertFalse(report.microcredit_ids)

    def test_header_and_no_rows_as_before(self):
        report = self._report(_csv(COLUMNS[:-2], [self._row(WOMAN)[:-2]]))
        self.assertFalse(report.action_import())
        self.assertEqual(report.error_log, "Line 1: missing columns: trained, over_indebted")
        report = self._report(_csv(COLUMNS, []))
        self.assertFalse(report.action_import())
        self.assertEqual(report.error_log, "Line 1: the file has no rows")


@tagged("post_install", "-at_install")
class TestReportImportJob(ReportImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One connection serves the job's side cursor too, so that the test's transaction
        # sees and rolls back what the job writes through it (as in micro_job_tests).
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)

    def setUp(self):
        super().setUp()
        if "queue.job" not in self.env:
            self.skipTest("OCA queue_job is not installed")

    def _content(self):
        return _csv(
            COLUMNS,
            [
                self._row(WOMAN, "María Núñez"),
                self._row(MAN, "José Peña", trained="no"),
                self._row(curp("HEGM750203MDFRRS0"), "Exponente", amount="8e3"),
            ],
        )

    def test_click_enqueues_one_job_with_the_same_records_as_in_process(self):
        from odoo.addons.queue_job.tests.common import trap_jobs

        report = self._report(self._content())
        identity = f"pronafim.borrower.report:{self.imf.id}:2026-10"
        with in_background(True), trap_jobs() as trap:
            self.assertTrue(report.action_import_in_background())
            job = report.micro_job_id.sudo()
            trap.assert_jobs_count(1)
            self.assertJobEnqueued(trap, report, "_import_job", identity)
            self.assertEqual(job.state, "queued")
            self.assertEqual(report.state, "draft", "nothing done in the click's request")
            trap.perform_enqueued_jobs()
        job.invalidate_recordset()
        report.invalidate_recordset()
        self.assertEqual(job.state, "done")
        self.assertEqual((job.done, job.total), (6, 6))
        self.assertEqual(report.state, "done")
        self.assertEqual(report.micro_job_message, "3 micro-credits imported.")
        queued = self._values(report)
        self.assertEqual(len(queued), 3)
        # The same file imported in the request (no job runner): the same records.
        again = self._report(self._content())
        with in_background(False):
            again.action_import_in_background()
        self.assertEqual(again.micro_job_state, "done")
        self.assertEqual(again.micro_job_message, report.micro_job_message)
        self.assertEqual(self._values(again), queued)
        self.assertFalse(report.sudo().microcredit_ids, "the month sent again replaces it")

    def test_one_import_per_institution_and_month_queued(self):
        """A second click for the same institution and month, on the report or on another
        report of the month, is refused while the first waits; another month is not."""
        report = self._report(self._content())
        other = self._report(self._content())
        with in_background(True):
            self.assertTrue(report.action_import_in_background())
            for record in (report, other):
                with self.assertRaisesMessage(UserError, "already queued or running"):
                    record.action_import_in_background()
        identity = f"pronafim.borrower.report:{self.imf.id}:2026-10"
        queued = self.env["queue.job"].sudo().search([("identity_key", "=", identity)])
        self.assertEqual(len(queued), 1)
        self.assertEqual(queued.uuid, report.micro_job_id.sudo().queue_uuid)

    def test_rejected_file_is_the_run_result(self):
        report = self._report(_csv(COLUMNS, [self._row(MINOR, "Menor")]))
        with in_background(False):
            report.action_import_in_background()
        self.assertEqual(report.state, "error")
        self.assertEqual(report.micro_job_state, "done")
        self.assertEqual(report.micro_job_message, "Not imported: see the lines with errors.")
        self.assertIn("Line 2: borrower under 18", report.error_log)

    def test_only_analysts_start_the_job(self):
        report = self._report(self._content(), user=self.portal)
        with self.assertRaises(UserError), in_background(False):
            report.with_user(self.portal).action_import_in_background()
