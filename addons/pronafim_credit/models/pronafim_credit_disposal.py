from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.micro_base.tools import loan

from ..tools import rules


class PronafimCreditDisposal(models.Model):
    """A disposal ("disposición") of a credit line, with its monthly schedule."""

    _name = "pronafim.credit.disposal"
    _description = "Credit Disposal"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    line_id = fields.Many2one(
        "pronafim.credit.line", required=True, ondelete="restrict", index=True
    )
    commercial_partner_id = fields.Many2one(
        related="line_id.commercial_partner_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="line_id.currency_id")
    date = fields.Date(required=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    ordinary_rate = fields.Float(string="Ordinary Rate (%)", digits=(7, 4), readonly=True)
    moratory_rate = fields.Float(string="Moratory Rate (%)", digits=(7, 4), readonly=True)
    installment_ids = fields.One2many(
        "pronafim.credit.installment", "disposal_id", string="Schedule"
    )

    @api.model_create_multi
    def create(self, vals_list):
        """Check the window and the availability under a row lock on the line.

        The line row is locked (SELECT ... FOR UPDATE) before the availability is read, so
        two concurrent disposals on one line are serialized and never exceed it.
        """
        Line = self.env["pronafim.credit.line"]
        for vals in vals_list:
            line = Line.browse(vals["line_id"])
            line._lock()
            date = fields.Date.to_date(vals["date"])
            line._check_disposal(date, vals["amount"])
            vals["ordinary_rate"] = line.ordinary_rate(date)
            vals["moratory_rate"] = line.moratory_rate(date)
        disposals = super().create(vals_list)
        disposals.action_generate_schedule()
        return disposals

    def write(self, vals):
        if {"amount", "date", "line_id"} & set(vals):
            raise UserError(self.env._("A disposal cannot be changed; record a new one."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Disposals cannot be deleted."))

    def action_generate_schedule(self):
        """Monthly schedule (§VIII.1: monthly amortization, capital grace where granted).

        Each period bears the ordinary rate in force on its first day: the CETES table
        plus the line's committee margin (§VIII.1; strategic simple: CETES only).
        """
        for disposal in self.filtered(lambda d: not d.installment_ids):
            line = disposal.line_id
            schedule = loan.monthly_schedule(
                disposal.amount,
                disposal.ordinary_rate / 100,
                line.term_months,
                disposal.date,
                grace_months=line.grace_months,
                rate_table=line._rate_table(),
            )
            disposal.installment_ids = [
                Command.create(
                    {
                        "number": inst.number,
                        "due_date": inst.due_date,
                        "principal": float(inst.principal),
                        "interest": float(inst.interest),
                        "balance_after": float(inst.balance_after),
                    }
                )
                for inst in schedule
            ]
        return True

    def _register_payment(self, amount, date):
        """Apply a payment of the IMF to this disposal's installments, oldest first.

        Moratory interest (§VIII.1: 2 x the ordinary rate) is charged on the amount of each
        installment overdue on ``date``; the payment is split in the line's allocation
        order (default moratory, interest, principal). Returns the amount left over.
        """
        self.ensure_one()
        order = tuple(self.line_id.allocation_order.split(","))
        remaining = loan.to_decimal(amount)
        for inst in self.installment_ids.sorted("number"):
            if remaining <= 0:
                break
            owed_principal = loan.money(inst.principal - inst.principal_paid)
            owed_interest = loan.money(inst.interest - inst.interest_paid)
            if owed_principal <= 0 and owed_interest <= 0:
                continue
            days = max((date - inst.due_date).days, 0)
            moratory = loan.moratory_interest(
                owed_principal + owed_interest,
                self.ordinary_rate / 100,
                days,
                multiplier=rules.MORATORY_MULTIPLIER,
            )
            due = {"moratory": moratory, "interest": owed_interest, "principal": owed_principal}
            applied, remaining = loan.allocate_payment(remaining, due, order)
            inst.write(
                {
                    "moratory_charged": inst.moratory_charged + float(moratory),
                    "moratory_paid": inst.moratory_paid + float(applied["moratory"]),
                    "interest_paid": inst.interest_paid + float(applied["interest"]),
                    "principal_paid": inst.principal_paid + float(applied["principal"]),
                }
            )
        return float(remaining)


class PronafimCreditInstallment(models.Model):
    _name = "pronafim.credit.installment"
    _description = "Credit Installment"
    _order = "disposal_id, number"

    disposal_id = fields.Many2one(
        "pronafim.credit.disposal", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one(related="disposal_id.line_id", store=True, index=True)
    commercial_partner_id = fields.Many2one(
        related="disposal_id.commercial_partner_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="disposal_id.currency_id")
    number = fields.Integer(required=True)
    due_date = fields.Date(required=True, index=True)
    principal = fields.Monetary()
    interest = fields.Monetary()
    balance_after = fields.Monetary(string="Balance After")
    principal_paid = fields.Monetary()
    interest_paid = fields.Monetary()
    moratory_charged = fields.Monetary(help="Moratory interest charged (2 x ordinary, §VIII.1).")
    moratory_paid = fields.Monetary()
    amount_due = fields.Monetary(compute="_compute_amount_due", store=True)

    @api.depends("principal", "interest", "principal_paid", "interest_paid")
    def _compute_amount_due(self):
        for inst in self:
            inst.amount_due = (
                inst.principal + inst.interest - inst.principal_paid - inst.interest_paid
            )

    @api.model
    def _overdue_for(self, partner, date):
        """Installments of ``partner`` due before ``date`` and not fully paid."""
        return self.search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("due_date", "<", date),
                ("amount_due", ">", 0.005),
            ]
        )
