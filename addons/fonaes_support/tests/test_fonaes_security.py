from odoo.tests import TransactionCase, tagged

from odoo.addons.micro_base.tests.common import MicroTestMixin

GROUP = "fonaes_support.fonaes_support_group_%s"


@tagged("post_install", "-at_install")
class TestFonaesGroupsMenus(MicroTestMixin, TransactionCase):
    def test_role_hierarchy(self):
        directorate = self.env.ref(GROUP % "general_directorate").trans_implied_ids
        self.assertIn(self.env.ref(GROUP % "state_representative"), directorate)
        self.assertNotIn(self.env.ref(GROUP % "accountant"), directorate)
        self.assertIn(
            self.env.ref("account.group_account_invoice"),
            self.env.ref(GROUP % "accountant").trans_implied_ids,
        )

    def test_menus_per_role(self):
        root = self.env.ref("fonaes_support.fonaes_support_menu_root")
        config = self.env.ref("fonaes_support.fonaes_support_menu_config")
        directorate = self._new_user("fo_directorate", GROUP % "general_directorate")
        state_rep = self._new_user("fo_state", GROUP % "state_representative")
        self.assertIn(root.id, self._visible_menus(directorate))
        self.assertIn(config.id, self._visible_menus(directorate))
        self.assertNotIn(config.id, self._visible_menus(state_rep))
        outsider = self._new_user("fo_outsider", "base.group_user")
        self.assertNotIn(root.id, self._visible_menus(outsider))

    def test_work_menus_per_role(self):
        menu = "fonaes_support.fonaes_%s_menu"
        state_rep = self._new_user("fo_state2", GROUP % "state_representative")
        accountant = self._new_user("fo_acct2", GROUP % "accountant")
        directorate = self._new_user("fo_dg2", GROUP % "general_directorate")
        rep_menus = self._visible_menus(state_rep)
        for name in ("application", "agreement", "ministration", "beneficiary", "esc_report"):
            self.assertIn(self.env.ref(menu % name).id, rep_menus, name)
        self.assertNotIn(self.env.ref(menu % "indicator_period").id, rep_menus)
        acct_menus = self._visible_menus(accountant)
        self.assertIn(self.env.ref(menu % "ministration").id, acct_menus)
        self.assertIn(self.env.ref(menu % "indicator_period").id, acct_menus)
        self.assertNotIn(self.env.ref(menu % "application").id, acct_menus)
        dg_menus = self._visible_menus(directorate)
        self.assertIn(self.env.ref(menu % "indicator_period").id, dg_menus)
        self.assertIn(self.env.ref("fonaes_support.fonaes_support_type_menu").id, dg_menus)
