from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import input_rules

PERIODS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4"), ("annual", "Annual (31 Dec)")]


class FonaesEscReport(models.Model):
    """Report of a capitalization enterprise: revolving status of its partners and its
    financial statements, every quarter; the annual statements audited (§4.5.3.G)."""

    _name = "fonaes.esc.report"
    _description = "FONAES ESC Report"
    _inherit = ["micro.input.mixin"]
    _order = "year desc, period desc"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "year": (input_rules.KIND_YEAR, "§4.5.3.G"),
        "subaccount_balance": (input_rules.KIND_AMOUNT, "§4.5.3.G"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    esc_id = fields.Many2one(
        "res.partner",
        string="Capitalization Enterprise (ESC)",
        required=True,
        domain=[("fonaes_role", "=", "esc")],
        ondelete="cascade",
        index=True,
    )
    year = fields.Integer(required=True)
    period = fields.Selection(PERIODS, required=True)
    received_date = fields.Date()
    revolving_status = fields.Boolean(string="Revolving Status of the Partners")
    financial_statements = fields.Boolean(string="Financial Statements")
    audited = fields.Boolean(
        string="Audited",
        help="Annual statements audited by an accounting firm or an "
        "independent public accountant (§4.5.3.G).",
    )
    subaccount_balance = fields.Float(
        string="Specific Sub-account Balance",
        help="Shown when the ESC receives fiscal resources (§4.5.3.G).",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Files")

    _sql_constraints = [
        (
            "year_range",
            "CHECK(year BETWEEN 1991 AND 2100)",
            "The report year is outside FONAES's life (Reglas de Operación FONAES 2005, §1).",
        ),
        (
            "balance_nonnegative",
            "CHECK(COALESCE(subaccount_balance, 0) >= 0)",
            "The sub-account balance cannot be negative (Reglas de Operación FONAES 2005, "
            "§4.5.3.G).",
        ),
        ("period_uniq", "unique(esc_id, year, period)", "One report per ESC and period."),
    ]

    @api.constrains(
        "received_date", "period", "audited", "revolving_status", "financial_statements"
    )
    def _check_complete(self):
        for report in self.filtered("received_date"):
            if not (report.revolving_status and report.financial_statements):
                raise ValidationError(
                    self.env._(
                        "ESC report %(year)s %(period)s: the revolving status and the "
                        "financial statements are both required (§4.5.3.G).",
                        year=report.year,
                        period=report.period,
                    )
                )
            if report.period == "annual" and not report.audited:
                raise ValidationError(
                    self.env._(
                        "ESC report %s annual: the statements at 31 December must be "
                        "audited (§4.5.3.G).",
                        report.year,
                    )
                )
