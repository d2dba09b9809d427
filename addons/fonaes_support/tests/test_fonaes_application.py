from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesApplication(FonaesCase):
    """Reception, folio, evaluation order, dictamen and terms, as the state representative."""

    def test_incomplete_application_gets_no_folio(self):
        app = self._application(
            self.group, self._limit("support_limit_cts_1"), 100_000, complete=False
        )
        self.assertIn("group_minutes", app.document_line_ids.document_type_id.mapped("code"))
        app.document_line_ids[1:].write({"received": True})
        with self.assertRaisesMessage(UserError, "no folio is assigned until these documents"):
            app.action_submit()
        self.assertFalse(app.name)
        self.assertEqual(app.state, "draft")

    def test_folio_and_resolution_clock_across_16_september(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.action_submit()
        self.assertEqual(app.state, "registered")
        self.assertTrue(app.name.startswith("FONAES-"))
        self.assertEqual(app.registration_date, date.today())
        # §6.3.1.II: 45 business days; 16 Sep and 16 Nov 2026 are not working days in MX.
        app.sudo().registration_date = date(2026, 9, 14)
        self.assertEqual(app.resolution_deadline, date(2026, 11, 18))
        app.action_notify_extension()  # +20 business days with notice
        self.assertEqual(app.resolution_deadline, date(2026, 12, 16))
        with self.assertRaisesMessage(UserError, "already extended"):
            app.action_notify_extension()

    def test_budget_envelopes_national_state_municipal(self):
        limit = self._limit("support_limit_cts_5")  # Agrícola, 500 thousand
        budget = self.env["fonaes.budget"].with_user(self.directorate)
        budget.create(
            {
                "fiscal_year": self.year,
                "support_type_id": self.cts.id,
                "level": "state",
                "state_id": self.oaxaca.id,
                "amount": 150_000,
            }
        )
        budget.create(
            {
                "fiscal_year": self.year,
                "support_type_id": self.cts.id,
                "level": "state",
                "state_id": self.jalisco.id,
                "amount": 10_000_000,
            }
        )
        first = self._application(self.group, limit, 100_000)
        first.action_submit()
        second = self._application(self.group, limit, 60_000)
        with self.assertRaisesMessage(
            UserError, "No budget sufficiency in the state envelope 2026 CTS Oaxaca"
        ):
            second.action_submit()
        self.assertFalse(second.name)
        second.requested_amount = 50_000
        second.action_submit()
        self.assertEqual(second.folio_number, first.folio_number + 1)
        budget.create(
            {
                "fiscal_year": self.year,
                "support_type_id": self.ipm.id,
                "level": "municipal",
                "state_id": self.oaxaca.id,
                "municipality": "Tlacolula",
                "amount": 40_000,
            }
        )
        women = self._beneficiary("Mujeres de Tlacolula", "grupo_social", women=5)
        app = self._application(
            women, self._limit("support_limit_ipm_1"), 45_000, 100_000, municipality="Tlacolula"
        )
        with self.assertRaisesMessage(UserError, "municipal envelope"):
            app.action_submit()
        app.municipality = "Mitla"
        app.action_submit()
        self.assertEqual(app.state, "registered")

    def test_no_budget_no_folio(self):
        self.env["fonaes.budget"].search([("support_type_id", "=", self.cts.id)]).unlink()
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        with self.assertRaisesMessage(UserError, "There is no budget for"):
            app.action_submit()

    def test_evaluation_in_ascending_folio_order(self):
        limit = self._limit("support_limit_cts_1")
        first = self._application(self.group, limit, 100_000)
        second = self._application(self.group, limit, 120_000)
        (first | second).action_submit()
        self.assertEqual(second.folio_number, first.folio_number + 1)
        for app in (second, first):
            app.write(
                {
                    "validation_members": True,
                    "validation_assets": True,
                    "validation_conditions": True,
                }
            )
            app.action_validate()
        second.evaluation_result = "feasible"
        with self.assertRaisesMessage(UserError, f"cannot be evaluated before folio {first.name}"):
            second.action_evaluate()
        first.evaluation_result = "feasible"
        first.action_evaluate()
        second.action_evaluate()
        self.assertEqual(second.state, "evaluated")

    def test_field_validation_required(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.action_submit()
        with self.assertRaisesMessage(UserError, "must confirm the members"):
            app.action_validate()

    def test_state_limit_and_directorate_opinion(self):
        # §4.3.1.1.C: Pecuaria 220 thousand; up to 330 with the directorate's opinion first.
        limit = self._limit("support_limit_cts_1")
        too_much = self._application(self.group, limit, 330_001)
        self.assertEqual(too_much.authorization_level, "exceeded")
        with self.assertRaisesMessage(UserError, "exceeds the ceiling of $\xa0330,000.00"):
            too_much.action_submit()
        app = self._application(self.group, limit, 300_000)
        self.assertEqual(app.authorization_level, "opinion")
        app.action_submit()
        self._to_evaluated(app)
        with self.assertRaisesMessage(UserError, "favorable opinion is required first"):
            app.action_authorize()
        app.action_request_opinion()
        with self.assertRaises(AccessError):
            app.action_opinion_favorable()  # the state representative cannot give it
        app.with_user(self.directorate).action_opinion_favorable()
        app.action_authorize()
        self.assertEqual(app.state, "authorized")
        within = self._application(self.group, limit, 220_000)
        self.assertEqual(within.authorization_level, "state")

    def test_regional_impact_ceiling(self):
        # §4.3.1.2.D.ii: agroindustria rural up to 5 M on regional-impact schemes, ≤ 40 %.
        limit = self._limit("support_limit_csr_7")
        app = self._application(self.enterprise, limit, 5_000_000, 12_500_000)
        with self.assertRaisesMessage(UserError, "exceeds the ceiling of $\xa01,500,000.00"):
            app.action_submit()
        app.regional_impact = True
        self.assertEqual(app.authorization_level, "opinion")
        app.action_submit()
        self.assertEqual(app.state, "registered")

    def test_project_share_and_disabilities(self):
        # §4.3.1.2.A: CSR ≤ 40 % of the project; 80 % for enterprises mostly of persons
        # with disabilities (§4.3.1).
        limit = self._limit("support_limit_csr_1")
        app = self._application(self.enterprise, limit, 410_000, 1_000_000)
        with self.assertRaisesMessage(
            UserError, "41.00 % of the project exceeds the maximum of 40"
        ):
            app.action_submit()
        app.requested_amount = 400_000
        app.action_submit()
        disabled = self._beneficiary("Empresa Social Manos", "empresa_social", 2, 1, disabled=2)
        self.assertTrue(disabled.fonaes_mostly_disabled)
        app = self._application(disabled, limit, 500_000, 600_000)
        with self.assertRaisesMessage(UserError, "exceeds the maximum of 80"):
            app.action_submit()
        app.project_amount = 625_000
        app.action_submit()
        self.assertAlmostEqual(app.share_pct, 80.0)

    def test_ipm_women_only_and_cts_working_capital(self):
        limit = self._limit("support_limit_ipm_1")
        app = self._application(self.group, limit, 100_000, 200_000)
        with self.assertRaisesMessage(UserError, "made up exclusively of women"):
            app.action_submit()
        below = self._application(
            self._beneficiary("Mujeres", "grupo_social", women=4), limit, 29_000, 100_000
        )
        with self.assertRaisesMessage(UserError, "below the minimum of $\xa030,000.00"):
            below.action_submit()
        cts = self._application(
            self.group, self._limit("support_limit_cts_1"), 100_000, fixed_asset_amount=10_000
        )
        with self.assertRaisesMessage(UserError, "does not finance fixed assets"):
            cts.action_submit()
        wrong_kind = self._application(
            self.enterprise, self._limit("support_limit_cts_1"), 100_000
        )
        with self.assertRaisesMessage(UserError, "is not available to a Social enterprise"):
            wrong_kind.action_submit()

    def _authorized(self, partner, limit, amount, project, **vals):
        app = self._application(partner, limit, amount, project, **vals)
        app.action_submit()
        self._to_evaluated(app)
        app.action_authorize()
        return app

    def test_two_supports_breach_and_legacy_debt(self):
        limit = self._limit("support_limit_csr_1")
        self._authorized(self.enterprise, limit, 200_000, 500_000)
        second = self._application(self.enterprise, limit, 100_000, 500_000)
        with self.assertRaisesMessage(UserError, "only granted to consolidate the project"):
            second.action_submit()
        # The second support needs the certificate of being current (§4.3.1.G).
        self.assertIn(
            "revolving_certificate", second.document_line_ids.document_type_id.mapped("code")
        )
        second.consolidates_same_project = True
        second.action_submit()
        self._to_evaluated(second)
        second.action_authorize()
        third = self._application(
            self.enterprise, limit, 100_000, 500_000, consolidates_same_project=True
        )
        with self.assertRaisesMessage(UserError, "at most 2 per beneficiary (§4.3.1.G)"):
            third.action_submit()
        # Old debts count as the first support; a beneficiary in breach gets nothing.
        debtor = self._beneficiary("Empresa Social Deudora", "empresa_social", 2, 2)
        debtor.fonaes_legacy_debt = True
        app = self._application(debtor, limit, 100_000, 500_000)
        with self.assertRaisesMessage(UserError, "only granted to consolidate"):
            app.action_submit()
        debtor.fonaes_in_breach = True
        with self.assertRaisesMessage(UserError, "in breach of the rules"):
            app.action_submit()

    def test_ade_three_times_and_procomer_limits(self):
        # §4.3.3.1.A: the same ADE service at most 3 times per fiscal year.
        limit = self._limit("support_limit_ade_1")
        for _i in range(3):
            self._application(self.enterprise, limit, 6_000).action_submit()
        fourth = self._application(self.enterprise, limit, 6_000)
        with self.assertRaisesMessage(UserError, "at most 3 per fiscal year (§4.3.3.1)"):
            fourth.action_submit()
        with self.assertRaisesMessage(UserError, "exceeds the ceiling of $\xa015,000.00"):
            self._application(
                self.enterprise, self._limit("support_limit_ade_2"), 16_000
            ).action_submit()
        # §4.3.3.2.B: ≤ 90 % of the event's costs; the 2nd needs the 1st's results report.
        promotion = self._limit("support_limit_procomer_1")
        over = self._application(self.enterprise, promotion, 46_000, 50_000)
        with self.assertRaisesMessage(UserError, "92.00 % of the costs exceeds 90"):
            over.action_submit()
        self._application(self.enterprise, promotion, 45_000, 50_000).action_submit()
        second = self._application(self.enterprise, promotion, 45_000, 50_000)
        with self.assertRaisesMessage(UserError, "results of the previous event"):
            second.action_submit()
        second.previous_results_report = True
        second.action_submit()
        # §4.3.3.C: not the same service content twice; §4.3.3.G: no fixed assets.
        workshop = self._limit("support_limit_ade_8")
        self._application(
            self.enterprise, workshop, 20_000, service_content="Contabilidad básica"
        ).action_submit()
        with self.assertRaisesMessage(UserError, "same service content is not supported twice"):
            self._application(
                self.enterprise, workshop, 20_000, service_content="contabilidad básica "
            ).action_submit()
        with self.assertRaisesMessage(UserError, "does not finance fixed assets"):
            self._application(
                self.enterprise, workshop, 20_000, fixed_asset_amount=5_000
            ).action_submit()
        image = self._limit("support_limit_procomer_2")
        self._application(self.enterprise, image, 10_000).action_submit()
        with self.assertRaisesMessage(UserError, "at most 1 per fiscal year"):
            self._application(self.enterprise, image, 10_000).action_submit()

    def _improcedent(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.action_submit()
        self._to_evaluated(app, "not_feasible")
        with self.assertRaisesMessage(UserError, "was not evaluated as feasible"):
            app.action_authorize()
        with self.assertRaisesMessage(UserError, "write the inconsistencies"):
            app.action_improcedent()
        app.inconsistencies = "Los bienes aportados no existen."
        app.action_improcedent()
        return app

    def test_improcedence_windows_across_25_december_and_1_january(self):
        app = self._improcedent()
        app.sudo().write({"improcedence_date": date(2026, 12, 18)})
        # §6.3.1.V.b: 15 business days, skipping 25 Dec 2026 and 1 Jan 2027.
        self.assertEqual(app.notice_deadline, date(2027, 1, 12))
        app.action_notify_inconsistencies()
        app.sudo().write({"notice_date": date(2026, 12, 18)})
        # 30 business days to object (25 Dec, 1 Jan, 1 Feb 2027 skipped), +20 on request.
        self.assertEqual(app.objection_deadline, date(2027, 2, 3))
        app.action_extend_objection()
        self.assertEqual(app.objection_deadline, date(2027, 3, 3))

    def test_cron_cancels_folio_idempotent_and_refiling_gets_new_folio(self):
        app = self._improcedent()
        app.action_notify_inconsistencies()
        app.sudo().write({"notice_date": date(2026, 1, 5)})  # term ended 17 Feb 2026 (2 Feb off)
        other = self._improcedent()
        other.action_notify_inconsistencies()  # still within its term
        Application = self.env["fonaes.application"]
        self.assertEqual(Application._cron_cancel_expired_folios(), app)
        self.assertEqual(app.state, "cancelled")
        self.assertEqual(other.state, "improcedent")
        messages = len(app.message_ids)
        self.assertFalse(Application._cron_cancel_expired_folios())
        self.assertEqual(len(app.message_ids), messages)
        action = app.action_refile()
        refiled = Application.browse(action["res_id"]).with_user(self.state_rep)
        self.assertEqual(refiled.refiled_from_id, app)
        self.assertFalse(refiled.name)
        refiled.document_line_ids.write({"received": True})
        refiled.action_submit()
        self.assertGreater(refiled.folio_number, app.folio_number)
        self.assertEqual(app.state, "cancelled")

    def test_objection_within_term_returns_to_evaluation(self):
        app = self._improcedent()
        late = self._improcedent()
        app.action_notify_inconsistencies()
        app.action_receive_objection()
        self.assertEqual(app.state, "validated")
        late.action_notify_inconsistencies()
        late.sudo().write({"notice_date": date(2026, 1, 5)})
        with self.assertRaisesMessage(UserError, "the objection term ended on 2026-02-17"):
            late.action_receive_objection()

    def test_printed_document_carries_public_use_legend(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.action_submit()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.state_rep)
            ._render_qweb_html("fonaes_support.report_fonaes_application", app.ids)[0]
            .decode()
        )
        self.assertIn(app.name, html)
        self.assertIn(
            "Este programa es de carácter público, no es patrocinado ni promovido por partido "
            "político alguno",
            html,
        )

    def test_accis_individuals_budget_share_and_esf_minimums(self):
        # §4.3.1.3.A: personas físicas use at most 10 % of the ACCIS budget.
        accis = self.env.ref("fonaes_support.support_type_accis")
        self.env["fonaes.budget"].search([("support_type_id", "=", accis.id)]).amount = 400_000
        individual = self._limit("support_limit_accis_1")
        first = self._beneficiary("Juan Pérez", "persona_fisica")
        self._application(first, individual, 30_000, 50_000).action_submit()
        second = self._beneficiary("Rosa Díaz", "persona_fisica")
        with self.assertRaisesMessage(
            UserError, "may use at most 10.0 % of the national ACCIS budget ($\xa040,000.00)"
        ):
            self._application(second, individual, 30_000, 50_000).action_submit()
        # §4.3.1.3.C: ESF with > 200 partners and 700 thousand equity; +100 / +400 thousand
        # per branch.
        self.env["fonaes.budget"].search([("support_type_id", "=", accis.id)]).amount = 9e6
        esf = self._beneficiary("Caja Solidaria", "esf", women=101, men=100)
        esf.write({"fonaes_equity": 1_099_999, "fonaes_branch_count": 1})
        app = self._application(esf, self._limit("support_limit_accis_4"), 300_000, 500_000)
        with self.assertRaisesMessage(
            UserError,
            "needs more than 300 partners and an equity of "
            "$\xa01,100,000.00; it has 201 partners",
        ):
            app.action_submit()
        esf.write({"fonaes_branch_count": 0, "fonaes_equity": 700_000})
        app.action_submit()
        self.assertEqual(app.state, "registered")

    def test_cron_flags_overdue_resolution_once(self):
        late = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        late.action_submit()
        late.sudo().registration_date = date(2026, 1, 5)  # due 10 Mar 2026 (2 Feb off)
        self.assertEqual(late.resolution_deadline, date(2026, 3, 10))
        on_time = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        on_time.action_submit()
        Application = self.env["fonaes.application"]
        self.assertEqual(Application._cron_flag_overdue_terms(), late)
        self.assertEqual(len(late.activity_ids), 1)
        self.assertFalse(on_time.activity_ids)
        self.assertFalse(Application._cron_flag_overdue_terms())
        self.assertEqual(len(late.activity_ids), 1)
