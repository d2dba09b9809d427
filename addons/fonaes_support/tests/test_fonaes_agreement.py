from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesAgreement(FonaesCase):
    """Agreements, ministrations posted in accounting, proof of use, revolving repayment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_accounting()
        cls.enterprise.write(
            {"property_account_payable_id": cls.payable.id, "fonaes_esc_id": cls.esc.id}
        )

    def _authorized(self, amount=600_000, fixed=200_000, project=1_500_000, **vals):
        app = self._application(
            self.enterprise,
            self._limit("support_limit_csr_1"),
            amount,
            project,
            fixed_asset_amount=fixed,
            **vals,
        )
        app.action_submit()
        self._to_evaluated(app)
        app.action_authorize()
        return app

    def _agreement(self, app=None, **vals):
        app = app or self._authorized()
        action = app.action_create_agreement()
        agreement = self.env["fonaes.agreement"].with_user(self.state_rep).browse(action["res_id"])
        agreement.write(
            {
                "revolving_months_working": 36,
                "revolving_months_fixed": 96,
                "revolving_grace_months": 6,
                "insurance_policy": "POL-123",
                "ministration_ids": [
                    (0, 0, {"planned_date": date(2026, 12, 1), "amount": 300_000}),
                    (0, 0, {"planned_date": date(2027, 2, 1), "amount": 300_000}),
                ],
                **vals,
            }
        )
        return agreement

    def test_formalization_within_10_business_days_across_16_september(self):
        agreement = self._agreement()
        agreement.budget_date = date(2026, 9, 14)
        self.assertEqual(agreement.formalization_deadline, date(2026, 9, 29))
        self.assertEqual(agreement.esc_id, self.esc)

    def test_revolving_years_from_the_table(self):
        # §4.3.1.2.D, Pecuaria: 3 years working capital, 8 years fixed assets.
        agreement = self._agreement()
        with self.assertRaisesMessage(ValidationError, "37 months to repay working capital"):
            agreement.revolving_months_working = 37
        with self.assertRaisesMessage(ValidationError, "exceed the 8 years"):
            agreement.revolving_months_fixed = 97

    def test_sign_checks_program_insurance_and_builds_schedule(self):
        agreement = self._agreement()
        agreement.ministration_ids[1].amount = 200_000
        with self.assertRaisesMessage(UserError, "adds up to $\xa0500,000.00"):
            agreement.action_sign()
        agreement.ministration_ids[1].amount = 300_000
        agreement.insurance_policy = False
        with self.assertRaisesMessage(UserError, "insurance policy"):
            agreement.action_sign()
        agreement.insurance_policy = "POL-123"
        agreement.action_sign()
        self.assertEqual(agreement.state, "signed")
        self.assertTrue(agreement.name.startswith("CONV-"))
        lines = agreement.repayment_ids
        working = lines.filtered(lambda line: line.component == "working")
        fixed = lines.filtered(lambda line: line.component == "fixed")
        self.assertEqual((len(working), len(fixed)), (36, 96))
        self.assertAlmostEqual(sum(working.mapped("principal")), 400_000, places=2)
        self.assertAlmostEqual(sum(fixed.mapped("principal")), 200_000, places=2)
        self.assertFalse(any(lines.mapped("interest")))  # no real rate set by the ESC
        first_six = working.sorted("number")[:6]
        self.assertFalse(any(first_six.mapped("principal")))  # grace months
        self.assertLessEqual(max(lines.mapped("due_date")), date.today() + timedelta(days=8 * 366))
        self.assertEqual(set(lines.mapped("esc_id")), {self.esc})
        with self.assertRaisesMessage(UserError, "A signed agreement cannot be deleted"):
            agreement.unlink()

    def test_signed_agreement_and_ministrations_not_reopened_by_writing(self):
        agreement = self._agreement()
        agreement.action_sign()
        for values in ({"state": "draft"}, {"name": "X"}, {"sign_date": False}):
            with self.assertRaisesMessage(UserError, "change only through the record's steps"):
                agreement.write(values)
        self.assertEqual(agreement.state, "signed")
        ministration = agreement.ministration_ids[0]
        for values in ({"state": "cancelled"}, {"dictamen": "correct"}):
            with self.assertRaisesMessage(UserError, "change only through the record's steps"):
                ministration.write(values)
        self.assertEqual(ministration.state, "planned")
        with self.assertRaisesMessage(UserError, "A signed agreement cannot be deleted"):
            agreement.unlink()

    def test_agreement_pdf_amounts_in_figures_and_words_and_legend(self):
        agreement = self._agreement()
        agreement.action_sign()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.state_rep)
            ._render_qweb_html("fonaes_support.report_fonaes_agreement", agreement.ids)[0]
            .decode()
        )
        self.assertIn("SEISCIENTOS MIL PESOS 00/100 M.N.", html)
        self.assertIn("TRESCIENTOS MIL PESOS 00/100 M.N.", html)
        self.assertIn("600,000.00", html)
        self.assertIn("Este programa es de carácter público", html)

    def test_ministration_posted_by_the_accountant(self):
        agreement = self._agreement()
        first = agreement.ministration_ids.sorted("planned_date")[0]
        first.planned_date = date(2026, 12, 3)  # reprogrammed while planned (§4.3.1.I)
        with self.assertRaisesMessage(UserError, "is not signed"):
            first.with_user(self.accountant).action_post()
        agreement.action_sign()
        with self.assertRaises(AccessError):
            first.action_post()  # the state representative does not post
        first.with_user(self.accountant).action_post()
        self.assertEqual(first.state, "posted")
        move = first.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.journal)
        debit = move.line_ids.filtered(lambda line: line.debit)
        credit = move.line_ids.filtered(lambda line: line.credit)
        self.assertEqual((debit.account_id, debit.debit), (self.subsidy_account, 300_000))
        self.assertEqual((credit.account_id, credit.credit), (self.payable, 300_000))
        self.assertEqual(credit.partner_id, self.enterprise)
        self.assertEqual(agreement.disbursed_amount, 300_000)
        with self.assertRaisesMessage(UserError, "can no longer change"):
            first.planned_date = date(2027, 1, 4)
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            first.unlink()
        with self.assertRaises(AccessError):
            agreement.with_user(self.accountant).write({"insurance_policy": "X"})
        with self.assertRaises(AccessError):
            agreement.with_user(self.other_rep).read(["name"])

    def test_proof_of_use_45_business_days_extension_and_dictamen(self):
        agreement = self._agreement()
        agreement.action_sign()
        ministration = agreement.ministration_ids[0]
        ministration.with_user(self.accountant).action_post()
        ministration.sudo().posted_date = date(2026, 12, 14)
        # §6.3.2.a.I: 45 business days, skipping 25 Dec 2026, 1 Jan and 2 Feb 2027.
        self.assertEqual(ministration.proof_deadline, date(2027, 2, 18))
        ministration.proof_extension_days = 30  # §6.3.2.a.IV: ≤ 30 calendar days
        self.assertEqual(ministration.proof_deadline, date(2027, 3, 20))
        with self.assertRaisesMessage(ValidationError, "longer only by an amending agreement"):
            ministration.proof_extension_days = 31
        agreement.amended = True
        ministration.proof_extension_days = 40
        with self.assertRaisesMessage(UserError, "Receive the proof of use first"):
            ministration.action_dictamen_correct()
        ministration.proof_date = date(2027, 2, 1)
        with self.assertRaisesMessage(UserError, "statement of authenticity"):
            ministration.action_dictamen_correct()
        ministration.proof_statement = True
        with self.assertRaisesMessage(UserError, "verification visit"):
            ministration.action_dictamen_correct()
        ministration.verification_date = date(2027, 2, 10)
        ministration.action_dictamen_incorrect()
        self.assertEqual(ministration.dictamen, "incorrect")

    def test_cron_proof_overdue_idempotent(self):
        agreement = self._agreement()
        agreement.action_sign()
        ministration = agreement.ministration_ids[0]
        ministration.with_user(self.accountant).action_post()
        ministration.sudo().posted_date = date(2026, 1, 5)
        Ministration = self.env["fonaes.ministration"]
        self.assertEqual(Ministration._cron_proof_of_use_overdue(), ministration)
        self.assertEqual(len(agreement.activity_ids), 1)
        self.assertFalse(Ministration._cron_proof_of_use_overdue())
        self.assertEqual(len(agreement.activity_ids), 1)

    def test_rescission_and_termination_causes(self):
        agreement = self._agreement()
        agreement.action_sign()
        # The second support (consolidating the project) is signed before the breach.
        other = self._agreement(self._authorized(consolidates_same_project=True))
        other.action_sign()
        envelope = self.env["fonaes.budget"].search(
            [
                ("fiscal_year", "=", self.year),
                ("support_type_id", "=", self.csr.id),
                ("amount", "=", 50_000_000),  # the envelope of FonaesCase (not demo data)
            ]
        )
        # What the demo applications of the year commit in the envelope, besides these two.
        demo = self.env["fonaes.application"].search(
            [
                ("fiscal_year", "=", self.year),
                ("support_type_id", "=", self.csr.id),
                ("id", "not in", (agreement | other).application_id.ids),
            ]
        )
        committed_before = sum(demo.mapped("committed_amount"))
        envelope.invalidate_recordset()
        self.assertEqual(envelope.committed_amount - committed_before, 1_200_000)
        agreement.ministration_ids[0].with_user(self.accountant).action_post()
        with self.assertRaisesMessage(UserError, "cause of rescission (§4.6.1.1.1)"):
            agreement.action_rescind()
        agreement.write({"rescission_cause": "ii_misuse", "refund_yields": 1_234.56})
        agreement.action_rescind()
        self.assertEqual(agreement.state, "rescinded")
        self.assertEqual(agreement.refund_amount, 300_000)  # all delivered, plus yields
        self.assertEqual(agreement.ministration_ids[1].state, "cancelled")
        # The undelivered 300,000 go back to the envelope (§4.5.1.C); the beneficiary is
        # in breach and gets no new support (§4.3.1.L).
        self.assertEqual(agreement.application_id.committed_amount, 300_000)
        envelope.invalidate_recordset()
        self.assertEqual(envelope.committed_amount - committed_before, 900_000)
        self.assertTrue(self.enterprise.fonaes_in_breach)
        with self.assertRaisesMessage(UserError, "no new support is granted (§4.3.1.L)"):
            self._application(
                self.enterprise, self._limit("support_limit_ade_1"), 6_000
            ).action_submit()
        # The accountant posts the refund: receivable against subsidy and yields (§6.5).
        with self.assertRaises(AccessError):
            agreement.action_post_refund()
        receivable = self.env["account.account"].create(
            {
                "code": "FON105",
                "name": "Reintegros FONAES por cobrar",
                "account_type": "asset_receivable",
                "reconcile": True,
            }
        )
        yields = self.env["account.account"].create(
            {
                "code": "FON701",
                "name": "Productos financieros reintegrados",
                "account_type": "income_other",
            }
        )
        self.enterprise.property_account_receivable_id = receivable
        self.env.company.fonaes_yields_account_id = yields
        agreement.with_user(self.accountant).action_post_refund()
        move = agreement.refund_move_id
        self.assertEqual(move.state, "posted")
        balances = {line.account_id: line.balance for line in move.line_ids}
        self.assertEqual(balances[receivable], 301_234.56)
        self.assertEqual(balances[self.subsidy_account], -300_000)
        self.assertEqual(balances[yields], -1_234.56)
        with self.assertRaisesMessage(UserError, "there is no refund to post"):
            agreement.with_user(self.accountant).action_post_refund()
        self.assertEqual(
            len(self.env["fonaes.agreement"]._fields["rescission_cause"].selection), 6
        )
        with self.assertRaisesMessage(UserError, "early termination (§4.6.1.1.3)"):
            other.action_terminate()
        other.termination_cause = "fulfilled"
        other.action_terminate()
        self.assertEqual(other.state, "terminated")
        self.assertEqual(other.application_id.committed_amount, 0)  # nothing was delivered
        envelope.invalidate_recordset()
        self.assertEqual(envelope.committed_amount - committed_before, 300_000)

    def test_behind_on_revolving_repayment_blocks_second_support(self):
        agreement = self._agreement()
        agreement.action_sign()
        self.assertFalse(self.enterprise.fonaes_behind_on_repayment)
        first = agreement.repayment_ids.filtered("amount").sorted("due_date")[0]
        first.sudo().due_date = date(2026, 1, 31)
        self.enterprise.invalidate_recordset(["fonaes_behind_on_repayment"])
        self.assertTrue(self.enterprise.fonaes_behind_on_repayment)
        second = self._application(
            self.enterprise,
            self._limit("support_limit_csr_1"),
            100_000,
            500_000,
            consolidates_same_project=True,
        )
        with self.assertRaisesMessage(UserError, "is behind on its revolving repayment"):
            second.action_submit()
        # §4.3.1.L: any new support, an ADE service too (§4.3.3 Requisitos D).
        service = self._application(self.enterprise, self._limit("support_limit_ade_1"), 6_000)
        with self.assertRaisesMessage(UserError, "no new support is granted until it is current"):
            service.action_submit()
        # The schedule comes from the agreement: nobody edits an installment away.
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            first.with_user(self.state_rep).write({"amount": 0.0})
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            first.with_user(self.state_rep).write({"due_date": date(2030, 1, 31)})
        with self.assertRaisesMessage(ValidationError, "cannot be recorded"):
            first.with_user(self.state_rep).write({"paid_amount": first.amount + 1})
        first.with_user(self.state_rep).action_register_payment()  # reported by the ESC
        self.enterprise.invalidate_recordset(["fonaes_behind_on_repayment"])
        self.assertFalse(self.enterprise.fonaes_behind_on_repayment)
        second.action_submit()
        self.assertEqual(second.state, "registered")

    def test_social_group_constitutes_within_six_months(self):
        # §4.3.1.1.A: up to 5,000 for the legal constitution, formalized within six months
        # of receiving the support; otherwise that part is refunded.
        self.group.write({"property_account_payable_id": self.payable.id})
        self.group.fonaes_esc_id = self.esc
        app = self._application(
            self.group, self._limit("support_limit_cts_1"), 100_000, constitution_amount=5_000
        )
        app.action_submit()
        self._to_evaluated(app)
        app.action_authorize()
        agreement = self._agreement(
            app,
            revolving_months_fixed=0,
            revolving_months_working=24,
            ministration_ids=[(0, 0, {"planned_date": date(2026, 12, 1), "amount": 100_000})],
        )
        agreement.action_sign()
        self.assertFalse(agreement.constitution_deadline)  # nothing delivered yet
        ministration = agreement.ministration_ids
        ministration.with_user(self.accountant).action_post()
        ministration.sudo().posted_date = date(2026, 8, 31)
        self.assertEqual(agreement.constitution_deadline, date(2027, 2, 28))
        # The "Constitution Overdue" filter of the agreements' list.
        overdue = [
            ("state", "=", "signed"),
            ("constitution_date", "=", False),
            ("constitution_deadline", "<", date(2027, 3, 1)),
        ]
        Agreement = self.env["fonaes.agreement"].with_user(self.state_rep)
        self.assertEqual(Agreement.search(overdue), agreement)
        agreement.with_user(self.state_rep).constitution_date = date(2027, 2, 15)
        self.assertFalse(Agreement.search(overdue))

    def test_force_majeure_write_off_with_fonaes_opinion(self):
        # Anexo VIII.C: the ESC may not collect an installment lost to force majeure, with
        # FONAES's favorable opinion first; then the beneficiary is current again.
        agreement = self._agreement()
        agreement.action_sign()
        line = agreement.repayment_ids.filtered("amount").sorted("due_date")[0]
        line.sudo().due_date = date(2026, 1, 31)
        line.with_user(self.state_rep).paid_amount = 1_000.0
        self.enterprise.invalidate_recordset(["fonaes_behind_on_repayment"])
        self.assertTrue(self.enterprise.fonaes_behind_on_repayment)
        with self.assertRaisesMessage(UserError, "record the documented force majeure first"):
            line.with_user(self.directorate).action_write_off()
        line.with_user(self.state_rep).write_off_reason = "Huracán, declaratoria de desastre"
        with self.assertRaises(AccessError):
            line.with_user(self.state_rep).action_write_off()
        line.with_user(self.directorate).action_write_off()
        self.assertAlmostEqual(line.written_off_amount, line.amount - 1_000.0, places=2)
        self.assertEqual(line.status, "written_off")
        self.enterprise.invalidate_recordset(["fonaes_behind_on_repayment"])
        self.assertFalse(self.enterprise.fonaes_behind_on_repayment)
        self.assertIn("force majeure", agreement.message_ids[0].body)
