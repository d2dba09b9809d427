from datetime import date as date_
from decimal import Decimal

from odoo.tests import BaseCase

from odoo.addons.fonaes_support.tools import prudential as p

# Anexo XI §1.b, as the data file loads it (lower bound of days, percentage).
TABLE = ((0, 1), (1, 4), (8, 15), (31, 30), (61, 50), (91, 75), (121, 90), (181, 100))


class TestFonaesPrudentialRules(BaseCase):
    def test_provision_pct_boundaries(self):
        expected = {
            0: 1, 1: 4, 7: 4, 8: 15, 30: 15, 31: 30, 60: 30, 61: 50,
            90: 50, 91: 75, 120: 75, 121: 90, 180: 90, 181: 100, 1000: 100,
        }  # fmt: skip
        for days, pct in expected.items():
            with self.subTest(days=days):
                self.assertEqual(p.provision_pct(days, TABLE), Decimal(pct))

    def test_provision_amount_deposit_and_extra(self):
        self.assertEqual(p.provision_amount(10_000, 15), (Decimal("10000.00"), Decimal("1500.00")))
        # Blocked deposit of 4,000 (Anexo XI §1, last paragraph): 15 % of 6,000.
        self.assertEqual(
            p.provision_amount(10_000, 15, blocked_deposit=4_000),
            (Decimal("6000.00"), Decimal("900.00")),
        )
        # Deposit above the balance: nothing to provision.
        self.assertEqual(p.provision_amount(1_000, 50, 5_000)[1], Decimal("0.00"))
        # Extra 5 % ordered by FONAES on top, never above the balance.
        self.assertEqual(p.provision_amount(10_000, 15, extra_pct=5)[1], Decimal("2000.00"))
        self.assertEqual(p.provision_amount(10_000, 100, extra_pct=5)[1], Decimal("10000.00"))
        with self.assertRaises(ValueError):
            p.provision_amount(-1, 1)

    def test_past_due_triggers_by_kind(self):
        # Anexo XII-1 "Traspaso a cartera vencida" 2.a-2.d.
        self.assertFalse(p.triggers_past_due(p.KIND_SINGLE_PAYMENT, 29))
        self.assertTrue(p.triggers_past_due(p.KIND_SINGLE_PAYMENT, 30))
        self.assertFalse(p.triggers_past_due(p.KIND_SINGLE_PRINCIPAL, 29, 89))
        self.assertTrue(p.triggers_past_due(p.KIND_SINGLE_PRINCIPAL, 0, 90))
        self.assertTrue(p.triggers_past_due(p.KIND_SINGLE_PRINCIPAL, 30, 0))
        self.assertFalse(p.triggers_past_due(p.KIND_PERIODIC, 89))
        self.assertTrue(p.triggers_past_due(p.KIND_PERIODIC, 90))
        self.assertFalse(p.triggers_past_due(p.KIND_REVOLVING, 59))
        self.assertTrue(p.triggers_past_due(p.KIND_REVOLVING, 60))
        # Point 1: concurso mercantil, whatever the days.
        self.assertTrue(p.triggers_past_due(p.KIND_PERIODIC, 0, bankrupt=True))
        with self.assertRaises(ValueError):
            p.triggers_past_due("other", 0)

    def test_return_to_current(self):
        past = p.STATE_PAST_DUE
        # Not restructured: back to current only once nothing is owed late.
        self.assertEqual(p.classify(p.KIND_PERIODIC, 10, previous_state=past), past)
        self.assertEqual(p.classify(p.KIND_PERIODIC, 0, previous_state=past), p.STATE_CURRENT)
        # Below the threshold but never past due: current.
        self.assertEqual(p.classify(p.KIND_PERIODIC, 89), p.STATE_CURRENT)
        # Restructured: sustained payment, 3 installments of monthly periods...
        args = {"previous_state": past, "restructured": True, "period_days": 30}
        self.assertEqual(p.classify(p.KIND_PERIODIC, 0, consecutive_on_time=2, **args), past)
        self.assertEqual(
            p.classify(p.KIND_PERIODIC, 0, consecutive_on_time=3, **args), p.STATE_CURRENT
        )
        # ... or 1 when the periods exceed 60 days.
        args["period_days"] = 90
        self.assertEqual(p.classify(p.KIND_PERIODIC, 0, consecutive_on_time=0, **args), past)
        self.assertEqual(
            p.classify(p.KIND_PERIODIC, 0, consecutive_on_time=1, **args), p.STATE_CURRENT
        )

    def test_limits_and_ratios(self):
        # Anexo XI §3: 7 % / 14 % of equity.
        self.assertEqual(p.single_borrower_limit(1_000_000, False), (7, Decimal("70000.00")))
        self.assertEqual(
            p.single_borrower_limit(1_000_000, True, p.READING_ENTITY), (14, Decimal("140000.00"))
        )
        # Anexo XI §2.a.1: 4,000 UDIS at 8.5 pesos = 34,000 pesos.
        self.assertEqual(p.automatic_authorization(34_000, "8.5"), (True, Decimal("4000.00")))
        self.assertFalse(p.automatic_authorization(34_000.01, "8.5")[0])
        # Anexo XI §4.a: 10 % of 900,000 net + 100 % of 50,000 against the rules.
        self.assertEqual(p.capital_requirement(950_000, 50_000), Decimal("140000.00"))
        # §4.a, last paragraph: plus the additional capital FONAES requires.
        self.assertEqual(p.capital_requirement(950_000, 50_000, 25_000), Decimal("165000.00"))
        with self.assertRaises(ValueError):
            p.capital_requirement(1, 0, -1)
        # Anexo XI §5: 10 % of the 30-day liabilities.
        self.assertEqual(p.liquidity_requirement(250_000), Decimal("25000.00"))

    def test_loan_position(self):
        rows = [(date_(2026, m, 10), 1000, 100) for m in (1, 2, 3, 4)]
        # Nothing paid on March 1: two installments due, the oldest since January 10.
        pos = p.loan_position(rows, [], date_(2026, 3, 1))
        self.assertEqual((pos["principal_days"], pos["interest_days"]), (50, 50))
        self.assertEqual(pos["principal_balance"], Decimal("4000.00"))
        self.assertEqual(pos["interest_unpaid"], Decimal("200.00"))
        # 1,150 on January 9: first installment in full and 50 of February's interest.
        pos = p.loan_position(rows, [(date_(2026, 1, 9), 1150)], date_(2026, 3, 1))
        self.assertEqual((pos["principal_days"], pos["interest_days"]), (19, 19))
        self.assertEqual(pos["consecutive_on_time"], 0)
        self.assertEqual(pos["interest_unpaid"], Decimal("50.00"))
        # Everything paid on time up to April 10: 4 in a row, nothing late.
        paid = [(d, 1100) for d, _p, _i in rows]
        pos = p.loan_position(rows, paid, date_(2026, 4, 30))
        self.assertEqual(pos["consecutive_on_time"], 4)
        self.assertEqual(pos["principal_balance"], Decimal("0.00"))
        # Payments after the cut-off are ignored "as of" it.
        pos = p.loan_position(rows, paid, date_(2026, 2, 10))
        self.assertEqual(pos["principal_balance"], Decimal("2000.00"))

    def test_single_borrower_readings(self):
        # Anexo XI §3 names a legal entity in both sentences: 7 % under the strict reading
        # (the default), 14 % under the other; an individual is at 7 % under both.
        self.assertEqual(p.single_borrower_limit(1_000_000, True), (7, Decimal("70000.00")))
        self.assertEqual(
            p.single_borrower_limit(1_000_000, True, p.READING_STRICT), (7, Decimal("70000.00"))
        )
        self.assertEqual(
            p.single_borrower_limit(1_000_000, False, p.READING_ENTITY), (7, Decimal("70000.00"))
        )
        with self.assertRaises(ValueError):
            p.single_borrower_limit(1_000_000, True, "lenient")

    def test_renewed_credit_held_past_due(self):
        # Anexo XII-1: 25 % of an original 10,000 is 2,500, with the accrued interest.
        self.assertFalse(p.renewal_held_past_due(10_000, 2_500, True))
        self.assertTrue(p.renewal_held_past_due(10_000, 2_499.99, True))
        self.assertTrue(p.renewal_held_past_due(10_000, 2_500, False))
        # Until both are paid and the payment is sustained (3 monthly installments).
        held = {"original_amount": 10_000, "paid_before": 2_000, "interest_paid_before": True}
        self.assertTrue(
            p.renewal_held_past_due(**held, repaid_since=499.99, consecutive_on_time=3)
        )
        self.assertTrue(p.renewal_held_past_due(**held, repaid_since=500, consecutive_on_time=2))
        self.assertTrue(
            p.renewal_held_past_due(
                **held, repaid_since=500, interest_unpaid=0.01, consecutive_on_time=3
            )
        )
        self.assertFalse(p.renewal_held_past_due(**held, repaid_since=500, consecutive_on_time=3))
        # One installment when the periods exceed 60 days.
        self.assertFalse(
            p.renewal_held_past_due(
                **held, repaid_since=500, consecutive_on_time=1, period_days=90
            )
        )

    def test_position_of_a_renewed_credit(self):
        rows = [(date_(2026, m, 1), 1000, 80 - 10 * (m - 6)) for m in (6, 7, 8)]
        terms = {
            "loan_kind": p.KIND_PERIODIC,
            "months": 3,
            "restructured": False,
            "bankrupt": False,
            "amount": 3_000,
        }
        # Nothing late on June 30: current; held as renewed without its 25 %: past due, the
        # interest fallen due in memo accounts (accrual suspended).
        paid = [(date_(2026, 6, 1), 1_080)]
        pos = p.position(terms, rows, paid, date_(2026, 6, 30), p.STATE_CURRENT)
        self.assertEqual((pos["state"], pos["balance"]), (p.STATE_CURRENT, Decimal("2000.00")))
        terms["renewal"] = {
            "original_amount": 20_000,
            "paid_before": 0,
            "interest_paid_before": True,
        }
        pos = p.position(terms, rows, paid, date_(2026, 6, 30), p.STATE_CURRENT)
        self.assertEqual(pos["state"], p.STATE_PAST_DUE)

    def test_rating_date(self):
        # Anexo XI §1: figures at the last day of each calendar month.
        self.assertEqual(p.rating_date(date_(2026, 6, 30)), date_(2026, 6, 30))
        self.assertEqual(p.rating_date(date_(2026, 7, 1)), date_(2026, 6, 30))
        self.assertEqual(p.rating_date(date_(2026, 3, 15)), date_(2026, 2, 28))
        self.assertEqual(p.rating_date(date_(2024, 3, 1)), date_(2024, 2, 29))
