from odoo import fields, models


class PronafimMicrocredit(models.Model):
    """A micro-credit granted by an IMF with program funds, from its monthly report."""

    _name = "pronafim.microcredit"
    _description = "Micro-credit (IMF report)"
    _order = "month desc, line_id, id"

    report_id = fields.Many2one(
        "pronafim.borrower.report", required=True, ondelete="cascade", index=True
    )
    commercial_partner_id = fields.Many2one(
        related="report_id.commercial_partner_id", store=True, index=True
    )
    month = fields.Date(related="report_id.month", store=True, index=True)
    line_id = fields.Many2one("pronafim.credit.line", string="Credit Line", index=True)
    curp = fields.Char(string="CURP", required=True)
    name = fields.Char(required=True)
    sex = fields.Selection([("female", "Female"), ("male", "Male")], required=True)
    currency_id = fields.Many2one(related="line_id.currency_id")
    amount = fields.Monetary()
    date = fields.Date()
    term_months = fields.Integer()
    rate = fields.Float(string="Annual Rate (%)")
    municipality_id = fields.Many2one("pronafim.municipality")
    rural = fields.Boolean(related="municipality_id.rural", store=True)
    priority_zone = fields.Boolean(related="municipality_id.priority_zone", store=True)
    special_attention_zone = fields.Boolean(
        related="municipality_id.special_attention_zone", store=True
    )
    activity = fields.Selection(
        [("industry", "Industry"), ("commerce", "Commerce"), ("services", "Services")]
    )
    workers = fields.Integer()
    trained = fields.Boolean()
