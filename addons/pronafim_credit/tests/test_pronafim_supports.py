from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PronafimCase


def independent_cat(amount, payment, periods, per_year, upfront=0.0):
    """Annual rate i with amount - upfront = sum payment / (1 + i) ** (k / per_year),
    by plain bisection (independent of micro_base.tools.cat)."""
    low, high = 0.0, 100.0
    for _ in range(200):
        mid = (low + high) / 2
        pv = sum(payment / (1 + mid) ** (k / per_year) for k in range(1, periods + 1))
        if pv > amount - upfront:
            low = mid
        else:
            high = mid
    return low * 100


@tagged("post_install", "-at_install")
class TestPronafimSupports(PronafimCase):
    def _imf(self, portfolio):
        return self.env["res.partner"].create(
            {
                "name": f"IMF {portfolio}",
                "is_company": True,
                "pronafim_role": "imf",
                "pronafim_net_portfolio": portfolio,
            }
        )

    def _support(self, partner, kind, **vals):
        return (
            self.env["pronafim.support"]
            .with_user(self.analyst)
            .create(
                {
                    "name": "Apoyo",
                    "partner_id": partner.id,
                    "kind": kind,
                    "project_cost": 100_000,
                    **vals,
                }
            )
        )

    def test_support_table_by_size_class(self):
        """§VIII.2.B.i/ii: % of support by class; "No aplica" for Macro and Grande."""
        Rate = self.env["pronafim.support.rate"]
        expected = {
            ("ta_specific", "medium"): 50,
            ("ta_specific", "small"): 60,
            ("ta_specific", "micro"): 80,
            ("ta_social", "macro"): 20,
            ("ta_social", "large"): 20,
            ("ta_social", "medium"): 50,
            ("staff_capacity", "medium"): 60,
            ("staff_capacity", "small"): 70,
            ("staff_capacity", "micro"): 90,
        }
        for (kind, cls), pct in expected.items():
            rate = Rate.search([("kind", "=", kind), ("size_class_id.code", "=", cls)])
            self.assertTrue(rate.applicable)
            self.assertEqual(rate.max_pct, pct, (kind, cls))
        for kind in ("ta_specific", "staff_capacity"):
            for cls in ("macro", "large"):
                rate = Rate.search([("kind", "=", kind), ("size_class_id.code", "=", cls)])
                self.assertFalse(rate.applicable)
        medium = self._imf(60_000_000)
        support = self._support(medium, "ta_specific", amount_authorized=50_000)
        self.assertEqual(support.amount_max, 50_000)
        with self.assertRaisesMessage(ValidationError, "(§VIII.2.B.i)") as err:
            self._support(medium, "ta_specific", amount_authorized=50_000.01)
        self.assertIn("50,000.00", str(err.exception))
        micro = self._imf(15_000_000)
        self.assertEqual(self._support(micro, "staff_capacity").amount_max, 90_000)
        macro = self._imf(320_000_000)
        with self.assertRaisesMessage(ValidationError, "does not apply to size class Macro"):
            self._support(macro, "ta_specific")
        self.assertEqual(self._support(macro, "ta_social").amount_max, 20_000)

    def test_training_cap_1500_per_person(self):
        """§VIII.2.A.i.a: up to 90 % of the cost and 1,500 per micro-entrepreneur."""
        partner = self._imf(20_000_000)
        support = self._support(
            partner, "training_population", project_cost=200_000, beneficiaries=100
        )
        self.assertEqual(support.amount_max, 150_000)
        support.amount_authorized = 150_000
        with self.assertRaisesMessage(ValidationError, "(§VIII.2.A.i.a)"):
            support.amount_authorized = 150_000.01
        support.committee_override = True
        self.assertEqual(support.amount_max, 180_000, "90 % of the cost still applies")
        few = self._support(partner, "training_population", project_cost=10_000, beneficiaries=10)
        self.assertEqual(few.amount_max, 9_000)

    def test_access_point_criteria_and_reimbursement(self):
        """§VIII.2.B.iv: a Mediana IMF meets at least 2 criteria; at most 6 months;
        §IX.3.d: paid as reimbursement, never above the authorized amount."""
        medium = self._imf(60_000_000)
        with self.assertRaisesMessage(ValidationError, "must meet 2 of the criteria"):
            self._support(medium, "access_points", criterion_zones=True, duration_months=6)
        with self.assertRaisesMessage(ValidationError, "exceeds 6 months"):
            self._support(
                medium,
                "access_points",
                criterion_zones=True,
                criterion_rate=True,
                duration_months=7,
            )
        support = self._support(
            medium,
            "access_points",
            criterion_zones=True,
            criterion_rate=True,
            duration_months=6,
            amount_authorized=80_000,
        )
        support.action_authorize()
        support.write({"amount_reimbursed": 79_000, "placed_count": 120})
        # §VIII.2.B.iv: at least 50 % of the micro-credits placed there with program funds.
        support.placed_program_count = 59
        with self.assertRaisesMessage(
            UserError,
            "Reimbursement refused (§VIII.2.B.iv): 59 of 120 micro-credits placed were funded "
            "by the program (49.2 %); at least 50 % are required.",
        ):
            support.action_reimburse()
        self.assertEqual(support.state, "authorized")
        with self.assertRaisesMessage(ValidationError, "must be between 0 and the micro-credits"):
            support.placed_program_count = 121
        support.placed_program_count = 60
        support.amount_reimbursed = 80_000.01
        with self.assertRaisesMessage(UserError, "exceeds the authorized"):
            support.action_reimburse()
        support.amount_reimbursed = 79_000
        support.action_reimburse()
        self.assertEqual(support.state, "reimbursed")
        with self.assertRaises(AccessError):
            support.with_user(self.analyst).unlink()
        # Not deletable in two steps either: its status moves only through the steps.
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            support.write({"state": "draft"})
        self.assertEqual(support.state, "reimbursed")
        macro = self._imf(400_000_000)
        with self.assertRaisesMessage(ValidationError, "must meet 3"):
            self._support(macro, "promoters", criterion_zones=True, criterion_training=True)

    def test_promoters_six_months_and_program_funded(self):
        """§VIII.2.B.v: credit promoters' support lasts at most 6 months, and at least 50 %
        of the micro-credits they placed are funded by the program."""
        small = self._imf(20_000_000)
        with self.assertRaisesMessage(ValidationError, "exceeds 6 months (§VIII.2.B.v)"):
            self._support(small, "promoters", criterion_zones=True, duration_months=7)
        support = self._support(
            small, "promoters", criterion_zones=True, duration_months=6, amount_authorized=10_000
        )
        support.action_authorize()
        support.amount_reimbursed = 10_000
        with self.assertRaisesMessage(UserError, "Reimbursement refused (§VIII.2.B.v): 0 of 0"):
            support.action_reimburse()
        support.write({"placed_count": 40, "placed_program_count": 20})
        self.assertEqual(support.placed_program_pct, 50)
        support.action_reimburse()
        self.assertEqual(support.state, "reimbursed")

    def test_budget_split(self):
        """§V: at least 96.05 % to credit supports, at most 3.95 % to operating costs."""
        Budget = self.env["pronafim.budget"].with_user(self.finance)
        ok = Budget.create({"year": 2026, "amount_credit": 9_605, "amount_operating": 395})
        self.assertAlmostEqual(ok.credit_pct, 96.05)
        self.assertFalse(ok.warning)
        bad = Budget.create({"year": 2027, "amount_credit": 9_604, "amount_operating": 396})
        self.assertIn("96.04 % below the minimum 96.05 %", bad.warning)
        self.assertIn("3.96 % above the maximum 3.95 %", bad.warning)
        with self.assertRaises(AccessError):
            ok.with_user(self.analyst).write({"amount_credit": 1})

    def test_cat_matches_independent_computation(self):
        """§XI.k: CAT by the Banco de México method; §XI.j: payment per 1,000 pesos."""
        Product = self.env["pronafim.microcredit.product"].with_user(self.analyst)
        monthly = Product.create(
            {
                "name": "Crédito Mujer",
                "partner_id": self.imf.id,
                "amount": 10_000,
                "term_periods": 12,
                "periods_per_year": "12",
                "monthly_global_rate": 0.5516,
            }
        )
        self.assertAlmostEqual(monthly.payment, 888.49, 2)
        self.assertAlmostEqual(monthly.cat, 12.7, 1)
        self.assertLess(abs(monthly.cat - independent_cat(10_000, 888.49, 12, 12)), 0.1)
        self.assertAlmostEqual(monthly.payment_per_thousand, 88.85, 2)
        weekly = Product.create(
            {
                "name": "Grupal semanal",
                "partner_id": self.imf.id,
                "amount": 5_000,
                "term_periods": 16,
                "periods_per_year": "52",
                "monthly_global_rate": 5.0,
                "opening_fee": 100,
            }
        )
        expected = independent_cat(5_000, weekly.payment, 16, 52, upfront=100)
        self.assertLess(abs(weekly.cat - expected), 0.1, (weekly.cat, expected))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("pronafim_credit.report_microcredit_disclosure", monthly.ids)[0]
            .decode()
        )
        self.assertIn("12.7", html)
        self.assertIn("88.85", html)
