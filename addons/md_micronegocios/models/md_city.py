from odoo import fields, models


class MdCity(models.Model):
    _name = "md.city"
    _inherit = ["micro.input.mixin"]
    _description = "Program City"
    _order = "name"

    name = fields.Char(required=True)
    campus = fields.Char(help="University campus (sede) that runs the program in the city.")
    state_id = fields.Many2one("res.country.state", string="Department")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This city is already in the program."),
    ]
