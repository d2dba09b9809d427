from odoo import fields, models

RESPONSIBLES = [("owner", "Owner"), ("facilitator", "Facilitator"), ("mentor", "Mentor")]


class MdActivityTemplate(models.Model):
    """An activity of the library plans are built from: for a lever, at the levels where it
    helps (spec md_micronegocios §4; starter library from bulletin 004's examples)."""

    _name = "md.activity.template"
    _inherit = ["micro.input.mixin"]
    _description = "Plan Activity Template"
    _order = "lever_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    lever_id = fields.Many2one("md.lever", string="Lever", required=True, ondelete="restrict")
    level_ids = fields.Many2many(
        "md.level",
        string="For Levels",
        help="Levels of the lever this activity is proposed for (empty: every level).",
    )
    responsible = fields.Selection(RESPONSIBLES, required=True, default="owner")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
