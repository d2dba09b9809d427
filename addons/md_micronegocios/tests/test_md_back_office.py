"""The back office's queues and figures (issue 17, "Orientador / coordinator / mentor"):
the orientador's plans to approve, the coordinator's mentor queue with the suggested mentor
assigned in one click, a mentor's empty lists, labelled pivots; and the bulletin's six
stages read from the board's seven (issue 18, item 8)."""

import datetime

from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import BaseCase, HttpCase, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.micro_base.tests.common import MicroScreensMixin

from ..models.crm_stage import STAGE_GATES
from ..tools import plan as plan_tool
from ..tools import stages
from .common import LEVER, STAGE_LABELS, MdCommon

STAGE = "md_micronegocios.crm_stage_md_%s"
CITY = "md_micronegocios.md_city_%s"
# innovation at "reliable" (a level that calls for a mentor), formalization the weakest.
ANSWERS = {"formalization": 0, "organization": 1, "innovation": (1, 2), "finance": 2}


@tagged("post_install", "-at_install")
class TestMdBackOfficeTools(BaseCase):
    def test_waiting_days_are_calendar_days_never_negative(self):
        today = datetime.date(2026, 12, 6)
        self.assertEqual(plan_tool.waiting_days(datetime.date(2026, 11, 27), today), 9)
        self.assertEqual(plan_tool.waiting_days(datetime.date(2026, 12, 5), today), 1)
        self.assertEqual(plan_tool.waiting_days(today, today), 0)
        self.assertEqual(plan_tool.waiting_days(datetime.date(2026, 12, 7), today), 0)
        self.assertEqual(plan_tool.waiting_days(None, today), 0)
        # a datetime counts by its day (a plan proposed late yesterday waited 1 day)
        self.assertEqual(plan_tool.waiting_days(datetime.datetime(2026, 12, 5, 23, 59), today), 1)

    def test_every_board_stage_counts_in_one_of_the_bulletins_six(self):
        # The board's seven stages: the first requires nothing, the others their gate.
        board = [False, *(gate for gate, _label in STAGE_GATES)]
        self.assertEqual(len(board), 7)
        self.assertEqual(
            [stages.bulletin_stage(gate) for gate in board],
            ["1", "2", "3", "4", "5", "5", "6"],
        )
        self.assertEqual(len(stages.BULLETIN_STAGES), 6)
        self.assertEqual(stages.BULLETIN_STAGES[-1], ("6", "6. Process Completed"))
        self.assertIsNone(stages.bulletin_stage("unknown"))
        # The bulletin's drop-out columns (545, 122, 38, 28, 77, 1), with 77 split on the
        # board between a designed plan (70) and a plan in follow-up (7).
        by_gate = {
            False: 545,
            "meeting_1": 122,
            "meeting_2": 38,
            "diagnostic": 28,
            "plan": 70,
            "followup": 7,
            "completed": 1,
            "unknown": 4,
        }
        self.assertEqual(
            stages.to_bulletin_stages(by_gate),
            {"1": 545, "2": 122, "3": 38, "4": 28, "5": 77, "6": 1},
        )
        self.assertIn("Principales razones de no continuidad", stages.SOURCE_BULLETIN_STAGES)


