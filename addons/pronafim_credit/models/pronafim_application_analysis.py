from odoo import fields, models


class PronafimApplicationAnalysis(models.Model):
    """Operational, financial or legal analysis of an application (§IX.1)."""

    _name = "pronafim.application.analysis"
    _description = "Application Analysis"
    _inherit = ["micro.input.mixin"]
    _order = "application_id, kind"

    application_id = fields.Many2one(
        "pronafim.application", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [("operational", "Operational"), ("financial", "Financial"), ("legal", "Legal")],
        required=True,
    )
    result = fields.Selection(
        [("favorable", "Favourable"), ("unfavorable", "Unfavourable")], required=True
    )
    notes = fields.Text()
    user_id = fields.Many2one("res.users", string="Analyst", default=lambda self: self.env.user)
    date = fields.Date(default=fields.Date.context_today)
