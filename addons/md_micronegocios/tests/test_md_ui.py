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
        # A case of hers whose plan the orientador approved (finance is its weakest lever).
        rosa = cls._md_case(
            cls.facilitator, "Tienda Doña Rosa", owner=cls._md_owner(cls.facilitator, "Rosa")
        )
        cls._md_fill(rosa, {"finance": 0}).action_generate()
        rosa.action_md_generate_plan()
        rosa.md_plan_id.with_user(cls.orientador).action_design()
        cls._md_case(cls.facilitator_2, "Caso de otra facilitadora")

    def test_facilitator_flow_on_phone(self):
        self.start_tour(
            "/odoo/action-md_micronegocios.md_case_action",
            "md_micronegocios_facilitator_flow",
            login="md_facilitator",
            timeout=300,  # twenty questions answered one by one on a phone
        )
        case = self.env["crm.lead"].search([("name", "=", "Tienda La Esquina")])
        self.assertEqual(case.user_id, self.facilitator)
        owner = case.partner_id
        self.assertEqual(owner.name, "Carmen Ruiz")
        self.assertTrue(owner.md_is_owner)
        self.assertEqual(str(owner.md_consent_date), "2021-03-01")
        self.assertEqual(owner.identity_number, "1020304050")
        meeting = case.calendar_event_ids
        self.assertEqual(meeting.md_mode, "phone")
        self.assertEqual(case.md_meeting_count, 1)
        diagnostic = case.md_diagnostic_id
        self.assertEqual(diagnostic.state, "done")
        self.assertEqual(len(diagnostic.response_ids.filtered("answer_id")), 20)
        self.assertEqual(len(diagnostic.line_ids), 10)
        activity = self.env["md.plan.activity"].search(
            [("name", "=", "Keep a daily record of sales and expenses")]
        )
        self.assertEqual(activity.state, "done")
        self.assertTrue(activity.evidence_photo)
        self.assertIn("cuaderno", activity.evidence_note)
        self.assertEqual(activity.plan_id.state, "followup")


@tagged("post_install", "-at_install")
class TestMdAnalystReport(MdCommon, HttpCase):
    """The observatory analyst opens the program report of a cycle and downloads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.cycle = cls.env["md.cycle"].create({"name": "Tour 2021-1", "date_start": "2021-02-01"})

    def test_analyst_downloads_the_program_report(self):
        self.start_tour(
            "/odoo/action-md_micronegocios.md_service_action_report",
            "md_micronegocios_program_report",
            login="md_analyst",
        )
        wizard = self.env["md.program.report.wizard"].search([("cycle_id", "=", self.cycle.id)])
        self.assertEqual(len(wizard), 1)
        self.assertEqual(wizard.create_uid, self.analyst)
        self.assertTrue(wizard.report_file)