@tagged("post_install", "-at_install")
class TestMdBackOffice(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.neiva = cls.env.ref(CITY % "neiva")
        cls.facilitator.md_city_id = cls.neiva
        cls.today = fields.Date.context_today(cls.env["md.plan"])

    def _draft_plan(self, name, user=None, days_ago=0):
        user = user or self.facilitator
        case = self._md_case(user, name, owner=self._md_owner(user, f"Dueña {name}"))
        case.sudo().md_city_id = self.neiva
        self._md_fill(case, ANSWERS).action_generate()
        case.action_md_generate_plan()
        plan = case.md_plan_id
        if days_ago:
            created = fields.Datetime.now() - datetime.timedelta(days=days_ago)
            self.env.cr.execute(
                "UPDATE md_plan SET create_date = %s WHERE id = %s", [created, plan.id]
            )
            plan.invalidate_recordset(["create_date"])
        return plan

    def _approved_plan(self, name, days_ago=0):
        plan = self._draft_plan(name)
        plan.with_user(self.orientador).action_design()
        if days_ago:
            plan.sudo().designed_date = self.today - datetime.timedelta(days=days_ago)
        return plan

    def test_orientador_sees_only_drafts_to_approve_oldest_first(self):
        old = self._draft_plan("Arepas Old", days_ago=9)
        recent = self._draft_plan("Arepas Recent", days_ago=2)
        approved = self._approved_plan("Arepas Approved")
        other = self._draft_plan("Caso ajeno", user=self.facilitator_2)  # not her facilitator
        action = self.env.ref("md_micronegocios.md_home_action_orientador")
        view = self.env.ref("md_micronegocios.md_plan_view_list_to_approve")
        self.assertEqual(action.view_id, view)
        order = etree.fromstring(view.arch).get("default_order")
        self.assertEqual(order, "create_date asc, id")
        self.assertEqual(self.orientador.action_id.id, action.id)  # her home
        Plan = self.env["md.plan"].with_user(self.orientador)
        listed = Plan.search(safe_eval(action.domain), order=order)
        self.assertEqual(listed, old + recent)  # no approved plan, no other orientador's
        self.assertNotIn(approved, listed)
        self.assertNotIn(other, listed)
        self.assertEqual(listed.mapped("waiting_days"), [9, 2])
        # "To Approve" under Plans opens it, for orientadores only.
        menu = self.env.ref("md_micronegocios.md_plan_to_approve_menu")
        self.assertEqual(menu.action, action)
        self.assertIn(menu, self.env["ir.ui.menu"].with_user(self.orientador).search([]))
        self.assertNotIn(menu, self.env["ir.ui.menu"].with_user(self.facilitator).search([]))
        # She approves the oldest: it leaves the list.
        listed[0].action_design()
        self.assertEqual(Plan.search(safe_eval(action.domain), order=order), recent)
        self.assertEqual(old.approved_by_id, self.orientador)

    def test_coordinator_queue_suggests_a_mentor_and_assigns_in_one_click(self):
        self.env["md.mentor"].search([]).active = False  # only this test's mentors
        plan = self._approved_plan("Arepas Marta", days_ago=8)
        later = self._approved_plan("Arepas Luz", days_ago=3)
        self.assertTrue(plan.mentor_pending)
        levers = plan.prioritized_lever_ids
        self.assertIn(self.env.ref(LEVER % "innovation"), levers)
        Mentor = self.env["md.mentor"].with_user(self.coordinator)

        def mentor(login, **values):
            user = self._new_user(login, "md_micronegocios.md_micronegocios_group_mentor")
            return Mentor.create({"user_id": user.id, **values})

        innovation = [(6, 0, [self.env.ref(LEVER % "innovation").id])]
        full = mentor("m_full", lever_ids=innovation, city_id=self.neiva.id, capacity=0)
        online = mentor("m_online", lever_ids=innovation, virtual=True)
        elsewhere = mentor(
            "m_elsewhere", lever_ids=innovation, city_id=self.env.ref(CITY % "bucaramanga").id
        )
        local = mentor("m_local", lever_ids=innovation, city_id=self.neiva.id, capacity=2)
        unmatched = mentor(
            "m_unmatched",
            lever_ids=[(6, 0, [self.env.ref(LEVER % "sales").id])],
            city_id=self.neiva.id,
        )
        # The rule: available, with room, mastering a plan lever, in the city or online;
        # the most levers matched, then the same city, then the least loaded.
        queue_plan = plan.with_user(self.coordinator)
        self.assertEqual(queue_plan.suggested_mentor_id, local)
        self.assertEqual(queue_plan.suggested_mentor_ids, local + online)
        for skipped in (full, elsewhere, unmatched):
            self.assertNotIn(skipped, queue_plan.suggested_mentor_ids)
        # The queue: the home action's filter, the longest waiting first, waiting days.
        action = self.env.ref("md_micronegocios.md_home_action_coordinator")
        view = self.env.ref("md_micronegocios.md_plan_view_list_mentor_queue")
        self.assertEqual(action.view_id, view)
        self.assertEqual(
            self.env.ref("md_micronegocios.md_plan_action_pending_mentor").view_id, view
        )
        menu = self.env.ref("md_micronegocios.md_plan_pending_mentor_menu")
        self.assertEqual(menu.action, action)  # her home, inside the app
        self.assertIn(menu, self.env["ir.ui.menu"].with_user(self.coordinator).search([]))
        self.assertNotIn(menu, self.env["ir.ui.menu"].with_user(self.orientador).search([]))
        arch = etree.fromstring(view.arch)
        self.assertTrue(arch.xpath("//field[@name='waiting_days']"))
        self.assertTrue(arch.xpath("//field[@name='suggested_mentor_id']"))
        self.assertTrue(arch.xpath("//button[@name='action_assign_mentor']"))
        self.assertTrue(safe_eval(action.context)["search_default_pending_mentor"])
        queue = (
            self.env["md.plan"]
            .with_user(self.coordinator)
            .search(
                [("mentor_pending", "=", True), ("user_id", "=", self.facilitator.id)],
                order=arch.get("default_order"),
            )
        )
        self.assertEqual(queue, queue_plan + later)
        self.assertEqual(queue.mapped("waiting_days"), [8, 3])
        # The orientador cannot assign; the coordinator's one click (the row's button calls
        # the method with no argument) gives the suggested mentor.
        with self.assertRaises(UserError):
            plan.with_user(self.orientador).action_assign_mentor()
        queue_plan.action_assign_mentor()
        self.assertEqual(plan.mentor_ids, local)
        self.assertFalse(plan.mentor_pending)
        self.assertEqual(queue_plan.waiting_days, 0)
        self.assertEqual(local.load, 1)
        # local has room for one more: the next plan gets it too, then online mentors.
        self.assertEqual(later.with_user(self.coordinator).suggested_mentor_id, local)
        local.capacity = 1
        later.invalidate_recordset(["suggested_mentor_id", "suggested_mentor_ids"])
        self.assertEqual(later.with_user(self.coordinator).suggested_mentor_id, online)

    def test_mentor_without_plans_sees_no_create_invitation(self):
        Plan = self.env["md.plan"].with_user(self.mentor)
        self.assertFalse(Plan.has_access("create"))
        self.assertFalse(Plan.search([]))
        text = Plan.get_empty_list_help("")
        self.assertNotIn("Create new", text)
        self.assertIn("No plan is assigned to you yet.", text)
        self.assertIn("coordinator assigns you", text)
        # Facilitators learn where plans come from.
        text = self.env["md.plan"].with_user(self.facilitator).get_empty_list_help("<p></p>")
        self.assertNotIn("Create new", text)
        self.assertIn("proposed from its diagnostic", text)
        # Every action a mentor reaches on an empty list says something of its own.
        for xmlid in (
            "md_micronegocios.md_plan_action",
            "md_micronegocios.md_plan_activity_action",
            "md_micronegocios.md_home_action_mentor",
        ):
            action = self.env.ref(xmlid)
            model = self.env[action.res_model].with_user(self.mentor)
            text = model.get_empty_list_help(action.help or "")
            self.assertNotIn("Create new", text, xmlid)


@tagged("post_install", "-at_install")
class TestMdLabelledPivots(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_cycle("2021-1 etiquetas")

    def _cases(self, count, **values):
        return self._md_bulk_cases("neiva", count, **values)

    def test_every_program_pivot_and_graph_groups_by_labelled_fields(self):
        """No pivot or graph of the program is headed by raw numbers or bare Yes/No: its
        row and column groupings (view and action defaults) are records, choices or
        dates."""
        labelled = {"many2one", "selection", "date", "datetime", "char"}
        models = self.env["ir.model"].search([("model", "=like", "md.%")]).mapped("model")
        views = self.env["ir.ui.view"].search(
            [("model", "in", models), ("type", "in", ("pivot", "graph"))]
        )
        self.assertGreaterEqual(len(views), 4)
        checked = 0
        for view in views:
            Model = self.env[view.model]
            for node in etree.fromstring(view.arch).iter("field"):
                if node.get("type") == "measure" or node.get("invisible"):
                    continue
                field = Model._fields[node.get("name")]
                self.assertIn(field.type, labelled, f"{view.name}: {field.name}")
                checked += 1
        actions = self.env["ir.actions.act_window"].search([("res_model", "in", models)])
        for action in actions.filtered(lambda a: "pivot" in a.view_mode):
            context = safe_eval(action.context or "{}", {"uid": 1})
            for key in ("pivot_row_groupby", "pivot_column_groupby", "graph_groupbys"):
                for name in context.get(key, []):
                    field = self.env[action.res_model]._fields[name.split(":")[0]]
                    self.assertIn(field.type, labelled, f"{action.name}: {name}")
                    checked += 1
        self.assertGreaterEqual(checked, 10)

    def test_cases_analysis_headings(self):
        stage = self.env.ref
        self._cases(2, md_week=3)
        self._cases(1, md_week=4, stage_id=stage(STAGE % "6").id)  # in follow-up
        self._cases(1, md_week=0, stage_id=stage(STAGE % "7").id)
        self._cases(
            1,
            md_week=4,
            active=False,
            stage_id=stage(STAGE % "7").id,
            md_dropout_stage_id=stage(STAGE % "7").id,
        )
        Analysis = self.env["md.case.analysis"].with_user(self.analyst)
        described = Analysis.fields_get(["week_label", "bulletin_stage", "case_status"])
        weeks = dict(described["week_label"]["selection"])
        self.assertEqual(weeks["03"], "Week 3")
        self.assertEqual(weeks["00"], "Outside the cycle")
        self.assertEqual(described["week_label"]["string"], "Registration Week")
        self.assertEqual(
            [label for _value, label in described["bulletin_stage"]["selection"]],
            STAGE_LABELS,
        )
        domain = [("cycle_id", "=", self.cycle.id)]
        per_week = dict(Analysis._read_group(domain, ["week_label"], ["case_count:sum"]))
        self.assertEqual(per_week, {"00": 1, "03": 2, "04": 2})
        per_stage = dict(Analysis._read_group(domain, ["bulletin_stage"], ["case_count:sum"]))
        # follow-up counts as a designed plan; the finished, active or dropped, as 6.
        self.assertEqual(per_stage, {"1": 2, "5": 1, "6": 2})
        per_status = dict(Analysis._read_group(domain, ["case_status"], ["case_count:sum"]))
        self.assertEqual(per_status, {"active": 4, "dropped": 1})
        per_mentoring = dict(Analysis._read_group(domain, ["mentor_status"], ["case_count:sum"]))
        self.assertEqual(per_mentoring, {"no_plan": 5})
        pivot = self.env.ref("md_micronegocios.md_case_analysis_view_pivot")
        col = etree.fromstring(pivot.arch).xpath("//field[@type='col']/@name")
        self.assertEqual(col, ["week_label"])


@tagged("post_install", "-at_install")
class TestMdBackOfficeDesk(MicroScreensMixin, HttpCase):
    """The orientador and the case coordinator at the desk (1400x900), in Colombian
    Spanish, on the demo: screenshots under .odoo/screens/TestMdBackOfficeDesk/."""

    browser_size = "1400x900"

    def test_orientador_approves_the_oldest_plan_from_to_approve(self):
        orientador = self.env.ref("md_micronegocios.md_user_orientador_neiva")
        self.assertEqual(orientador.lang, "es_CO")
        Plan = self.env["md.plan"].with_user(orientador)
        drafts = Plan.search([("state", "=", "draft")], order="create_date asc, id")
        self.assertTrue(drafts, "the demo leaves a plan for her to approve")
        oldest = drafts[0]
        self.start_tour("/web/login", "md_back_office_orientador", timeout=180)
        self.assertEqual(oldest.state, "designed")
        self.assertEqual(oldest.approved_by_id, orientador)
        self.assertEqual(drafts - oldest, Plan.search([("state", "=", "draft")]))

    def test_coordinator_assigns_the_suggested_mentor_from_the_queue(self):
        coordinator = self.env.ref("md_micronegocios.md_user_coordinadora_casos")
        self.assertEqual(coordinator.lang, "es_CO")
        mentor = self.env.ref("md_micronegocios.md_mentor_innovacion")
        Plan = self.env["md.plan"].with_user(coordinator)
        queue = Plan.search([("mentor_pending", "=", True)])
        plan = queue.filtered(lambda p: p.suggested_mentor_id == mentor)[:1]
        self.assertTrue(plan, "the demo queue has a plan the Neiva mentor suits")
        # That plan has waited the longest: 30 days (31 where it is already tomorrow).
        plan.lead_id.sudo().name = "Tienda La Espera"
        plan.sudo().designed_date = fields.Date.context_today(plan) - datetime.timedelta(days=30)
        self.assertEqual(plan.waiting_days, 30)
        self.start_tour("/web/login", "md_back_office_coordinator", timeout=180)
        self.assertEqual(plan.mentor_ids, mentor)
        self.assertFalse(plan.mentor_pending)
