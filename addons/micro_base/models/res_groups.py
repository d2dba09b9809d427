from odoo import fields, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    micro_home_action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Role's Home Action",
        help="What a user of this role lands on after logging in (the role's work of the "
        "day), set as the user's home action when the role is given.",
    )
    micro_home_priority = fields.Integer(
        string="Home Priority",
        help="When a user has several roles, the home action of the role with the "
        "highest priority wins.",
    )
