from odoo import fields, models


class MdLeverArea(models.Model):
    """One of the program's five areas of reactivation (bulletin 004, program description:
    Desarrollo Humano, Mercadeo y Comercialización, Innovación en Modelo de Negocios,
    Financiación, Asociatividad)."""

    _name = "md.lever.area"
    _inherit = ["micro.input.mixin"]
    _description = "Reactivation Area"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    lever_ids = fields.One2many("md.lever", "area_id", string="Levers")
