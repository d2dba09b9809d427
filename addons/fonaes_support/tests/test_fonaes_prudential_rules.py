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
        self.assertEqual(p.single_borrower_limit(1_000_000, True), (14, Decimal("140000.00")))
        # Anexo XI §2.a.1: 4,000 UDIS at 8.5 pesos = 34,000 pesos.
        self.assertEqual(p.automatic_authorization(34_000, "8.5"), (True, Decimal("4000.00")))
        self.assertFalse(p.automatic_authorization(34_000.01, "8.5")[0])
        # Anexo XI §4.a: 10 % of 900,000 net + 100 % of 50,000 against the rules.
        self.assertEqual(p.capital_requirement(950_000, 50_000), Decimal("140000.00"))
        # Anexo XI §5: 10 % of the 30-day liabilities.
        self.assertEqual(p.liquidity_requirement(250_000), Decimal("25000.00"))
