import datetime
from decimal import Decimal

from odoo.tests import BaseCase

from ..tools import arrears, rules

D = datetime.date
# CETES 7.25 % from January, 7.00 % from 15 December 2026, + a committee margin of 3.
TABLE = [(D(2026, 12, 15), 10.0), (D(2026, 1, 1), 10.25)]


class TestArrearsTools(BaseCase):
    def test_segments_follow_the_rate_in_force(self):
        self.assertEqual(
            arrears.rate_segments(TABLE, D(2026, 12, 2), D(2026, 12, 22)),
            [(13, 10.25), (7, 10.0)],
        )
        self.assertEqual(arrears.rate_segments(TABLE, D(2026, 12, 2), D(2026, 12, 2)), [])
        with self.assertRaisesRegex(ValueError, "no rate in force on 2025-12-31"):
            arrears.rate_segments(TABLE, D(2025, 12, 31), D(2026, 1, 5))

    def test_moratory_is_twice_the_ordinary_rate_in_force_each_day(self):
        """§VIII.1.A: "2 veces la ordinaria". 100,000 overdue 20 days: 13 days at 2 x
        10.25 % and 7 days at 2 x 10.00 %, on a 360-day year:
        100,000 x 2 x (13 x 10.25 + 7 x 10.00) / 100 / 360 = 1,129.17 (hand-checked:
        13 x 10.25 = 133.25, + 70 = 203.25; x 2,000 / 360 = 1,129.166...)."""
        charge = arrears.moratory_charge(
            100_000, TABLE, D(2026, 12, 2), D(2026, 12, 22), rules.MORATORY_MULTIPLIER
        )
        self.assertEqual(charge, Decimal("1129.17"))
        # Without the rate change the disposal's rate would give 1,138.89.
        fixed = arrears.moratory_charge(
            100_000, TABLE[1:], D(2026, 12, 2), D(2026, 12, 22), rules.MORATORY_MULTIPLIER
        )
        self.assertEqual(fixed, Decimal("1138.89"))

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            arrears.moratory_charge(-1, TABLE, D(2026, 12, 2), D(2026, 12, 3), 2)
        self.assertEqual(
            arrears.moratory_charge(5000, TABLE, D(2026, 12, 3), D(2026, 12, 3), 2), 0
        )

    def test_one_formula_for_payments_and_the_daily_run(self):
        """The daily run's SQL sums the rates in force over the days late (13 x 10.25 +
        7 x 10.00 = 203.25 rate-days); ``moratory_amount`` is the formula both paths use."""
        days = arrears.rate_days(TABLE, D(2026, 12, 2), D(2026, 12, 22))
        self.assertEqual(days, Decimal("203.25"))
        self.assertEqual(
            arrears.moratory_amount(100_000, days, rules.MORATORY_MULTIPLIER), Decimal("1129.17")
        )
        # Half a cent rounds up, once: 9 x 10 rate-days x 2 / 100 / 360 = 0.005 -> 0.01.
        self.assertEqual(arrears.moratory_amount(9, 10, 2), Decimal("0.01"))
        self.assertEqual(arrears.moratory_amount("8.99", 10, 2), Decimal("0.00"))
        with self.assertRaises(ValueError):
            arrears.moratory_amount(-1, days, 2)
