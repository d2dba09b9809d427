from odoo.tests import BaseCase

from odoo.addons.fonaes_support.tools import rules


class TestFonaesRules(BaseCase):
    def test_authorization_level_cts_pecuaria(self):
        # §4.3.1.1.C: 220 thousand by the state representative, up to 1.5x with opinion.
        self.assertEqual(rules.authorization_level(220_000, 220_000, 330_000), "state")
        self.assertEqual(rules.authorization_level(220_001, 220_000, 330_000), "opinion")
        self.assertEqual(rules.authorization_level(330_000, 220_000, 330_000), "opinion")
        self.assertEqual(rules.authorization_level(330_001, 220_000, 330_000), "exceeded")

    def test_authorization_level_regional_impact(self):
        # §4.3.1.2.D.ii: agroindustria rural / extractiva up to 5 M with regional impact.
        args = (1_000_000, 1_500_000, 5_000_000)
        self.assertEqual(rules.authorization_level(5_000_000, *args, True), "opinion")
        self.assertEqual(rules.authorization_level(5_000_000, *args, False), "exceeded")
        self.assertEqual(rules.authorization_level(5_000_001, *args, True), "exceeded")

    def test_project_share(self):
        self.assertAlmostEqual(rules.project_share_pct(400, 1000), 40.0)
        self.assertEqual(rules.project_share_pct(400, 0), 0.0)

    def test_capital_support_refusal(self):
        # §4.3.1.G / §4.3.1.L
        refusal = rules.capital_support_refusal
        self.assertIsNone(refusal(0, False, "empresa_social", False, False, False))
        self.assertEqual(refusal(0, False, "empresa_social", True, False, True), "breach")
        self.assertEqual(refusal(1, False, "empresa_social", False, True, True), "behind")
        self.assertEqual(
            refusal(1, False, "empresa_social", False, False, False), "not_consolidation"
        )
        self.assertIsNone(refusal(1, False, "empresa_social", False, False, True))
        self.assertEqual(refusal(2, False, "empresa_social", False, False, True), "two_supports")
        # An outstanding old debt counts as the first support.
        self.assertEqual(refusal(0, True, "empresa_social", False, True, True), "behind")
        self.assertIsNone(refusal(0, True, "empresa_social", False, False, True))
        # ESF and ESC: once.
        self.assertEqual(refusal(1, False, "esc", False, False, True), "once_only")
        self.assertIsNone(refusal(0, False, "esf", False, False, False))

    def test_deadlines_from_the_rules(self):
        self.assertEqual(
            (rules.RESOLUTION_BUSINESS_DAYS, rules.RESOLUTION_EXTENSION_BUSINESS_DAYS), (45, 20)
        )
        self.assertEqual(
            (
                rules.IMPROCEDENCE_NOTICE_BUSINESS_DAYS,
                rules.OBJECTION_BUSINESS_DAYS,
                rules.OBJECTION_EXTENSION_BUSINESS_DAYS,
            ),
            (15, 30, 20),
        )
        self.assertEqual(len(rules.RESCISSION_CAUSES), 6)
