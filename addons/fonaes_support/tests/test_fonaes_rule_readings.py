"""Prudential and statement rules applied as the accountant who grants the loans, runs the
month-end and files the statements (issue 18): the reading of Anexo XI §3 for legal
entities, the liquidity ratio of Anexo XI §5 only for deposit-taking intermediaries, renewed
credits of Anexo XII-1 and the republication of corrected statements (Anexo XII
SEGUNDA.VII), with the boundary figures of the rules."""

from datetime import date
from decimal import Decimal
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.fonaes_support.models import fonaes_provision_run
from odoo.addons.fonaes_support.tools import prudential

from .test_fonaes_provisioning import FonaesPortfolioCase

STRICT_READING = "7 % for every borrower, legal entities included (first sentence)"
ENTITY_READING = "14 % for legal and para-financial entities (second sentence)"


@tagged("post_install", "-at_install")
class TestFonaesRuleReadings(FonaesPortfolioCase):
    # ---- Anexo XI §3: the single-borrower limit of a legal entity ----
    def test_legal_entity_limit_strict_reading_by_default(self):
        self.assertEqual(self.env.company.fonaes_single_borrower_reading, "strict")
        self.esf.fonaes_equity = 100_000
        # The form shows the limit and the reading before the accountant grants.
        with Form(self.Loan) as form:
            form.intermediary_id = self.esf
            form.borrower_id = self.company_borrower
            form.amount = 7_000
            self.assertEqual(form.single_borrower_limit, 7_000)
            self.assertEqual(
                form.single_borrower_rule,
                f"7 % of the intermediary's equity (Anexo XI §3; reading: {STRICT_READING})",
            )
        loan = form.save()
        loan.action_grant()  # 7 % of 100,000: exactly at the limit
        self.assertEqual(loan.state, "granted")
        over = self._loan(amount=0.01, borrower=self.company_borrower, grant=False)
        with self.assertRaisesMessage(
            UserError,
            "would reach $\xa07,000.01, above the single-borrower limit of $\xa07,000.00 "
            "(7 % of the equity $\xa0100,000.00 of ESF Sierra Sur, Anexo XI §3; "
            f"reading: {STRICT_READING})",
        ):
            over.action_grant()

    def test_company_without_a_reading_reads_the_strict_one(self):
        # A company created by another addon's data while this one was not loaded (an
        # update of every addon) has no reading stored: it reads as the strict default.
        self.env.cr.execute(
            "UPDATE res_company SET fonaes_single_borrower_reading = NULL WHERE id = %s",
            [self.env.company.id],
        )
        self.env.company.invalidate_recordset(["fonaes_single_borrower_reading"])
        self.assertFalse(self.env.company.fonaes_single_borrower_reading)
        self.esf.fonaes_equity = 100_000
        loan = self._loan(amount=7_000, borrower=self.company_borrower, grant=False)
        self.assertEqual(loan.single_borrower_limit, 7_000)
        self.assertIn(STRICT_READING, loan.single_borrower_rule)

    def test_legal_entity_limit_entity_reading(self):
        self.env.company.fonaes_single_borrower_reading = "entity"
        self.esf.fonaes_equity = 100_000
        loan = self._loan(amount=14_000, borrower=self.company_borrower, start=date(2026, 6, 1))
        self.assertEqual(loan.single_borrower_limit, 14_000)
        self.assertIn(ENTITY_READING, loan.single_borrower_rule)
        over = self._loan(amount=0.01, borrower=self.company_borrower, grant=False)
        with self.assertRaisesMessage(UserError, "(14 % of the equity $\xa0100,000.00 of ESF"):
            over.action_grant()
        # An individual is at 7 % under either reading.
        individual = self._loan(amount=7_000.01, grant=False)
        with self.assertRaisesMessage(UserError, "limit of $\xa07,000.00 (7 % of the equity"):
            individual.action_grant()
        # Back to the strict reading, the month-end flags the 14,000 owed and says why.
        self.env.company.fonaes_single_borrower_reading = "strict"
        run = self._run()
        self.assertIn(
            "Single borrower: Cooperativa Maíz owes $\xa014,000.00, above $\xa07,000.00 "
            f"(7 % of equity, Anexo XI §3; reading: {STRICT_READING}).",
            run.breaches,
        )

    # ---- Anexo XI §5-§6: liquidity only for deposit-taking intermediaries ----
    def _intermediary(self, name, takes_deposits, sight_deposits):
        return self.env["res.partner"].create(
            {
                "name": name,
                "fonaes_role": "esf",
                "fonaes_equity": 10_000_000,
                "fonaes_takes_deposits": takes_deposits,
                "fonaes_short_term_liabilities": 200_000,
                "fonaes_sight_deposits": sight_deposits,
            }
        )

    def test_liquidity_only_for_deposit_taking_intermediaries(self):
        lender = self._intermediary("ESF Sin Captación", False, 0)
        short = self._intermediary("ESF Captadora Corta", True, 19_999.99)
        exact = self._intermediary("ESF Captadora Justa", True, 20_000)
        for intermediary in (lender, short, exact):
            self._loan(amount=5_000, start=date(2026, 6, 1), intermediary=intermediary)
        runs = {run.intermediary_id: run for run in self._run()}
        # Not a deposit taker: no liquidity ratio, no suspension (§5 "Intermediarios
        # Captadores", §6).
        self.assertFalse(runs[lender].takes_deposits)
        self.assertEqual(runs[lender].liquidity_requirement, 0)
        self.assertFalse(runs[lender].in_breach)
        self.assertFalse(lender.fonaes_channelling_suspended)
        # A deposit taker: at least 10 % of the 200,000 due within 30 days.
        self.assertEqual(runs[short].liquidity_requirement, 20_000)
        self.assertIn(
            "Liquidity: sight deposits $\xa019,999.99 below $\xa020,000.00 (10 % of the "
            "liabilities due within 30 days, $\xa0200,000.00, Anexo XI §5, deposit-taking "
            "intermediaries).",
            runs[short].breaches,
        )
        self.assertTrue(short.fonaes_channelling_suspended)
        self.assertFalse(runs[exact].in_breach)
        self.assertFalse(exact.fonaes_channelling_suspended)

    def test_breach_figures_come_from_their_home(self):
        # "10 %" and "30 days" are prudential's figures, not words of the message.
        short = self._intermediary("ESF Captadora", True, 20_000)
        self._loan(amount=5_000, start=date(2026, 6, 1), intermediary=short)
        with (
            patch.object(prudential, "LIQUIDITY_PCT", Decimal(12)),
            patch.object(prudential, "SHORT_TERM_LIABILITY_DAYS", 29),
        ):
            run = self._run()
        self.assertIn(
            "below $\xa024,000.00 (12 % of the liabilities due within 29 days", run.breaches
        )
        # The month-end query's reserve is prudential's formula (Anexo XI §1).
        self.assertIn(
            prudential.provision_amount_sql(
                "b.balance", "b.deposit", "k.percentage", "%(extra_pct)s"
            ),
            fonaes_provision_run.RATING_QUERY,
        )

    # ---- Anexo XII-1: renewed credits ----
    def _renewed(self, paid_before, interest_paid=True, **vals):
        return self._loan(
            amount=8_000,
            months=8,
            annual_rate=12,
            start=date(2026, 5, 1),
            borrower=self.env["res.partner"].create({"name": f"Renovado {paid_before}"}),
            renewed=True,
            renewal_original_amount=10_000,
            renewal_paid_amount=paid_before,
            renewal_interest_paid=interest_paid,
            **vals,
        )

    def test_renewed_credit_without_a_quarter_paid_is_past_due(self):
        # 10,000 renewed: 25 % is 2,500. The June 1 installment (1,000 + 80) is unpaid on
        # June 30: 29 days, current for a periodic loan (90 days, 2.c) unless held.
        held = self._renewed(2_499.99)
        settled = self._renewed(2_500)
        interest_owed = self._renewed(2_500, interest_paid=False)
        self.assertEqual((held.renewal_held, settled.renewal_held), (True, False))
        self.assertTrue(interest_owed.renewal_held)
        run = self._run()
        lines = {line.loan_id: line for line in run.line_ids}
        self.assertEqual((lines[settled].state, lines[settled].days_past_due), ("current", 29))
        self.assertAlmostEqual(lines[settled].balance, 8_080)
        for loan in (held, interest_owed):
            with self.subTest(loan=loan.renewal_paid_amount):
                self.assertEqual(lines[loan].state, "past_due")
                self.assertEqual(loan.portfolio_state, "past_due")
                # Interest suspended: the 80 fallen due go to memo accounts.
                self.assertAlmostEqual(lines[loan].balance, 8_000)
                self.assertAlmostEqual(lines[loan].memo_interest, 80)
        self.assertAlmostEqual(run.portfolio_past_due, 16_000)
        self.assertAlmostEqual(run.portfolio_current, 8_080)
        self.assertAlmostEqual(run.memo_interest, 160)
        # The statements at that month-end carry the suspended interest in memo accounts.
        statement = (
            self.env["fonaes.financial.statement"]
            .with_user(self.accountant)
            .create({"period_type": "quarter", "date_end": date(2026, 6, 30)})
        )
        self.assertAlmostEqual(statement._memo_interest(date(2026, 6, 30)), 160)

    def test_renewed_credit_current_after_quarter_and_sustained_payment(self):
        # 2,000 paid before the renewal; the installments of June, July and August paid on
        # their due dates: 25 % reached in June, sustained payment (3 in a row) in August.
        loan = self._renewed(2_000)
        loan.payment_ids = [
            (0, 0, {"date": i.due_date, "amount": i.principal + i.interest})
            for i in loan.installment_ids[:3]
        ]
        states = [
            self._run(cut_off).line_ids.state
            for cut_off in (date(2026, 6, 30), date(2026, 7, 31), date(2026, 8, 31))
        ]
        self.assertEqual(states, ["past_due", "past_due", "current"])
        self.assertEqual(loan.portfolio_state, "current")

    def test_renewal_terms_checked(self):
        with self.assertRaisesMessage(UserError, "record its original amount"):
            self._renewed(12_000)

    # ---- Anexo XII SEGUNDA.VII: corrected statements shown again within 15 days ----
    def test_corrected_statements_republication_deadline(self):
        Statement = self.env["fonaes.financial.statement"].with_user(self.accountant)
        march = Statement.create({"period_type": "quarter", "date_end": date(2026, 3, 31)})
        with self.assertRaisesMessage(UserError, "are not filed"):
            march.action_order_correction()
        march.action_mark_filed()
        with freeze_time("2026-05-04 12:00"):
            action = march.action_order_correction()
        correction = Statement.browse(action["res_id"])
        self.assertEqual(correction.correction_of_id, march)
        self.assertEqual(march.correction_ids, correction)
        self.assertEqual(correction.correction_notified_date, date(2026, 5, 4))
        self.assertEqual(correction.republication_deadline, date(2026, 5, 19))
        activity = correction.activity_ids
        self.assertEqual(
            (activity.date_deadline, activity.user_id), (date(2026, 5, 19), self.accountant)
        )
        # The notice arrived a day earlier: the deadline and the reminder follow it.
        correction.correction_notified_date = date(2026, 5, 3)
        self.assertEqual(correction.republication_deadline, date(2026, 5, 18))
        self.assertEqual(activity.date_deadline, date(2026, 5, 18))
        with freeze_time("2026-05-18 12:00"):
            self.assertFalse(correction.republication_overdue)
        with freeze_time("2026-05-19 12:00"):
            correction.invalidate_recordset(["republication_overdue"])
            self.assertTrue(correction.republication_overdue)
            self.assertIn(correction, Statement.search([("republication_overdue", "=", True)]))
            with self.assertRaisesMessage(UserError, "state the corrections made"):
                correction.action_mark_republished()
            correction.correction_reason = "Reserves of May recomputed: +1,200.00 in reserves"
            correction.action_mark_republished()
        self.assertEqual(correction.republished_date, date(2026, 5, 19))
        self.assertFalse(correction.activity_ids)
        self.assertTrue(correction.republication_overdue)  # shown a day late
        self.assertFalse(march.republication_overdue)
        with self.assertRaisesMessage(UserError, "not a correction waiting to be shown"):
            correction.action_mark_republished()
