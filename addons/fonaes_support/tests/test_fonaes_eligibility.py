"""Database-free checks of the eligibility rules (tools/eligibility.py), with the figures of
the Reglas de Operación FONAES 2005."""

from odoo.tests import BaseCase, tagged

from odoo.addons.fonaes_support.tools import eligibility as el
from odoo.addons.fonaes_support.tools.eligibility import Refusal


def code(refusal):
    return refusal and refusal.code


@tagged("post_install", "-at_install")
class TestEligibilityRules(BaseCase):
    def test_kinds(self):
        self.assertEqual(el.kind_codes(" esf, esc ,"), {"esf", "esc"})
        self.assertIsNone(el.kind_refusal("esc", set(), {"esc"}))
        self.assertIsNone(el.kind_refusal("esc", set(), set()))
        self.assertEqual(code(el.kind_refusal("esf", {"esc"}, set())), "kind_not_allowed")
        self.assertEqual(code(el.kind_refusal("esc", {"esc"}, {"esf"})), "kind_not_allowed")

    def test_standing_and_capital_supports(self):
        # §4.3.1.L: breach first, then behind on the revolving.
        self.assertEqual(code(el.standing_refusal(True, True)), "breach")
        self.assertEqual(code(el.standing_refusal(False, True)), "behind_any")
        self.assertIsNone(el.standing_refusal(False, False))
        # §4.3.1.G: two capital supports at most; the legacy debt counts as the first.
        two = el.capital_supports_refusal(
            2, False, "empresa_social", False, False, True, False, False
        )
        self.assertEqual(two, Refusal("two_supports", count=2, max=2))
        legacy = el.capital_supports_refusal(1, True, "empresa_social", False, False, True, 0, 0)
        self.assertIsNone(legacy)
        self.assertEqual(
            el.capital_supports_refusal(0, True, "empresa_social", False, True, True, 0, 0),
            Refusal("behind", count=1, max=2),
        )
        # §4.3.1.6.A: a type granted once.
        self.assertEqual(
            code(el.capital_supports_refusal(0, False, "esc", False, False, False, True, True)),
            "once_only",
        )
        self.assertEqual(code(el.type_once_only_refusal(True, True)), "type_once_only")
        self.assertIsNone(el.type_once_only_refusal(True, False))
        # §4.3.1.5.D: second IPM only for social enterprises.
        kinds = {"empresa_social", "microempresa_social"}
        self.assertIsNone(el.second_support_refusal("empresa_social", kinds, True))
        self.assertIsNone(el.second_support_refusal("grupo_social", kinds, False))
        self.assertEqual(
            code(el.second_support_refusal("grupo_social", kinds, True)), "second_support_kind"
        )

    def test_microempresa_ten_and_ten(self):
        # Anexo I: at most 10 partners and up to 10 workers.
        self.assertIsNone(el.microempresa_refusal(10, 10))
        self.assertEqual(
            el.microempresa_refusal(10, 11),
            Refusal("microempresa_size", members=10, workers=11, max_members=10, max_workers=10),
        )
        self.assertEqual(code(el.microempresa_refusal(11, 0)), "microempresa_size")

    def test_units_and_total_per_year(self):
        # §4.3.3.1 table: technical assistance ≤ 10 months, ≤ 100 thousand a year.
        self.assertIsNone(el.units_refusal(10, "month", 10))
        self.assertEqual(
            el.units_refusal(11, "month", 10), Refusal("too_many_units", units=11, max=10)
        )
        self.assertEqual(code(el.units_refusal(2, False, 0)), "not_per_unit")
        self.assertIsNone(el.units_refusal(1, False, 0))
        self.assertIsNone(el.total_per_year_refusal(90_000, 10_000, 100_000))
        self.assertEqual(
            el.total_per_year_refusal(90_000, 10_000.01, 100_000),
            Refusal("total_exceeded", given=90_000, amount=10_000.01, max=100_000),
        )
        self.assertIsNone(el.total_per_year_refusal(10**9, 1, 0))

    def test_constitution_land_fixed_assets_minimum(self):
        # §4.3.1.1.A, §4.3.1.5.C: 5,000 for a social group's constitution.
        self.assertIsNone(el.constitution_refusal("grupo_social", 5_000, 5_000))
        self.assertEqual(
            el.constitution_refusal("grupo_social", 5_000.01, 5_000),
            Refusal("constitution_exceeded", amount=5_000.01, max=5_000),
        )
        self.assertEqual(
            code(el.constitution_refusal("empresa_social", 1, 5_000)), "constitution_not_allowed"
        )
        self.assertEqual(
            code(el.constitution_refusal("grupo_social", 1, 0)), "constitution_not_allowed"
        )
        self.assertIsNone(el.constitution_refusal("empresa_social", 0, 0))
        # §4.3.1.F
        self.assertEqual(code(el.land_refusal(1, False)), "land_not_allowed")
        self.assertIsNone(el.land_refusal(1, True))
        self.assertEqual(code(el.working_capital_refusal(True, 1)), "fixed_assets_not_financed")
        self.assertIsNone(el.working_capital_refusal(True, 0))
        self.assertIsNone(el.min_amount_refusal(50_000, 50_000))
        self.assertEqual(code(el.min_amount_refusal(49_999.99, 50_000)), "below_minimum")

    def test_women_only(self):
        self.assertIsNone(el.women_only_refusal(True, 5, 0))
        self.assertEqual(el.women_only_refusal(True, 5, 1), Refusal("women_only", men=1))
        self.assertEqual(code(el.women_only_refusal(True, 0, 0)), "women_only")
        self.assertIsNone(el.women_only_refusal(False, 0, 3))

    def test_ceiling_and_shares(self):
        # §4.3.1.2.D.ii: 5 M for regional-impact projects.
        self.assertEqual(el.ceiling(600_000, 900_000), 900_000)
        self.assertEqual(el.ceiling(600_000, 0), 600_000)
        self.assertEqual(el.ceiling(1_000_000, 1_500_000, 5_000_000, True), 5_000_000)
        self.assertEqual(el.ceiling(1_000_000, 1_500_000, 5_000_000, False), 1_500_000)
        self.assertEqual(code(el.ceiling_refusal("exceeded")), "amount_exceeded")
        self.assertIsNone(el.ceiling_refusal("opinion"))
        self.assertEqual(code(el.share_refusal(0, 0, 70, 0)), "project_value_missing")
        self.assertIsNone(el.share_refusal(70.0, 1000, 70, 0))
        self.assertEqual(
            el.share_refusal(70.01, 1000, 70, 0),
            Refusal("project_share_exceeded", pct=70.01, max=70),
        )
        # §4.3.3.2: PROCOMER promotion 90 % of the event's costs.
        self.assertIsNone(el.share_refusal(90.0, 1000, 0, 90))
        self.assertEqual(code(el.share_refusal(90.5, 1000, 0, 90)), "cost_share_exceeded")

    def test_esf_minimums(self):
        # §4.3.1.3.C: more than 200 partners and 700 thousand; +100 and +400 thousand a branch.
        args = (200, 700_000, 100, 400_000)
        self.assertIsNone(el.esf_minimums_refusal(201, 700_000, 0, *args))
        self.assertEqual(code(el.esf_minimums_refusal(200, 700_000, 0, *args)), "esf_minimums")
        self.assertEqual(code(el.esf_minimums_refusal(201, 699_999.99, 0, *args)), "esf_minimums")
        self.assertEqual(
            el.esf_minimums_refusal(201, 1_099_999, 1, *args),
            Refusal(
                "esf_minimums", branches=1, need=300, equity=1_100_000, members=201, has=1_099_999
            ),
        )
        self.assertIsNone(el.esf_minimums_refusal(301, 1_100_000, 1, *args))
        self.assertIsNone(el.esf_minimums_refusal(0, 0, 0, 0, 0, 0, 0))

    def test_esc_minimums_boundaries(self):
        # §4.3.1 Requisitos Generales A: 10 M agreed and 1 M received; a branch 5 M and 500 k.
        self.assertEqual(el.esc_minimums(False), (10_000_000, 1_000_000))
        self.assertEqual(el.esc_minimums(True), (5_000_000, 500_000))
        refusal = el.esc_minimums_refusal
        self.assertIsNone(refusal("esc", "capital", 10_000_000, 1_000_000, False))
        self.assertEqual(
            code(refusal("esc", "capital", 9_999_999.99, 1_000_000, False)), "esc_minimums"
        )
        self.assertEqual(
            code(refusal("esc", "capital", 10_000_000, 999_999.99, False)), "esc_minimums"
        )
        self.assertIsNone(refusal("esc", "capital", 5_000_000, 500_000, True))
        self.assertEqual(
            refusal("esc", "capital", 4_999_999.99, 500_000, True),
            Refusal(
                "esc_minimums",
                branch=True,
                agreed=4_999_999.99,
                paid=500_000,
                min_agreed=5_000_000,
                min_paid=500_000,
            ),
        )
        self.assertEqual(
            code(refusal("esc", "capital", 5_000_000, 499_999.99, True)), "esc_minimums"
        )
        # A branch's figures do not make a whole ESC eligible.
        self.assertEqual(
            code(refusal("esc", "capital", 5_000_000, 500_000, False)), "esc_minimums"
        )
        # Only ESC applicants, only productive capital (§4.3.3 has its own requirements).
        self.assertIsNone(refusal("esc", "ade", 0, 0, False))
        self.assertIsNone(refusal("esf", "capital", 0, 0, False))

    def test_trust(self):
        # §4.3.2.J: federal ≤ non-federal; §4.3.2: federal ≤ 50 % of the net worth.
        self.assertIsNone(el.trust_refusal(1_000, 1_000, 4_000, 1_000))
        self.assertEqual(
            el.trust_refusal(1_000.01, 1_000, 10**9, 0),
            Refusal("trust_over_nonfederal", amount=1_000.01, nonfederal=1_000),
        )
        self.assertEqual(
            el.trust_refusal(1_000, 1_000, 4_000, 1_000.01),
            Refusal("trust_over_net_worth", federal=2_000.01, pct=50, limit=2_000),
        )

    def test_registration_times_and_content(self):
        self.assertEqual(
            code(el.registration_refusal("ade", "esc", False)), "registration_not_in_force"
        )
        self.assertIsNone(el.registration_refusal("ade", "esc", True))
        self.assertIsNone(el.registration_refusal("ade", "empresa_social", False))
        # §4.3.3.2.B: promotion at most 3 a year, results reported from the second.
        self.assertIsNone(el.times_per_year_refusal(2, 3, True, True))
        self.assertEqual(code(el.times_per_year_refusal(3, 3, True, True)), "times_per_year")
        self.assertEqual(
            code(el.times_per_year_refusal(1, 3, True, False)), "results_report_missing"
        )
        self.assertIsNone(el.times_per_year_refusal(0, 3, True, False))
        self.assertIsNone(el.times_per_year_refusal(99, 0, False, False))
        self.assertEqual(
            el.service_content_refusal("FONAES-0001"),
            Refusal("same_service_content", folio="FONAES-0001"),
        )
        self.assertIsNone(el.service_content_refusal(False))

    def test_budget(self):
        # §4.3.1.3.A: ACCIS personas físicas use at most 10 % of the national budget.
        self.assertIsNone(el.budget_share_refusal(10_000, 30_000, 400_000, 10.0))
        self.assertEqual(
            el.budget_share_refusal(30_000, 30_000, 400_000, 10.0),
            Refusal("budget_share_exceeded", pct=10.0, cap=40_000, used=30_000),
        )
        self.assertIsNone(el.budget_share_refusal(10**9, 1, None, 10.0))
        self.assertIsNone(el.budget_share_refusal(10**9, 1, 1, 0))
        # §4.5.1.C
        self.assertIsNone(el.envelope_refusal(100, 100))
        self.assertEqual(
            el.envelope_refusal(100, 100.01),
            Refusal("no_budget_sufficiency", available=100, amount=100.01),
        )
