from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesTables(FonaesCase):
    """The §4.3 tables as data, read by the state representative who applies them."""

    def _rows(self, code):
        support = (
            self.env["fonaes.support.type"].with_user(self.state_rep).search([("code", "=", code)])
        )
        self.assertEqual(len(support), 1, code)
        return support, {
            row.name: (
                row.min_amount,
                row.max_amount,
                row.opinion_max_amount,
                row.regional_max_amount,
                row.revolving_years_working,
                row.revolving_years_fixed,
            )
            for row in support.line_ids
        }

    def test_cts_table(self):
        # §4.3.1.1.C: 220 / 500 thousand, 2 years, 1.5x with opinion; working capital only;
        # 100 % of the project for groups mostly of persons with disabilities (§4.3.1).
        support, rows = self._rows("CTS")
        self.assertEqual(len(rows), 7)
        self.assertEqual(rows["Livestock (Pecuaria)"], (0, 220_000, 330_000, 0, 2, 0))
        self.assertEqual(rows["Aquaculture (Acuícola)"], (0, 220_000, 330_000, 0, 2, 0))
        self.assertEqual(
            rows["Collection and Trading (Acopio y Comercialización)"],
            (0, 500_000, 750_000, 0, 2, 0),
        )
        self.assertTrue(support.working_capital_only)
        self.assertEqual(support.disabled_max_project_pct, 100)
        self.assertEqual(support.rule_section, "§4.3.1.1")

    def test_csr_table(self):
        # §4.3.1.2: ≤ 40 %; 600 / 1,000 thousand; years by working capital / fixed assets;
        # 5 M for regional-impact extractiva and agroindustria rural.
        support, rows = self._rows("CSR")
        self.assertEqual(support.max_project_pct, 40)
        self.assertEqual(rows["Livestock (Pecuaria)"], (0, 600_000, 900_000, 0, 3, 8))
        self.assertEqual(rows["Fishing (Pesquera)"], (0, 600_000, 900_000, 0, 2, 5))
        self.assertEqual(rows["Aquaculture (Acuícola)"], (0, 600_000, 900_000, 0, 2, 6))
        self.assertEqual(rows["Agriculture (Agrícola)"], (0, 600_000, 900_000, 0, 2, 8))
        self.assertEqual(
            rows["Extractive (Extractiva)"], (0, 1_000_000, 1_500_000, 5_000_000, 2, 8)
        )
        self.assertEqual(
            rows["Rural Agroindustry (Agroindustria Rural)"],
            (0, 1_000_000, 1_500_000, 5_000_000, 3, 8),
        )

    def test_accis_table(self):
        # §4.3.1.3: ≤ 60 %, empresa social ≤ 40 % and the only row with 1.5x; ESF without
        # revolving.
        support, rows = self._rows("ACCIS")
        self.assertEqual(support.max_project_pct, 60)
        self.assertEqual(
            rows["Individual, self-employment (Persona Física)"], (30_000, 50_000, 50_000, 0, 2, 2)
        )
        self.assertEqual(rows["Social Micro-enterprise"], (30_000, 300_000, 300_000, 0, 2, 4))
        self.assertEqual(
            rows["Social Enterprise, Industry, Commerce, Services"], (0, 600_000, 900_000, 0, 2, 7)
        )
        self.assertEqual(
            rows["Social Financing Enterprise or Branch"], (0, 300_000, 300_000, 0, 0, 0)
        )
        self.assertEqual(
            rows["Social Financing Enterprise or Branch (merger)"], (0, 600_000, 600_000, 0, 0, 0)
        )
        social = support.line_ids.filtered(lambda r: r.beneficiary_kinds == "empresa_social")
        self.assertEqual(social._max_project_pct(), 40)

    def test_comercializadora_ipm_acp_trust(self):
        support, rows = self._rows("COMSOC")  # §4.3.1.4
        self.assertEqual(support.max_project_pct, 40)
        self.assertEqual(
            rows["Trading (Comercialización)"], (0, 1_000_000, 1_000_000, 5_000_000, 2, 8)
        )
        support, rows = self._rows("IPM")  # §4.3.1.5
        self.assertEqual(support.max_project_pct, 80)
        self.assertTrue(support.women_only)
        self.assertEqual(list(rows.values()), [(30_000, 300_000, 450_000, 0, 2, 4)])
        support, rows = self._rows("ACP")  # §4.3.1.6.A
        self.assertTrue(support.once_only)
        self.assertFalse(support.revolving)
        self.assertEqual(next(iter(rows.values()))[1], 500_000)
        support, rows = self._rows("TRUST")  # §4.3.2.K
        self.assertTrue(support.opinion_always)
        self.assertEqual(next(iter(rows.values()))[1], 10_000_000)

    def test_ade_procomer_tables(self):
        # §4.3.3.1: reference / maximum per unit, ≤ 3 times per service type per year.
        support = self.env.ref("fonaes_support.support_type_ade")
        rows = {r.name: r for r in support.line_ids}
        self.assertEqual(len(rows), 17)
        profile = rows["Investment profile (Perfil de Inversión)"]
        self.assertEqual((profile.reference_amount, profile.max_amount), (4_000, 6_000))
        studies = rows["Specialized studies"]
        self.assertEqual((studies.reference_amount, studies.max_amount), (50_000, 110_000))
        self.assertEqual(rows["Intern or scholarship holder"].max_amount, 3_000)
        self.assertEqual(set(support.line_ids.mapped("max_per_year")), {3})
        # §4.3.3.2: promotion ≤ 3 a year at ≤ 90 % of costs; other services once a year.
        rows = {r.name: r for r in self.procomer.line_ids}
        promotion = rows["Commercial promotion"]
        self.assertEqual(
            (
                promotion.reference_amount,
                promotion.max_amount,
                promotion.max_per_year,
                promotion.max_cost_pct,
            ),
            (20_000, 50_000, 3, 90),
        )
        self.assertEqual(rows["Market and trading studies"].max_amount, 110_000)
        self.assertEqual(rows["Commercial dissemination and image"].max_per_year, 1)

    def test_document_checklist_per_kind(self):
        # §4.3.1.A: a social group brings its assembly minutes and constitution letter; a
        # persona física its RFC and CURP; the revolving certificate only with a previous
        # support (§4.3.1.G "en su caso").
        Doc = self.env["fonaes.document.type"].with_user(self.state_rep)
        group_docs = Doc._required_for("grupo_social", "capital").mapped("code")
        self.assertIn("group_minutes", group_docs)
        self.assertIn("constitution_letter", group_docs)
        self.assertIn("roster", group_docs)
        self.assertNotIn("rfc", group_docs)
        self.assertNotIn("revolving_certificate", group_docs)
        individual = Doc._required_for("persona_fisica", "capital").mapped("code")
        self.assertIn("rfc", individual)
        self.assertIn("curp_individual", individual)
        self.assertNotIn("roster", individual)
        self.assertIn(
            "revolving_certificate",
            Doc._required_for("empresa_social", "capital", previous_support=True).mapped("code"),
        )
        ade = Doc._required_for("empresa_social", "ade").mapped("code")
        self.assertIn("service_budget", ade)
        self.assertNotIn("project", ade)
