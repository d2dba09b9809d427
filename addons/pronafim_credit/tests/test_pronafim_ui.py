import base64

from odoo.http import Request
from odoo.tests import HttpCase, tagged

from odoo.addons.micro_base.tests.common import MicroTestMixin
from odoo.addons.pronafim_credit.models.pronafim_deadline import program_today

GROUP = "pronafim_credit.pronafim_credit_group_%s"


@tagged("post_install", "-at_install")
class TestPronafimUi(MicroTestMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The program's today (Mexico City), the date its steps record.
        cls.today = today = program_today(cls.env["res.partner"])
        cls.env["resource.calendar"]._get_official_calendar("MX")._fill_official_holidays(
            [today.year, today.year + 1]
        )
        cls.staff = cls._new_user(
            "pr_staff",
            ",".join(GROUP % g for g in ("analyst", "committee_secretary", "finance")),
        )
        cls.imf = cls.env["res.partner"].create(
            {
                "name": "Microfinanciera Tour SA de CV",
                "is_company": True,
                "pronafim_role": "imf",
                "pronafim_active_since": "2015-01-01",
            }
        )
        cls.imf.pronafim_eligibility_ids.write(
            {
                "evidence_file": base64.b64encode(b"%PDF evidence"),
                "evidence_date": today,
            }
        )
        cls.other = cls.env["res.partner"].create(
            {"name": "Otra Financiera SAPI", "is_company": True, "pronafim_role": "imf"}
        )
        cls.portal = cls._new_user(
            "pr_portal_ui",
            "base.group_portal," + GROUP % "imf_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Luisa IMF", "parent_id": cls.imf.id})
            .id,
        )
        cls.env["pronafim.cetes.rate"].create({"date_from": "2020-01-01", "rate": 7.0})
        cls.env["pronafim.trust.net.worth"].create({"month": today, "amount": 2e9})
        App = cls.env["pronafim.application"]
        cls.app = App.create(
            {
                "partner_id": cls.imf.id,
                "application_type": "credit",
                "amount_requested": 1_000_000,
                "analysis_ids": [
                    (0, 0, {"kind": k, "result": "favorable"})
                    for k in ("operational", "financial", "legal")
                ],
            }
        )
        cls.foreign_app = App.create({"partner_id": cls.other.id, "application_type": "credit"})
        Member = cls.env["pronafim.committee.member"]
        Member.search([]).active = False  # the demo's committee is not this session's
        president = Member.create({"name": "Presidenta", "is_president": True})
        voter = Member.create({"name": "Vocal"})
        Member.create({"name": "Vocal ausente"})
        session = cls.env["pronafim.committee.session"].create(
            {"name": "Sesión tour", "date": today}
        )
        session.attendance_ids.filtered(lambda a: a.member_id in president | voter).write(
            {"present": True}
        )
        cls.env["pronafim.committee.decision"].create(
            {
                "session_id": session.id,
                "application_id": cls.app.id,
                "vote_ids": [
                    (0, 0, {"member_id": president.id, "vote": "authorized"}),
                    (0, 0, {"member_id": voter.id, "vote": "authorized"}),
                ],
            }
        )

    def test_tour_application_to_formalized_line(self):
        self.start_tour("/odoo", "pronafim_credit_application_to_line", login="pr_staff")
        self.assertEqual(self.app.state, "formalized")
        line = self.app.credit_line_ids
        self.assertEqual(line.state, "formalized")
        self.assertEqual(line.amount, 1_000_000)
        self.assertEqual(self.imf.pronafim_first_formalization_date, self.today)

    def test_portal_own_institution_only(self):
        self.authenticate("pr_portal_ui", "pr_portal_ui")
        page = self.url_open("/my/pronafim/applications").text
        self.assertIn(self.app.name, page)
        self.assertNotIn(self.foreign_app.name, page)
        foreign = self.url_open(f"/my/pronafim/applications/{self.foreign_app.id}")
        self.assertTrue(foreign.url.endswith("/my"), foreign.url)
        own = self.url_open(f"/my/pronafim/applications/{self.app.id}")
        self.assertIn(self.app.name, own.text)
        response = self.url_open(
            "/my/pronafim/applications/new",
            data={
                "application_type": "access_points",
                "amount_requested": "250000",
                "csrf_token": Request.csrf_token(self),
            },
        )
        self.assertEqual(response.status_code, 200)
        created = self.env["pronafim.application"].search(
            [("partner_id", "=", self.imf.id), ("application_type", "=", "access_points")]
        )
        self.assertEqual(len(created), 1)
        self.assertEqual(created.state, "draft")
        self.assertEqual(created.amount_requested, 250_000)
        self.assertIn(created.name, response.text)
        bad = b"curp,name\nXXXX,Ana\n"
        response = self.url_open(
            "/my/pronafim/reports",
            data={"month": "2026-10", "csrf_token": Request.csrf_token(self)},
            files={"file": ("octubre.csv", bad, "text/csv")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Line 1: missing columns", response.text)
        report = self.env["pronafim.borrower.report"].search([("partner_id", "=", self.imf.id)])
        self.assertEqual(report.state, "error")
        self.env["pronafim.borrower.report"].create(
            {"partner_id": self.other.id, "month": "2026-10-01", "filename": "ajeno-oct.csv"}
        )
        listing = self.url_open("/my/pronafim/reports").text
        self.assertIn("octubre.csv", listing)
        self.assertNotIn("ajeno-oct.csv", listing)

    def test_portal_lines_and_schedule(self):
        lines = self.env["pronafim.credit.line"]
        for partner in (self.imf, self.other):
            app = self.env["pronafim.application"].create(
                {"partner_id": partner.id, "application_type": "credit"}
            )
            app.write({"state": "authorized", "outcome": "authorized"})
            line = lines.create(
                {
                    "application_id": app.id,
                    "credit_type_id": self.env.ref("pronafim_credit.credit_type_simple").id,
                    "amount": 120_000,
                    "term_months": 12,
                }
            )
            line.action_formalize()
            self.env["pronafim.credit.disposal"].create(
                {"line_id": line.id, "date": self.today, "amount": 120_000}
            )
            lines |= line
        own, foreign = lines
        self.authenticate("pr_portal_ui", "pr_portal_ui")
        listing = self.url_open("/my/pronafim/lines").text
        self.assertIn(own.name, listing)
        self.assertNotIn(foreign.name, listing)
        page = self.url_open(f"/my/pronafim/lines/{own.id}")
        self.assertIn(own.name, page.text)
        last = own.disposal_ids.installment_ids.sorted("number")[-1]
        self.assertIn(last.due_date.strftime("%m/%d/%Y"), page.text)
        redirected = self.url_open(f"/my/pronafim/lines/{foreign.id}")
        self.assertTrue(redirected.url.endswith("/my"), redirected.url)
