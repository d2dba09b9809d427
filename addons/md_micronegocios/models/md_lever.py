from odoo import fields, models


class MdLever(models.Model):
    """A reactivation lever ("palanca") the diagnostic measures and the plan works on
    (bulletin 004, figures 9 and 13)."""

    _name = "md.lever"
    _inherit = ["micro.input.mixin"]
    _description = "Reactivation Lever"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by imports and exports.")
    sequence = fields.Integer(default=10)
    area_id = fields.Many2one("md.lever.area", string="Area", required=True, ondelete="restrict")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "A lever code must be unique.")]
