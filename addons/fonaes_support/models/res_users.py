from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    fonaes_state_ids = fields.Many2many(
        "res.country.state",
        "fonaes_user_state_rel",
        "user_id",
        "state_id",
        string="FONAES States",
        help="States whose applications and supports a FONAES state representative sees "
        "(§4.1: one representation per state).",
    )
