from odoo.tests import HttpCase, tagged

from .common import MdCommon


@tagged("post_install", "-at_install")
class TestMdFacilitatorPhone(MdCommon, HttpCase):
    """The facilitator works on a phone: the tour runs at a phone-sized viewport."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        Lead = cls.env["crm.lead"]
        Lead.create(
            {
                "name": "Tienda Doña Rosa",
                "type": "opportunity",
                "team_id": cls.team.id,
                "user_id": cls.facilitator.id,
            }
        )
        Lead.create(
            {
                "name": "Caso de otra facilitadora",
                "type": "opportunity",
                "team_id": cls.team.id,
                "user_id": cls.facilitator_2.id,
            }
        )

    def test_facilitator_opens_own_case_on_phone(self):
        self.start_tour(
            "/odoo/action-md_micronegocios.md_case_action",
            "md_micronegocios_facilitator_cases",
            login="md_facilitator",
        )
