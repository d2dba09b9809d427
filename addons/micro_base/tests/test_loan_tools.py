"""Loan schedules, moratory interest, payment allocation and ageing, without a database."""

import datetime
from decimal import Decimal

from odoo.tests import BaseCase, tagged

from ..tools import loan

D = datetime.date
M = Decimal


def _column(schedule, name):
    return [getattr(installment, name) for installment in schedule]


@tagged("post_install", "-at_install", "micro_base_tools")
class TestMonthlySchedule(BaseCase):
    def test_level_principal_with_grace_twelve_equal_months(self):
        # 120,000 at 12 % a year over 12 months, 2 months of grace on capital, rate / 12:
        # 1 % a month on the balance; capital 120,000 / 10 = 12,000 from month 3.
        schedule = loan.monthly_schedule(
            120000, 0.12, 12, D(2026, 1, 15), grace_months=2, day_basis=None
        )
        self.assertEqual(_column(schedule, "number"), list(range(1, 13)))
        self.assertEqual(_column(schedule, "principal"), [M("0.00")] * 2 + [M("12000.00")] * 10)
        self.assertEqual(
            _column(schedule, "interest"),
            [M("1200.00"), M("1200.00")] + [M(120 * n) for n in range(10, 0, -1)],
        )
        self.assertEqual(schedule[2].payment, M("13200.00"))
        self.assertEqual(schedule[-1].payment, M("12120.00"))
        self.assertEqual(
            _column(schedule, "balance_after"),
            [M(120000)] * 2 + [M(12000 * n) for n in range(9, -1, -1)],
        )
        # 2 * 1,200 of grace, then 1 % of 120,000, 108,000, … 12,000: 120 * (10 + 9 + … + 1).
        self.assertEqual(sum(_column(schedule, "interest")), M("9000.00"))
        for installment in schedule:
            self.assertEqual(installment.payment, installment.principal + installment.interest)
            self.assertEqual(installment.principal.as_tuple().exponent, -2)
        with self.assertRaises(AttributeError):
            schedule[0].principal = M(1)  # frozen

    def test_actual_360_days_around_february_and_month_ends(self):
        # Disbursed on January 31: due dates clamp to the month end, always counted from
        # the 31st (April 30 then May 31, not May 30). Interest = balance * 12 % * days / 360.
        schedule = loan.monthly_schedule(120000, 0.12, 12, D(2026, 1, 31), grace_months=2)
        self.assertEqual(
            _column(schedule, "due_date")[:5],
            [D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31), D(2026, 6, 30)],
        )
        self.assertEqual(schedule[-1].due_date, D(2027, 1, 31))
        # 28 days of February, 31 of March, 30 of April on 120,000; 31 of May on 108,000.
        self.assertEqual(
            _column(schedule, "interest")[:4],
            [M("1120.00"), M("1240.00"), M("1200.00"), M("1116.00")],
        )
        self.assertEqual(sum(_column(schedule, "principal")), M("120000.00"))
        # A leap year: February 29 and 29 days of interest.
        leap = loan.monthly_schedule(36000, 0.10, 3, D(2028, 1, 31))
        self.assertEqual(
            _column(leap, "due_date"), [D(2028, 2, 29), D(2028, 3, 31), D(2028, 4, 30)]
        )
        self.assertEqual(leap[0].interest, M("290.00"))  # 36,000 * 10 % * 29 / 360
        # The 30th: February clamps to the 28th, March is back on the 30th.
        thirtieth = loan.monthly_schedule(1000, 0, 2, D(2026, 1, 30))
        self.assertEqual(_column(thirtieth, "due_date"), [D(2026, 2, 28), D(2026, 3, 30)])
        # day_basis=365 is also accepted: 120,000 * 12 % * 28 / 365.
        self.assertEqual(
            loan.monthly_schedule(120000, 0.12, 12, D(2026, 1, 31), day_basis=365)[0].interest,
            M("1104.66"),
        )

    def test_level_principal_rounding_absorbed_by_last(self):
        schedule = loan.monthly_schedule(100, 0, 3, D(2026, 3, 1))
        self.assertEqual(_column(schedule, "principal"), [M("33.33"), M("33.33"), M("33.34")])
        schedule = loan.monthly_schedule(200, 0, 3, D(2026, 3, 1))
        self.assertEqual(_column(schedule, "principal"), [M("66.67"), M("66.67"), M("66.66")])
        schedule = loan.monthly_schedule(M("1234567.89"), "0.0975", 36, D(2026, 5, 17), 6)
        self.assertEqual(sum(_column(schedule, "principal")), M("1234567.89"))
        self.assertEqual(schedule[-1].balance_after, M("0.00"))

    def test_annuity_matches_closed_form_pmt(self):
        # PMT = P r / (1 - (1 + r)^-n), r = 1 %: 10,661.85 for 120,000 over 12 months.
        principal, rate, months = 120000, 0.01, 12
        pmt = principal * rate / (1 - (1 + rate) ** -months)
        schedule = loan.monthly_schedule(
            principal, 0.12, months, D(2026, 1, 15), method="annuity", day_basis=None
        )
        payments = _column(schedule, "payment")
        for payment in payments[:-1]:
            self.assertLessEqual(abs(float(payment) - pmt), 0.01)
        self.assertEqual(payments[0], M("10661.85"))
        # The last one absorbs the rounding of the level payment and of the interest.
        self.assertLessEqual(abs(payments[-1] - payments[0]), M("0.12"))
        self.assertEqual(sum(_column(schedule, "principal")), M("120000.00"))
        self.assertEqual(schedule[-1].balance_after, M("0.00"))
        # Principal grows and interest falls, month after month.
        principal_column = _column(schedule, "principal")
        self.assertEqual(principal_column, sorted(principal_column))

    def test_annuity_with_grace_and_actual_days_is_level(self):
        # With actual/360 the periods differ (28 to 31 days); the payment is still level,
        # computed exactly for those periods (a plain rate / 12 PMT would leave pesos over).
        schedule = loan.monthly_schedule(
            120000, 0.12, 12, D(2026, 1, 31), grace_months=2, method="annuity"
        )
        payments = _column(schedule, "payment")
        self.assertEqual(payments[:2], [M("1120.00"), M("1240.00")])
        self.assertEqual(len(set(payments[2:-1])), 1)
        self.assertLessEqual(abs(payments[-1] - payments[2]), M("0.10"))
        self.assertEqual(sum(_column(schedule, "principal")), M("120000.00"))
        # The grace-period interest is on the full principal; capital starts in month 3.
        self.assertEqual(schedule[2].interest, M("1200.00"))
        self.assertEqual(schedule[1].balance_after, M("120000.00"))

    def test_zero_rate_revolving_repayment(self):
        # FONAES revolving repayment is interest-free: equal capital, no interest.
        for method in loan.METHODS:
            schedule = loan.monthly_schedule(
                10000, 0, 12, D(2026, 2, 10), grace_months=3, method=method
            )
            self.assertEqual(set(_column(schedule, "interest")), {M("0.00")})
            self.assertEqual(_column(schedule, "payment")[:3], [M("0.00")] * 3)
            self.assertEqual(_column(schedule, "principal")[3:-1], [M("1111.11")] * 8)
            self.assertEqual(schedule[-1].principal, M("1111.12"))
            self.assertEqual(sum(_column(schedule, "payment")), M("10000.00"))

    def test_inputs_int_float_decimal_agree(self):
        start = D(2026, 6, 5)
        as_int = loan.monthly_schedule(50000, M("0.115"), 6, start)
        as_float = loan.monthly_schedule(50000.0, 0.115, 6, start)
        as_decimal = loan.monthly_schedule(M("50000.00"), "0.115", 6, start)
        self.assertEqual(as_int, as_float)
        self.assertEqual(as_int, as_decimal)

    def test_rate_table_each_period_bears_rate_in_force(self):
        # CETES + margin as a dated table: 10 % from January, 12 % from April 1.
        table = [(D(2026, 4, 1), 0.12), (D(2026, 1, 1), 0.10)]
        schedule = loan.monthly_schedule(
            36000, None, 3, D(2026, 2, 1), day_basis=None, rate_table=table
        )
        # Feb 1 → Mar 1 at 10 %/12 on 36,000; Mar 1 → Apr 1 at 10 % on 24,000; Apr 1 →
        # May 1 at 12 %/12 on 12,000.
        self.assertEqual(_column(schedule, "interest"), [M("300.00"), M("200.00"), M("120.00")])
        annuity = loan.monthly_schedule(
            36000, None, 3, D(2026, 2, 1), method="annuity", day_basis=None, rate_table=table
        )
        # The payment is computed again, over the installments left, when the rate moves.
        self.assertNotEqual(annuity[0].payment, annuity[2].payment)
        self.assertEqual(annuity[-1].balance_after, M("0.00"))
        self.assertEqual(sum(_column(annuity, "principal")), M("36000.00"))
        self.assertEqual(loan.rate_in_force(table, D(2026, 3, 31)), 0.10)
        self.assertEqual(loan.rate_in_force(table, D(2026, 4, 1)), 0.12)
        with self.assertRaisesRegex(ValueError, "No rate of the table is in force on 2025-12-01"):
            loan.monthly_schedule(1000, None, 2, D(2025, 12, 1), rate_table=table)

    def test_errors(self):
        start = D(2026, 1, 1)
        cases = [
            ((1000, 0.1, 0, start), {}, "at least one installment"),
            ((1000, 0.1, 12, start), {"grace_months": 12}, "must be shorter than the term"),
            ((1000, 0.1, 12, start), {"grace_months": -1}, "cannot be negative"),
            ((-1000, 0.1, 12, start), {}, "principal must be positive"),
            ((0, 0.1, 12, start), {}, "principal must be positive"),
            ((1000, -0.1, 12, start), {}, "rate cannot be negative"),
            ((1000, 0.1, 12, start), {"method": "french"}, "Unknown amortization method"),
            ((1000, 0.1, 12, start), {"day_basis": 0}, "day basis must be positive"),
            ((1000, None, 12, start), {}, "rate table is required"),
        ]
        for args, kwargs, message in cases:
            with self.subTest(message=message), self.assertRaisesRegex(ValueError, message):
                loan.monthly_schedule(*args, **kwargs)

    def test_add_months_clamps(self):
        self.assertEqual(loan.add_months(D(2026, 1, 31), 1), D(2026, 2, 28))
        self.assertEqual(loan.add_months(D(2026, 1, 31), 3), D(2026, 4, 30))
        self.assertEqual(loan.add_months(D(2026, 11, 30), 3), D(2027, 2, 28))
        self.assertEqual(loan.add_months(D(2026, 12, 15), 1), D(2027, 1, 15))
        self.assertEqual(loan.add_months(D(2026, 12, 15), 0), D(2026, 12, 15))


