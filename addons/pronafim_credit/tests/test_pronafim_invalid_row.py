import datetime

from odoo.exceptions import ValidationError
from odoo.tests import Form, HttpCase, tagged

from odoo.addons.micro_base.tests.common import MicroScreensMixin

from .common import PronafimCase


@tagged("post_install", "-at_install")
class TestPronafimInvalidRowTour(MicroScreensMixin, PronafimCase, HttpCase):
    """Issue 16: a row of an editable list saved with an empty required cell. The cell is
    highlighted and the "Invalid fields" notification names the list, the column and the
    row ("Análisis: Resultado (fila 3)"), not only the list (micro_base's patch of Odoo's
    record validity); nothing is written until the row is complete."""

    browser_size = "1400x900"

    def test_analyst_sees_the_empty_cell_of_the_row_named(self):
        analyst = self.env.ref("pronafim_credit.demo_user_pronafim_analyst")
        self.assertEqual(analyst.lang, "es_MX")
        app = self._app(user=analyst)
        app.with_user(analyst).write(
            {
                "analysis_ids": [
                    (0, 0, {"kind": kind, "result": "favorable"})
                    for kind in ("operational", "legal")
                ]
            }
        )
        self.start_tour(
            "/web/login?redirect=/odoo/action-pronafim_credit.pronafim_application_action/"
            f"{app.id}",
            "pronafim_invalid_row_analysis",
            timeout=180,
        )
        self.assertEqual(
            sorted(app.analysis_ids.mapped("kind")), ["financial", "legal", "operational"]
        )
        financial = app.analysis_ids.filtered(lambda a: a.kind == "financial")
        self.assertEqual((financial.result, financial.user_id), ("favorable", analyst))


@tagged("post_install", "-at_install")
class TestPronafimCommitteeRows(PronafimCase):
    """Issue 16: a vote or attendance row refused on save names the row, the member and the
    rule with its section (§VI.b, §VI.c), not the database's "One vote per member"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._own_committee(voters=4, guest=True)
        session = (
            cls.env["pronafim.committee.session"]
            .with_user(cls.secretary)
            .create({"name": "Sesión ordinaria 6/2026", "date": datetime.date(2026, 12, 21)})
        )
        for attendance in session.attendance_ids:
            attendance.present = attendance.member_id in cls.president | cls.voters
        session.action_hold()
        app = cls._app(cls, day=datetime.date(2026, 11, 2))
        cls._analyses(cls, app)
        app.action_send_to_committee()
        cls.decision = (
            cls.env["pronafim.committee.decision"]
            .with_user(cls.secretary)
            .create(
                {
                    "session_id": session.id,
                    "application_id": app.id,
                    "vote_ids": [(0, 0, {"member_id": cls.president.id, "vote": "authorized"})],
                }
            )
        )
        cls.item = f"application {app.name} at session Sesión ordinaria 6/2026"

    def test_second_vote_row_of_the_same_member(self):
        form = Form(self.decision)
        with form.vote_ids.new() as row:
            row.member_id = self.president
            row.vote = "rejected"
        with self.assertRaisesMessage(
            ValidationError,
            "Member of a new record of Committee Vote: Presidenta is not allowed: Presidenta "
            f"already voted on {self.item}; one vote per member. (Reglas de Operación "
            "PRONAFIM 2016, §VI.c)",
        ):
            form.save()
        self.assertEqual(len(self.decision.vote_ids), 1)

    def test_vote_row_of_a_member_without_vote(self):
        form = Form(self.decision)
        with form.vote_ids.new() as row:
            row.member_id = self.guest
            row.vote = "authorized"
        with self.assertRaisesMessage(
            ValidationError,
            f"Votes of {self.item}: Invitado did not attend the session as voting members; "
            "only the voting members present vote (Reglas de Operación PRONAFIM 2016, §VI.c).",
        ):
            form.save()
        self.assertEqual(self.decision.vote_ids.member_id, self.president)

    def test_second_attendance_row_of_the_same_member(self):
        session = (
            self.env["pronafim.committee.session"]
            .with_user(self.secretary)
            .create({"name": "Sesión ordinaria 7/2026", "date": datetime.date(2026, 12, 28)})
        )
        self.assertIn(self.voters[0], session.attendance_ids.member_id)
        form = Form(session)
        with form.attendance_ids.new() as row:
            row.member_id = self.voters[0]
        with self.assertRaisesMessage(
            ValidationError,
            "Member of a new record of Committee Attendance: Vocal 1 is not allowed: Vocal 1 "
            "already has a row in the attendance of session Sesión ordinaria 7/2026; a member "
            "attends once. (Reglas de Operación PRONAFIM 2016, §VI.b)",
        ):
            form.save()
        self.assertEqual(
            len(session.attendance_ids.filtered(lambda a: a.member_id == self.voters[0])), 1
        )
