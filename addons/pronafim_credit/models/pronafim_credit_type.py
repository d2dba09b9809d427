from odoo import fields, models

from ..tools.rules import cite


class PronafimCreditType(models.Model):
    """A type of credit support with the caps of its table (§VIII.1, §VIII.3)."""

    _name = "pronafim.credit.type"
    _description = "Credit Type"
    _inherit = ["micro.input.mixin"]
    _order = "sequence, id"
    # The caps of the rule table: amounts and terms positive, shares of 0-100 %.
    _input_ranges = {
        "max_amount": (0, None, True, cite("§VIII.1")),
        "max_investment_pct": (0, 100, False, cite("§VIII.3")),
        "max_term_months": (0, None, True, cite("§VIII.1")),
        "disposal_window_months": (0, None, False, cite("§VIII.1")),
    }

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

    _sql_constraints = [
        ("code_unique", "unique(code)", "The credit type code must be unique."),
        (
            "caps_possible",
            "CHECK(max_amount > 0 AND max_term_months > 0 AND disposal_window_months >= 0"
            " AND max_investment_pct BETWEEN 0 AND 100)",
            "A credit type's caps must be positive and its share between 0 and 100 %.",
        ),
    ]