@tagged("post_install", "-at_install", "micro_base_tools")
class TestArrears(BaseCase):
    def test_moratory_is_twice_ordinary(self):
        # 10,000 overdue 30 days, ordinary 12 %: moratory 24 % → 10,000 * 0.24 * 30 / 360.
        self.assertEqual(loan.moratory_interest(10000, 0.12, 30), M("200.00"))
        self.assertEqual(loan.moratory_interest(10000, 0.12, 30, multiplier=1), M("100.00"))
        self.assertEqual(loan.moratory_interest(M("12345.67"), "0.1125", 17), M("131.17"))
        self.assertEqual(loan.moratory_interest(10000, 0.12, 0), M("0.00"))
        self.assertEqual(loan.moratory_interest(10000, 0.12, 30, day_basis=365), M("197.26"))

    def test_moratory_errors(self):
        with self.assertRaisesRegex(ValueError, "days late cannot be negative"):
            loan.moratory_interest(100, 0.1, -1)
        with self.assertRaisesRegex(ValueError, "overdue amount cannot be negative"):
            loan.moratory_interest(-100, 0.1, 1)
        with self.assertRaisesRegex(ValueError, "moratory rate cannot be negative"):
            loan.moratory_interest(100, -0.1, 1)

    def test_allocation_moratory_interest_principal(self):
        due = {"moratory": 200, "interest": M("1000"), "principal": 10000.0}
        applied, remainder = loan.allocate_payment(1500, due)
        self.assertEqual(
            applied, {"moratory": M("200.00"), "interest": M("1000.00"), "principal": M("300.00")}
        )
        self.assertEqual(list(applied), ["moratory", "interest", "principal"])
        self.assertEqual(remainder, M("0.00"))
        applied, remainder = loan.allocate_payment(150, due)
        self.assertEqual(applied, {"moratory": M("150.00"), "interest": 0, "principal": 0})
        applied, remainder = loan.allocate_payment(M("11250.50"), due)
        self.assertEqual(sum(applied.values()), M("11200.00"))
        self.assertEqual(remainder, M("50.50"))

    def test_allocation_principal_first(self):
        due = {"moratory": 200, "interest": 1000, "principal": 10000}
        applied, remainder = loan.allocate_payment(
            10500, due, order=("principal", "interest", "moratory")
        )
        self.assertEqual(
            applied, {"principal": M("10000.00"), "interest": M("500.00"), "moratory": 0}
        )
        self.assertEqual(list(applied), ["principal", "interest", "moratory"])
        self.assertEqual(remainder, 0)
        # A component the order does not name but nothing is owed on is simply absent.
        applied, remainder = loan.allocate_payment(50, {"principal": 100}, order=("principal",))
        self.assertEqual((applied, remainder), ({"principal": M("50.00")}, M("0.00")))

    def test_allocation_errors(self):
        with self.assertRaisesRegex(ValueError, "missing from the allocation order"):
            loan.allocate_payment(100, {"fees": 10, "principal": 100}, order=("principal",))
        with self.assertRaisesRegex(ValueError, "payment cannot be negative"):
            loan.allocate_payment(-1, {"principal": 100})
        with self.assertRaisesRegex(ValueError, "owed for interest cannot be negative"):
            loan.allocate_payment(1, {"interest": -5})
        with self.assertRaisesRegex(ValueError, "names a component twice"):
            loan.allocate_payment(1, {}, order=("principal", "principal"))

    def test_days_past_due(self):
        unpaid = [D(2026, 2, 28), D(2026, 1, 31), D(2026, 3, 31)]
        self.assertEqual(loan.days_past_due(unpaid, D(2026, 1, 31)), 0)  # due today
        self.assertEqual(loan.days_past_due(unpaid, D(2026, 2, 1)), 1)
        self.assertEqual(loan.days_past_due(unpaid, D(2026, 3, 1)), 29)  # from the oldest
        self.assertEqual(loan.days_past_due([], D(2026, 3, 1)), 0)
        self.assertEqual(loan.days_past_due([D(2026, 5, 1)], D(2026, 3, 1)), 0)

    def test_ageing_bucket_boundaries(self):
        # The FONAES Anexo XI provisioning bands, as a caller would configure them.
        buckets = (
            (181, "181+"),
            (0, "0"),
            (1, "1-7"),
            (8, "8-30"),
            (31, "31-60"),
            (61, "61-90"),
            (91, "91-120"),
            (121, "121-180"),
        )
        expected = {
            0: "0",
            1: "1-7",
            7: "1-7",
            8: "8-30",
            30: "8-30",
            31: "31-60",
            60: "31-60",
            61: "61-90",
            90: "61-90",
            91: "91-120",
            120: "91-120",
            121: "121-180",
            180: "121-180",
            181: "181+",
            5000: "181+",
        }
        for days, label in expected.items():
            with self.subTest(days=days):
                self.assertEqual(loan.ageing_bucket(days, buckets), label)
        with self.assertRaisesRegex(ValueError, "below the first ageing bucket"):
            loan.ageing_bucket(-1, buckets)
        with self.assertRaisesRegex(ValueError, "same day"):
            loan.ageing_bucket(3, ((0, "a"), (0, "b")))
        with self.assertRaisesRegex(ValueError, "No ageing buckets"):
            loan.ageing_bucket(3, ())
