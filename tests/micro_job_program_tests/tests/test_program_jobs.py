"""Issue 20: the programs' long operations as background jobs (micro_base
``micro.job.mixin``). The click enqueues exactly one job (queue_job trapped), performing it
gives the same records as the in-process path, and a second click for the same key while
the first is queued is refused. Each runs as the role that does the work."""

import io
from datetime import date, timedelta

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.fonaes_support.tests.test_fonaes_provisioning import (
    CUT_OFF,
    FonaesPortfolioCase,
)
from odoo.addons.md_micronegocios.tests.common import MdCommon
from odoo.addons.micro_base.tests.common import MicroScreensMixin, MicroTestMixin, in_background
from odoo.addons.pronafim_credit.tests.test_pronafim_complaints import ComplaintCase
from odoo.addons.queue_job.tests.common import trap_jobs


class JobTestMode(MicroTestMixin):
    """One connection serves the job's side cursor too (as in HttpCase), so that the test's
    transaction sees and rolls back what the job writes through it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)

    def _queued(self, identity):
        return self.env["queue.job"].search([("identity_key", "=", identity)])


@tagged("post_install", "-at_install")
class TestComplaintImportJob(JobTestMode, ComplaintCase):
    def _file(self, prefix, name):
        """An exchange file of the 2 November 2026 exchange: two good rows, one bad date."""
        return self.File._receive(
            self._csv(
                self._row(f"{prefix}-1"),
                self._row(f"{prefix}-2", date="2026-13-01"),
                self._row(f"{prefix}-3"),
            ),
            name,
        )

    def test_click_enqueues_one_job_with_the_in_process_result(self):
        file = self._file("Q", "queued.csv")
        file.valid_rows_only = True
        identity = file._import_identity()
        self.assertEqual(identity, f"pronafim.complaint.import:{self.env.company.id}:{file.date}")
        with in_background(True), trap_jobs() as trap:
            self.assertTrue(file.action_import_in_background())
            trap.assert_jobs_count(1)
            job = file.micro_job_id.sudo()
            self.assertJobEnqueued(trap, file, "_import_job", identity)
            self.assertEqual(file.micro_job_state, "queued")
            self.assertEqual(file.state, "pending", "nothing imported in the click's request")
            self.assertFalse(file.complaint_ids)
            trap.perform_enqueued_jobs()
        file.invalidate_recordset()
        job.invalidate_recordset()
        self.assertEqual(job.user_id, self.officer)
        reference = self._file("R", "in_process.csv")
        reference.valid_rows_only = True
        with in_background(False):
            reference.action_import_in_background()
        for record in (file, reference):
            self.assertEqual(record.state, "imported")
            self.assertEqual(record.micro_job_state, "done")
            self.assertEqual(record.micro_job_progress, 100.0)
        self.assertEqual(file.micro_job_message, "2 complaints imported.")
        self.assertEqual(file.micro_job_message, reference.micro_job_message)
        self.assertEqual(file.error_report, reference.error_report)
        self.assertEqual(
            sorted(file.complaint_ids.mapped("file_line")),
            sorted(reference.complaint_ids.mapped("file_line")),
        )
        self.assertEqual(
            sorted(file.complaint_ids.mapped("name")), ["Q-1", "Q-3"], "the queued run's rows"
        )
        # The synchronous method (API, scheduled exchange) gives the same records.
        direct = self._file("D", "direct.csv")
        direct.valid_rows_only = True
        direct.action_import()
        self.assertEqual(direct.error_report, reference.error_report)
        self.assertEqual(len(direct.complaint_ids), len(reference.complaint_ids))

    def test_file_with_errors_and_a_refused_import_reach_the_user(self):
        file = self._file("E", "errors.csv")
        with in_background(False):
            file.action_import_in_background()
        self.assertEqual(file.state, "error")
        self.assertEqual(file.micro_job_state, "done")
        self.assertEqual(file.micro_job_message, "Not imported: see the error report.")
        self.assertEqual(file.error_report, "Line 3: date '2026-13-01' is not a YYYY-MM-DD date.")
        file.valid_rows_only = True
        with in_background(False):
            file.action_import_in_background()
        # Imported: a second click is refused before anything is queued, as before.
        with in_background(False), self.assertRaisesMessage(UserError, "not waiting"):
            file.action_import_in_background()

    def test_same_exchange_day_is_queued_once(self):
        file = self._file("K", "first.csv")
        other = self._file("L", "second.csv")
        self.assertEqual(file._import_identity(), other._import_identity())
        identity = file._import_identity()
        with in_background(True):
            job = file.action_import_in_background() and file.micro_job_id.sudo()
            self.assertTrue(job.queue_uuid)
            for again in (file, other):
                with self.assertRaisesMessage(UserError, "already queued or running"):
                    again.action_import_in_background()
        queued = self._queued(identity)
        self.assertEqual(len(queued), 1)
        self.assertEqual(queued.uuid, job.queue_uuid)
        self.assertEqual(other.state, "pending")

    def test_only_the_officer_starts_an_import(self):
        file = self._file("A", "analyst.csv")
        with in_background(True), self.assertRaises(AccessError):
            file.with_user(self.analyst).action_import_in_background()
        self.assertFalse(self._queued(file._import_identity()))


@tagged("post_install", "-at_install")
class TestProvisionRatingJob(JobTestMode, FonaesPortfolioCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.esf_twin = cls.env["res.partner"].create(
            {"name": "ESF Costa Chica", "fonaes_role": "esf", "fonaes_equity": 10_000_000}
        )
        cls.Rate = cls.env["fonaes.provision.rate"].with_user(cls.accountant)

    def _portfolio(self, intermediary):
        """Three loans of ``intermediary``: current, 40 and 200 days past due."""
        for days in (None, 40, 200):
            loan = self._loan(
                start=date(2026, 1, 1), loan_kind="single_payment", intermediary=intermediary
            )
            if days:
                loan.installment_ids.sudo().due_date = CUT_OFF - timedelta(days=days)

    def _click(self, intermediary, day=CUT_OFF):
        action = self.Rate.create({"intermediary_id": intermediary.id, "date": day}).action_rate()
        return self.Run.browse(action["res_id"])

    @staticmethod
    def _figures(run):
        return (
            run.loan_count,
            run.portfolio_current,
            run.portfolio_past_due,
            run.provision_total,
            run.movement,
            run.in_breach,
            run.move_id.amount_total,
            sorted((line.days_past_due, line.state, line.reserve) for line in run.line_ids),
        )

    def test_click_enqueues_one_job_with_the_in_process_result(self):
        self._portfolio(self.esf)
        self._portfolio(self.esf_twin)
        with in_background(True), trap_jobs() as trap:
            run = self._click(self.esf, CUT_OFF + timedelta(days=3))
            identity = f"fonaes.provision:{self.env.company.id}:{self.esf.id}:2026-06"
            self.assertEqual(run._rating_identity(), identity)
            self.assertEqual(run.date, CUT_OFF, "the month-end on or before the date given")
            trap.assert_jobs_count(1)
            self.assertJobEnqueued(trap, run, "_rate_run", identity)
            self.assertEqual(run.micro_job_state, "queued")
            self.assertFalse(run.line_ids, "nothing rated in the click's request")
            self.assertFalse(run.move_id)
            trap.perform_enqueued_jobs()
        run.invalidate_recordset()
        run.micro_job_id.sudo().invalidate_recordset()
        self.assertEqual(run.micro_job_state, "done")
        self.assertEqual(run.micro_job_id.sudo().user_id, self.accountant)
        self.assertEqual((run.micro_job_id.sudo().done, run.micro_job_id.sudo().total), (3, 3))
        with in_background(False):
            reference = self._click(self.esf_twin)
        self.assertEqual(reference.micro_job_state, "done")
        self.assertEqual(self._figures(run), self._figures(reference))
        self.assertEqual(run.loan_count, 3)
        self.assertTrue(run.move_id)
        self.assertEqual(run.micro_job_message, reference.micro_job_message)
        self.assertIn("3 loans rated", run.micro_job_message)

    def test_same_intermediary_month_is_queued_once(self):
        self._portfolio(self.esf)
        with in_background(True):
            run = self._click(self.esf)
            self.assertTrue(run.micro_job_id.sudo().queue_uuid)
            with self.assertRaisesMessage(UserError, "already rated (or being rated)"):
                self._click(self.esf, CUT_OFF + timedelta(days=10))
            # The same key refused by the job mechanism itself too.
            with self.assertRaisesMessage(UserError, "already queued or running"):
                run._micro_enqueue("_rate_run", identity=run._rating_identity())
        self.assertEqual(len(self._queued(run._rating_identity())), 1)
        self.assertEqual(self.Run.search_count([("intermediary_id", "=", self.esf.id)]), 1)

    def test_a_failing_rating_reaches_the_user_or_the_run_and_is_retried(self):
        self._portfolio(self.esf)
        allowance = self.env.company.fonaes_provision_allowance_account_id
        self.env.company.fonaes_provision_allowance_account_id = False
        # In the request: the user gets the error, nothing is kept (as before).
        with in_background(False), self.assertRaisesMessage(UserError, "allowance account"):
            self._click(self.esf)
        self.assertFalse(self.Run.search([("intermediary_id", "=", self.esf.id)]))
        # Queued: the run shows the error and is retried once the accounts are set.
        with in_background(True), trap_jobs() as trap:
            run = self._click(self.esf)
            try:
                trap.perform_enqueued_jobs()
                self.fail("the rating should have failed")
            except UserError as error:
                self.assertIn("allowance account", str(error))
        run.invalidate_recordset()
        self.assertEqual(run.micro_job_state, "failed")
        self.assertIn("allowance account", run.micro_job_message)
        self.assertFalse(run.move_id)
        self.env.company.fonaes_provision_allowance_account_id = allowance
        with in_background(False):
            run.action_micro_job_retry()
        self.assertEqual(run.micro_job_state, "done")
        self.assertEqual(run.loan_count, 3)
        self.assertTrue(run.move_id)


@tagged("post_install", "-at_install")
class TestStatementsWorkbookJob(JobTestMode, FonaesPortfolioCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.statement = (
            cls.env["fonaes.financial.statement"]
            .with_user(cls.accountant)
            .create({"period_type": "quarter", "date_end": CUT_OFF})
        )

    def _attachments(self):
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "fonaes.financial.statement"),
                    ("res_id", "=", self.statement.id),
                ],
                order="id",
            )
        )

    @staticmethod
    def _cells(content):
        book = openpyxl.load_workbook(io.BytesIO(content))
        return {
            sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
            for sheet in book
        }

    def test_click_enqueues_one_job_with_the_in_process_result(self):
        statement = self.statement
        identity = f"fonaes.statements:{self.env.company.id}:2026-06-30"
        self.assertEqual(statement._statements_identity(), identity)
        with in_background(True), trap_jobs() as trap:
            self.assertTrue(statement.action_generate_workbook())
            trap.assert_jobs_count(1)
            job = statement.micro_job_id.sudo()
            self.assertJobEnqueued(trap, statement, "_generate_workbook", identity)
            self.assertEqual(statement.micro_job_state, "queued")
            self.assertFalse(self._attachments(), "nothing generated in the click's request")
            trap.perform_enqueued_jobs()
        statement.invalidate_recordset()
        self.assertEqual(statement.micro_job_state, "done")
        self.assertEqual(job.user_id, self.accountant)
        queued = self._attachments()
        self.assertEqual(len(queued), 1)
        with in_background(False):
            statement.action_generate_workbook()
        in_process = self._attachments() - queued
        self.assertEqual(len(in_process), 1)
        self.assertEqual(queued.name, "estados_financieros_2026-06-30.xlsx")
        self.assertEqual(in_process.name, queued.name)
        self.assertEqual(
            statement.micro_job_message,
            "Workbook estados_financieros_2026-06-30.xlsx attached to the statements.",
        )
        # The same workbook as the form's "Download XLSX" serves.
        report = self.env.ref("fonaes_support.fonaes_financial_statement_xlsx")
        served, _type = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_xlsx(report.report_name, statement.ids, data=None)
        )
        cells = self._cells(served)
        self.assertEqual(set(cells), {"Balance General", "Estado de Resultados"})
        self.assertEqual(self._cells(queued.raw), cells)
        self.assertEqual(self._cells(in_process.raw), cells)

    def test_same_company_period_is_queued_once(self):
        monthly = self.statement.create({"period_type": "month", "date_end": CUT_OFF})
        self.assertEqual(monthly._statements_identity(), self.statement._statements_identity())
        with in_background(True):
            self.statement.action_generate_workbook()
            for again in (self.statement, monthly):
                with self.assertRaisesMessage(UserError, "already queued or running"):
                    again.action_generate_workbook()
        self.assertEqual(len(self._queued(self.statement._statements_identity())), 1)

    def test_only_the_accountant_generates(self):
        statement = self.statement.with_user(self.directorate)
        with in_background(True), self.assertRaises(AccessError):
            statement.action_generate_workbook()
        self.assertFalse(self._queued(self.statement._statements_identity()))


@tagged("post_install", "-at_install")
class TestCaseBatchJob(JobTestMode, MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.Batch = cls.env["md.case.batch"].with_user(cls.facilitator)

    def _cases(self, prefix, count=3):
        cases = self.env["crm.lead"]
        for i in range(count):
            owner = self._md_owner(self.facilitator, f"{prefix} D{i}")
            case = self._md_case(self.facilitator, f"{prefix} {i}", owner=owner)
            self._md_fill(case, {"finance": 0, "innovation": (1, 2)})
            cases |= case
        return cases.with_user(self.facilitator)

    @staticmethod
    def _levels(cases):
        return sorted(
            sorted((line.lever_id.code, line.level_id.code) for line in diagnostic.line_ids)
            for diagnostic in cases.md_diagnostic_id
        )

    def test_click_enqueues_one_job_with_the_in_process_result(self):
        cases, reference = self._cases("Lote Q"), self._cases("Lote R")
        identity = f"md.case.batch:diagnostics:{self.facilitator.id}"
        generate = self.env.ref("md_micronegocios.crm_lead_action_md_generate_diagnostics")
        with in_background(True), trap_jobs() as trap:
            action = (
                generate.with_user(self.facilitator)
                .with_context(active_model="crm.lead", active_ids=cases.ids)
                .run()
            )
            batch = self.Batch.browse(action["res_id"])
            self.assertEqual(batch.lead_ids, cases)
            trap.assert_jobs_count(1)
            self.assertJobEnqueued(trap, batch, "_run_batch", identity)
            self.assertEqual(batch.micro_job_state, "queued")
            self.assertEqual(cases.md_diagnostic_ids.mapped("state"), ["draft"] * 3)
            trap.perform_enqueued_jobs()
        batch.invalidate_recordset()
        cases.invalidate_recordset()
        self.assertEqual(batch.micro_job_state, "done")
        self.assertEqual(batch.micro_job_id.sudo().user_id, self.facilitator)
        with in_background(False):
            action = self.Batch._start("diagnostics", reference)
        in_process = self.Batch.browse(action["res_id"])
        self.assertEqual(in_process.micro_job_state, "done")
        self.assertEqual(cases.md_diagnostic_ids.mapped("state"), ["done"] * 3)
        self.assertEqual(self._levels(cases), self._levels(reference))
        self.assertEqual(batch.micro_job_message, "3 diagnostics generated.")
        self.assertEqual(batch.micro_job_message, in_process.micro_job_message)
        # Then the plans of both batches: the same plans either way.
        with in_background(True), trap_jobs() as trap:
            action = self.Batch._start("plans", cases)
            trap.assert_jobs_count(1)
            self.assertFalse(cases.md_plan_id)
            trap.perform_enqueued_jobs()
        with in_background(False):
            self.Batch._start("plans", reference)
        cases.invalidate_recordset()
        self.assertEqual(len(cases.md_plan_id), 3)
        self.assertEqual(len(reference.md_plan_id), 3)
        self.assertEqual(
            sorted(plan.prioritized_lever_ids.mapped("code") for plan in cases.md_plan_id),
            sorted(plan.prioritized_lever_ids.mapped("code") for plan in reference.md_plan_id),
        )
        self.assertEqual(
            sorted(len(plan.plan_activity_ids) for plan in cases.md_plan_id),
            sorted(len(plan.plan_activity_ids) for plan in reference.md_plan_id),
        )

    def test_same_user_and_kind_is_queued_once(self):
        cases, others = self._cases("Lote K", 2), self._cases("Lote L", 2)
        identity = f"md.case.batch:diagnostics:{self.facilitator.id}"
        with in_background(True):
            self.Batch._start("diagnostics", cases)
            with self.assertRaisesMessage(UserError, "already queued or running"):
                self.Batch._start("diagnostics", others)
        self.assertEqual(len(self._queued(identity)), 1)
        self.assertEqual(self.Batch.search_count([]), 1)

    def test_a_refused_batch_reaches_the_user_in_the_request(self):
        cases = self._cases("Lote E", 1)
        with in_background(False), self.assertRaisesMessage(UserError, "diagnostic first"):
            self.Batch._start("plans", cases)
        self.assertFalse(self.Batch.search([]))


@tagged("post_install", "-at_install")
class TestProvisionRunScreens(MicroScreensMixin, FonaesPortfolioCase, HttpCase):
    """The run's form as the accountant sees it (HttpCase serves the job's side cursor on
    the test's connection itself)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant.lang = "es_MX"

    def _late_loan(self, intermediary):
        loan = self._loan(
            start=date(2026, 1, 1), loan_kind="single_payment", intermediary=intermediary
        )
        loan.installment_ids.sudo().due_date = CUT_OFF - timedelta(days=40)

    def _start(self, intermediary):
        rate = self.env["fonaes.provision.rate"].with_user(self.accountant)
        action = rate.create({"intermediary_id": intermediary.id, "date": CUT_OFF}).action_rate()
        return self.Run.browse(action["res_id"])

    def _open(self, run, tour):
        self.start_tour(
            f"/odoo/action-fonaes_support.fonaes_provision_run_action/{run.id}",
            tour,
            login="fo_acct",
        )

    def test_queued_then_failed_run_on_screen(self):
        self._late_loan(self.esf)
        with in_background(True):  # no job runner here: the job stays queued
            queued = self._start(self.esf)
        self.assertEqual(queued.micro_job_state, "queued")
        self._open(queued, "micro_job_provision_run_queued")
        failing = self.env["res.partner"].create(
            {"name": "ESF Mixteca", "fonaes_role": "esf", "fonaes_equity": 10_000_000}
        )
        self._late_loan(failing)
        self.env.company.fonaes_provision_allowance_account_id = False
        with in_background(True), trap_jobs() as trap:
            failed = self._start(failing)
            # Not assertRaises: its savepoint would also undo the run's failed state.
            error = None
            try:
                trap.perform_enqueued_jobs()
            except UserError as caught:
                error = caught
            self.assertTrue(error, "the rating should have failed")
        failed.invalidate_recordset()
        self.assertEqual(failed.micro_job_state, "failed")
        self._open(failed, "micro_job_provision_run_failed")
