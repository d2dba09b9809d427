"""CAT (Banco de México Circular 21/2009) and the §XI.j disclosures, without a database."""

import datetime
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..tools import cat, loan

M = Decimal


def _monthly_irr_by_bisection(net, payments):
    """Monthly rate ``r`` with ``net = Σ_k payment_k / (1 + r)^k``, by plain bisection.

    Written independently of the tool (periodic rate first, annualized afterwards as
    ``(1 + r)^12 - 1``) to check the tool's annual-rate solver.
    """
    low, high = 0.0, 1.0
    for _ in range(200):
        middle = (low + high) / 2
        value = sum(float(p) / (1 + middle) ** k for k, p in enumerate(payments, start=1))
        if value > net:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@tagged("post_install", "-at_install", "micro_base_tools")
class TestCatTool(BaseCase):
    def test_no_cost_is_effective_rate_of_nominal(self):
        # 12 % nominal paid monthly, nothing else charged: (1 + 0.01)^12 - 1 = 12.68 %.
        schedule = loan.monthly_schedule(
            10000, 0.12, 12, datetime.date(2026, 1, 1), method="annuity", day_basis=None
        )
        payments = [installment.payment for installment in schedule]
        self.assertEqual(payments[0], M("888.49"))
        effective = cat.effective_annual_rate(0.12, 12)
        self.assertAlmostEqual(effective, 0.126825, places=6)
        self.assertAlmostEqual(cat.solve_annual_rate(10000, payments, 12), effective, places=5)
        self.assertEqual(cat.cat(10000, payments, 12), M("12.7"))
        # 60 % nominal weekly, no cost: the CAT is the effective rate (1 + 0.6/52)^52 - 1.
        rate = 0.60 / 52
        payment = 5200 * rate / (1 - (1 + rate) ** -26)
        expected = round(cat.effective_annual_rate(0.60, 52) * 100, 1)
        self.assertAlmostEqual(expected, 81.6, places=6)
        self.assertEqual(cat.cat(5200, [payment] * 26, 52), M("81.6"))

    def test_zero_cost_is_zero(self):
        self.assertEqual(cat.cat(1200, [100] * 12, 12), M("0.0"))

    def test_schedule_with_costs_matches_independent_bisection(self):
        # A 24-month micro-credit at 48 % a year (actual/360), 2 months of grace, a 3 %
        # opening commission paid at signing and a 45-peso monthly insurance premium.
        amount = 25000
        schedule = loan.monthly_schedule(
            amount, 0.48, 24, datetime.date(2026, 3, 31), grace_months=2, method="annuity"
        )
        payments = [installment.payment + M(45) for installment in schedule]
        commission = M(750)
        monthly = _monthly_irr_by_bisection(amount - 750, payments)
        expected = ((1 + monthly) ** 12 - 1) * 100
        computed = cat.cat(amount, payments, 12, upfront_costs=commission)
        self.assertLessEqual(abs(float(computed) - expected), 0.1)
        self.assertAlmostEqual(
            cat.solve_annual_rate(amount, payments, 12, upfront_costs=commission) * 100,
            expected,
            places=6,
        )
        self.assertGreater(computed, M("70"))  # far above the 48 % nominal rate
        # The commission as a (0, cost) flow is the same as upfront_costs.
        self.assertEqual(cat.cat(amount, [(0, commission), *payments], 12), computed)
        # Explicit (t in years, amount) pairs at k / 12 give the same CAT.
        pairs = [(k / 12, payment) for k, payment in enumerate(payments, start=1)]
        self.assertEqual(cat.cat(amount, pairs, None, upfront_costs=commission), computed)

    def test_published_example(self):
        # Published example (aliviocapital.com/cat, "ejemplo al 26 junio del 2020"): 20,000
        # over 12 months, 58 % ordinary rate, 5 % opening commission → CAT 95.7 %. The page
        # does not state the frequency nor VAT; with monthly level payments at 58 % / 12,
        # the commission paid at signing and no VAT the solver gives 95.61 %: within the
        # 0.1 point of the published figure.
        rate = 0.58 / 12
        payment = round(20000 * rate / (1 - (1 + rate) ** -12), 2)
        self.assertEqual(payment, 2235.35)
        annual = cat.solve_annual_rate(20000, [payment] * 12, 12, upfront_costs=1000) * 100
        self.assertLessEqual(abs(annual - 95.7), 0.1)

    def test_very_high_cost_and_negative_cat(self):
        # Weekly 1,000 → 16 * 100 (a 60 % flat cost in 16 weeks) is a CAT of hundreds of %.
        value = cat.cat(1000, [100] * 16, 52)
        low, high = 0.0, 1.0
        for _ in range(200):
            weekly = (low + high) / 2
            if sum(100 / (1 + weekly) ** k for k in range(1, 17)) > 1000:
                low = weekly
            else:
                high = weekly
        self.assertLessEqual(abs(float(value) - ((1 + weekly) ** 52 - 1) * 100), 0.1)
        self.assertGreater(value, M("600"))
        # Paying back less than lent: a negative cost.
        self.assertLess(cat.cat(1000, [90] * 10, 12), 0)

    def test_errors(self):
        with self.assertRaisesRegex(ValueError, "amount lent must be positive"):
            cat.cat(0, [100], 12)
        with self.assertRaisesRegex(ValueError, "at least one payment"):
            cat.cat(1000, [], 12)
        with self.assertRaisesRegex(ValueError, "cannot be negative"):
            cat.cat(1000, [1100, -5], 12)
        with self.assertRaisesRegex(ValueError, "swallow the whole amount"):
            cat.cat(1000, [1100], 12, upfront_costs=1000)
        with self.assertRaisesRegex(ValueError, "positive number of periods"):
            cat.cat(1000, [1100], 0)
        with self.assertRaisesRegex(ValueError, "cannot precede the contract"):
            cat.cat(1000, [(-0.5, 1100)], 12)

    def test_payment_per_thousand_and_flat_rate(self):
        # §XI.j: monthly payment per 1,000 pesos including all costs.
        self.assertEqual(cat.payment_per_thousand(10000, [888.49] * 12, 12), M("88.85"))
        self.assertEqual(
            cat.payment_per_thousand(10000, [888.49] * 12, 12, upfront_costs=120), M("89.85")
        )
        # Weekly: 52 * 250 on 10,000 = 13,000 over 12 months → 108.33 a month per 1,000.
        self.assertEqual(cat.payment_per_thousand(10000, [250] * 52, 52), M("108.33"))
        # Monthly rate on global balances: 2,000 of cost on 10,000 over 12 months.
        self.assertAlmostEqual(
            float(cat.monthly_flat_rate(10000, [1000] * 12, 12)), 2000 / 10000 / 12, places=12
        )
        self.assertAlmostEqual(
            float(cat.monthly_flat_rate(10000, [250] * 52, 52)), 0.025, places=12
        )
        with self.assertRaisesRegex(ValueError, "amount lent must be positive"):
            cat.payment_per_thousand(0, [1], 12)
        with self.assertRaisesRegex(ValueError, "at least one payment"):
            cat.monthly_flat_rate(10, [], 12)
