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
