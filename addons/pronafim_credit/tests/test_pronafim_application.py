import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PronafimCase, on_day

D = datetime.date


@tagged("post_install", "-at_install")
class TestPronafimApplication(PronafimCase):
    def test_clarification_deadline_skips_16_september(self):
        """§IX.2.c + §IX.2.e: 10 business days from reception; 16 Sep is not worked."""
        app = self._app(day=D(2026, 9, 9))
        self.assertTrue(app.name.startswith("TRA/"))
        self.assertEqual(app.state, "received")
        # Thu 10 .. Tue 15, (Wed 16 holiday), Thu 17 .. Thu 24 -> tenth business day.
        self.assertEqual(app.deadline_clarification, D(2026, 9, 24))
        self.assertEqual(self.calendar.add_business_days(D(2026, 9, 9), 10), D(2026, 9, 24))
        self.assertEqual(app.clock_code, "clarification")
        self.assertEqual(app.clock_deadline, D(2026, 9, 24))
        # 60 business days from the complete application (§IX.2.c).
        self.assertEqual(
            app.deadline_resolution, self.calendar.add_business_days(D(2026, 9, 9), 60)
        )

    def test_clarification_answer_and_resolution_clock(self):
        """The institution has an identical 10 business days; the 60-day clock then runs
        from the complete application (the answer)."""
        app = self._app(day=D(2026, 9, 9))
        with on_day(D(2026, 9, 14)):
            app.action_request_clarification()
        self.assertEqual(app.clock_code, "answer")
        # Tue 15, (16 holiday), 17, 18, 21, 22, 23, 24, 25, 28, 29 -> Tue 29 Sep.
        self.assertEqual(app.deadline_answer, D(2026, 9, 29))
        with on_day(D(2026, 9, 28)):
            app.action_clarification_answered()
        self.assertEqual(app.date_complete, D(2026, 9, 28))
        self.assertEqual(app.clock_code, "resolution")
        self.assertEqual(
            app.deadline_resolution, self.calendar.add_business_days(D(2026, 9, 28), 60)
        )
        with self.assertRaisesMessage(UserError, "already requested"):
            app.action_request_clarification()

    def test_notification_and_signature_across_christmas(self):
        """§VIII.1.A: notify within 5 business days after the session; sign within 25
        business days from the next business day after the notification."""
        app = self._app(day=D(2026, 11, 2))
        app.sudo().write(
            {"state": "authorized", "outcome": "authorized", "date_session": D(2026, 12, 21)}
        )
        # 22, 23, 24, (25 Dec holiday), 28, 29 -> Tue 29 Dec (not Mon 28).
        self.assertEqual(app.deadline_notification, D(2026, 12, 29))
        self.assertEqual(app.clock_code, "notification")
        with on_day(D(2026, 12, 23)):
            app.action_notify()
        self.assertEqual(app.clock_code, "signature")
        # 24, 28..31 (5), (1 Jan holiday), Jan 4..8 (10), 11..15 (15), 18..22 (20),
        # 25..29 (25): Fri 29 Jan 2027.
        self.assertEqual(app.deadline_signature, D(2027, 1, 29))

    def test_deadline_cron_is_idempotent(self):
        app = self._app(day=D(2026, 9, 9))
        Application = self.env["pronafim.application"]
        activities = app.activity_ids
        with on_day(D(2026, 9, 10)):
            Application._cron_flag_deadlines()
        self.assertEqual(app.clock_status, "ok")
        self.assertEqual(app.activity_ids, activities)
        # Two business days before 24 Sep: lapsing.
        with on_day(D(2026, 9, 22)):
            Application._cron_flag_deadlines()
        self.assertEqual(app.clock_status, "lapsing")
        self.assertEqual(len(app.activity_ids - activities), 1)
        self.assertIn("§IX.2.c", (app.activity_ids - activities).summary)
        with on_day(D(2026, 9, 22)):
            Application._cron_flag_deadlines()
        self.assertEqual(len(app.activity_ids - activities), 1, "second run: nothing more")
        with on_day(D(2026, 9, 25)):
            Application._cron_flag_deadlines()
        self.assertEqual(app.clock_status, "lapsed")
        self.assertEqual(len(app.activity_ids - activities), 2)
        with on_day(D(2026, 9, 28)):
            Application._cron_flag_deadlines()
        self.assertEqual(len(app.activity_ids - activities), 2, "second run: nothing more")

    def test_committee_refused_with_missing_eligibility(self):
        """§IV.2.B / spec §1: an application cannot reach committee with a criterion
        missing; the message names the criteria."""
        line = self.imf.pronafim_eligibility_ids.filtered(
            lambda x: x.item_id == self.env.ref("pronafim_credit.eligibility_imf_d")
        )
        line.write({"evidence_file": False})
        app = self._app()
        self._analyses(app)
        with self.assertRaisesMessage(UserError, "§IV.2.B.i.d Current on tax obligations"):
            app.action_send_to_committee()
        self.assertEqual(app.state, "received")
        line.write({"evidence_file": b"UERG"})
        app.action_send_to_committee()
        self.assertEqual(app.state, "committee")

    def test_committee_refused_without_analyses(self):
        """§IX.1: operational, financial (credit types) and legal analyses."""
        app = self._app()
        self._analyses(app, kinds=("operational", "legal"))
        with self.assertRaisesMessage(UserError, "Financial"):
            app.action_send_to_committee()
        training = self._app(application_type="training_population")
        self._analyses(training, kinds=("operational", "legal"))
        training.action_send_to_committee()
        self.assertEqual(training.state, "committee")

    def test_access(self):
        app = self._app()
        with self.assertRaises(AccessError):
            app.with_user(self.analyst).unlink()
        with self.assertRaises(AccessError):
            self.env["pronafim.deadline"].with_user(self.analyst).search([]).write(
                {"business_days": 20}
            )
        Portal = self.env["pronafim.application"].with_user(self.portal)
        captured = Portal.create(
            {"partner_id": self.imf.id, "application_type": "credit", "user_id": False}
        )
        self.assertEqual(captured.state, "draft")
        with self.assertRaises(AccessError):
            Portal.create({"partner_id": self.other_imf.id, "application_type": "credit"})
        with self.assertRaisesMessage(AccessError, "state"):
            Portal.create(
                {"partner_id": self.imf.id, "application_type": "credit", "state": "authorized"}
            )
        with self.assertRaises(AccessError):
            captured.write({"amount_requested": 5})
        own = app.with_user(self.portal)
        self.assertEqual(own.read(["name"])[0]["name"], app.name)
        foreign = self._app(partner_id=self.other_imf.id)
        with self.assertRaises(AccessError):
            foreign.with_user(self.portal).read(["name"])
        self.assertNotIn(
            foreign, self.env["pronafim.application"].with_user(self.portal).search([])
        )
        with self.assertRaises(UserError):
            app.with_user(self.manager).unlink()
        with self.assertRaisesMessage(
            UserError, "Received On, State change only through the record's steps"
        ):
            app.with_user(self.analyst).write({"state": "authorized", "date_received": False})
        complaints = self._new_user(
            "pr_une", "pronafim_credit.pronafim_credit_group_complaints_officer"
        )
        with self.assertRaises(AccessError):
            app.with_user(complaints).read(["name"])
        with self.assertRaises(AccessError):
            self.imf.with_user(complaints).pronafim_eligibility_ids.read(["evidence_date"])

    def test_one_year_active_before_application(self):
        """§IV.2.B.i.h: active in micro-credit one year before the application."""
        self.imf.pronafim_active_since = D(2025, 9, 10)
        app = self._app(day=D(2026, 9, 9))
        self._analyses(app)
        with self.assertRaisesMessage(UserError, "active since 2025-09-09 at the latest"):
            app.action_send_to_committee()
        self.imf.pronafim_active_since = D(2025, 9, 9)
        app.action_send_to_committee()
        self.assertEqual(app.state, "committee")
