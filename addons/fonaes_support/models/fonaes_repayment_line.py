from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.micro_base.tools import loan
from odoo.addons.micro_base.tools.amounts import compare_money, format_money

from ..tools import input_rules

DIRECTORATE = "fonaes_support.fonaes_support_group_general_directorate"
#: The revolving schedule comes from the agreement's terms; the ESC only reports payments.
REPAYMENT_STEP_FIELDS = (
    "agreement_id",
    "component",
    "number",
    "due_date",
    "principal",
    "interest",
    "amount",
    "written_off_amount",
    "write_off_date",
)


class FonaesRepaymentLine(models.Model):
    """One installment of the revolving repayment, paid to the ESC (§4.3.1.C/J, §4.4)."""

    _name = "fonaes.repayment.line"
    _description = "FONAES Revolving Repayment Installment"
    _inherit = ["micro.workflow.mixin", "micro.input.mixin"]
    _order = "agreement_id, due_date, component"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "amount": (input_rules.KIND_AMOUNT, "§4.3.1.E"),
        "principal": (input_rules.KIND_AMOUNT, "§4.3.1.E"),
        "interest": (input_rules.KIND_AMOUNT, "§4.3.1.D"),
        "paid_amount": (input_rules.KIND_AMOUNT, "§4.3.1.E"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    # The schedule and the write-off only by the agreement's steps (micro_base's guard).
    _workflow_step_fields = REPAYMENT_STEP_FIELDS

    def _micro_input_record_name(self):
        self.ensure_one()
        return self.env._(
            "installment %(number)s (%(component)s) of agreement %(agreement)s",
            number=self.number,
            component=dict(self._fields["component"]._description_selection(self.env)).get(
                self.component, self.component
            ),
            agreement=self.agreement_id._fonaes_reference(),
        )

    agreement_id = fields.Many2one(
        "fonaes.agreement", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="agreement_id.partner_id", store=True, index=True)
    esc_id = fields.Many2one(related="agreement_id.esc_id", store=True)
    state_id = fields.Many2one(related="agreement_id.state_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    component = fields.Selection(
        [("working", "Working Capital and Deferred"), ("fixed", "Fixed Assets")],
        required=True,
    )
    number = fields.Integer(required=True)
    due_date = fields.Date(required=True, index=True)
    principal = fields.Monetary()
    interest = fields.Monetary()
    amount = fields.Monetary(required=True)
    paid_amount = fields.Monetary()
    paid_date = fields.Date()
    write_off_reason = fields.Char(
        help="The documented act of God or force majeure, not attributable to the "
        "beneficiary, for which the ESC proposes not to collect this installment "
        "(Anexo VIII.C)."
    )
    written_off_amount = fields.Monetary(
        readonly=True,
        help="Not collected, with FONAES's favorable opinion first (Anexo VIII.C).",
    )
    write_off_date = fields.Date(readonly=True)
    status = fields.Selection(
        [
            ("paid", "Paid"),
            ("written_off", "Written Off (Force Majeure)"),
            ("due", "Not Yet Due"),
            ("overdue", "Overdue"),
        ],
        compute="_compute_status",
    )

    _sql_constraints = [
        (
            "figures_nonnegative",
            "CHECK(amount >= 0 AND COALESCE(principal, 0) >= 0 AND COALESCE(interest, 0) >= 0)",
            "A repayment installment cannot be negative (Reglas de Operación FONAES 2005, "
            "§4.3.1.E).",
        ),
        (
            "paid_within_amount",
            "CHECK(paid_amount >= 0 AND paid_amount + COALESCE(written_off_amount, 0) "
            "<= amount + 0.005)",
            "An installment cannot be paid or written off beyond its amount.",
        ),
    ]

    def _compute_status(self):
        today = fields.Date.context_today(self)
        for line in self:
            if line.written_off_amount and (
                compare_money(
                    line.paid_amount + line.written_off_amount, line.amount, line.currency_id
                )
                >= 0
            ):
                line.status = "written_off"
            elif compare_money(line.paid_amount, line.amount, line.currency_id) >= 0:
                line.status = "paid"
            elif line.due_date < today:
                line.status = "overdue"
            else:
                line.status = "due"

    @api.model
    def _overdue_domain(self):
        return [
            ("agreement_id.state", "=", "signed"),
            ("due_date", "<", fields.Date.context_today(self)),
        ]

    @api.model
    def _generate_schedule(self, agreements):
        """Monthly revolving schedule of each of ``agreements`` per component, with the
        micro_base loan tool.

        Working-capital (and deferred) part over ``revolving_months_working``, fixed-asset
        part over ``revolving_months_fixed``, both from the signature date, after the grace
        months; the due amounts are paid to the ESC.
        """
        for agreement in agreements:
            agreement.repayment_ids.unlink()
            parts = [
                (
                    "working",
                    agreement.amount - agreement.fixed_asset_amount,
                    agreement.revolving_months_working,
                ),
                ("fixed", agreement.fixed_asset_amount, agreement.revolving_months_fixed),
            ]
            vals_list = []
            for component, principal, months in parts:
                if principal <= 0:
                    continue
                if not months:
                    raise UserError(
                        self.env._(
                            "Agreement %(agreement)s: set the months to repay the %(part)s "
                            "part.",
                            agreement=agreement.name,
                            part=component,
                        )
                    )
                grace = min(agreement.revolving_grace_months, months - 1)
                for inst in loan.monthly_schedule(
                    principal,
                    agreement.revolving_rate / 100.0,
                    months,
                    agreement.sign_date,
                    grace_months=grace,
                ):
                    vals_list.append(
                        {
                            "agreement_id": agreement.id,
                            "component": component,
                            "number": inst.number,
                            "due_date": inst.due_date,
                            "principal": float(inst.principal),
                            "interest": float(inst.interest),
                            "amount": float(inst.payment),
                        }
                    )
            self._workflow_create(vals_list)

    def write(self, vals):
        if "paid_amount" in vals:
            for line in self:
                due = line.amount - line.written_off_amount
                if (
                    vals["paid_amount"] < 0
                    or compare_money(vals["paid_amount"], due, line.currency_id) > 0
                ):
                    raise ValidationError(
                        self.env._(
                            "Installment %(number)s of %(agreement)s is %(amount)s: a payment "
                            "of %(paid)s cannot be recorded.",
                            number=line.number,
                            agreement=line.agreement_id.name,
                            amount=format_money(
                                self.env, line.amount - line.written_off_amount, line.currency_id
                            ),
                            paid=format_money(self.env, vals["paid_amount"], line.currency_id),
                        )
                    )
        return super().write(vals)

    def action_register_payment(self):
        """The ESC reports the installment paid in full today."""
        for line in self:
            line.write(
                {
                    "paid_amount": line.amount - line.written_off_amount,
                    "paid_date": fields.Date.context_today(self),
                }
            )
        return True

    def action_write_off(self):
        """FONAES's favorable opinion on the ESC's proposal not to collect the unpaid rest
        of the installment, for a documented act of God or force majeure (Anexo VIII.C):
        the beneficiary is no longer behind for it."""
        if not self.env.user.has_group(DIRECTORATE):
            raise AccessError(
                self.env._("Only the FONAES general directorate gives this favorable opinion.")
            )
        for line in self:
            rest = line.amount - line.paid_amount - line.written_off_amount
            if not line.write_off_reason or compare_money(rest, 0.0, line.currency_id) <= 0:
                raise UserError(
                    self.env._(
                        "Installment %(number)s of %(agreement)s: record the documented force "
                        "majeure first; only an unpaid rest is written off (Anexo VIII.C).",
                        number=line.number,
                        agreement=line.agreement_id.name,
                    )
                )
            line._workflow_write(
                {
                    "written_off_amount": line.written_off_amount + rest,
                    "write_off_date": fields.Date.context_today(self),
                },
                group=DIRECTORATE,
            )
            line.agreement_id.message_post(
                body=self.env._(
                    "Installment %(number)s: %(amount)s not collected for force majeure "
                    "(%(reason)s), with FONAES's favorable opinion (Anexo VIII.C).",
                    number=line.number,
                    amount=format_money(self.env, rest, line.currency_id),
                    reason=line.write_off_reason,
                )
            )
        return True
