"""Diagnostic, attention plan and mentors (spec md_micronegocios §3-§5), as the people who
do each step."""

import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import LEVEL, LEVER, MdCommon

# Two questions per lever, answers worth 0..3: both at index i gives 100·i/3.
WEAK_FORMALIZATION = {
    "formalization": 0,  # 0      -> incipient
    "organization": 1,  # 33.33  -> acceptable
    "innovation": (1, 2),  # 50 -> reliable
    "finance": 2,  # 66.67  -> competent
}


@tagged("post_install", "-at_install")
class TestMdDiagnosticPlan(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.owner = cls._md_owner(cls.facilitator, "Marta Gómez")
        cls.case = cls._md_case(cls.facilitator, "Arepas Marta", owner=cls.owner)
        cls.neiva = cls.env.ref("md_micronegocios.md_city_neiva")
        cls.case.sudo().md_city_id = cls.neiva

    def _levels(self, diagnostic):
        return {line.lever_id.code: line.level_id.code for line in diagnostic.line_ids}

    def _plan(self, answers=None):
        diagnostic = self._md_fill(self.case, answers or WEAK_FORMALIZATION)
        diagnostic.action_generate()
        action = self.case.with_user(self.facilitator).action_md_generate_plan()
        return self.env["md.plan"].with_user(self.facilitator).browse(action["res_id"])

    # ---- diagnostic ----

    def test_diagnostic_from_known_answers(self):
        diagnostic = self._md_fill(self.case, WEAK_FORMALIZATION)
        self.assertEqual(diagnostic.env.user, self.facilitator)
        diagnostic.action_generate()
        self.assertEqual(diagnostic.state, "done")
        levels = self._levels(diagnostic)
        self.assertEqual(levels["formalization"], "incipient")
        self.assertEqual(levels["organization"], "acceptable")
        self.assertEqual(levels["innovation"], "reliable")
        self.assertEqual(levels["finance"], "competent")
        self.assertEqual(levels["biosafety"], "excellent")
        scores = {line.lever_id.code: line.score for line in diagnostic.line_ids}
        self.assertEqual(scores["organization"], 33.33)
        self.assertEqual(scores["innovation"], 50.0)
        self.assertEqual(
            diagnostic.weakest_lever_ids.mapped("code"),
            ["formalization", "organization", "innovation"],
        )
        self.assertEqual(self.case.md_diagnostic_id, diagnostic)
        self.assertEqual(len(diagnostic.line_ids), 10)

    def test_unanswered_diagnostic_refused(self):
        diagnostic = (
            self.env["md.diagnostic"].with_user(self.facilitator).create({"lead_id": self.case.id})
        )
        diagnostic.response_ids[0].answer_id = diagnostic.response_ids[0].question_id.answer_ids[0]
        with self.assertRaisesMessage(UserError, "Arepas Marta (1 of 20 answered)"):
            diagnostic.action_generate()
        self.assertEqual(diagnostic.state, "draft")
        self.assertFalse(diagnostic.line_ids)

    def test_batch_generation(self):
        cases = self.case
        for i in range(3):
            cases |= self._md_case(
                self.facilitator, f"Caso lote {i}", owner=self._md_owner(self.facilitator, f"D{i}")
            )
        for case in cases:
            self._md_fill(case, {"finance": 0})
        cases.with_user(self.facilitator).action_md_generate_diagnostics()
        self.assertEqual(cases.md_diagnostic_id.mapped("state"), ["done"] * 4)
        for diagnostic in cases.md_diagnostic_id:
            self.assertIn("finance", diagnostic.weakest_lever_ids.mapped("code"))
            self.assertEqual(diagnostic.line_ids.sorted("score")[0].lever_id.code, "finance")

    def test_questionnaire_versions_keep_past_results(self):
        diagnostic = self._md_fill(self.case, WEAK_FORMALIZATION)
        diagnostic.action_generate()
        questionnaire = diagnostic.questionnaire_id.with_user(self.manager)
        question = questionnaire.question_ids[0]
        with self.assertRaisesMessage(UserError, "Create a new version"):
            question.weight = 5
        action = questionnaire.action_new_version()
        new = self.env["md.questionnaire"].with_user(self.manager).browse(action["res_id"])
        self.assertEqual(new.version, 2)
        new.question_ids.filtered(lambda q: q.lever_id.code == "formalization").write(
            {"weight": 3}
        )
        new.action_activate()
        self.assertEqual(questionnaire.state, "archived")
        self.assertEqual(self.env["md.questionnaire"]._current(), new)
        # Bands change too: past results stay as generated.
        self.env.ref(LEVEL % "acceptable").with_user(self.manager).min_score = 35
        self.assertEqual(self._levels(diagnostic)["organization"], "acceptable")
        self.assertEqual(diagnostic.questionnaire_id, questionnaire)
        with self.assertRaises(UserError):
            diagnostic.response_ids[0].with_user(self.facilitator).answer_id = False

    # ---- plan ----

    def test_plan_weakest_levers_first_over_ten_to_twelve_weeks(self):
        plan = self._plan()
        self.assertEqual(plan.state, "draft")
        self.assertEqual(
            plan.prioritized_lever_ids.mapped("code"),
            ["formalization", "organization", "innovation"],
        )
        activities = plan.plan_activity_ids.sorted(lambda a: (a.week, a.sequence))
        self.assertEqual(
            activities.lever_id.mapped("code"), ["formalization", "organization", "innovation"]
        )
        self.assertEqual(
            [a.lever_id.code for a in activities[:2]], ["formalization", "formalization"]
        )
        self.assertEqual(activities[0].week, 1)
        self.assertEqual(activities[-1].week, 12)
        self.assertTrue(10 <= plan.weeks <= 12)
        self.assertEqual(activities[0].name, "Formalization programme or training of Confecámaras")

    def test_plan_approval_schedules_todos_and_follow_up(self):
        plan = self._plan()
        with self.assertRaisesMessage(UserError, "Only an orientador or a case coordinator"):
            plan.action_design()
        with freeze_time("2021-03-15"):
            plan.with_user(self.orientador).action_design()
        self.assertEqual(plan.state, "designed")
        self.assertEqual(plan.approved_by_id, self.orientador)
        todos = plan.plan_activity_ids.mail_activity_id
        self.assertEqual(len(todos), len(plan.plan_activity_ids))
        self.assertEqual(set(todos.mapped("user_id")), {self.facilitator})
        first = plan.plan_activity_ids.sorted("week")[0]
        self.assertEqual(first.date_deadline, datetime.date(2021, 3, 21))
        # Evidence first, then done.
        with self.assertRaisesMessage(UserError, "Add evidence"):
            first.action_done()
        first.evidence_note = "Asistió al taller de la Cámara de Comercio."
        first.action_done()
        self.assertEqual(plan.state, "followup")
        self.assertFalse(first.mail_activity_id.exists() and first.mail_activity_id.active)
        # Marking the to-do done from the to-do list logs the plan activity.
        second = plan.plan_activity_ids.sorted("week")[1]
        second.mail_activity_id.with_user(self.facilitator).action_feedback(feedback="Hecho")
        self.assertEqual(second.state, "done")
        self.assertEqual(second.evidence_note, "Hecho")
        self.assertEqual((plan.expected_count, plan.registered_count, plan.done_count), (6, 2, 2))
        # More than half done completes the plan (threshold is a setting).
        rest = plan.plan_activity_ids.filtered(lambda a: a.state == "planned")
        rest[0].evidence_note = "ok"
        rest[0].action_done()
        self.assertEqual(plan.state, "followup")  # 3 of 6 is not more than half
        rest[1].action_not_done()
        self.assertEqual(plan.registered_count, 4)
        rest[2].evidence_note = "ok"
        rest[2].action_done()
        self.assertEqual(plan.state, "completed")
        self.assertEqual(plan.done_percent, 66.67)
        # The case can now go to its last stage.
        case = self.case
        self._md_meeting(case)
        self._md_meeting(case, day="2021-03-09 10:00:00")
        case.stage_id = self.env.ref("md_micronegocios.crm_stage_md_7")

    def test_threshold_setting(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "md_micronegocios.completion_threshold", "0.4"
        )
        plan = self._plan()
        plan.with_user(self.orientador).action_design()
        for activity in plan.plan_activity_ids.sorted("week")[:3]:
            activity.evidence_note = "ok"
            activity.action_done()
        self.assertEqual(plan.state, "completed")  # 3 of 6 = 50 % > 40 %

    # ---- mentors ----

    def test_mentor_rule_on_each_level(self):
        # The weakest prioritized lever at each level; the others excellent.
        cases = {
            "incipient": {"formalization": 0},
            "acceptable": {"formalization": 1},
            "reliable": {"formalization": (1, 2)},
            "competent": {"formalization": 2},
            "excellent": {},
        }
        expected = {
            "incipient": False,
            "acceptable": False,
            "reliable": True,
            "competent": True,
            "excellent": False,
        }
        self.env["ir.config_parameter"].sudo().set_param("md_micronegocios.weakest_levers", "1")
        for level, answers in cases.items():
            case = self._md_case(
                self.facilitator, f"Caso {level}", owner=self._md_owner(self.facilitator, level)
            )
            diagnostic = self._md_fill(case, answers)
            diagnostic.action_generate()
            self.assertEqual(
                diagnostic.line_ids.filtered(
                    lambda line, d=diagnostic: line.lever_id == d.weakest_lever_ids
                ).level_id.code,
                level,
            )
            case.with_user(self.facilitator).action_md_generate_plan()
            self.assertEqual(case.md_plan_id.requires_mentor, expected[level], level)
        # The rule is a setting on the levels.
        self.env.ref(LEVEL % "acceptable").with_user(self.manager).requires_mentor = True
        acceptable = self.env["crm.lead"].search([("name", "=", "Caso acceptable")])
        self.assertTrue(acceptable.md_plan_id.requires_mentor)

    def test_mentor_suggestion_assignment_and_visibility(self):
        self.env["md.mentor"].search([]).active = False  # only this test's mentors
        Mentor = self.env["md.mentor"].with_user(self.coordinator)
        mentor_user_2 = self._new_user(
            "md_mentor_2", "md_micronegocios.md_micronegocios_group_mentor"
        )
        local = Mentor.create(
            {
                "user_id": self.mentor.id,
                "lever_ids": [(6, 0, [self.env.ref(LEVER % "innovation").id])],
                "city_id": self.neiva.id,
                "capacity": 2,
            }
        )
        Mentor.create(
            {
                "user_id": mentor_user_2.id,
                "lever_ids": [(6, 0, [self.env.ref(LEVER % "finance").id])],
                "virtual": True,
            }
        )
        plan = self._plan()
        plan.with_user(self.orientador).action_design()
        self.assertTrue(plan.requires_mentor)  # innovation at "reliable"
        self.assertTrue(plan.mentor_pending)
        pending = (
            self.env["md.plan"].with_user(self.coordinator).search([("mentor_pending", "=", True)])
        )
        self.assertIn(plan, pending)
        self.assertEqual(plan.with_user(self.coordinator).suggested_mentor_ids, local)
        plan.with_user(self.coordinator).action_assign_mentor()
        self.assertEqual(plan.mentor_ids, local)
        self.assertFalse(plan.mentor_pending)
        self.assertEqual(local.load, 1)
        # The mentor sees this plan, and not another one.
        plan.with_user(self.mentor).read(["state", "lead_id"])
        other_case = self._md_case(
            self.facilitator, "Otro caso", owner=self._md_owner(self.facilitator, "X")
        )
        self._md_fill(other_case, {}).action_generate()
        other_case.with_user(self.facilitator).action_md_generate_plan()
        with self.assertRaises(AccessError):
            other_case.md_plan_id.with_user(self.mentor).read(["state"])
        with self.assertRaises(AccessError):
            other_case.md_plan_id.with_user(mentor_user_2).read(["state"])
        # A mentoring session is a calendar event of the plan.
        action = plan.with_user(self.mentor).action_schedule_session()
        event = (
            self.env["calendar.event"]
            .with_user(self.mentor)
            .with_context(**action["context"])
            .create(
                {
                    "start": datetime.datetime(2021, 3, 20, 9),
                    "stop": datetime.datetime(2021, 3, 20, 10),
                }
            )
        )
        self.assertEqual(event.md_plan_ids, plan)
        self.assertEqual(event.md_session_kind, "individual")
        self.assertIn(self.owner, event.partner_ids)

    # ---- scheduled actions ----

    def test_crons_are_idempotent(self):
        self.env["md.mentor"].search([]).active = False  # nobody to assign: plans wait
        plan = self._plan()
        with freeze_time("2021-03-01"):
            plan.with_user(self.orientador).action_design()
        activity_type = self.env.ref("md_micronegocios.mail_activity_type_md_mentor_pending")
        Plan = self.env["md.plan"]
        Activity = self.env["md.plan.activity"]
        with freeze_time("2021-03-05"):  # 4 days: not yet
            Plan._cron_remind_pending_mentor()
        self.assertFalse(plan.activity_ids.filtered(lambda a: a.activity_type_id == activity_type))
        with freeze_time("2021-03-20"):
            Plan._cron_remind_pending_mentor()
            Plan._cron_remind_pending_mentor()
            reminders = plan.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            self.assertEqual(len(reminders), 1)
            self.assertEqual(reminders.user_id, self.orientador)
            messages = len(plan.message_ids)
            Activity._cron_notify_overdue()
            overdue = plan.plan_activity_ids.filtered("overdue_notified")
            self.assertEqual(len(overdue), 1)  # week 1 ended on 7 March; week 3 on 21 March
            after_first = len(plan.message_ids)
            self.assertEqual(after_first, messages + 1)
            Activity._cron_notify_overdue()
            self.assertEqual(len(plan.message_ids), after_first)

    def test_cron_survives_a_bad_record(self):
        plans = self.env["md.plan"]
        for i in range(2):
            case = self._md_case(
                self.facilitator, f"Caso cron {i}", owner=self._md_owner(self.facilitator, f"C{i}")
            )
            self._md_fill(case, {}).action_generate()
            case.with_user(self.facilitator).action_md_generate_plan()
            with freeze_time("2021-03-01"):
                case.md_plan_id.with_user(self.orientador).action_design()
            plans |= case.md_plan_id
        Activity = type(self.env["md.plan.activity"])
        original = Activity._notify_overdue
        broken = plans[0].plan_activity_ids

        def notify(activity):
            if activity in broken:
                raise ValueError("broken record")
            return original(activity)

        with (
            freeze_time("2021-03-20"),
            patch.object(Activity, "_notify_overdue", notify),
            mute_logger("odoo.addons.micro_base.models.micro_scheduled_work"),
        ):
            self.env["md.plan.activity"]._cron_notify_overdue()
        self.assertFalse(any(plans[0].plan_activity_ids.mapped("overdue_notified")))
        self.assertEqual(len(plans[1].plan_activity_ids.filtered("overdue_notified")), 1)

    def test_diagnostic_pdf_for_the_owner(self):
        diagnostic = self._md_fill(self.case, WEAK_FORMALIZATION)
        diagnostic.action_generate()
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.facilitator)
            ._render_qweb_html("md_micronegocios.md_diagnostic_report", diagnostic.ids)
        )
        html = html.decode()
        self.assertIn("Arepas Marta", html)
        self.assertIn("Marta Gómez", html)
        self.assertIn("Formalization, Organization, Innovation", html)
        self.assertIn("Incipient", html)

    def test_group_mentoring_session(self):
        plans = self.env["md.plan"]
        for i in range(2):
            case = self._md_case(
                self.facilitator, f"Grupo {i}", owner=self._md_owner(self.facilitator, f"G{i}")
            )
            self._md_fill(case, {}).action_generate()
            case.with_user(self.facilitator).action_md_generate_plan()
            plans |= case.md_plan_id
        action = plans.with_user(self.facilitator).action_schedule_session()
        self.assertEqual(action["context"]["default_md_session_kind"], "group")
        event = (
            self.env["calendar.event"]
            .with_user(self.facilitator)
            .with_context(**action["context"])
            .create({"start": "2021-03-20 09:00:00", "stop": "2021-03-20 11:00:00"})
        )
        self.assertEqual(event.md_plan_ids, plans)
        self.assertEqual(event.partner_ids & plans.partner_id, plans.partner_id)
