from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesRuleGaps(FonaesCase):
    """Rules of §4.3 beyond the amount tables, as the state representative who receives
    the applications (the directorate only where it gives its opinion)."""

    def _submitted(self, partner, xmlid, amount, project=0.0, **vals):
        app = self._application(partner, self._limit(xmlid), amount, project, **vals)
        app.action_submit()
        return app

    def test_technical_assistance_per_month_ten_months_and_total(self):
        # §4.3.3.1 table: technical assistance per group or enterprise, at most 10 thousand
        # a month, no more than ten months, the total never above 100 thousand.
        app = self._submitted(self.enterprise, "support_limit_ade_16", 100_000, quantity=10)
        self.assertEqual(app.unit_amount, 10_000)
        self.assertEqual(app.authorization_level, "state")
        over_months = self._application(
            self.enterprise, self._limit("support_limit_ade_16"), 55_000, quantity=11
        )
        with self.assertRaisesMessage(
            UserError, "11 Group or enterprise / month requested, at most 10 (§4.3.3.1)"
        ):
            over_months.action_submit()
        self.assertEqual(over_months.state, "draft")
        self.assertFalse(over_months.name)
        over_month = self._application(
            self.group, self._limit("support_limit_ade_16"), 52_500, quantity=5
        )
        with self.assertRaisesMessage(
            UserError,
            "$\xa010,500.00 per Group or enterprise / month exceeds the ceiling of "
            "$\xa010,000.00 per unit",
        ):
            over_month.action_submit()
        # A second accompaniment the same year: the 100 thousand are already used.
        more = self._application(
            self.enterprise, self._limit("support_limit_ade_16"), 10_000, quantity=1
        )
        with self.assertRaisesMessage(
            UserError, "it would exceed the total of $\xa0100,000.00 (§4.3.3.1)"
        ):
            more.action_submit()
        # Groups of enterprises: 15 thousand a month, 150 thousand in all.
        groups = self._limit("support_limit_ade_17")
        self.assertEqual((groups.max_amount, groups.max_units), (15_000, 10))
        self.assertEqual(groups.max_total_amount, 150_000)

    def test_units_only_for_services_priced_per_unit(self):
        # A capital support is one project: units cannot split it under the table amount.
        app = self._application(self.group, self._limit("support_limit_cts_1"), 400_000)
        app.quantity = 2
        with self.assertRaisesMessage(UserError, "is not priced per unit"):
            app.action_submit()
        # §4.3.3.1 table: third-party courses, at most 2 participants per beneficiary.
        course = self._application(
            self.enterprise, self._limit("support_limit_ade_9"), 54_000, quantity=3
        )
        with self.assertRaisesMessage(UserError, "3 Participant requested, at most 2"):
            course.action_submit()
        with self.assertRaisesMessage(ValidationError, "the units must be at least 1"):
            course.quantity = 0

    def test_studies_and_interns_need_the_directorates_prior_opinion(self):
        # §4.3.3.1.D.v: specialized studies and the interns' program; §4.3.3.2.G.i: market
        # studies — whatever the amount, the directorate's prior opinion.
        for xmlid, section in (
            ("support_limit_ade_5", "§4.3.3.1.A, D.v"),
            ("support_limit_ade_11", "§4.3.3.1.A, D.v"),
            ("support_limit_ade_12", "§4.3.3.1.A, D.v"),
            ("support_limit_procomer_4", "§4.3.3.2.F, G.i"),
        ):
            row = self._limit(xmlid)
            self.assertTrue(row.opinion_required, xmlid)
            self.assertEqual(row.rule_section, section)
        self.assertFalse(self._limit("support_limit_ade_1").opinion_required)
        study = self._submitted(self.enterprise, "support_limit_ade_5", 50_000)
        self.assertEqual(study.authorization_level, "state")  # well within 110 thousand
        self._to_evaluated(study)
        with self.assertRaisesMessage(
            UserError, "only with the general directorate's prior favorable opinion"
        ):
            study.action_authorize()
        study.action_request_opinion()
        study.with_user(self.directorate).action_opinion_favorable()
        study.action_authorize()
        self.assertEqual(study.state, "authorized")
        market = self._submitted(self.enterprise, "support_limit_procomer_4", 60_000)
        self._to_evaluated(market)
        with self.assertRaisesMessage(UserError, "prior favorable opinion (§4.3.3.2.F, G.i)"):
            market.action_authorize()

    def test_social_group_constitution_costs(self):
        # §4.3.1.1.A (CTS), §4.3.1.5.C (IPM): up to 5,000 for the legal constitution.
        self.assertEqual(self.cts.constitution_max_amount, 5_000)
        self.assertEqual(self.ipm.constitution_max_amount, 5_000)
        over = self._application(
            self.group, self._limit("support_limit_cts_1"), 100_000, constitution_amount=5_001
        )
        with self.assertRaisesMessage(
            UserError, "$\xa05,001.00 exceed the $\xa05,000.00 allowed by Solidarity"
        ):
            over.action_submit()
        ok = self._submitted(self.group, "support_limit_cts_1", 100_000, constitution_amount=5_000)
        self.assertEqual(ok.state, "registered")
        # Only social groups constitute: an enterprise already is one.
        enterprise = self._application(
            self.enterprise,
            self._limit("support_limit_csr_1"),
            100_000,
            500_000,
            constitution_amount=1_000,
        )
        with self.assertRaisesMessage(UserError, "only for social groups under CTS and IPM"):
            enterprise.action_submit()
        with self.assertRaisesMessage(ValidationError, "are part of the requested amount"):
            enterprise.constitution_amount = 200_000

    def test_microempresa_social_ten_partners_ten_workers(self):
        # Anexo I: a microempresa social has at most 10 partners and up to 10 workers.
        micro = self._beneficiary("Microempresa La Fonda", "microempresa_social", 6, 5)
        limit = self._limit("support_limit_accis_2")
        app = self._application(micro, limit, 100_000, 200_000)
        with self.assertRaisesMessage(
            UserError, "has 11 partners and 0 workers: a social micro-enterprise has at most 10"
        ):
            app.action_submit()
        self.assertFalse(app.name)
        # A representative of another state does not see the roster, yet the rule counts
        # every partner.
        self.assertFalse(micro.with_user(self.other_rep).fonaes_member_ids)
        self.assertEqual(micro.with_user(self.other_rep).fonaes_member_count, 11)
        micro.invalidate_recordset(["fonaes_member_ids"])  # the cache held their view
        micro.fonaes_member_ids[-1].unlink()
        micro.fonaes_worker_count = 11
        with self.assertRaisesMessage(UserError, "has 10 partners and 11 workers"):
            app.action_submit()
        micro.fonaes_worker_count = 10
        app.action_submit()
        self.assertEqual(app.state, "registered")

    def test_land_only_for_agroindustry_extractive_and_trading(self):
        # §4.3.1.F: no land with FONAES resources, except to install the infrastructure of
        # rural agroindustry, extractive industry and trading companies.
        allowed = (
            self.env["fonaes.support.limit"].search([("land_allowed", "=", True)]).mapped("name")
        )
        self.assertEqual(
            sorted(allowed),
            [
                "Extractive (Extractiva)",
                "Rural Agroindustry (Agroindustria Rural)",
                "Trading (Comercialización)",
            ],
        )
        livestock = self._application(
            self.enterprise,
            self._limit("support_limit_csr_1"),
            200_000,
            500_000,
            fixed_asset_amount=100_000,
            land_amount=50_000,
        )
        with self.assertRaisesMessage(UserError, "do not buy land for Social Risk Capital"):
            livestock.action_submit()
        agro = self._submitted(
            self.enterprise,
            "support_limit_csr_7",
            400_000,
            1_000_000,
            fixed_asset_amount=300_000,
            land_amount=80_000,
        )
        self.assertEqual(agro.state, "registered")
        with self.assertRaisesMessage(ValidationError, "the land purchase is part of the fixed"):
            livestock.land_amount = 150_000

    def test_breach_blocks_any_new_support(self):
        # §4.3.1.L: not only capital supports — an ADE service is refused too.
        self.enterprise.with_user(self.state_rep).fonaes_in_breach = True
        for xmlid, amount in (("support_limit_ade_1", 6_000), ("support_limit_procomer_2", 1)):
            app = self._application(self.enterprise, self._limit(xmlid), amount)
            with self.assertRaisesMessage(UserError, "no new support is granted (§4.3.1.L)"):
                app.action_submit()
            self.assertEqual(app.state, "draft")
        # The representative who marked it cannot clear it: only the directorate does.
        with self.assertRaisesMessage(AccessError, "Only the FONAES general directorate clears"):
            self.enterprise.with_user(self.state_rep).fonaes_in_breach = False
        self.assertTrue(self.enterprise.fonaes_in_breach)
        self.enterprise.with_user(self.directorate).fonaes_in_breach = False
        app.action_submit()
        self.assertEqual(app.state, "registered")

    def test_second_ipm_only_for_social_enterprises(self):
        # §4.3.1.5.D: in IPM, second supports are only for social enterprises.
        limit = self._limit("support_limit_ipm_1")
        women = self._beneficiary("Grupo Mujeres del Valle", "grupo_social", women=5)
        firms = self._beneficiary("Empresa Social Tejedoras", "empresa_social", women=6)
        for partner in (women, firms):
            first = self._submitted(partner, "support_limit_ipm_1", 100_000, 200_000)
            self._to_evaluated(first)
            first.action_authorize()
        again = self._application(women, limit, 100_000, 200_000, consolidates_same_project=True)
        with self.assertRaisesMessage(
            UserError, "a second one is only for social enterprises, not for a Social group"
        ):
            again.action_submit()
        self.assertFalse(again.name)
        second = self._submitted(
            firms, "support_limit_ipm_1", 100_000, 200_000, consolidates_same_project=True
        )
        self.assertEqual(second.state, "registered")

    def test_ade_for_esc_only_while_registered(self):
        # §4.3.3.1.D.iii: an ESC receives ADE services while its registration is in force.
        esc = self._beneficiary("ESC Sierra Norte", "esc", 3, 3)
        work_program = self._limit("support_limit_ade_3")
        app = self._application(esc, work_program, 15_000)
        with self.assertRaisesMessage(UserError, "has no FONAES registration in force"):
            app.action_submit()
        esc.fonaes_registration_date = date.today() - timedelta(days=30)
        app.action_submit()
        self.assertEqual(app.state, "registered")

    def test_authorization_rechecks_the_beneficiarys_supports(self):
        # Two capital applications registered while neither was authorized: the second
        # is authorized only if it consolidates the first (§4.3.1.G), and nobody in
        # breach is authorized (§4.3.1.L) — whatever was true at reception.
        limit = "support_limit_csr_1"
        first = self._submitted(self.enterprise, limit, 200_000, 500_000)
        second = self._submitted(self.enterprise, limit, 100_000, 500_000)
        third = self._submitted(self.group, "support_limit_cts_1", 100_000)
        for app in (first, second, third):
            self._to_evaluated(app)
        first.action_authorize()
        with self.assertRaisesMessage(UserError, "only granted to consolidate the project"):
            second.action_authorize()
        self.assertEqual(second.state, "evaluated")
        self.group.with_user(self.state_rep).fonaes_in_breach = True
        with self.assertRaisesMessage(UserError, "no new support is granted (§4.3.1.L)"):
            third.action_authorize()
        self.assertEqual(third.state, "evaluated")

    def test_authorization_subject_to_budget_after_an_objection(self):
        # An improcedent application frees its share of the envelope; if the applicant
        # objects and wins, authorization needs budget sufficiency again (§6.3.1.V.a).
        self.env["fonaes.budget"].with_user(self.directorate).create(
            {
                "fiscal_year": self.year,
                "support_type_id": self.cts.id,
                "level": "state",
                "state_id": self.oaxaca.id,
                "amount": 150_000,
            }
        )
        first = self._submitted(self.group, "support_limit_cts_1", 100_000)
        self._to_evaluated(first, "not_feasible")
        first.inconsistencies = "Los bienes aportados no existen."
        first.action_improcedent()
        self.assertEqual(first.committed_amount, 0)
        other = self._beneficiary("Grupo El Encino", "grupo_social", 2, 2)
        self._submitted(other, "support_limit_cts_1", 100_000)  # uses the freed budget
        first.action_notify_inconsistencies()
        first.action_receive_objection()
        first.evaluation_result = "feasible"
        first.action_evaluate()
        with self.assertRaisesMessage(UserError, "No budget sufficiency in the state envelope"):
            first.action_authorize()
        self.assertEqual(first.state, "evaluated")

    def test_national_programs_authorized_by_the_directorate(self):
        # §4.3.3.1.D.vi (ADE), §4.3.3.2.G.ii (PROCOMER), §4.3.1.6.A.i (ESC capitalization):
        # national or interstate coverage is authorized by the general directorate.
        app = self._submitted(
            self.enterprise, "support_limit_ade_8", 20_000, trust_coverage="national"
        )
        self._to_evaluated(app)
        with self.assertRaisesMessage(AccessError, "authorized by the general directorate"):
            app.action_authorize()
        app.with_user(self.directorate).action_authorize()
        self.assertEqual(app.state, "authorized")
