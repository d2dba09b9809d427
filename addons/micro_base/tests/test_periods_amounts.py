import datetime

from odoo.tests import BaseCase, TransactionCase, tagged

from odoo.addons.micro_base.tools import amounts, periods

D = datetime.date


@tagged("post_install", "-at_install", "micro_base_tools")
class TestPeriodsTool(BaseCase):
    def test_month_ends(self):
        cases = [
            (D(2026, 2, 10), D(2026, 2, 1), D(2026, 2, 28), D(2026, 1, 31)),
            (D(2028, 2, 29), D(2028, 2, 1), D(2028, 2, 29), D(2028, 1, 31)),
            (D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 31), D(2025, 12, 31)),
            (D(2026, 12, 31), D(2026, 12, 1), D(2026, 12, 31), D(2026, 11, 30)),
        ]
        for day, start, end, previous in cases:
            with self.subTest(day=day):
                self.assertEqual(periods.month_start(day), start)
                self.assertEqual(periods.month_end(day), end)
                self.assertEqual(periods.previous_month_end(day), previous)

    def test_quarter_end(self):
        ends = [periods.quarter_end(2026, q) for q in (1, 2, 3, 4)]
        self.assertEqual(ends, [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30), D(2026, 12, 31)])
        with self.assertRaises(ValueError):
            periods.quarter_end(2026, 5)

    def test_period_bounds(self):
        self.assertEqual(
            periods.period_bounds(D(2026, 11, 5), 1), (D(2026, 11, 1), D(2026, 11, 30))
        )
        self.assertEqual(
            periods.period_bounds(D(2026, 11, 5), 3), (D(2026, 10, 1), D(2026, 12, 31))
        )
        self.assertEqual(
            periods.period_bounds(D(2026, 2, 5), 12), (D(2026, 1, 1), D(2026, 12, 31))
        )
        with self.assertRaises(ValueError):
            periods.period_bounds(D(2026, 2, 5), 5)

    def test_compare_money_without_currency_is_at_cents(self):
        self.assertEqual(amounts.compare_money(100.004, 100.0), 0)
        self.assertEqual(amounts.compare_money(100.006, 100.0), 1)
        self.assertEqual(amounts.compare_money(99.99, 100.0), -1)
        self.assertTrue(amounts.money_is_zero(0.004))
        self.assertFalse(amounts.money_is_zero(0.01))


@tagged("post_install", "-at_install")
class TestMoneyFormat(TransactionCase):
    def test_format_money_in_the_users_language(self):
        mxn = self.env.ref("base.MXN")
        cop = self.env.ref("base.COP")
        for code in ("es_MX", "es_CO"):
            self.env["res.lang"]._activate_lang(code)
        mx = amounts.format_money(self.env(context={"lang": "es_MX"}), 1_000_000, mxn)
        co = amounts.format_money(self.env(context={"lang": "es_CO"}), 1_000_000, cop)
        self.assertIn("1,000,000.00", mx)
        self.assertIn("1.000.000", co)
        self.assertIn("$", mx)
        self.assertEqual(amounts.compare_money(10.004, 10.0, mxn), 0)
        self.assertEqual(amounts.compare_money(10.01, 10.0, mxn), 1)
