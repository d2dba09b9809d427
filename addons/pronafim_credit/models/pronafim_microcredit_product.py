from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.micro_base.tools import cat as cat_tools


class PronafimMicrocreditProduct(models.Model):
    """A micro-credit product of an IMF and its transparency figures (§XI.j, §XI.k).

    The payment is computed on global balances ("saldos globales"): each period the
    borrower repays ``amount / term`` of principal plus the period's share of the monthly
    global rate on the whole amount, plus the periodic costs. The CAT is the annual rate
    that makes the present value of all payments equal to the amount received (Banco de
    México method, ``micro_base.tools.cat``).
    """

    _name = "pronafim.microcredit.product"
    _description = "Micro-credit Product"
    _inherit = ["micro.input.mixin"]
    _order = "partner_id, name"

    name = fields.Char(required=True)
    partner_id = fields.Many2one(
        "res.partner", string="Institution", required=True, domain=[("pronafim_role", "=", "imf")]
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.MXN"), required=True
    )
    amount = fields.Monetary(string="Reference Amount", required=True, default=10_000)
    term_periods = fields.Integer(string="Number of Payments", required=True, default=12)
    periods_per_year = fields.Selection(
        [("52", "Weekly"), ("26", "Bi-weekly"), ("24", "Semi-monthly"), ("12", "Monthly")],
        string="Frequency",
        required=True,
        default="12",
    )
    monthly_global_rate = fields.Float(
        string="Monthly Rate on Global Balances (%)", digits=(7, 4), required=True
    )
    periodic_fee = fields.Monetary(string="Costs per Payment", help="Commissions, insurance...")
    opening_fee = fields.Monetary(string="Costs at Signing")
    disclosure_method = fields.Text(
        string="How the IMF discloses rate and payment (§XI.j)",
        help="How the monthly rate on global balances and the payment per 1,000 pesos are "
        "made known to the borrowers.",
    )
    payment = fields.Monetary(string="Payment", compute="_compute_figures", store=True)
    cat = fields.Float(string="CAT (%)", digits=(7, 1), compute="_compute_figures", store=True)
    payment_per_thousand = fields.Monetary(
        string="Monthly Payment per 1,000", compute="_compute_figures", store=True
    )

    @api.depends(
        "amount", "term_periods", "periods_per_year", "monthly_global_rate",
        "periodic_fee", "opening_fee",
    )  # fmt: skip
    def _compute_figures(self):
        for product in self:
            product.payment = product.cat = product.payment_per_thousand = 0.0
            if product.amount <= 0 or product.term_periods <= 0:
                continue
            flows, per_year = product._cashflows()
            product.payment = flows[0]
            product.cat = float(
                cat_tools.cat(
                    product.amount, flows, per_year, upfront_costs=product.opening_fee or 0
                )
            )
            product.payment_per_thousand = float(
                cat_tools.payment_per_thousand(
                    product.amount, flows, per_year, upfront_costs=product.opening_fee or 0
                )
            )

    @api.constrains("amount", "term_periods", "monthly_global_rate", "opening_fee")
    def _check_figures(self):
        for product in self:
            if product.amount <= 0 or product.term_periods <= 0:
                raise ValidationError(
                    self.env._("Amount and number of payments must be positive.")
                )
            if product.monthly_global_rate < 0 or product.opening_fee >= product.amount:
                raise ValidationError(
                    self.env._("The rate cannot be negative nor the costs swallow the amount.")
                )

    def _cashflows(self):
        """The borrower's level payments (rounded to cents) and their frequency."""
        self.ensure_one()
        per_year = int(self.periods_per_year)
        interest = self.amount * self.monthly_global_rate / 100 * 12 / per_year
        payment = round(self.amount / self.term_periods + interest + (self.periodic_fee or 0), 2)
        return [payment] * self.term_periods, per_year

    @api.readonly
    def action_print_disclosure(self):
        return self.env.ref("pronafim_credit.pronafim_microcredit_product_report").report_action(
            self
        )
