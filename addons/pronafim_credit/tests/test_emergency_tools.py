import datetime
from decimal import Decimal

from odoo.tests import BaseCase

from ..tools import emergency


class TestEmergencyTools(BaseCase):
    def test_schedule_grace_zero_interest_sums_to_amount(self):
        """Seed 000 §1: 10,000, grace before the first installment, no interest."""
        rows = emergency.schedule(emergency.CREDIT_AMOUNT, 18, 3, datetime.date(2026, 1, 31))
        self.assertEqual(len(rows), 18)
        self.assertEqual([r.number for r in rows], list(range(1, 19)))
        # Nothing falls due in the three months of grace (Feb-Apr): the first installment
        # falls due four months after disbursement.
        self.assertEqual(rows[0].due_date, datetime.date(2026, 5, 31))
        self.assertEqual(rows[-1].due_date, datetime.date(2027, 10, 31))
        self.assertTrue(all(r.interest == 0 for r in rows))
        self.assertEqual(sum(r.payment for r in rows), Decimal("10000.00"))
        self.assertEqual(rows[0].payment, Decimal("555.56"))
        self.assertEqual(rows[-1].payment, Decimal("555.48"))
        self.assertEqual(rows[-1].balance_after, 0)

    def test_schedule_without_grace_and_bad_terms(self):
        rows = emergency.schedule(10_000, 10, 0, datetime.date(2026, 3, 15))
        self.assertEqual(rows[0].due_date, datetime.date(2026, 4, 15))
        self.assertEqual({r.payment for r in rows}, {Decimal("1000.00")})
        with self.assertRaises(ValueError):
            emergency.schedule(10_000, 0, 3, datetime.date(2026, 3, 15))
        with self.assertRaises(ValueError):
            emergency.schedule(10_000, 12, -1, datetime.date(2026, 3, 15))
        with self.assertRaises(ValueError):
            emergency.schedule(0, 12, 1, datetime.date(2026, 3, 15))

    def test_seed_figures(self):
        self.assertEqual(emergency.ENVELOPE_AMOUNT, 500_000_000)
        self.assertEqual(emergency.ENVELOPE_COUNT, 50_000)
        self.assertEqual(emergency.ENVELOPE_AMOUNT / emergency.ENVELOPE_COUNT, 10_000)

    def test_eligibility(self):
        day = datetime.date(2026, 11, 22)
        self.assertEqual(
            emergency.eligibility_errors("GOMA900215MDFRRN04", "CMX", "Fonda Ana", day), []
        )
        errors = emergency.eligibility_errors("GOMA900215MDFRRN05", "JAL", " ", day)
        self.assertEqual([(f, c) for f, c, _p in errors],
                         [("curp", "curp"), ("state_id", "residence"),
                          ("business_name", "business")])  # fmt: skip
        self.assertEqual(errors[0][2]["error"].reason, "checksum")
        (minor,) = emergency.eligibility_errors("PELJ100315HDFRPNA1", "CMX", "Taller", day)
        self.assertEqual(minor[1:], ("under_age", {"age": 16, "min_age": 18}))


class TestComplaintTools(BaseCase):
    def test_response_figures(self):
        from ..tools import complaints

        self.assertEqual(complaints.response_figures([]), (0.0, 0.0))
        # Seed 002 §7 before the electronic process: 53 days, 31 %.
        before = [(53, True)] * 31 + [(53, False)] * 69
        self.assertEqual(complaints.response_figures(before), (53.0, 31.0))
        self.assertEqual(complaints.response_figures([(10, True), (15, False)]), (12.5, 50.0))

    def test_due_status(self):
        from ..tools import complaints

        due = datetime.date(2026, 11, 26)
        self.assertEqual(complaints.due_status(datetime.date(2026, 11, 20), due, 4), "ok")
        self.assertEqual(complaints.due_status(datetime.date(2026, 11, 24), due, 2), "lapsing")
        self.assertEqual(complaints.due_status(due, due, 0), "lapsing")
        self.assertEqual(complaints.due_status(datetime.date(2026, 11, 27), due, 0), "lapsed")


class TestBankLayoutTools(BaseCase):
    def test_clabe_check_digit(self):
        self.assertTrue(emergency.clabe_valid("032180000118359719"))
        self.assertTrue(emergency.clabe_valid("002010077777777771"))
        self.assertFalse(emergency.clabe_valid("012180001234567891"))
        self.assertFalse(emergency.clabe_valid("03218000011835971"))
        self.assertFalse(emergency.clabe_valid("03218000011835971A"))
        self.assertFalse(emergency.clabe_valid(False))
