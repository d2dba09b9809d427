from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import input_rules


class FonaesLoanPayment(models.Model):
    _name = "fonaes.loan.payment"
    _description = "Payment of an ESF or Trust Loan"
    _inherit = ["micro.input.mixin"]
    _order = "loan_id, date, id"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "amount": (input_rules.KIND_POSITIVE, "Anexo XII-1"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    def _micro_input_record_name(self):
        self.ensure_one()
        return self.env._(
            "payment of %(date)s on loan %(loan)s", date=self.date, loan=self.loan_id.name
        )

    loan_id = fields.Many2one("fonaes.loan", required=True, ondelete="cascade", index=True)
    currency_id = fields.Many2one(related="loan_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(required=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A payment must be positive."),
    ]

    @api.constrains("loan_id", "date")
    def _check_loan_open(self):
        for payment in self:
            loan = payment.loan_id
            if loan.state != "granted":
                raise UserError(
                    self.env._("Payments are recorded on granted loans only (%s).", loan.name)
                )
            if payment.date < loan.start_date:
                raise UserError(
                    self.env._(
                        "The payment of %(date)s is before the start of loan %(loan)s "
                        "(%(start)s).",
                        date=payment.date,
                        loan=loan.name,
                        start=loan.start_date,
                    )
                )

    # A rated month-end is closed: its reserves are posted (Anexo XI §1).
    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        payments._check_period_open()
        return payments

    def write(self, vals):
        self._check_period_open()
        result = super().write(vals)
        self._check_period_open()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_rated(self):
        self._check_period_open()

    def _check_period_open(self):
        """Refuse a payment dated on or before the last month-end its intermediary's portfolio
        was rated at: that run's reserves are posted and its ratings fed the next one."""
        if self.env.su:
            return
        runs = self.env["fonaes.provision.run"].sudo()
        for payment in self:
            last = runs.search(
                [("intermediary_id", "=", payment.loan_id.intermediary_id.id)],
                order="date desc",
                limit=1,
            )
            if last and payment.date <= last.date:
                raise UserError(
                    self.env._(
                        "The portfolio of %(intermediary)s is rated at %(date)s and its reserves "
                        "posted: a payment dated %(payment)s on loan %(loan)s cannot be "
                        "recorded, changed or deleted. Record it with a later date.",
                        intermediary=payment.loan_id.intermediary_id.name,
                        date=last.date,
                        payment=payment.date,
                        loan=payment.loan_id.name,
                    )
                )
