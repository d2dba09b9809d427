import ast

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
