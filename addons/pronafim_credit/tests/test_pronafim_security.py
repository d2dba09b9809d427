from odoo.tests import TransactionCase, tagged

from odoo.addons.micro_base.tests.common import MicroTestMixin

GROUP = "pronafim_credit.pronafim_credit_group_%s"


@tagged("post_install", "-at_install")
class TestPronafimGroupsMenus(MicroTestMixin, TransactionCase):
    def test_role_hierarchy(self):
        manager = self.env.ref(GROUP % "manager").trans_implied_ids
        for role in ("analyst", "committee_secretary", "finance", "complaints_officer"):
            self.assertIn(self.env.ref(GROUP % role), manager)
        self.assertIn(
            self.env.ref("account.group_account_invoice"),
            self.env.ref(GROUP % "finance").trans_implied_ids,
        )
        portal = self.env.ref(GROUP % "imf_portal")
        self.assertNotIn(portal, manager)
        self.assertNotIn(self.env.ref("base.group_user"), portal.trans_implied_ids)

    def test_menus_per_role(self):
        root = self.env.ref("pronafim_credit.pronafim_credit_menu_root")
        config = self.env.ref("pronafim_credit.pronafim_credit_menu_config")
        manager = self._new_user("pr_manager", GROUP % "manager")
        analyst = self._new_user("pr_analyst", GROUP % "analyst")
        self.assertIn(root.id, self._visible_menus(manager))
        self.assertIn(config.id, self._visible_menus(manager))
        self.assertNotIn(config.id, self._visible_menus(analyst))
        outsider = self._new_user("pr_outsider", "base.group_user")
        self.assertNotIn(root.id, self._visible_menus(outsider))
