"""Past-due classification of Anexo XII-1 through real month-end runs, as the accountant:
the loan kinds 2.b and 2.d, restructured loans back to current after sustained payment, the
set-based positions of the run against the loan's own, and the loan's guards."""

from datetime import date
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.fonaes_support.tools import prudential as p

from .test_fonaes_provisioning import FonaesPortfolioCase


@tagged("post_install", "-at_install")
class TestFonaesPortfolio(FonaesPortfolioCase):
    def _lines(self, run):
        return {line.loan_id: line for line in run.line_ids}

    def test_single_principal_with_periodic_interest(self):
        # Anexo XII-1 2.b: past due when the interest is 90 or more days late, or the
        # principal 30 or more. 6,000 at 12 %: 60 of interest a month, principal at maturity.
        terms = {"amount": 6_000, "months": 6, "annual_rate": 12, "loan_kind": "single_principal"}
        # First interest due April 2 / April 1: 89 / 90 days late on June 30.
        at_89 = self._loan(start=date(2026, 3, 2), **terms)
        at_90 = self._loan(start=date(2026, 3, 1), **terms)
        self.assertEqual(len(at_89.installment_ids), 6)
        self.assertEqual(at_89.installment_ids[0].principal, 0)
        self.assertEqual(at_89.installment_ids[-1].principal, 6_000)
        # Interest paid on time, principal unpaid since its maturity (May 20): 41 days.
        matured = self._loan(start=date(2026, 1, 20), **dict(terms, months=4))
        matured.payment_ids = [
            (0, 0, {"date": i.due_date, "amount": i.interest}) for i in matured.installment_ids
        ]
        # The same 41 days on a periodic loan (2.c, 90 days) leave it current.
        periodic = self._loan(amount=6_000, months=6, start=date(2026, 4, 20))
        lines = self._lines(self._run())
        self.assertEqual((lines[at_89].days_past_due, lines[at_89].state), (89, "current"))
        self.assertEqual((lines[at_90].days_past_due, lines[at_90].state), (90, "past_due"))
        self.assertEqual((lines[matured].days_past_due, lines[matured].state), (41, "past_due"))
        self.assertEqual((lines[periodic].days_past_due, lines[periodic].state), (41, "current"))
        # Accrual stopped: the past-due loan's 3 months of interest are memo, not balance.
        self.assertAlmostEqual(lines[at_90].memo_interest, 180)
        self.assertAlmostEqual(lines[at_90].balance, 6_000)
        self.assertAlmostEqual(lines[at_89].balance, 6_000 + 180)
        self.assertEqual(at_90.portfolio_state, "past_due")

    def test_revolving(self):
        # Anexo XII-1 2.d: revolving loans are past due from 60 days.
        at_60 = self._loan(start=date(2026, 4, 1), loan_kind="revolving", months=6)
        at_59 = self._loan(start=date(2026, 4, 2), loan_kind="revolving", months=6)
        periodic_60 = self._loan(start=date(2026, 4, 1), months=6)
        lines = self._lines(self._run())
        self.assertEqual((lines[at_60].days_past_due, lines[at_60].state), (60, "past_due"))
        self.assertEqual((lines[at_59].days_past_due, lines[at_59].state), (59, "current"))
        self.assertEqual(lines[periodic_60].state, "current")
        # Same days, same reserve whatever the kind (Anexo XI §1.b: 30 % from 31 days).
        self.assertEqual(lines[at_60].percentage, lines[periodic_60].percentage)
        self.assertEqual(lines[at_60].percentage, 30)

    def test_restructured_back_to_current_after_sustained_payment(self):
        # 12,000 in 12 monthly installments of 1,000 from February 15; nothing paid by
        # June 30: 135 days, past due (2.c), 90 % reserve.
        restructured = self._loan(amount=12_000, months=12, start=date(2026, 1, 15))
        plain = self._loan(amount=12_000, months=12, start=date(2026, 1, 15))
        june = self._lines(self._run())
        self.assertEqual(june[restructured].state, "past_due")
        self.assertAlmostEqual(june[restructured].reserve, 10_800)
        restructured.restructured = True
        # July 10: the five late installments and July's, paid together; then August's
        # and September's on their due dates.
        for loan in restructured | plain:
            loan.payment_ids = [(0, 0, {"date": date(2026, 7, 10), "amount": 6_000})]
        july = self._lines(self._run(date(2026, 7, 31)))
        # Nothing owed late: a plain loan is current again...
        self.assertEqual((july[plain].days_past_due, july[plain].state), (0, "current"))
        self.assertAlmostEqual(july[plain].reserve, 60)
        # ... a restructured one stays past due, its reserve kept, until 3 installments in a
        # row are paid on time (pago sostenido: periods under 60 days).
        self.assertEqual((july[restructured].days_past_due, july[restructured].state),
                         (0, "past_due"))  # fmt: skip
        self.assertAlmostEqual(july[restructured].reserve, 6_000)  # 10,800 capped at the balance
        for month, day in ((8, 15), (9, 15)):
            restructured.payment_ids = [(0, 0, {"date": date(2026, month, day), "amount": 1_000})]
        august = self._lines(self._run(date(2026, 8, 31)))
        self.assertEqual(august[restructured].state, "past_due")  # July and August: 2
        september = self._lines(self._run(date(2026, 9, 30)))
        self.assertEqual(september[restructured].state, "current")  # 3 in a row
        self.assertAlmostEqual(september[restructured].reserve, 40)  # 1 % of 4,000
        self.assertEqual(restructured.portfolio_state, "current")

    def test_run_positions_match_the_loans_own(self):
        # The run computes positions in SQL; the loan in Python (prudential.loan_position).
        loans = [
            self._loan(amount=3_000, months=3, start=date(2026, 1, 31), annual_rate=12),
            self._loan(amount=5_000, months=5, start=date(2026, 2, 28), annual_rate=24),
            self._loan(
                amount=4_000,
                months=4,
                start=date(2026, 1, 1),
                loan_kind="single_principal",
                annual_rate=18,
            ),  # fmt: skip
            self._loan(amount=2_500, months=2, start=date(2026, 3, 3), loan_kind="single_payment"),
            self._loan(amount=9_000, months=9, start=date(2026, 5, 20), annual_rate=10),
        ]
        payments = {
            0: [(date(2026, 2, 27), 500), (date(2026, 3, 31), 1_030.5)],  # partial
            1: [(date(2026, 3, 28), 5_200)],  # ahead of the schedule
            2: [(date(2026, 2, 1), 60), (date(2026, 3, 5), 60)],  # interest only, late
            3: [],
            4: [(date(2026, 6, 20), 1_075)],
        }
        loans += [
            self._loan(amount=7_000, months=7, start=date(2026, 2, 10), loan_kind="revolving"),
            self._loan(amount=8_000, months=8, start=date(2026, 5, 1), annual_rate=15),
        ]
        payments[5] = [(date(2026, 3, 10), 1_000)]
        loans[6].write({"bankrupt": True, "blocked_deposit": 3_000})
        loans[0].write({"blocked_deposit": 1_000, "blocked_deposit_authorized": True})
        self.esf.fonaes_extra_provision_pct = 2.5
        for index, rows in payments.items():
            loans[index].payment_ids = [(0, 0, {"date": d, "amount": a}) for d, a in rows]
        lines = self._lines(self._run())
        table = self.env["fonaes.provision.bucket"]._percentage_table()
        for loan in loans:
            with self.subTest(loan=loan.name):
                own = loan._position(CUT_OFF_DATE, "current")
                line = lines[loan]
                self.assertEqual(line.days_past_due, own["days"])
                self.assertEqual(line.state, own["state"])
                self.assertAlmostEqual(line.balance, float(own["balance"]))
                self.assertAlmostEqual(line.memo_interest, float(own["memo_interest"]))
                pct = p.provision_pct(own["days"], table)
                deposit = loan.blocked_deposit if loan.blocked_deposit_authorized else 0
                base, reserve = p.provision_amount(own["balance"], pct, deposit, 2.5)
                self.assertEqual(line.percentage, float(pct))
                self.assertAlmostEqual(line.base, float(base))
                self.assertAlmostEqual(line.reserve, float(reserve))
        # The bankrupt borrower's loan is past due whatever its days (Anexo XII-1, 1).
        self.assertEqual(lines[loans[6]].state, "past_due")

    def test_loan_changes_only_through_its_steps(self):
        loan = self._loan(amount=10_000, months=10, start=date(2026, 6, 1), grant=False)
        # Granted, rated or scheduled only by the steps: the single-borrower check stays.
        for vals in (
            {"state": "granted"},
            {"portfolio_state": "past_due"},
            {"authorization": "automatic"},
        ):
            with self.assertRaisesMessage(UserError, "change only through the record's steps"):
                loan.write(vals)
        self.assertEqual(loan.state, "draft")
        with self.assertRaisesMessage(UserError, "are set only by the record's steps"):
            self.Loan.create(
                {
                    "intermediary_id": self.esf.id,
                    "borrower_id": self.borrower.id,
                    "amount": 1,
                    "state": "granted",
                }
            )
        with self.assertRaisesMessage(UserError, "granted loans only"):
            loan.payment_ids = [(0, 0, {"date": date(2026, 6, 2), "amount": 100})]
        loan.action_grant()
        with self.assertRaisesMessage(UserError, "can no longer change"):
            loan.write({"amount": 20_000})
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            loan.installment_ids[0].write({"due_date": date(2027, 1, 1)})
        with self.assertRaisesMessage(UserError, "come from its schedule"):
            loan.installment_ids[0].unlink()
        with self.assertRaisesMessage(UserError, "before the start of loan"):
            loan.payment_ids = [(0, 0, {"date": date(2026, 5, 31), "amount": 100})]
        # Guarantees and flags stay editable (tracked).
        loan.write({"blocked_deposit": 1_000, "restructured": True})
        self.assertEqual(len(loan.installment_ids), 10)
        self.assertEqual(loan.amount, 10_000)
        self.assertFalse(loan.payment_ids)
        copy = loan.copy()
        self.assertEqual((copy.state, copy.authorization), ("draft", False))

    def test_rated_month_is_closed_to_payments(self):
        loan = self._loan(amount=10_000, months=10, start=date(2026, 5, 1))
        paid = self.env["fonaes.loan.payment"].with_user(self.accountant)
        payment = paid.create({"loan_id": loan.id, "date": date(2026, 6, 1), "amount": 1_000})
        self._run()
        message = "is rated at 2026-06-30 and its reserves posted"
        with self.assertRaisesMessage(UserError, message):
            paid.create({"loan_id": loan.id, "date": date(2026, 6, 30), "amount": 1_000})
        with self.assertRaisesMessage(UserError, message):
            payment.write({"amount": 2_000})
        with self.assertRaisesMessage(UserError, message):
            payment.unlink()
        self.assertEqual(loan.payment_ids.mapped("amount"), [1_000])
        paid.create({"loan_id": loan.id, "date": date(2026, 7, 1), "amount": 1_000})
        self.assertEqual(len(loan.payment_ids), 2)

    def test_failing_intermediary_skipped(self):
        # Quality bar: a scheduled action survives a bad record (logs it and goes on).
        other = self.env["res.partner"].create(
            {"name": "Fideicomiso Costa", "fonaes_role": "trust", "fonaes_equity": 10_000_000}
        )
        self._loan(start=date(2026, 6, 1))
        self._loan(start=date(2026, 6, 1), intermediary=other)
        rate = type(self.Run)._rate

        def failing(run_model, intermediary, cut_off):
            if intermediary == other:
                raise ValueError("Broken books")
            return rate(run_model, intermediary, cut_off)

        with (
            patch.object(type(self.Run), "_rate", failing),
            self.assertLogs("odoo.addons.micro_base.models.micro_scheduled_work", "ERROR"),
        ):
            runs = self._run()
        self.assertEqual(runs.intermediary_id, self.esf)
        # Once mended, the next day rates the one left, and only it.
        again = self._run()
        self.assertEqual(again.intermediary_id, other)
        self.assertFalse(self._run())

    def test_run_figures_only_from_the_rating(self):
        run = self._run()
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            run.write({"provision_total": 0})
        with self.assertRaisesMessage(UserError, "are set only by the record's steps"):
            self.Run.create({"intermediary_id": self.esf.id, "date": date(2026, 7, 31)})


CUT_OFF_DATE = date(2026, 6, 30)
