from odoo import fields, models

ROLES = [
    ("imf", "Microfinance Institution (IMF)"),
    ("organization", "Organization"),
    ("credit_institution", "Credit Institution"),
]


class PronafimEligibilityItem(models.Model):
    """One selection criterion of §IV.2.B for a role of support subject."""

    _name = "pronafim.eligibility.item"
    _description = "Eligibility Criterion"
    _inherit = ["micro.input.mixin"]
    _order = "role, sequence, id"

    name = fields.Char(required=True, translate=True)
    role = fields.Selection(ROLES, required=True)
    sequence = fields.Integer(default=10)
    section = fields.Char(string="Rule Section", required=True)
    evidence_hint = fields.Char(string="Expected Evidence", translate=True)
    active = fields.Boolean(default=True)
