import ast

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import GROUP, MdCommon


@tagged("post_install", "-at_install")
class TestMdGroupsMenus(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()

    def test_role_hierarchy(self):
        ref = self.env.ref
        facilitator = ref(GROUP % "facilitator")
        self.assertIn(facilitator, ref(GROUP % "orientador").implied_ids)
        self.assertIn(ref(GROUP % "orientador"), ref(GROUP % "coordinator").implied_ids)
        manager_all = ref(GROUP % "manager").trans_implied_ids
        for role in ("facilitator", "orientador", "coordinator", "analyst"):
            self.assertIn(ref(GROUP % role), manager_all)
        self.assertNotIn(ref(GROUP % "mentor"), manager_all)
        self.assertTrue(self.manager.has_group(GROUP % "facilitator"))
        self.assertFalse(self.facilitator.has_group(GROUP % "orientador"))

    def test_menus_per_role(self):
        root = self.env.ref("md_micronegocios.md_micronegocios_menu_root")
        cases = self.env.ref("md_micronegocios.md_case_menu")
        config = self.env.ref("md_micronegocios.md_micronegocios_menu_config")
        facilitator_menus = self._visible_menus(self.facilitator)
        self.assertIn(root.id, facilitator_menus)
        self.assertIn(cases.id, facilitator_menus)
        self.assertNotIn(config.id, facilitator_menus)
        self.assertIn(config.id, self._visible_menus(self.manager))
        outsider = self._new_user("md_outsider", "base.group_user")
        self.assertNotIn(root.id, self._visible_menus(outsider))

    def test_cases_action_is_the_program_team(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("md_micronegocios.md_case_action")
        self.assertEqual(action["res_model"], "crm.lead")
        domain = ast.literal_eval(action["domain"])
        self.assertIn(("team_id", "=", self.team.id), domain)


@tagged("post_install", "-at_install")
class TestMdRecordAccess(MdCommon, TransactionCase):
    """Each role reading, writing and deleting what it must not: AccessError."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.outsider = cls._new_user("md_outsider_user", "base.group_user")
        cases = {}
        for user in (cls.facilitator, cls.facilitator_2):
            case = cls._md_case(
                user, f"Caso de {user.login}", owner=cls._md_owner(user, user.login)
            )
            diagnostic = cls._md_fill(case, {"finance": 0})
            diagnostic.action_generate()
            case.action_md_generate_plan()
            cases[user] = case
        cls.own = cases[cls.facilitator]
        cls.other = cases[cls.facilitator_2]

    def _records(self, case):
        return [
            case.md_diagnostic_id,
            case.md_diagnostic_id.response_ids[:1],
            case.md_diagnostic_id.line_ids[:1],
            case.md_plan_id,
            case.md_plan_id.plan_activity_ids[:1],
        ]

    def test_facilitator_only_own(self):
        for record in self._records(self.own):
            record.with_user(self.facilitator).read(["display_name"])
        for record in self._records(self.other):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.facilitator).read(["display_name"])
        with self.assertRaises(AccessError):
            self.other.md_plan_id.plan_activity_ids[:1].with_user(self.facilitator).write(
                {"evidence_note": "x"}
            )
        # Cannot delete plans nor diagnostics, even their own.
        with self.assertRaises(AccessError):
            self.own.md_plan_id.with_user(self.facilitator).unlink()
        with self.assertRaises(AccessError):
            self.own.md_diagnostic_id.with_user(self.facilitator).unlink()

    def test_orientador_sees_own_group(self):
        for record in self._records(self.own):
            record.with_user(self.orientador).read(["display_name"])
        for record in self._records(self.other):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.orientador).read(["display_name"])

    def test_coordinator_and_analyst(self):
        for record in self._records(self.own) + self._records(self.other):
            record.with_user(self.coordinator).read(["display_name"])
        # The analyst reads no owner data through the cases.
        with self.assertRaises(AccessError):
            self.own.with_user(self.analyst).read(["partner_id", "phone"])

    def test_analyst_reads_figures_not_named_records(self):
        """Diagnostics, answers, plans and activities name the business and its owner and
        carry evidence (notes, photos): the analyst reads none of them; the lever results
        (figures) yes, with the diagnostic shown by number, not by the business's name."""
        own, other = self._records(self.own), self._records(self.other)
        for record in own[:2] + own[3:] + other[:2] + other[3:]:
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.analyst).read(["display_name"])
        with self.assertRaises(AccessError):
            self.own.md_plan_id.with_user(self.analyst).write({"prioritized_lever_ids": []})
        with self.assertRaises(AccessError):
            self.own.md_plan_id.plan_activity_ids[:1].with_user(self.analyst).read(
                ["evidence_note"]
            )
        Line = self.env["md.diagnostic.line"].with_user(self.analyst)
        lines = Line.search([("id", "in", [own[2].id, other[2].id])])
        self.assertEqual(len(lines), 2)
        [values] = lines[:1].read(["diagnostic_id", "lever_id", "score"])
        self.assertEqual(values["diagnostic_id"][1], f"Diagnostic {lines[0].diagnostic_id.id}")
        self.assertNotIn(
            self.own.name, str(Line.web_read_group([], ["diagnostic_id"], ["diagnostic_id"]))
        )
        # the coordinator, who follows cases, sees the business's name
        self.assertEqual(
            own[2].with_user(self.coordinator).diagnostic_id.display_name,
            f"Diagnostic of {self.own.name}",
        )
        # and so does the mentor of the plan
        plan = self.own.md_plan_id
        plan.sudo().mentor_ids = self.env["md.mentor"].create({"user_id": self.mentor.id})
        [values] = plan.with_user(self.mentor).read(["diagnostic_id"])
        self.assertEqual(values["diagnostic_id"][1], f"Diagnostic of {self.own.name}")
        menus = self._visible_menus(self.analyst)
        for xmlid in ("md_plan_menu_root", "md_diagnostic_menu", "md_case_menu"):
            self.assertNotIn(self.env.ref(f"md_micronegocios.{xmlid}").id, menus, xmlid)
        for xmlid in (
            "md_case_analysis_menu",
            "md_case_analysis_plans_menu",
            "md_diagnostic_line_menu",
            "md_program_report_menu",
            "md_research_export_menu",
            "md_service_menu",
        ):
            self.assertIn(self.env.ref(f"md_micronegocios.{xmlid}").id, menus, xmlid)

    def test_mentor_and_outsider(self):
        for record in self._records(self.own):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.mentor).read(["display_name"])
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.outsider).read(["display_name"])

    def test_configuration_is_the_managers(self):
        lever = self.env.ref("md_micronegocios.md_lever_finance")
        level = self.env.ref("md_micronegocios.md_level_reliable")
        template = self.env.ref("md_micronegocios.md_activity_template_finance_1")
        for user in (self.facilitator, self.coordinator, self.analyst, self.mentor):
            for record, values in (
                (lever, {"name": "x"}),
                (level, {"min_score": 45}),
                (template, {"name": "x"}),
            ):
                record.with_user(user).read(["name"])
                with self.assertRaises(AccessError, msg=f"{user.login} {record._name}"):
                    record.with_user(user).write(values)
        level.with_user(self.manager).min_score = 45
        with self.assertRaises(AccessError):
            self.env["md.mentor"].with_user(self.facilitator).create({"user_id": self.mentor.id})
