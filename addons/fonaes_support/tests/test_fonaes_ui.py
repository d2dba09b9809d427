from odoo.tests import HttpCase, tagged

from .common import GROUP, FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesStateRepresentativeTour(FonaesCase, HttpCase):
    """A state representative takes a complete application from reception to a signed
    agreement and posts its first ministration (in a small representation the same person
    holds the accountant role)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_accounting()
        cls.tour_user = cls._new_user(
            "fo_tour", f"{GROUP % 'state_representative'},{GROUP % 'accountant'}"
        )
        cls.tour_user.fonaes_state_ids = cls.oaxaca
        cls.group.write(
            {"property_account_payable_id": cls.payable.id, "fonaes_esc_id": cls.esc.id}
        )
        # Reception: every document of the checklist received (CTS Agrícola, 150 thousand).
        cls.app = cls._application(
            cls,
            cls.group,
            cls.env.ref("fonaes_support.support_limit_cts_5"),
            150_000,
            user=cls.tour_user,
        )

    def test_state_representative_reception_to_first_disbursement(self):
        self.start_tour(
            f"/odoo/action-fonaes_support.fonaes_application_action/{self.app.id}",
            "fonaes_support_state_representative_flow",
            login="fo_tour",
            timeout=180,
        )
        app = self.app
        self.assertEqual(app.state, "authorized")
        self.assertTrue(app.name.startswith("FONAES-"))
        agreement = self.env["fonaes.agreement"].search([("application_id", "=", app.id)])
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.revolving_months_working, 24)
        self.assertEqual(len(agreement.repayment_ids), 24)
        first, second = agreement.ministration_ids.sorted("planned_date")
        self.assertEqual((first.amount, first.state), (100_000, "posted"))
        self.assertEqual(first.move_id.state, "posted")
        self.assertEqual(first.move_id.journal_id, self.journal)
        self.assertEqual((second.amount, second.state), (50_000, "planned"))
