from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesIndicators(FonaesCase):
    """§9.1 results indicators, read by the general directorate."""

    def _grant(self, partner, limit, amount, project=0.0, **vals):
        app = self._application(partner, limit, amount, project, **vals)
        app.action_submit()
        self._to_evaluated(app)
        if app.support_type_id.opinion_always:
            app.action_request_opinion()
            app.with_user(self.directorate).action_opinion_favorable()
        app.action_authorize()
        return app

    def test_indicators_of_the_period(self):
        self._setup_accounting()
        today = date.today()
        women = self._beneficiary("Mujeres del Istmo", "grupo_social", women=5)
        women.fonaes_member_ids[0].birthdate = today - timedelta(days=365 * 25 + 10)
        women.fonaes_member_ids[1].birthdate = today - timedelta(days=365 * 50 + 20)
        self._grant(women, self._limit("support_limit_ipm_1"), 100_000, 200_000)
        self._grant(self.group, self._limit("support_limit_cts_1"), 100_000)
        self._grant(self.enterprise, self._limit("support_limit_csr_1"), 200_000, 500_000)
        self._grant(self.enterprise, self._limit("support_limit_ade_1"), 6_000)
        trust = self._beneficiary("Fideicomiso Municipal", "trust")
        trust.property_account_payable_id = self.payable
        app = self._grant(
            trust,
            self._limit("support_limit_trust_1"),
            3_000_000,
            trust_nonfederal_amount=3_000_000,
            trust_net_worth=10_000_000,
            trust_coverage="local",
        )
        agreement = self.env["fonaes.agreement"].browse(app.action_create_agreement()["res_id"])
        agreement.write(
            {
                "trust_subaccount": "SUB-1",
                "ministration_ids": [(0, 0, {"planned_date": today, "amount": 3_000_000})],
            }
        )
        agreement.action_sign()
        agreement.ministration_ids.with_user(self.accountant).action_post()
        self.env["fonaes.trust.report"].create(
            {
                "agreement_id": agreement.id,
                "year": today.year,
                "quarter": "4",
                "received_date": today,
                "beneficiary_ids": [
                    (0, 0, {"last_name": "Ruiz", "first_name": "Eva", "amount": 600_000}),
                    (0, 0, {"last_name": "Díaz", "first_name": "Luis", "amount": 400_000}),
                ],
            }
        )
        period = (
            self.env["fonaes.indicator.period"]
            .with_user(self.directorate)
            .create(
                {
                    "name": "Periodo de prueba",
                    "date_from": today - timedelta(days=30),
                    "date_to": today + timedelta(days=30),
                    "target_capital": 6,
                    "target_empowerment": 4,
                    "target_women": 2,
                    "target_trust_projects": 4,
                }
            )
        )
        self.assertEqual((period.capital_supported, period.capital_pct), (3, 50.0))
        self.assertEqual((period.empowerment_done, period.empowerment_pct), (1, 25.0))
        self.assertEqual((period.women_supported, period.women_pct), (1, 50.0))
        self.assertEqual(period.women_previous_year, 0)
        # Partners: 5 + (3 women, 2 men) + (4 women, 4 men) = 12 women, 6 men.
        self.assertEqual((period.partners_women, period.partners_men), (12, 6))
        self.assertAlmostEqual(period.partners_women_pct, 66.67, places=2)
        self.assertEqual((period.age_under_30, period.age_45_59, period.age_unknown), (1, 1, 16))
        self.assertEqual((period.trust_supported, period.trust_complete), (1, 1))
        self.assertEqual(period.trust_supported_pct, 100.0)
        self.assertEqual((period.trust_projects, period.trust_projects_pct), (2, 50.0))
        self.assertEqual(period.subsidy_channelled, 3_000_000)
        self.assertEqual(period.subsidy_delivered, 1_000_000)
        self.assertAlmostEqual(period.subsidy_pct, 33.33, places=2)
        with self.assertRaises(AccessError):
            period.with_user(self.state_rep).read(["capital_pct"])
