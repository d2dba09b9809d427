import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import emergency


class PronafimEmergencyBatch(models.Model):
    """A disbursement batch of approved emergency credits, exported as the bank layout
    (``tools/emergency.py``, BANK_LAYOUT_COLUMNS); once the bank confirms the payment the
    credits are disbursed and their schedules generated."""

    _name = "pronafim.emergency.batch"
    _description = "Emergency Micro-credit Disbursement Batch"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(
        string="Payment Date", default=fields.Date.context_today, required=True, tracking=True
    )
    credit_ids = fields.One2many("pronafim.emergency.credit", "batch_id", string="Credits")
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.MXN"), required=True
    )
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    credit_count = fields.Integer(compute="_compute_amount_total", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("exported", "Exported"), ("paid", "Paid")],
        default="draft", required=True, readonly=True, tracking=True,
    )  # fmt: skip
    layout_file = fields.Binary(string="Bank Layout", readonly=True, attachment=True)
    layout_filename = fields.Char(readonly=True)

    @api.depends("date")
    def _compute_name(self):
        for batch in self:
            batch.name = self.env._("Disbursement %s", batch.date)

    @api.depends("credit_ids.amount")
    def _compute_amount_total(self):
        for batch in self:
            batch.amount_total = sum(batch.credit_ids.mapped("amount"))
            batch.credit_count = len(batch.credit_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(self.env._("An exported or paid batch cannot be deleted."))

    def action_export(self):
        """Write the bank layout CSV of the batch (can be repeated until it is paid)."""
        for batch in self:
            if batch.state == "paid":
                raise UserError(self.env._("Batch %s is already paid.", batch.name))
            content = emergency.bank_layout(
                {
                    "reference": credit.name,
                    "beneficiary": credit.partner_id.name,
                    "curp": credit.curp,
                    "clabe": credit.clabe,
                    "amount": f"{credit.amount:.2f}",
                    "concept": f"FONDESO {credit.name}",
                }
                for credit in batch.credit_ids.sorted("name")
            )
            batch.write(
                {
                    "state": "exported",
                    "layout_file": base64.b64encode(content.encode()),
                    "layout_filename": f"dispersion_{batch.date.isoformat()}_{batch.id}.csv",
                }
            )

    def action_confirm_paid(self):
        """The bank paid the batch: disburse its credits on the payment date (schedules)."""
        for batch in self:
            if batch.state != "exported":
                raise UserError(self.env._("Export the bank layout of %s first.", batch.name))
            batch.credit_ids.action_disburse(batch.date)
            batch.state = "paid"
