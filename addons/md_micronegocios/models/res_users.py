from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    md_city_id = fields.Many2one("md.city", string="Program City")
    md_orientador_id = fields.Many2one(
        "res.users",
        string="Orientador",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("md_micronegocios.md_micronegocios_group_orientador").id,
            )
        ],
        help="Professor who supervises this facilitator: they see the facilitator's cases.",
    )
