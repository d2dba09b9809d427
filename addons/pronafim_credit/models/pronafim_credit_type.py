from odoo import fields, models


class PronafimCreditType(models.Model):
    """A type of credit support with the caps of its table (§VIII.1, §VIII.3)."""

    _name = "pronafim.credit.type"
    _description = "Credit Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    max_amount = fields.Float(string="Maximum Amount (MXN)", digits=(16, 2), required=True)
    max_investment_pct = fields.Float(
        string="Maximum % of Investment",
        help="Share of the infrastructure investment the credit may finance; 0 = no limit.",
    )
    max_term_months = fields.Integer(string="Maximum Term (months)", required=True)
    disposal_window_months = fields.Integer(
        string="Disposal Window (months)", help="0 = the table sets no window."
    )
    committee_margin = fields.Boolean(
        string="Committee Margin over CETES", help="Unset: CETES without additional points."
    )
    capital_grace = fields.Boolean(string="Capital Grace Allowed")
    revolving = fields.Boolean(help="Principal repaid becomes available again.")
    section = fields.Char(string="Rule Section", required=True)

    _sql_constraints = [("code_unique", "unique(code)", "The credit type code must be unique.")]
