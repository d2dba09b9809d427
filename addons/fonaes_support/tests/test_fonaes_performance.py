from odoo.tests import tagged, users, warmup

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesPerformance(FonaesCase):
    """Query counts of the state representative's daily path: opening the applications'
    list, creating an application (its document checklist loaded) and registering it.
    The counts must not grow with the number of applications or checklist lines."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        limit = cls.env.ref("fonaes_support.support_limit_cts_1")
        cls.env["fonaes.application"].create(
            [
                {
                    "partner_id": cls.group.id,
                    "support_type_id": limit.support_type_id.id,
                    "limit_id": limit.id,
                    "state_id": cls.oaxaca.id,
                    "fiscal_year": cls.year,
                    "requested_amount": 10_000 + i,
                }
                for i in range(40)
            ]
        )

    def _specification(self):
        """What the list view (``fonaes_application_view_list``) asks for."""
        many2one = {"fields": {"display_name": {}}}
        return {
            "name": {},
            "partner_id": many2one,
            "support_type_id": many2one,
            "state_id": many2one,
            "requested_amount": {},
            "currency_id": {"fields": {}},
            "registration_date": {},
            "resolution_deadline": {},
            "state": {},
        }

    @users("fo_rep_oax")
    @warmup
    def test_list_create_and_register_query_counts(self):
        Application = self.env["fonaes.application"]
        specification = self._specification()
        with self.assertQueryCount(fo_rep_oax=5):
            result = Application.web_search_read(
                [("state_id", "=", self.oaxaca.id)], specification, limit=80
            )
        self.assertGreaterEqual(result["length"], 40)
        limit = self._limit("support_limit_cts_1")
        with self.assertQueryCount(fo_rep_oax=16):
            app = Application.create(
                {
                    "partner_id": self.group.id,
                    "support_type_id": limit.support_type_id.id,
                    "limit_id": limit.id,
                    "state_id": self.oaxaca.id,
                    "fiscal_year": self.year,
                    "requested_amount": 100_000,
                }
            )
        self.assertTrue(app.document_line_ids)
        app.document_line_ids.write({"received": True})
        with self.assertQueryCount(fo_rep_oax=29):
            app.action_submit()
        self.assertEqual(app.state, "registered")
