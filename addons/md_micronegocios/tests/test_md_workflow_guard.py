"""Workflow steps nobody forges, and program meetings only for their case's readers.

Each role works as its own user, as through the web client or the external API: a plain
``write``/``create``/``unlink`` (with or without any context key) never sets a plan's
status, approver or mentors, an activity's "done" or a diagnostic's result; only the steps
of the roles entitled do (spec md_micronegocios §3-§5).
"""

import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import GROUP, MdCommon

#: Context keys a client may send: none of them unlocks anything.
FORGED_CONTEXTS = (
    {},
    {
        "md_workflow": True,
        "md_step": True,
        "md_from_plan_activity": True,
        "workflow_step": True,
        "micro_workflow": True,
    },
)


@tagged("post_install", "-at_install")
class TestMdWorkflowGuard(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.orientador_2 = cls._new_user("md_orientador_2", GROUP % "orientador")
        cls.mentor_2 = cls._new_user("md_mentor_2", GROUP % "mentor")
        cls.outsider = cls._new_user("md_outsider_staff", "base.group_user")
        # A user of another program (PRONAFIM / FONAES) when that program is installed.
        other_groups = [
            xmlid
            for xmlid in (
                "pronafim_credit.pronafim_credit_group_analyst",
                "fonaes_support.fonaes_support_group_analyst",
            )
            if cls.env.ref(xmlid, raise_if_not_found=False)
        ]
        cls.other_program = cls._new_user(
            "md_other_program_staff", ",".join(["base.group_user", *other_groups])
        )
        Mentor = cls.env["md.mentor"].with_user(cls.coordinator)
        cls.mentor_record = Mentor.create({"user_id": cls.mentor.id, "virtual": True})
        cls.mentor_2_record = Mentor.create({"user_id": cls.mentor_2.id, "virtual": True})

        cls.case = cls._md_case(
            cls.facilitator, "Arepas Marta", owner=cls._md_owner(cls.facilitator, "Marta Gómez")
        )
        cls.other_case = cls._md_case(
            cls.facilitator_2, "Tienda Luis", owner=cls._md_owner(cls.facilitator_2, "Luis Pérez")
        )
        for case in (cls.case, cls.other_case):
            cls._md_fill(case, {"finance": 0}).action_generate()
            case.action_md_generate_plan()
        cls.diagnostic = cls.case.md_diagnostic_id
        cls.plan = cls.case.md_plan_id  # draft, as the facilitator sees it
        cls.other_plan = cls.other_case.md_plan_id

    # ---- helpers ----

    def _designed_plan(self):
        with freeze_time("2021-03-15"):
            self.plan.with_user(self.orientador).action_design()
        self.assertEqual(self.plan.state, "designed")
        return self.plan

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        [values] = record.sudo().read(sorted(set(names) | {"display_name"}))
        return values

    def _assert_refused(self, user, record, vals):
        """``vals`` written by ``user`` on ``record``, with and without any context key:
        refused each time, and the record unchanged."""
        state_field = record._workflow_state_field
        names = set(vals) | {state_field}
        before = self._snapshot(record, names)
        for context in FORGED_CONTEXTS:
            with self.subTest(user=user.login, record=record.display_name, vals=vals, ctx=context):
                with self.assertRaises(UserError), mute_logger("odoo.models"):
                    record.with_user(user).with_context(**context).write(vals)
                self.assertEqual(self._snapshot(record, names), before)

    # ---- forged writes: role x record x values ----

    def test_forged_plan_writes_refused(self):
        plan = self.plan
        forged = [
            {"state": "designed"},
            {"approved_by_id": self.facilitator.id},
            {"designed_date": "2021-03-01"},
            {"mentor_ids": [Command.link(self.mentor_record.id)]},
            {"mentor_ids": [Command.set(self.mentor_2_record.ids)]},
            # what the facilitator tried: her own plan designed, her approver, her mentors
            {
                "state": "designed",
                "designed_date": "2021-03-01",
                "approved_by_id": self.facilitator_2.id,
                "mentor_ids": [Command.link(self.mentor_record.id)],
            },
            {"lead_id": self.other_case.id},
            {"diagnostic_id": self.other_case.md_diagnostic_id.id},
            {"weeks": 3},
        ]
        roles = (
            self.facilitator,
            self.facilitator_2,
            self.orientador,
            self.orientador_2,
            self.coordinator,
            self.mentor,
            self.manager,
        )
        for user in roles:
            for vals in forged:
                if user == self.coordinator and set(vals) == {"mentor_ids"}:
                    continue  # the coordinator's own assignment step (tested below)
                if user == self.manager and set(vals) == {"mentor_ids"}:
                    continue  # the manager is a coordinator too
                self._assert_refused(user, plan, vals)
        # Once designed: no way back, no skipping ahead, its priorities frozen.
        plan = self._designed_plan()
        for user in roles:
            for vals in (
                {"state": "draft"},
                {"state": "closed"},
                {"state": "completed"},
                {"approved_by_id": user.id},
                {"prioritized_lever_ids": [Command.clear()]},
            ):
                self._assert_refused(user, plan, vals)

    def test_forged_activity_writes_refused(self):
        plan = self._designed_plan()
        self.plan.with_user(self.coordinator).action_assign_mentor(self.mentor_record)
        activity, logged = plan.plan_activity_ids.sorted("week")[:2]
        logged.with_user(self.facilitator).evidence_note = "Taller realizado."
        logged.with_user(self.facilitator).action_done()
        roles = (
            self.facilitator,
            self.facilitator_2,
            self.orientador,
            self.coordinator,
            self.mentor,
            self.mentor_2,
        )
        for user in roles:
            # done without evidence (or with it) only through the step
            for vals in (
                {"state": "done"},
                {"state": "done", "done_date": "2021-03-16"},
                {"done_date": "2021-03-16"},
                {"mail_activity_id": False},
                {"state": "done", "evidence_note": "ok"},
            ):
                self._assert_refused(user, activity, vals)
            # a logged activity keeps its evidence and what was done
            for vals in (
                {"state": "planned"},
                {"evidence_note": False},
                {"evidence_note": "otra cosa"},
                {"week": 9},
                {"name": "Otra actividad"},
            ):
                self._assert_refused(user, logged, vals)
        self.assertEqual(activity.state, "planned")
        self.assertEqual(logged.state, "done")

    def test_forged_diagnostic_writes_refused(self):
        diagnostic = self.diagnostic
        self.assertEqual(diagnostic.state, "done")
        response = diagnostic.response_ids[:1]
        other_answer = (response.question_id.answer_ids - response.answer_id)[:1]
        for user in (
            self.facilitator,
            self.facilitator_2,
            self.orientador,
            self.coordinator,
            self.mentor,
            self.manager,
        ):
            for vals in (
                {"state": "draft"},
                {"date": "2020-01-01"},
                {"state": "draft", "date": False},
                {"lead_id": self.other_case.id},
                {"questionnaire_id": diagnostic.questionnaire_id.id},
            ):
                self._assert_refused(user, diagnostic, vals)
            with self.subTest(user=user.login, record="answer"), self.assertRaises(UserError):
                response.with_user(user).answer_id = other_answer
            self.assertNotEqual(response.answer_id, other_answer)
        self.assertEqual(diagnostic.state, "done")

    def test_forged_creates_and_deletes_refused(self):
        Plan = self.env["md.plan"]
        Activity = self.env["md.plan.activity"]
        Diagnostic = self.env["md.diagnostic"]
        lever = self.plan.plan_activity_ids[:1].lever_id
        cases = [
            (
                self.facilitator,
                Plan,
                {"lead_id": self.case.id, "diagnostic_id": self.diagnostic.id},
            ),
            (
                self.orientador,
                Plan,
                {
                    "lead_id": self.case.id,
                    "diagnostic_id": self.diagnostic.id,
                    "state": "designed",
                    "approved_by_id": self.orientador.id,
                },
            ),
            (self.facilitator, Diagnostic, {"lead_id": self.case.id, "state": "done"}),
            (self.facilitator, Diagnostic, {"lead_id": self.case.id, "date": "2021-03-01"}),
            (
                self.facilitator,
                Activity,
                {
                    "plan_id": self.plan.id,
                    "name": "Hecho por mano",
                    "lever_id": lever.id,
                    "state": "done",
                },
            ),
            (
                self.facilitator,
                Activity,
                {
                    "plan_id": self.plan.id,
                    "name": "Hecho por mano",
                    "lever_id": lever.id,
                    "done_date": "2021-03-01",
                },
            ),
        ]
        for user, Model, vals in cases:
            count = Model.sudo().search_count([])
            for context in FORGED_CONTEXTS:
                with (
                    self.subTest(user=user.login, model=Model._name, vals=vals, ctx=context),
                    self.assertRaises(UserError),
                    mute_logger("odoo.models"),
                ):
                    Model.with_user(user).with_context(**context).create(vals)
            self.assertEqual(Model.sudo().search_count([]), count)
        # Deleting: a generated diagnostic, an approved plan, a logged activity (the
        # manager may delete drafts, not these).
        plan = self._designed_plan()
        logged = plan.plan_activity_ids[:1]
        logged.with_user(self.facilitator).evidence_note = "ok"
        logged.with_user(self.facilitator).action_done()
        for record in (self.diagnostic, plan, logged):
            for user in (self.facilitator, self.coordinator, self.manager):
                with self.subTest(user=user.login, record=record.display_name):
                    with self.assertRaises(UserError), mute_logger("odoo.models"):
                        record.with_user(user).unlink()
                    self.assertTrue(record.exists())

    # ---- the real steps, by the roles entitled ----

    def test_plan_steps_by_their_roles(self):
        plan = self.plan
        for user in (self.facilitator, self.mentor, self.analyst):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                plan.with_user(user).action_design()
        # an orientador of another group approves none of this facilitator's plans
        with self.assertRaises(AccessError):
            plan.with_user(self.orientador_2).action_design()
        self.assertEqual(plan.state, "draft")
        with freeze_time("2021-03-15"):
            plan.with_user(self.orientador).action_design()
        self.assertEqual(
            (plan.state, plan.approved_by_id, plan.designed_date),
            ("designed", self.orientador, datetime.date(2021, 3, 15)),
        )
        self.assertTrue(plan.plan_activity_ids.mail_activity_id)
        with self.assertRaises(UserError):
            plan.with_user(self.orientador).action_design()  # not a draft any more
        # mentors: the coordinator's step, from the button or the form's field
        for user in (self.facilitator, self.orientador, self.mentor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                plan.with_user(user).action_assign_mentor(self.mentor_record)
        self.assertFalse(plan.mentor_ids)
        plan.with_user(self.coordinator).action_assign_mentor(self.mentor_record.ids)
        self.assertEqual(plan.mentor_ids, self.mentor_record)
        plan.with_user(self.coordinator).write(
            {"mentor_ids": [Command.link(self.mentor_2_record.id)]}
        )
        self.assertEqual(plan.mentor_ids, self.mentor_record | self.mentor_2_record)
        plan.with_user(self.coordinator).write(
            {"mentor_ids": [Command.unlink(self.mentor_2_record.id)]}
        )
        self.assertEqual(plan.mentor_ids, self.mentor_record)
        # the coordinator chooses among mentors; none is created on the way
        with self.assertRaises(AccessError):
            plan.with_user(self.coordinator).write(
                {"mentor_ids": [Command.create({"user_id": self.analyst.id})]}
            )
        self.assertEqual(plan.mentor_ids, self.mentor_record)
        # closing: the orientador, once the plan is in follow-up
        with self.assertRaises(UserError):
            plan.with_user(self.orientador).action_close()
        activity = plan.plan_activity_ids[:1]
        activity.with_user(self.facilitator).evidence_note = "ok"
        activity.with_user(self.facilitator).action_done()
        self.assertEqual(plan.state, "followup")
        for user in (self.facilitator, self.mentor):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                plan.with_user(user).action_close()
        plan.with_user(self.orientador).action_close()
        self.assertEqual(plan.state, "closed")
        # a closed plan takes no mentors
        with self.assertRaises(UserError):
            plan.with_user(self.coordinator).action_assign_mentor(self.mentor_2_record)
        self.assertEqual(plan.mentor_ids, self.mentor_record)

    def test_activity_done_only_with_evidence(self):
        plan = self._designed_plan()
        plan.with_user(self.coordinator).action_assign_mentor(self.mentor_record)
        first, second, third, fourth = plan.plan_activity_ids.sorted("week")[:4]
        # without evidence: refused, whoever asks
        for user in (self.facilitator, self.orientador, self.coordinator, self.mentor):
            with self.subTest(user=user.login), self.assertRaisesMessage(UserError, "evidence"):
                first.with_user(user).action_done()
        self.assertEqual(first.state, "planned")
        # from the to-do list without feedback: refused too
        with self.assertRaisesMessage(UserError, "evidence"):
            first.mail_activity_id.with_user(self.facilitator).action_feedback()
        self.assertEqual(first.state, "planned")
        # people who do not follow the plan may not log it
        first.sudo().evidence_note = "Asistió al taller."
        for user in (self.facilitator_2, self.mentor_2, self.orientador_2):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                first.with_user(user).action_done()
        self.assertEqual(first.state, "planned")
        # the facilitator, the mentor of the plan, the to-do list: with evidence
        with freeze_time("2021-03-20"):
            first.with_user(self.facilitator).action_done()
        self.assertEqual((first.state, first.done_date), ("done", datetime.date(2021, 3, 20)))
        second.with_user(self.mentor).evidence_note = "Sesión de mentoría."
        second.with_user(self.mentor).action_done()
        self.assertEqual(second.state, "done")
        third.mail_activity_id.with_user(self.facilitator).action_feedback(feedback="Hecho")
        self.assertEqual((third.state, third.evidence_note), ("done", "Hecho"))
        with self.assertRaises(UserError):
            third.with_user(self.facilitator).action_done()  # logged already
        fourth.with_user(self.facilitator).action_not_done()
        self.assertEqual(fourth.state, "not_done")
        self.assertEqual((plan.done_count, plan.registered_count), (3, 4))
        self.assertIn(plan.state, ("followup", "completed"))

    def test_diagnostic_generation_is_the_case_followers(self):
        draft = self._md_fill(self.other_case, {"finance": 0})
        for user in (self.facilitator, self.mentor, self.analyst):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                draft.with_user(user).action_generate()
        self.assertEqual(draft.state, "draft")
        draft.with_user(self.facilitator_2).action_generate()
        self.assertEqual(draft.state, "done")
        self.assertTrue(draft.line_ids)

    # ---- program meetings ----

    def test_meetings_only_for_the_case_readers(self):
        meeting = self._md_meeting(self.case)
        meeting.description = "<p>Notas: deuda con el prestamista, hija enferma.</p>"
        plan = self._designed_plan()
        plan.with_user(self.coordinator).action_assign_mentor(self.mentor_record)
        session = (
            self.env["calendar.event"]
            .with_user(self.coordinator)
            .create(
                {
                    "name": "Mentoría",
                    "md_plan_ids": [Command.set(plan.ids)],
                    "md_session_kind": "individual",
                    "description": "<p>Plan de mentoría</p>",
                    "start": "2021-03-20 10:00:00",
                    "stop": "2021-03-20 11:00:00",
                }
            )
        )
        self.assertEqual(meeting.md_lead_ids, self.case)
        self.assertEqual(session.md_lead_ids, self.case)
        general = (
            self.env["calendar.event"]
            .with_user(self.outsider)
            .create(
                {
                    "name": "Reunión general",
                    "start": "2021-03-20 12:00:00",
                    "stop": "2021-03-20 13:00:00",
                }
            )
        )
        expected = {
            # user: (sees the case meeting, sees the mentoring session)
            self.facilitator: (True, True),
            self.orientador: (True, True),
            self.coordinator: (True, True),
            self.manager: (True, True),
            self.mentor: (False, True),
            self.facilitator_2: (False, False),
            self.orientador_2: (False, False),
            self.mentor_2: (False, False),
            self.analyst: (False, False),
            self.outsider: (False, False),
            self.other_program: (False, False),
        }
        Event = self.env["calendar.event"]
        Attendee = self.env["calendar.attendee"]
        for user, visible in expected.items():
            for event, sees in zip((meeting, session), visible, strict=True):
                with self.subTest(user=user.login, event=event.name):
                    found = Event.with_user(user).search([("id", "=", event.id)])
                    self.assertEqual(bool(found), sees)
                    attendees = Attendee.with_user(user).search([("event_id", "=", event.id)])
                    self.assertEqual(bool(attendees), sees and bool(event.attendee_ids))
                    if sees:
                        [values] = event.with_user(user).read(["description"])
                        self.assertIn("<p>", values["description"])
                    else:
                        with self.assertRaises(AccessError), mute_logger("odoo.models"):
                            event.with_user(user).read(["description"])
                        with self.assertRaises(AccessError), mute_logger("odoo.models"):
                            event.with_user(user).write({"description": "<p>x</p>"})
            # other events stay as calendar leaves them
            with self.subTest(user=user.login, event="general"):
                self.assertTrue(Event.with_user(user).search([("id", "=", general.id)]))
        self.assertIn("prestamista", meeting.description)
        # another facilitator records no meeting on a case she does not follow
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.env["calendar.event"].with_user(self.facilitator_2).create(
                {
                    "name": "Encuentro",
                    "opportunity_id": self.case.id,
                    "md_mode": "phone",
                    "start": "2021-03-21 10:00:00",
                    "stop": "2021-03-21 11:00:00",
                }
            )
