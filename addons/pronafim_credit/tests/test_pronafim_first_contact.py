from odoo.tests import HttpCase, tagged

from odoo.addons.micro_base.tests.common import DemoUsersMixin, MicroScreensMixin

from .common import GROUP
from .test_pronafim_emergency import EmergencyCase


@tagged("post_install", "-at_install")
class TestPronafimFirstContact(DemoUsersMixin, EmergencyCase):
    """What a new user of PRONAFIM meets first (issue 15)."""

    def test_demo_has_a_user_for_every_role_in_mexican_spanish(self):
        # One demo company per country: the Mexican programs' is the main company.
        company = self.env.ref("base.main_company")
        self.assertDemoCompany(company, "MX")
        users = self.assertDemoUsers(
            "pronafim_credit", "es_MX", "America/Mexico_City", company=company
        )
        portal = self.env.ref("pronafim_credit.demo_user_imf_portal")
        self.assertIn(portal, users)
        self.assertTrue(portal.share)
        homes = {
            "demo_user_pronafim_analyst": "pronafim_home_action_analyst",
            "demo_user_pronafim_secretary": "pronafim_home_action_secretary",
            "demo_user_pronafim_finance": "pronafim_home_action_finance",
            "demo_user_pronafim_complaints": "pronafim_home_action_complaints",
        }
        for user, action in homes.items():
            self.assertEqual(
                self.env.ref(f"pronafim_credit.{user}").action_id.id,
                self.env.ref(f"pronafim_credit.{action}").id,
                user,
            )

    def test_analyst_without_email_decides_an_emergency_application(self):
        """The decision is e-mailed to the applicant and kept in the chatter: the analyst
        needs no e-mail address of their own for it."""
        analyst = self._new_user("pr_fc_analyst", GROUP % "analyst", email=False)
        credit = self._submitted()
        credit.with_user(analyst).action_approve()
        self.assertEqual(credit.state, "approved")
        decision = credit.message_ids.filtered(lambda m: "approved" in (m.subject or ""))
        self.assertEqual(decision.author_id, analyst.partner_id)
        other = self._submitted("LOPC920707HDFPRR06", clabe="012180001234567899")
        other.rejection_reason = "Documentos ilegibles"
        other.with_user(analyst).action_reject()
        self.assertEqual(other.state, "rejected")


@tagged("post_install", "-at_install")
class TestPronafimFirstContactTour(HttpCase):
    """The demo complaints officer takes a complaint in charge from the login page."""

    browser_size = "1400x900"

    def test_complaints_officer_lands_on_open_complaints(self):
        officer = self.env.ref("pronafim_credit.demo_user_pronafim_complaints")
        self.assertEqual(officer.lang, "es_MX")
        complaint = self.env.ref("pronafim_credit.demo_complaint_1")
        self.assertEqual(complaint.state, "received")
        # The demo has complaints in every state.
        states = set(self.env["pronafim.complaint"].search([]).mapped("state"))
        self.assertEqual(states, {"received", "in_progress", "answered", "closed"})
        self.start_tour("/web/login", "pronafim_first_contact_complaints_officer", timeout=180)
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.officer_id, officer)


@tagged("post_install", "-at_install")
class TestPronafimImfPortalHeader(MicroScreensMixin, HttpCase):
    """The IMF's portal user lands on "My Account" in Mexican Spanish, Odoo's portal texts
    included, under the demo operator's name and logo: screenshot under
    .odoo/screens/TestPronafimImfPortalHeader/."""

    browser_size = "1400x900"

    def test_imf_portal_user_sees_the_operator_in_spanish(self):
        user = self.env.ref("pronafim_credit.demo_user_imf_portal")
        self.assertEqual(user.lang, "es_MX")
        company = user.company_id
        self.assertFalse(company.uses_default_logo, "the demo company has a logo of its own")
        self.assertIn("Programas de Apoyo a Micronegocios", company.name)
        # The browser asks for English (Accept-Language en-US): the login page's visit
        # leaves an English frontend_lang cookie, which logging in replaces with hers.
        self.start_tour("/web/login", "pronafim_first_contact_imf_portal", timeout=180)
