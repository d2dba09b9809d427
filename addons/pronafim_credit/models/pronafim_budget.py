from odoo import api, fields, models

from ..tools import rules


class PronafimBudget(models.Model):
    """The program's budget of a year and its split (§V)."""

    _name = "pronafim.budget"
    _description = "Program Budget"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "year desc"

    year = fields.Integer(required=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.MXN"), required=True
    )
    amount_credit = fields.Monetary(string="Credit Supports", tracking=True)
    amount_operating = fields.Monetary(string="Operating Costs", tracking=True)
    amount_total = fields.Monetary(compute="_compute_split", store=True)
    credit_pct = fields.Float(string="Credit (%)", compute="_compute_split", store=True)
    operating_pct = fields.Float(string="Operating (%)", compute="_compute_split", store=True)
    warning = fields.Char(compute="_compute_split", store=True)

    _sql_constraints = [("year_unique", "unique(year)", "One budget per year.")]

    @api.depends("amount_credit", "amount_operating")
    def _compute_split(self):
        for budget in self:
            total = budget.amount_credit + budget.amount_operating
            budget.amount_total = total
            budget.credit_pct = total and budget.amount_credit * 100 / total
            budget.operating_pct = total and budget.amount_operating * 100 / total
            problems = []
            if total and round(budget.credit_pct, 2) < rules.BUDGET_MIN_CREDIT_PCT:
                problems.append(
                    self.env._(
                        "credit supports %(pct).2f %% below the minimum %(min)s %%",
                        pct=budget.credit_pct,
                        min=rules.BUDGET_MIN_CREDIT_PCT,
                    )
                )
            if total and round(budget.operating_pct, 2) > rules.BUDGET_MAX_OPERATING_PCT:
                problems.append(
                    self.env._(
                        "operating costs %(pct).2f %% above the maximum %(max)s %%",
                        pct=budget.operating_pct,
                        max=rules.BUDGET_MAX_OPERATING_PCT,
                    )
                )
            budget.warning = self.env._("§V: %s", "; ".join(problems)) if problems else False
