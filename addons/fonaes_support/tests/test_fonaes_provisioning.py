from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import FonaesCase

CUT_OFF = date(2026, 6, 30)


class FonaesPortfolioCase(FonaesCase):
    """An ESF with its provision accounts, UDI value and borrowers; loans and runs made by
    the accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_accounting()
        Account = cls.env["account.account"]
        cls.provision_expense = Account.create(
            {"code": "FON502", "name": "Estimación preventiva", "account_type": "expense"}
        )
        cls.allowance = Account.create(
            {
                "code": "FON139",
                "name": "Estimación preventiva para riesgos crediticios",
                "account_type": "asset_current",
            }
        )
        cls.env.company.write(
            {
                "fonaes_provision_expense_account_id": cls.provision_expense.id,
                "fonaes_provision_allowance_account_id": cls.allowance.id,
            }
        )
        cls.env["fonaes.udi.rate"].create([{"date": date(2026, 1, 1), "value": 8.5}])
        Partner = cls.env["res.partner"]
        cls.esf = Partner.create(
            {"name": "ESF Sierra Sur", "fonaes_role": "esf", "fonaes_equity": 10_000_000}
        )
        cls.borrower = Partner.create({"name": "Acreditada Rosa"})
        cls.son = Partner.create({"name": "Hijo dependiente de Rosa"})
        cls.company_borrower = Partner.create({"name": "Cooperativa Maíz", "is_company": True})
        cls.Loan = cls.env["fonaes.loan"].with_user(cls.accountant)
        cls.Run = cls.env["fonaes.provision.run"].with_user(cls.accountant)

    def _loan(self, amount=10_000, months=1, start=date(2026, 1, 15), grant=True, **vals):
        loan = self.Loan.create(
            {
                "intermediary_id": vals.pop("intermediary", self.esf).id,
                "borrower_id": vals.pop("borrower", self.borrower).id,
                "amount": amount,
                "months": months,
                "start_date": start,
                **vals,
            }
        )
        if grant:
            loan.action_grant()
        return loan

    def _run(self, as_of=CUT_OFF):
        return self.Run._cron_monthly_provisioning(as_of=as_of)


@tagged("post_install", "-at_install")
class TestFonaesProvisioning(FonaesPortfolioCase):
    def test_bucket_boundaries(self):
        # Anexo XI §1.b: days since the first unpaid installment → reserve percentage.
        expected = {
            0: 1, 1: 4, 7: 4, 8: 15, 30: 15, 31: 30, 60: 30, 61: 50,
            90: 50, 91: 75, 120: 75, 121: 90, 180: 90, 181: 100,
        }  # fmt: skip
        loans = {}
        for days in expected:
            loan = self._loan(start=date(2026, 1, 1), loan_kind="single_payment")
            # Set-up: a maturity ``days`` before the cut-off (the schedule is not editable).
            loan.installment_ids.sudo().due_date = CUT_OFF - timedelta(days=days)
            loans[days] = loan
        run = self._run()
        self.assertEqual(len(run), 1)
        by_loan = {line.loan_id: line for line in run.line_ids}
        for days, pct in expected.items():
            with self.subTest(days=days):
                line = by_loan[loans[days]]
                self.assertEqual(line.days_past_due, days)
                self.assertEqual(line.percentage, pct)
                self.assertAlmostEqual(line.reserve, 10_000 * pct / 100)
        self.assertAlmostEqual(run.provision_total, sum(100 * p for p in expected.values()))
        # Single payment loans are past due from 30 days late (Anexo XII-1, 2.a).
        self.assertEqual(by_loan[loans[29 + 1]].state, "past_due")
        self.assertEqual(by_loan[loans[8]].state, "current")
        self.assertEqual(loans[181].portfolio_state, "past_due")

    def test_run_posts_movement_and_is_idempotent(self):
        loan = self._loan(amount=12_000, months=12, start=date(2026, 1, 15))
        run = self._run()
        # Nothing paid since February 15: 135 days late → 90 %; periodic loan past due
        # from 90 days (Anexo XII-1, 2.c).
        line = run.line_ids
        self.assertEqual((line.days_past_due, line.percentage, line.state), (135, 90, "past_due"))
        self.assertAlmostEqual(run.provision_total, 10_800)
        move = run.move_id
        self.assertEqual(move.state, "posted")
        debit = move.line_ids.filtered(lambda m: m.account_id == self.provision_expense)
        credit = move.line_ids.filtered(lambda m: m.account_id == self.allowance)
        self.assertAlmostEqual(debit.debit, 10_800)
        self.assertAlmostEqual(credit.credit, 10_800)
        # Twice: nothing more.
        self.assertFalse(self._run())
        self.assertEqual(self.Run.search_count([("intermediary_id", "=", self.esf.id)]), 1)
        # Everything owed paid in July: back to current at July's month-end, reserve 1 %
        # of the 6,000 left and the surplus released.
        loan.payment_ids = [(0, 0, {"date": date(2026, 7, 15), "amount": 6_000})]
        july = self._run(date(2026, 7, 31))
        self.assertEqual(july.line_ids.state, "current")
        self.assertEqual(loan.portfolio_state, "current")
        self.assertAlmostEqual(july.provision_total, 60)
        self.assertAlmostEqual(july.movement, 60 - 10_800)
        release = july.move_id.line_ids.filtered(lambda m: m.account_id == self.allowance)
        self.assertAlmostEqual(release.debit, 10_740)

    def test_accrual_stops_in_memo_accounts(self):
        # 12 % a year, 3,000 over three months: each installment 1,000 + 30 interest.
        self._loan(amount=3_000, months=3, start=date(2026, 1, 31), annual_rate=12)
        run = self._run(date(2026, 6, 30))
        # First unpaid installment February 28: 122 days → past due, interest in memo.
        line = run.line_ids
        self.assertEqual(line.state, "past_due")
        self.assertAlmostEqual(line.memo_interest, 30 + 20 + 10)
        self.assertAlmostEqual(line.balance, 3_000)
        self.assertAlmostEqual(run.memo_interest, 60)
        self.assertAlmostEqual(run.portfolio_past_due, 3_000)

    def test_current_interest_is_accrued(self):
        self._loan(amount=3_000, months=3, start=date(2026, 5, 31), annual_rate=12)
        line = self._run(date(2026, 6, 30)).line_ids
        self.assertEqual((line.state, line.days_past_due), ("current", 0))
        self.assertAlmostEqual(line.balance, 3_030)
        self.assertFalse(line.memo_interest)

    def test_blocked_deposit_and_extra_reserves(self):
        self.esf.fonaes_extra_provision_pct = 5
        loan = self._loan(start=date(2026, 1, 1), loan_kind="single_payment")
        loan.installment_ids.sudo().due_date = CUT_OFF - timedelta(days=10)
        loan.write({"blocked_deposit": 4_000, "blocked_deposit_authorized": True})
        line = self._run().line_ids
        # 15 % of 6,000 not covered by the deposit + 5 % ordered on the 10,000.
        self.assertAlmostEqual(line.base, 6_000)
        self.assertAlmostEqual(line.reserve, 900 + 500)

    def test_single_borrower_limit(self):
        self.esf.fonaes_equity = 100_000
        # 7 % of 100,000 for an individual with its dependents (Anexo XI §3).
        self._loan(amount=5_000)
        loan = self._loan(amount=2_001, borrower=self.son, grant=False)
        loan.common_risk_ids = self.borrower
        with self.assertRaisesMessage(
            UserError, "above the single-borrower limit of $\xa07,000.00"
        ):
            loan.action_grant()
        loan.amount = 2_000
        loan.action_grant()
        self.assertEqual(loan.state, "granted")
        # 14 % for a legal entity under the reading of Anexo XI §3 that gives them 14 %; a
        # FONAES exception allows more.
        self.env.company.fonaes_single_borrower_reading = "entity"
        self._loan(amount=14_000, borrower=self.company_borrower)
        over = self._loan(amount=1, borrower=self.company_borrower, grant=False)
        with self.assertRaisesMessage(UserError, "(14 % of the equity $\xa0100,000.00"):
            over.action_grant()
        over.limit_exception_ref = "FONAES/EXC/1"
        over.action_grant()

    def test_automatic_authorization_udis(self):
        # Anexo XI §2.a.1: up to 4,000 UDIS, at 8.5 pesos each = 34,000 pesos.
        self.assertEqual(self._loan(amount=34_000).authorization, "automatic")
        other = self.env["res.partner"].create({"name": "Acreditado Juan"})
        self.assertEqual(self._loan(amount=34_001, borrower=other).authorization, "formal")
        # The dependents' loans count with the person's.
        son_loan = self._loan(amount=1, borrower=self.son, grant=False)
        son_loan.common_risk_ids = self.borrower
        son_loan.action_grant()
        self.assertEqual(son_loan.authorization, "formal")

    def test_breaches_suspend_channelling(self):
        self.esf.write(
            {
                "fonaes_equity": 100_000,
                "fonaes_takes_deposits": True,
                "fonaes_short_term_liabilities": 200_000,
                "fonaes_sight_deposits": 19_999,
            }
        )
        self._loan(amount=5_000, start=date(2026, 6, 1))
        run = self._run()
        self.assertTrue(run.in_breach)
        self.assertIn("sight deposits $\xa019,999.00 below $\xa020,000.00", run.breaches)
        self.assertIn("Anexo XI §5", run.breaches)
        self.assertTrue(self.esf.fonaes_channelling_suspended)
        with self.assertRaisesMessage(UserError, "suspended for breaching the prudential"):
            self._loan(amount=1_000, start=date(2026, 7, 1))

    def test_capital_requirement(self):
        # 10 % of the net portfolio; 100 % for an operation against the rules (§4.a).
        self.esf.fonaes_equity = 1_000_000
        self._loan(amount=50_000, start=date(2026, 6, 15))
        self._loan(
            amount=60_000,
            start=date(2026, 6, 15),
            against_rules=True,
            borrower=self.company_borrower,
        )
        run = self._run()
        # Reserves 1 %: net 108,900; 10 % of 49,500 + 100 % of 59,400.
        self.assertAlmostEqual(run.capital_requirement, 4_950 + 59_400)
        self.assertFalse(run.in_breach)

    def test_additional_capital_requirement(self):
        # Anexo XI §4.a, last paragraph: FONAES may require more capital of an intermediary.
        self.esf.write({"fonaes_equity": 1_000_000, "fonaes_additional_capital": 995_051})
        self._loan(amount=50_000, start=date(2026, 6, 15))
        run = self._run()
        # 10 % of 49,500 (50,000 less its 1 % reserve) + 995,051 = 1,000,001.
        self.assertAlmostEqual(run.additional_capital, 995_051)
        self.assertAlmostEqual(run.capital_requirement, 1_000_001)
        self.assertTrue(run.in_breach)
        self.assertIn(
            "equity $\xa01,000,000.00 below the requirement $\xa01,000,001.00", run.breaches
        )
        self.assertTrue(self.esf.fonaes_channelling_suspended)

    def test_access_per_role(self):
        loan = self._loan()
        with self.assertRaises(AccessError):
            loan.with_user(self.state_rep).read(["amount"])
        loan.with_user(self.directorate).read(["amount"])
        with self.assertRaises(AccessError):
            loan.with_user(self.directorate).write({"amount": 1})
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            loan.unlink()
        run = self._run()
        with self.assertRaises(AccessError):
            run.with_user(self.state_rep).read(["provision_total"])
        with self.assertRaises(AccessError):
            run.unlink()
        with self.assertRaises(AccessError):
            self.env["fonaes.provision.run"].with_user(self.directorate)._rate(
                self.esf, date(2026, 7, 31)
            )
