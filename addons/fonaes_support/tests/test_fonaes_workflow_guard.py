"""Workflow and money fields change only through the records' steps (micro_base's
``micro.workflow.mixin``), whoever writes and whatever context the client sends.

The first class keeps the application's guards; :class:`TestFonaesWorkflowForgery` tries,
as each role's own user, every forged ``write``/``create``/``unlink`` of one table (with and
without the context keys that used to unlock the guards) and checks that each is refused and
changed nothing; then that the real steps still work for the role that owns them."""

import logging
from datetime import date
from pathlib import Path

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged, users

from .common import FonaesCase
from .test_fonaes_provisioning import CUT_OFF, FonaesPortfolioCase

_logger = logging.getLogger(__name__)

#: Context keys that unlocked the old per-model guards: sent by a client, they unlock nothing.
OLD_KEYS = {
    "fonaes_workflow": True,
    "fonaes_loan_step": True,
    "fonaes_provision_run_step": True,
    "fonaes_statement_filing": True,
}
#: Every refusal (AccessError and ValidationError are UserErrors).
REFUSED = UserError


@tagged("post_install", "-at_install")
class TestFonaesWorkflowGuard(FonaesCase):
    def test_state_representative_cannot_grant_the_opinion(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.action_submit()
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            app.write({"directorate_opinion": "favorable"})
        self.assertEqual(app.directorate_opinion, "none")
        for values in ({"state": "authorized"}, {"name": "X-1"}, {"folio_number": 0}):
            with self.assertRaisesMessage(UserError, "change only through"):
                app.write(values)
        self.assertEqual(app.state, "registered")
        self.assertTrue(app.folio_number)
        # Its own step asks for the opinion; only the directorate gives it.
        app.action_request_opinion()
        self.assertEqual(app.directorate_opinion, "requested")

    def test_no_application_created_already_decided(self):
        with self.assertRaisesMessage(UserError, "are set only by the record's steps"):
            self._application(
                self.group,
                self._limit("support_limit_cts_1"),
                100_000,
                directorate_opinion="favorable",
            )
        with self.assertRaisesMessage(UserError, "are set only by the record's steps"):
            self._application(
                self.group, self._limit("support_limit_cts_1"), 100_000, name="OAX-2026-9"
            )

    def test_applied_amount_frozen_with_the_folio(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.requested_amount = 90_000  # a draft can still change
        app.action_submit()
        with self.assertRaisesMessage(UserError, "can no longer change"):
            app.requested_amount = 200_000
        self.assertEqual(app.requested_amount, 90_000)

    def test_no_context_key_unlocks_a_guard(self):
        """The addon's source no longer mentions the keys that unlocked the guards."""
        root = Path(__file__).resolve().parent.parent
        for path in root.rglob("*.py"):
            if path.parent.name == "tests":
                continue
            text = path.read_text()
            for key in OLD_KEYS:
                self.assertNotIn(key, text, f"{path.name} still uses {key}")


@tagged("post_install", "-at_install")
class TestFonaesWorkflowForgery(FonaesPortfolioCase):
    """Records with legal or money effect made by their real steps, then forged by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enterprise.write(
            {"property_account_payable_id": cls.payable.id, "fonaes_esc_id": cls.esc.id}
        )
        rep, accountant = cls.state_rep, cls.accountant
        Application = cls.env["fonaes.application"].with_user(rep)
        # An authorized support of 600,000 formalized in a signed agreement, the first of its
        # two ministrations posted by the accountant.
        csr = cls.env.ref("fonaes_support.support_limit_csr_1")
        app = cls._make_application(
            Application, cls.enterprise, csr, 600_000, 1_500_000, fixed_asset_amount=200_000
        )
        app.action_submit()
        app.write(
            {"validation_members": True, "validation_assets": True, "validation_conditions": True}
        )
        app.action_validate()
        app.evaluation_result = "feasible"
        app.action_evaluate()
        app.action_authorize()
        cls.app_authorized = app
        # A draft application and a registered one waiting for the directorate's opinion
        # (evaluated in folio order: registered after the authorized one).
        cts = cls.env.ref("fonaes_support.support_limit_cts_1")
        cls.app_draft = cls._make_application(Application, cls.group, cts, 100_000)
        cls.app_registered = cls._make_application(Application, cls.group, cts, 90_000)
        cls.app_registered.action_submit()
        cls.app_registered.action_request_opinion()
        action = app.action_create_agreement()
        cls.agreement = cls.env["fonaes.agreement"].with_user(rep).browse(action["res_id"])
        cls.agreement.write(
            {
                "revolving_months_working": 36,
                "revolving_months_fixed": 96,
                "insurance_policy": "POL-1",
                "ministration_ids": [
                    (0, 0, {"planned_date": date(2026, 12, 1), "amount": 300_000}),
                    (0, 0, {"planned_date": date(2027, 2, 1), "amount": 300_000}),
                ],
            }
        )
        cls.agreement.action_sign()
        first, second = cls.agreement.ministration_ids.sorted("planned_date")
        first.with_user(accountant).action_post()
        cls.posted, cls.planned = first, second
        cls.repayment = cls.agreement.repayment_ids[0]
        # A granted loan, its month-end run, a draft loan of a suspended intermediary.
        cls.loan = (
            cls.env["fonaes.loan"]
            .with_user(accountant)
            .create(
                {
                    "intermediary_id": cls.esf.id,
                    "borrower_id": cls.borrower.id,
                    "amount": 10_000,
                    "months": 6,
                    "start_date": date(2026, 1, 15),
                }
            )
        )
        cls.loan.action_grant()
        cls.provision_run = (
            cls.env["fonaes.provision.run"].with_user(accountant)._rate(cls.esf, CUT_OFF)
        )
        cls.suspended = cls.env["res.partner"].create(
            {
                "name": "ESF Suspendida",
                "fonaes_role": "esf",
                "fonaes_equity": 10_000_000,
                "fonaes_channelling_suspended": True,
            }
        )
        cls.loan_suspended = (
            cls.env["fonaes.loan"]
            .with_user(accountant)
            .create(
                {
                    "intermediary_id": cls.suspended.id,
                    "borrower_id": cls.borrower.id,
                    "amount": 5_000,
                    "start_date": date(2026, 1, 15),
                }
            )
        )
        # Financial statements filed by the accountant.
        cls.statement = (
            cls.env["fonaes.financial.statement"]
            .with_user(accountant)
            .create({"period_type": "quarter", "date_end": date(2026, 3, 31)})
        )
        cls.statement.action_mark_filed()

    @classmethod
    def _make_application(cls, Application, partner, limit, amount, project=0.0, **vals):
        app = Application.create(
            {
                "partner_id": partner.id,
                "support_type_id": limit.support_type_id.id,
                "limit_id": limit.id,
                "state_id": cls.oaxaca.id,
                "fiscal_year": cls.year,
                "requested_amount": amount,
                "project_amount": project,
                **vals,
            }
        )
        app.document_line_ids.write({"received": True})
        return app

    def _forgeries(self):
        """``(role, label, record or model, operation, values)``: every one refused."""
        today = fields.Date.context_today(self.env["fonaes.application"])
        agreement, posted, loan = self.agreement, self.posted, self.loan
        new_ministration = {
            "agreement_id": agreement.id,
            "planned_date": date(2027, 3, 1),
            "amount": 100_000,
        }
        new_run = {"intermediary_id": self.esf.id, "date": date(2026, 7, 31)}
        new_loan = {
            "intermediary_id": self.esf.id,
            "borrower_id": self.borrower.id,
            "amount": 1_000,
        }
        new_app = {
            "partner_id": self.group.id,
            "support_type_id": self.cts.id,
            "limit_id": self._limit("support_limit_cts_1").id,
            "state_id": self.oaxaca.id,
            "requested_amount": 1_000,
        }
        rows = []
        for role in ("state_rep", "directorate"):
            rows += [
                (role, "opinion by hand", self.app_registered, "write",
                 {"directorate_opinion": "favorable"}),
                (role, "draft to authorized", self.app_draft, "write",
                 {"state": "authorized", "authorization_date": today}),
                (role, "registered to authorized", self.app_registered, "write",
                 {"state": "authorized"}),
                (role, "folio moved", self.app_registered, "write", {"folio_number": 999}),
                (role, "applied-for changed", self.app_registered, "write",
                 {"requested_amount": 1}),
                (role, "created authorized", "fonaes.application", "create",
                 dict(new_app, state="authorized")),
                (role, "created with opinion", "fonaes.application", "create",
                 dict(new_app, directorate_opinion="favorable")),
                (role, "folio deleted", self.app_registered, "unlink", None),
                (role, "authorized application reopened", self.app_authorized, "write",
                 {"state": "evaluated"}),
                (role, "authorized evaluation rewritten", self.app_authorized, "write",
                 {"evaluation_result": "not_feasible"}),
                (role, "posted ministration to planned", posted, "write", {"state": "planned"}),
                (role, "posted ministration amount", posted, "write", {"amount": 1}),
                (role, "posted ministration entry", posted, "write", {"move_id": False}),
                (role, "posted ministration dictamen", posted, "write",
                 {"dictamen": "correct"}),
                (role, "posted ministration deleted", posted, "unlink", None),
                (role, "100,000 more than authorized", "fonaes.ministration", "create",
                 new_ministration),
                (role, "ministration created posted", "fonaes.ministration", "create",
                 dict(new_ministration, amount=1, state="posted")),
                (role, "planned raised over the support", self.planned, "write",
                 {"amount": 400_000}),
                (role, "signed agreement to draft", agreement, "write", {"state": "draft"}),
                (role, "signed agreement renumbered", agreement, "write", {"name": "X"}),
                (role, "signed terms changed", agreement, "write", {"revolving_rate": 9}),
                (role, "signed agreement deleted", agreement, "unlink", None),
                (role, "installment rewritten", self.repayment, "write", {"amount": 0.0}),
                (role, "installment written off by hand", self.repayment, "write",
                 {"written_off_amount": 1}),
                (role, "installment created", "fonaes.repayment.line", "create",
                 {"agreement_id": agreement.id, "component": "working", "number": 99,
                  "due_date": date(2030, 1, 1), "amount": 1}),
                (role, "loan granted by hand", self.loan_suspended, "write",
                 {"state": "granted"}),
                (role, "run typed", self.provision_run, "write", {"provision_total": 0}),
                (role, "filed statement reopened", self.statement, "write", {"state": "draft"}),
            ]  # fmt: skip
        rows += [
            ("accountant", "posted ministration to planned", posted, "write",
             {"state": "planned"}),
            ("accountant", "posted ministration amount", posted, "write", {"amount": 1}),
            ("accountant", "posted ministration deleted", posted, "unlink", None),
            ("accountant", "100,000 more than authorized", "fonaes.ministration", "create",
             new_ministration),
            ("accountant", "signed agreement to draft", agreement, "write", {"state": "draft"}),
            ("accountant", "signed agreement deleted", agreement, "unlink", None),
            ("accountant", "opinion by hand", self.app_registered, "write",
             {"directorate_opinion": "favorable"}),
            ("accountant", "run created by hand", "fonaes.provision.run", "create", new_run),
            ("accountant", "run created with figures", "fonaes.provision.run", "create",
             dict(new_run, provision_total=1)),
            ("accountant", "run figures typed", self.provision_run, "write",
             {"provision_total": 0}),
            ("accountant", "run breach cleared", self.provision_run, "write",
             {"in_breach": True, "breaches": "X"}),
            ("accountant", "run entry detached", self.provision_run, "write", {"move_id": False}),
            ("accountant", "run deleted", self.provision_run, "unlink", None),
            ("accountant", "filed statement reopened", self.statement, "write",
             {"state": "draft"}),
            ("accountant", "filed date changed", self.statement, "write", {"filed_date": False}),
            ("accountant", "filed figures changed", self.statement, "write",
             {"historical_capital": 1}),
            ("accountant", "filed statement deleted", self.statement, "unlink", None),
            ("accountant", "statement created filed", "fonaes.financial.statement", "create",
             {"period_type": "month", "date_end": date(2026, 5, 31), "state": "filed"}),
            ("accountant", "loan granted by hand (suspended)", self.loan_suspended, "write",
             {"state": "granted"}),
            ("accountant", "granted loan reopened", loan, "write", {"state": "draft"}),
            ("accountant", "granted contract changed", loan, "write", {"amount": 1}),
            ("accountant", "rating typed", loan, "write", {"portfolio_state": "past_due"}),
            ("accountant", "authorization typed", loan, "write", {"authorization": "automatic"}),
            ("accountant", "granted loan deleted", loan, "unlink", None),
            ("accountant", "loan created granted", "fonaes.loan", "create",
             dict(new_loan, state="granted")),
            ("accountant", "loan created rated", "fonaes.loan", "create",
             dict(new_loan, portfolio_state="past_due")),
            ("accountant", "schedule rewritten", loan.installment_ids[0], "write",
             {"principal": 0.0}),
            ("accountant", "schedule deleted", loan.installment_ids[0], "unlink", None),
            ("accountant", "installment typed", "fonaes.loan.installment", "create",
             {"loan_id": loan.id, "number": 99, "due_date": date(2030, 1, 1)}),
        ]  # fmt: skip
        return rows

    def _snapshot(self, target, operation, values):
        if isinstance(target, str):
            return self.env[target].sudo().search_count([])
        target.invalidate_recordset()
        if not target.exists():
            return None
        names = [*(values or {}), "write_date"]
        if "state" in target._fields:
            names.append("state")
        return target.sudo().read(names)

    def _forge(self, user, target, operation, values, context):
        """The forged call, as ``user``'s own client would send it."""
        if isinstance(target, str):
            return self.env[target].with_user(user).with_context(**context).create(values)
        record = target.with_user(user).with_context(**context)
        if operation == "unlink":
            return record.unlink()
        return record.write(values)

    def test_forgeries_refused_and_nothing_changed(self):
        users = {
            "state_rep": self.state_rep,
            "directorate": self.directorate,
            "accountant": self.accountant,
        }
        rows = self._forgeries()
        tried = 0
        for role, label, target, operation, values in rows:
            for context in ({}, OLD_KEYS):
                with self.subTest(role=role, forgery=label, context=bool(context)):
                    before = self._snapshot(target, operation, values)
                    with self.assertRaises(REFUSED) as caught:
                        self._forge(users[role], target, operation, values, context)
                    _logger.debug("refused %s / %s: %s", role, label, caught.exception)
                    self.env.invalidate_all()
                    self.assertEqual(self._snapshot(target, operation, values), before)
                    tried += 1
        self.assertEqual(tried, 2 * len(rows))

    # ---- money invariants on every path ----

    def test_ministrations_never_exceed_the_agreement_even_as_superuser(self):
        Ministration = self.env["fonaes.ministration"].sudo()
        with self.assertRaisesMessage(ValidationError, "above the authorized support"):
            Ministration.create(
                {"agreement_id": self.agreement.id, "planned_date": date(2027, 3, 1), "amount": 1}
            )
        with self.assertRaisesMessage(ValidationError, "above the authorized support"):
            self.planned.sudo().amount = 300_001
        self.assertEqual(self.agreement.ministration_ids, self.posted | self.planned)
        self.assertEqual(self.agreement.disbursed_amount, 300_000)

    def test_no_loan_granted_where_the_step_refuses_even_as_superuser(self):
        with self.assertRaisesMessage(UserError, "suspended for breaching"):
            self.loan_suspended.with_user(self.accountant).action_grant()
        with self.assertRaisesMessage(ValidationError, "suspended for breaching"):
            self.loan_suspended.sudo().state = "granted"
        self.assertEqual(self.loan_suspended.state, "draft")

    # ---- the real steps, for the right role ----

    def test_directorate_gives_the_opinion(self):
        app = self.app_registered
        with self.assertRaises(AccessError):
            app.with_user(self.state_rep).action_opinion_favorable()
        with self.assertRaises(AccessError):
            app.with_user(self.accountant).action_opinion_favorable()
        self.assertEqual(app.directorate_opinion, "requested")
        app.with_user(self.directorate).action_opinion_favorable()
        self.assertEqual(app.directorate_opinion, "favorable")

    def test_ministration_posted_and_reversed_by_the_accountant(self):
        with self.assertRaises(AccessError):
            self.planned.with_user(self.state_rep).action_post()
        self.planned.with_user(self.accountant).action_post()
        self.assertEqual(self.planned.state, "posted")
        self.assertEqual(self.agreement.disbursed_amount, 600_000)
        # A posted delivery is corrected by reversing it, with its trace.
        with self.assertRaises(AccessError):
            self.posted.with_user(self.state_rep).action_reverse()
        move = self.posted.move_id
        self.posted.with_user(self.accountant).action_reverse()
        self.assertEqual(self.posted.state, "cancelled")
        self.assertEqual(move.state, "posted")
        reversal = self.env["account.move"].search([("reversed_entry_id", "=", move.id)])
        self.assertEqual(reversal.state, "posted")
        self.assertEqual(self.agreement.disbursed_amount, 300_000)
        self.assertIn("reversed", self.agreement.message_ids[0].body)
        # Its amount may be delivered again, never more.
        Ministration = self.env["fonaes.ministration"].with_user(self.state_rep)
        again = Ministration.create(
            {
                "agreement_id": self.agreement.id,
                "planned_date": date(2027, 3, 1),
                "amount": 300_000,
            }
        )
        self.assertEqual(again.state, "planned")
        with self.assertRaisesMessage(ValidationError, "above the authorized support"):
            again.amount = 300_001

    def test_ministration_entry_not_reset_by_hand(self):
        """The posted ministration's entry is corrected by the ministration's reversing
        step, never reset to draft or cancelled by hand, not even by a FONAES accountant
        who also holds Odoo's accounting rights."""
        move = self.posted.sudo().move_id
        self.assertEqual(move.state, "posted")
        accounting = self._new_user(
            "fo_acc_accounting",
            "fonaes_support.fonaes_support_group_accountant,account.group_account_manager",
        )
        self.assertEntryNotResetByHand(move, (self.accountant, accounting), accounting)

    def _statement_draft(self):
        """May 2026's statements, entered by the accountant in the statements form."""
        form = Form(self.env["fonaes.financial.statement"].with_user(self.accountant))
        form.period_type = "month"
        form.date_end = date(2026, 5, 31)
        return form.save()

    @users("fo_rep_oax", "fo_dg")
    def test_statements_filing_refused_to_other_roles(self):
        draft = self._statement_draft()
        with self.assertRaises(AccessError):
            draft.with_env(self.env).action_mark_filed()
        self.assertEqual(draft.state, "draft")

    @users("fo_acct")
    def test_statements_filed_only_by_the_accountant(self):
        draft = self._statement_draft().with_env(self.env)
        self.assertEqual(draft.state, "draft")
        draft.action_mark_filed()
        self.assertEqual(
            (draft.state, draft.filed_date), ("filed", fields.Date.context_today(draft))
        )

    def test_granted_loan_cancelled_with_its_trace(self):
        with self.assertRaises(AccessError):
            self.loan.with_user(self.directorate).action_cancel()
        self.loan.with_user(self.accountant).action_cancel()
        self.assertEqual(self.loan.state, "cancelled")
        self.assertIn("cancelled", self.loan.message_ids[0].body)
        with self.assertRaisesMessage(UserError, "this step needs it"):
            self.loan.with_user(self.accountant).action_cancel()

    def test_agreement_ends_only_by_its_steps(self):
        agreement = self.agreement
        agreement.termination_cause = "mutual"
        with self.assertRaises(AccessError):
            agreement.with_user(self.accountant).action_terminate()
        agreement.action_terminate()
        self.assertEqual(agreement.state, "terminated")
        self.assertEqual(self.planned.state, "cancelled")
        self.assertEqual(self.posted.state, "posted")
        with self.assertRaisesMessage(UserError, "can no longer change"):
            agreement.termination_cause = "fulfilled"
