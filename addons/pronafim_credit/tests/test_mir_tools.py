import datetime

from odoo.tests import BaseCase

from odoo.addons.micro_base.tools import periods

from ..tools import mir

D = datetime.date


class TestMirTools(BaseCase):
    def test_period_bounds(self):
        self.assertEqual(
            mir.period_bounds(D(2026, 2, 14), "monthly"), (D(2026, 2, 1), D(2026, 2, 28))
        )
        self.assertEqual(
            mir.period_bounds(D(2028, 2, 29), "monthly"), (D(2028, 2, 1), D(2028, 2, 29))
        )
        self.assertEqual(
            mir.period_bounds(D(2026, 11, 30), "quarterly"), (D(2026, 10, 1), D(2026, 12, 31))
        )
        self.assertEqual(
            mir.period_bounds(D(2026, 4, 1), "quarterly"), (D(2026, 4, 1), D(2026, 6, 30))
        )
        self.assertEqual(
            mir.period_bounds(D(2026, 12, 31), "yearly"), (D(2026, 1, 1), D(2026, 12, 31))
        )

    def test_period_label(self):
        self.assertEqual(mir.period_label(D(2026, 10, 1), "monthly"), "2026-10")
        self.assertEqual(mir.period_label(D(2026, 10, 1), "quarterly"), "2026-Q4")
        self.assertEqual(mir.period_label(D(2026, 1, 1), "quarterly"), "2026-Q1")
        self.assertEqual(mir.period_label(D(2026, 1, 1), "yearly"), "2026")

    def test_last_closed_month(self):
        self.assertEqual(periods.previous_month_end(D(2026, 11, 22)), D(2026, 10, 31))
        self.assertEqual(periods.previous_month_end(D(2027, 1, 1)), D(2026, 12, 31))

    def test_target_reached(self):
        self.assertAlmostEqual(mir.target_reached_pct(45.0, 60.0), 75.0)
        self.assertAlmostEqual(mir.target_reached_pct(130.0, 100.0), 130.0)
        self.assertEqual(mir.target_reached_pct(5.0, 0.0), 0.0)

    def test_target_errors(self):
        self.assertEqual(mir.target_errors("percent", 40.0, 60.0), [])
        self.assertEqual(mir.target_errors("percent", None, 100.0), [])
        self.assertEqual(mir.target_errors("percent", 10.0, 120.0), ["percent_over_100"])
        self.assertEqual(mir.target_errors("number", 0.0, -5.0), ["target_not_positive"])
        self.assertEqual(mir.target_errors("amount", -1.0, 5.0), ["negative_baseline"])
        # 250 is a fine count or amount, not a share.
        self.assertEqual(mir.target_errors("number", 0.0, 250.0), [])
        self.assertEqual(
            mir.target_errors("percent", -3.0, 0.0),
            ["target_not_positive", "negative_baseline"],
        )
