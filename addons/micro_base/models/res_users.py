from odoo import api, models

GROUP_FIELD_PREFIXES = ("in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    def _micro_home_action(self):
        """The home action of the user's role with the highest priority (or nothing)."""
        self.ensure_one()
        groups = self.sudo().groups_id.filtered("micro_home_action_id")
        if not groups:
            return self.env["ir.actions.act_window"]
        return groups.sorted(lambda g: (-g.micro_home_priority, g.id))[0].micro_home_action_id

    def _micro_set_home_action(self):
        """Give each user their role's home action unless they chose another one."""
        homes = self.env["res.groups"].sudo().search([("micro_home_action_id", "!=", False)])
        role_action_ids = set(homes.micro_home_action_id.ids)
        for user in self.sudo():
            if user.action_id and user.action_id.id not in role_action_ids:
                continue
            action = user._micro_home_action()
            if action and user.action_id.id != action.id:
                user.action_id = action.id

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._micro_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "action_id" not in vals and any(
            key == "groups_id" or key.startswith(GROUP_FIELD_PREFIXES) for key in vals
        ):
            self._micro_set_home_action()
        return res
