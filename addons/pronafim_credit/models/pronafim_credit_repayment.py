from odoo import api, fields, models
from odoo.exceptions import UserError


class PronafimCreditRepayment(models.Model):
    """A payment of an IMF on one disposal, split moratory / interest / principal."""

    _name = "pronafim.credit.repayment"
    _description = "Credit Repayment"
    _inherit = ["micro.workflow.mixin", "micro.input.mixin"]
    _order = "date desc, id desc"
    # No status of its own: a repayment is created, with its entries, only by the payment
    # step (``pronafim.credit.disposal._register_payment``) and never changes afterwards.
    _workflow_state_field = "disposal_id"
    _workflow_step_fields = (
        "date", "amount", "moratory", "interest", "principal", "remainder", "move_id",
        "moratory_move_id",
    )  # fmt: skip
    _workflow_entry_fields = ("move_id", "moratory_move_id")

    disposal_id = fields.Many2one(
        "pronafim.credit.disposal", required=True, ondelete="restrict", index=True
    )
    line_id = fields.Many2one(related="disposal_id.line_id", store=True, index=True)
    commercial_partner_id = fields.Many2one(
        related="disposal_id.commercial_partner_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="disposal_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True)
    moratory = fields.Monetary(readonly=True)
    interest = fields.Monetary(readonly=True)
    principal = fields.Monetary(readonly=True)
    remainder = fields.Monetary(readonly=True, help="Overpayment not applied.")
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    moratory_move_id = fields.Many2one(
        "account.move",
        string="Moratory Entry",
        readonly=True,
        help="Moratory interest charged at the payment date (§VIII.1), posted before the "
        "payment settles it.",
    )

    def write(self, vals):
        if not self.env.su and vals:
            raise UserError(self.env._("A repayment cannot be changed; it can be reversed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Repayments cannot be deleted."))
