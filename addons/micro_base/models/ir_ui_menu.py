from odoo import api, models

#: Apps a program user has no use for: the programs' own menus give them their work
#: (cases are CRM leads under "Micro-businesses"), dashboards are empty and the Apps
#: store only offers "Request Access".
HIDDEN_APPS = (
    "crm.crm_menu_root",
    "spreadsheet_dashboard.spreadsheet_dashboard_menu_root",
    "base.menu_management",
    "utm.menu_link_tracker_root",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _micro_is_program_user(self):
        """A user with a role in a program who does not administer the database."""
        user = self.env.user
        if user._is_system():
            return False
        category = self.env.ref(
            "micro_base.module_category_micro_programs", raise_if_not_found=False
        )
        if not category:
            return False
        return any(
            group.category_id.parent_id == category or group.category_id == category
            for group in user.sudo().groups_id
        )

    @api.model
    def _visible_menu_ids(self, debug=False):
        visible = super()._visible_menu_ids(debug)
        if not self._micro_is_program_user():
            return visible
        roots = self.browse()
        for xmlid in HIDDEN_APPS:
            roots |= self.env.ref(xmlid, raise_if_not_found=False) or self.browse()
        if not roots:
            return visible
        hidden = (
            self.sudo()
            .with_context(**{"ir.ui.menu.full_list": True})
            .search([("id", "child_of", roots.ids)])
        )
        return visible - set(hidden.ids)
