from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.micro_base.tests.common import MicroScreensMixin


def _demo(env, xmlid):
    return env.ref(f"fonaes_support.{xmlid}")


@tagged("post_install", "-at_install")
class TestFonaesDemoWork(TransactionCase):
    """Issue 15: the demo leaves work for each FONAES role on day one, at each step of
    §6.3.1, dated relative to the day the database was created."""

    def test_each_role_has_work_on_day_one(self):
        rep = _demo(self.env, "demo_user_state_representative")
        directorate = _demo(self.env, "demo_user_general_directorate")
        Application = self.env["fonaes.application"]
        mine = Application.with_user(rep).search([("user_id", "=", rep.id)])
        self.assertEqual(
            set(mine.mapped("state")),
            {"draft", "registered", "validated", "evaluated", "authorized", "improcedent"},
        )
        # Every folio is consecutive and in ascending order of its steps (§6.3.1.II).
        folios = mine.filtered("folio_number").sorted("folio_number")
        self.assertEqual(len(folios), 5)
        # The directorate's opinion is requested on one above the state limit.
        pending = Application.with_user(directorate).search(
            [("directorate_opinion", "=", "requested")]
        )
        opinion = _demo(self.env, "demo_application_chis_opinion")
        self.assertIn(opinion, pending)
        self.assertEqual(opinion.authorization_level, "opinion")
        # Dated relative to today: the terms run, none is overdue yet.
        today = fields.Date.context_today(opinion)
        self.assertEqual(opinion.registration_date, today - timedelta(days=20))
        self.assertGreater(opinion.resolution_deadline, today)
        authorized = _demo(self.env, "demo_application_chis_authorized")
        self.assertEqual(authorized.authorization_date, today - timedelta(days=40))
        improcedent = _demo(self.env, "demo_application_chis_improcedent")
        self.assertEqual(improcedent.notice_delivery, "mail")
        self.assertEqual(improcedent.notice_date, today - timedelta(days=5))
        self.assertFalse(improcedent.objection_deadline)  # waits for the receipt
        self.assertFalse(Application._cron_flag_overdue_terms() & mine)
        self.assertFalse(Application._cron_cancel_expired_folios() & mine)

    def test_demo_chatter_is_in_the_users_spanish(self):
        """Odoo loads a module's translations after its demo: the demo loads them first
        and runs its steps in Mexican Spanish, so the chatter the users find on day one
        (the record's creation, its folio) is not in English."""
        apps = self.env["fonaes.application"].search(
            [("id", "in", [_demo(self.env, x).id for x in DEMO_APPLICATIONS])]
        )
        bodies = [
            str(message.body)
            for message in apps.message_ids.filtered(lambda m: m.message_type == "notification")
            if message.body
        ]
        self.assertGreaterEqual(len(bodies), len(DEMO_APPLICATIONS))
        for body in bodies:
            self.assertNotIn(" created", body)
            self.assertNotIn(" assigned;", body)
        registered = _demo(self.env, "demo_application_chis_registered")
        self.assertTrue(
            registered.message_ids.filtered(lambda m: "asignado" in str(m.body or "")),
            "the folio's message is in Spanish",
        )


DEMO_APPLICATIONS = (
    "demo_application_ipm",
    "demo_application_csr",
    "demo_application_chis_authorized",
    "demo_application_chis_improcedent",
    "demo_application_chis_opinion",
    "demo_application_chis_validated",
    "demo_application_chis_registered",
)


@tagged("post_install", "-at_install")
class TestFonaesDirectorateDesk(MicroScreensMixin, HttpCase):
    """The general directorate at the desk (1400x900), in Mexican Spanish, on the demo:
    screenshots under .odoo/screens/TestFonaesDirectorateDesk/."""

    browser_size = "1400x900"

    def test_directorate_gives_its_opinion_and_authorizes(self):
        directorate = _demo(self.env, "demo_user_general_directorate")
        self.assertEqual(directorate.lang, "es_MX")
        app = _demo(self.env, "demo_application_chis_opinion")
        self.assertEqual((app.state, app.directorate_opinion), ("evaluated", "requested"))
        self.start_tour("/web/login", "fonaes_directorate_opinion", timeout=180)
        self.assertEqual(app.directorate_opinion, "favorable")
        self.assertEqual(app.state, "authorized")
        self.assertEqual(app.authorization_date, fields.Date.context_today(app))
