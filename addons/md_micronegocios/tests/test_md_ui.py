import io
import json
from urllib.parse import unquote

import openpyxl

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

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
class TestMdServicesOnPhone(MdCommon, HttpCase):
    """The facilitator looks services up and links one to a plan activity, on a phone."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        city = "md_micronegocios.md_city_%s"
        cls.facilitator.md_city_id = cls.env.ref(city % "ibague")
        Service = cls.env["md.service"].with_user(cls.analyst)
        cls.sena = Service.create(
            {
                "key": "PH-IBG",
                "name": "Formación complementaria SENA",
                "entity": "SENA Regional",
                "city_id": cls.env.ref(city % "ibague").id,
                "permanent": True,
                "contact_phone": "+57 8 270 9600",
            }
        )
        Service.create(
            {
                "key": "PH-NVA",
                "name": "Taller Neiva",
                "entity": "Alcaldía de Neiva",
                "city_id": cls.env.ref(city % "neiva").id,
                "permanent": True,
                "url": "https://neiva.gov.co",
            }
        )
        Service.create(
            {
                "key": "PH-NAL",
                "name": "Formalización Confecámaras",
                "entity": "Confecámaras",
                "scope": "national",
                "permanent": True,
                "url": "https://confecamaras.org.co",
            }
        )
        rosa = cls._md_case(
            cls.facilitator, "Tienda Doña Rosa", owner=cls._md_owner(cls.facilitator, "Rosa")
        )
        cls._md_fill(rosa, {"finance": 0}).action_generate()
        rosa.action_md_generate_plan()
        rosa.md_plan_id.with_user(cls.orientador).action_design()
        cls.plan = rosa.md_plan_id

    def test_facilitator_finds_and_links_a_service(self):
        self.assertEqual(self.plan.city_id, self.sena.city_id)
        self.start_tour(
            "/odoo/action-md_micronegocios.md_service_action",
            "md_micronegocios_services_phone",
            login="md_facilitator",
        )
        activity = self.plan.plan_activity_ids.filtered(
            lambda a: a.name == "Keep a daily record of sales and expenses"
        )
        self.assertEqual(activity.service_id, self.sena)
        self.assertEqual(self.sena.plan_activity_count, 1)


@tagged("post_install", "-at_install")
class TestMdAnalystReport(MdCommon, HttpCase):
    """The observatory analyst opens the program report of a cycle and downloads it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.cycle = cls.env["md.cycle"].create({"name": "Tour 2021-1", "date_start": "2021-02-01"})
        # Ibagué: 12 registered in week 3, 3 of them dropped out (unreachable, first meeting)
        case = {
            "name": "Micronegocio",
            "type": "opportunity",
            "team_id": cls.team.id,
            "md_is_case": True,
            "md_cycle_id": cls.cycle.id,
            "md_city_id": cls.env.ref("md_micronegocios.md_city_ibague").id,
            "md_week": 3,
            "stage_id": cls.env.ref("md_micronegocios.crm_stage_md_1").id,
        }
        cls._md_bulk("crm_lead", 9, active=True, **case)
        cls._md_bulk(
            "crm_lead",
            3,
            active=False,
            lost_reason_id=cls.env.ref("md_micronegocios.crm_lost_reason_md_unreachable").id,
            md_dropout_stage_id=case["stage_id"],
            **case,
        )

    def test_analyst_downloads_the_program_report(self):
        self.start_tour(
            "/odoo/action-md_micronegocios.md_service_action_report",
            "md_micronegocios_program_report",
            login="md_analyst",
        )
        wizard = self.env["md.program.report.wizard"].search([("cycle_id", "=", self.cycle.id)])
        self.assertEqual(len(wizard), 1)
        self.assertEqual(wizard.create_uid, self.analyst)
        # What the download button serves the analyst (report_xlsx's download route, as
        # its button posts it) is the bulletin's workbook.
        self.authenticate("md_analyst", "md_analyst")
        report = self.env.ref("md_micronegocios.md_program_report_xlsx_action")
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([f"/report/xlsx/{report.report_name}/{wizard.id}", "xlsx"]),
                "context": "{}",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "program_report_Tour 2021-1.xlsx", unquote(response.headers["Content-Disposition"])
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(
            book.sheetnames,
            ["Registered", "Active", "Drop-outs", "Drop-outs (bulletin)",
             "Diagnostics per Week", "Diagnostics", "Plans per Week", "Plans", "Activities",
             "Levers", "Services"],
        )  # fmt: skip
        active = list(book["Active"].iter_rows(values_only=True))
        self.assertEqual(active[0][0], "Cycle Tour 2021-1")
        self.assertEqual(active[3][:4], ("Ibagué", 12, 9, 1))
        self.assertEqual(active[4][:4], ("Total", 12, 9, 0.75))
        self.assertEqual(book["Active"]["D5"].number_format, "0%")
        registered = list(book["Registered"].iter_rows(values_only=True))
        week_3 = registered[2].index("Week 3")
        self.assertEqual(registered[3][week_3], 12)
        dropouts = list(book["Drop-outs"].iter_rows(values_only=True))
        reason = self.env.ref("md_micronegocios.crm_lost_reason_md_unreachable").name
        [unreachable] = [row for row in dropouts if row[0] == reason]
        self.assertEqual(unreachable[dropouts[2].index("Total")], 3)
        # another user cannot fetch the analyst's report (report_xlsx answers the download
        # with the server error instead of a workbook; the direct route fails)
        self.authenticate("md_facilitator", "md_facilitator")
        with mute_logger("odoo.addons.report_xlsx.controllers.main", "odoo.http"):
            response = self.url_open(
                "/report/download",
                data={
                    "data": json.dumps([f"/report/xlsx/{report.report_name}/{wizard.id}", "xlsx"]),
                    "context": "{}",
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
        self.assertFalse(response.content.startswith(b"PK"))
        self.assertIn("Odoo Server Error", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(f"/report/xlsx/{report.report_name}/{wizard.id}")
        self.assertNotEqual(response.status_code, 200)
