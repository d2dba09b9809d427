from odoo import api, fields, models
from odoo.exceptions import UserError


class PronafimPaymentWizard(models.TransientModel):
    """Register a payment of an IMF on a disposal."""

    _name = "pronafim.payment.wizard"
    _description = "Register Credit Payment"
    _inherit = ["micro.input.mixin"]
    _input_required = ("disposal_id",)

    disposal_id = fields.Many2one("pronafim.credit.disposal", required=True)
    currency_id = fields.Many2one(related="disposal_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "pronafim.credit.disposal":
            values["disposal_id"] = self.env.context.get("active_id")
        return values

    @api.model_create_multi
    def create(self, vals_list):
        active = self.env.context.get("active_model") == "pronafim.credit.disposal"
        for vals in vals_list:
            if active and "disposal_id" not in vals:
                vals["disposal_id"] = self.env.context.get("active_id")
        return super().create(vals_list)

    def action_register(self):
        self.ensure_one()
        if self.amount <= 0:
            raise UserError(self.env._("The payment amount must be positive."))
        self.disposal_id._register_payment(self.amount, self.date)
        return {"type": "ir.actions.act_window_close"}
