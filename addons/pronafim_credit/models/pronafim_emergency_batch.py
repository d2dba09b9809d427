import base64

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import emergency

FINANCE = "pronafim_credit.pronafim_credit_group_finance"


class PronafimEmergencyBatch(models.Model):
    """A disbursement batch of approved emergency credits of one program, exported as the
    bank layout (``tools/emergency.py``, BANK_LAYOUT_COLUMNS); once the bank confirms the
    payment the credits are disbursed, their schedules generated and the payment posted
    (one entry: a receivable line per applicant, the bank credited with the total)."""

    _name = "pronafim.emergency.batch"
    _description = "Emergency Micro-credit Disbursement Batch"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "id desc"
    _workflow_step_fields = (
        "program_id",
        "credit_ids",
        "layout_file",
        "layout_filename",
        "move_id",
    )
    _workflow_frozen = {"paid": "__all__"}
    _workflow_unlink_states = ("draft",)
    _workflow_entry_fields = ("move_id",)

    name = fields.Char(compute="_compute_name", store=True)
    program_id = fields.Many2one(
        "pronafim.emergency.program", required=True, readonly=True, index=True
    )
    date = fields.Date(
        string="Payment Date", default=fields.Date.context_today, required=True, tracking=True
    )
    credit_ids = fields.One2many(
        "pronafim.emergency.credit", "batch_id", string="Credits", readonly=True
    )
    currency_id = fields.Many2one(related="program_id.currency_id")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    credit_count = fields.Integer(compute="_compute_amount_total", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("exported", "Exported"), ("paid", "Paid")],
        default="draft", required=True, readonly=True, tracking=True,
    )  # fmt: skip
    layout_file = fields.Binary(string="Bank Layout", readonly=True, attachment=True)
    layout_filename = fields.Char(readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)

    @api.depends("date")
    def _compute_name(self):
        for batch in self:
            batch.name = self.env._("Disbursement %s", batch.date)

    @api.depends("credit_ids.amount")
    def _compute_amount_total(self):
        for batch in self:
            batch.amount_total = sum(batch.credit_ids.mapped("amount"))
            batch.credit_count = len(batch.credit_ids)

    def write(self, vals):
        if "date" in vals and self.filtered(lambda b: b.state == "paid"):
            raise UserError(self.env._("The payment date of a paid batch cannot change."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(self.env._("An exported or paid batch cannot be deleted."))

    def action_export(self):
        """Write the bank layout CSV of the batch (can be repeated until it is paid)."""
        self._workflow_check_group(FINANCE)
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
            batch._workflow_write(
                {
                    "state": "exported",
                    "layout_file": base64.b64encode(content.encode()),
                    "layout_filename": f"dispersion_{batch.date.isoformat()}_{batch.id}.csv",
                },
                FINANCE,
            )

    def action_confirm_paid(self):
        """The bank paid the batch: disburse its credits on the payment date (schedules)
        and post the payment (:meth:`_post_disbursement`)."""
        self._workflow_check_group(FINANCE)
        for batch in self:
            if batch.state != "exported":
                raise UserError(self.env._("Export the bank layout of %s first.", batch.name))
            batch.credit_ids._disburse(batch.date)
            batch._workflow_write(
                {"state": "paid", "move_id": batch._post_disbursement().id}, FINANCE
            )

    def _post_disbursement(self):
        """Post the payment of the batch on the program's journal, as the addon posts the
        disposals to IMF (``res.partner._pronafim_post_move``): debit the program's credits
        receivable per applicant, credit the bank with the total, on the payment date.

        Nothing is posted (empty recordset) when the program has no journal.

        :raises UserError: when the program has a journal but not its accounts
        """
        self.ensure_one()
        program = self.program_id
        journal = program.journal_id
        if not journal:
            return self.env["account.move"]
        bank = program.bank_account_id or journal.default_account_id
        receivable = program.receivable_account_id
        if not (bank and receivable):
            raise UserError(
                self.env._(
                    "Set the credits receivable and bank accounts of program %s before "
                    "confirming the payment.",
                    program.name,
                )
            )
        ref = self.env._("FONDESO %(batch)s", batch=self.name)
        lines = [
            Command.create(
                {
                    "account_id": receivable.id,
                    "partner_id": credit.partner_id.id,
                    "name": credit.name,
                    "debit": credit.amount,
                    "credit": 0.0,
                }
            )
            for credit in self.credit_ids.sorted("name")
        ]
        lines.append(
            Command.create(
                {"account_id": bank.id, "name": ref, "debit": 0.0, "credit": self.amount_total}
            )
        )
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": self.date,
                    "ref": ref,
                    "line_ids": lines,
                }
            )
        )
        move.action_post()
        return move
