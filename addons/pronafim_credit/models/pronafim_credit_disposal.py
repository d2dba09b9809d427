import logging

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.micro_base.tools import loan
from odoo.addons.micro_base.tools.amounts import compare_money, format_money

from ..tools import arrears, credit_line, rules
from .pronafim_deadline import program_today

_logger = logging.getLogger(__name__)
FINANCE = "pronafim_credit.pronafim_credit_group_finance"
#: What a posted disposal is: never changed (a new disposal is recorded instead).
DISPOSAL_FROZEN = ("amount", "date", "line_id", "ordinary_rate", "moratory_rate", "move_id")


class PronafimCreditDisposal(models.Model):
    """A disposal ("disposición") of a credit line, with its monthly schedule."""

    _name = "pronafim.credit.disposal"
    _description = "Credit Disposal"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "date desc, id desc"
    # Creating a disposal is its posting step (window and availability checked under the
    # line's lock); the figures it derives and the daily run's are written by the steps.
    _workflow_step_fields = (
        "ordinary_rate", "moratory_rate", "move_id", "installment_ids", "days_past_due",
        "ageing_bucket",
    )  # fmt: skip
    _workflow_frozen = {"posted": "__all__"}
    _workflow_entry_fields = ("move_id",)
    _input_required = ("line_id", "date", "amount")
    _input_ranges = {"amount": (0, None, True, rules.cite("§VIII.1"))}

    state = fields.Selection(
        [("posted", "Posted")],
        string="Status",
        default="posted",
        required=True,
        readonly=True,
        copy=False,
    )
    line_id = fields.Many2one(
        "pronafim.credit.line", required=True, ondelete="restrict", index=True
    )
    commercial_partner_id = fields.Many2one(
        related="line_id.commercial_partner_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="line_id.currency_id")
    date = fields.Date(required=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    ordinary_rate = fields.Float(
        string="Ordinary Rate (%)",
        digits=(7, 4),
        readonly=True,
        help="In force on the disposal date; each period bears the rate in force then.",
    )
    moratory_rate = fields.Float(
        string="Moratory Rate (%)",
        digits=(7, 4),
        readonly=True,
        help="Twice the ordinary rate on the disposal date (§VIII.1); overdue amounts bear "
        "twice the ordinary rate in force on each day late.",
    )
    installment_ids = fields.One2many(
        "pronafim.credit.installment", "disposal_id", string="Schedule"
    )
    repayment_ids = fields.One2many("pronafim.credit.repayment", "disposal_id")
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)
    days_past_due = fields.Integer(readonly=True)
    ageing_bucket = fields.Char(string="Ageing", readonly=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "The disposal amount must be positive."),
    ]

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        """Check the window and the availability under a row lock on the line.

        The line row is locked (SELECT ... FOR UPDATE) before the availability is read, so
        two concurrent disposals on one line are serialized and never exceed it.
        """
        self._workflow_check_group(FINANCE)
        Line = self.env["pronafim.credit.line"]
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)
            line = Line.browse(getattr(vals["line_id"], "id", vals["line_id"])).exists()
            if not line:
                raise UserError(self.env._("Credit line %s does not exist.", vals["line_id"]))
            line.check_access("read")
            line._lock()
            line._check_disposal(fields.Date.to_date(vals["date"]), float(vals["amount"]))
        disposals = super().create(vals_list)
        for disposal in disposals:
            line = disposal.line_id
            disposal._workflow_write(
                {
                    "ordinary_rate": line.ordinary_rate(disposal.date),
                    "moratory_rate": line.moratory_rate(disposal.date),
                },
                FINANCE,
            )
        disposals.action_generate_schedule()
        for disposal in disposals:
            move = disposal.line_id._post_move(
                disposal.date,
                self.env._("Disposal %(line)s", line=disposal.line_id.name),
                [("receivable", disposal.amount), ("bank", -disposal.amount)],
            )
            disposal._workflow_write({"move_id": move.id}, FINANCE)
        return disposals

    def write(self, vals):
        if not self.env.su and set(DISPOSAL_FROZEN) & set(vals):
            raise UserError(self.env._("A disposal cannot be changed; record a new one."))
        return super().write(vals)

    @api.constrains("amount", "line_id")
    def _check_within_line(self):
        """Disposals never exceed their line's availability (§VIII.1), whatever the path."""
        for disposal in self:
            if float_compare(disposal.amount, 0.0, 2) <= 0:
                raise ValidationError(self.env._("The disposal amount must be positive."))
        self.line_id._check_not_overdrawn()

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Disposals cannot be deleted."))

    # ---- ACTIONS ----

    def action_generate_schedule(self):
        """Monthly schedule (§VIII.1: monthly amortization, capital grace where granted).

        Each period bears the ordinary rate in force on its first day: the CETES table
        plus the line's committee margin (§VIII.1; strategic simple: CETES only). A re-draw
        of a revolving line after its disposal window is repaid within the contract's term
        (§VIII.1.A, ``credit_line.redraw_months``).
        """
        self._workflow_check_group(FINANCE)
        for disposal in self.filtered(lambda d: not d.installment_ids):
            line = disposal.line_id
            months = line.term_months
            if (
                line.credit_type_id.revolving
                and line.disposal_deadline
                and line.term_end
                and disposal.date > line.disposal_deadline
            ):
                months = credit_line.redraw_months(disposal.date, line.term_end)
            schedule = loan.monthly_schedule(
                disposal.amount,
                disposal.ordinary_rate / 100,
                months,
                disposal.date,
                grace_months=line.grace_months,
                rate_table=line._rate_table(),
            )
            disposal._workflow_write(
                {
                    "installment_ids": [
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
                },
                FINANCE,
            )
        return True

    # ---- BUSINESS METHODS ----

    def _register_payment(self, amount, date):
        """Apply a payment of the IMF to this disposal's installments, oldest first.

        Moratory interest (§VIII.1: 2 x the ordinary rate) is first accrued up to ``date``
        on the overdue installments; the payment is then split in the line's allocation
        order (default moratory, interest, principal). Creates the repayment (and its
        journal entry) and returns it.
        """
        self.ensure_one()
        self._workflow_check_group(FINANCE)
        line = self.line_id
        charged_to = max(filter(None, self.installment_ids.mapped("moratory_date")), default=False)
        if date < self.date or (charged_to and date < charged_to):
            # Backdated before the moratory interest already charged (and posted) by the
            # daily run: the days after the payment would stay charged on money received.
            raise UserError(
                self.env._(
                    "A payment on disposal %(line)s of %(disposal)s cannot be dated %(date)s: "
                    "moratory interest is charged up to %(charged)s.",
                    line=line.name,
                    disposal=self.date,
                    date=date,
                    charged=charged_to or self.date,
                )
            )
        charged = self.installment_ids._accrue_moratory(date)
        # The moratory interest charged now is income and a receivable of the institution,
        # posted like the daily run's (Dr receivable / Cr moratory income) before the
        # payment settles it.
        moratory_move = line._post_income_move(
            date,
            {line.commercial_partner_id.id: float(charged)},
            "moratory",
            self.env._("Moratory interest %(line)s", line=line.name),
        )
        owed = sum(
            (
                loan.money(i.moratory_charged - i.moratory_paid)
                + loan.money(i.interest - i.interest_paid)
                + loan.money(i.principal - i.principal_paid)
                for i in self.installment_ids
            ),
            loan.ZERO,
        )
        if loan.money(amount) > owed:
            # Cash that settles nothing would not be posted anywhere: refuse it (the whole
            # registration, moratory entry included, is rolled back).
            raise UserError(
                self.env._(
                    "Payment of %(amount)s exceeds the %(owed)s disposal %(line)s of %(date)s "
                    "owes (principal, interest and moratory interest to %(day)s).",
                    amount=format_money(self.env, float(amount), line.currency_id),
                    owed=format_money(self.env, float(owed), line.currency_id),
                    line=line.name,
                    date=self.date,
                    day=date,
                )
            )
        order = tuple(line.allocation_order.split(","))
        remaining = loan.money(amount)
        totals = dict.fromkeys(order, loan.ZERO)
        for inst in self.installment_ids.sorted("number"):
            if remaining <= 0:
                break
            due = {
                "moratory": loan.money(inst.moratory_charged - inst.moratory_paid),
                "interest": loan.money(inst.interest - inst.interest_paid),
                "principal": loan.money(inst.principal - inst.principal_paid),
            }
            if not any(value > 0 for value in due.values()):
                continue
            applied, remaining = loan.allocate_payment(remaining, due, order)
            for key, value in applied.items():
                totals[key] += value
            inst._workflow_write(
                {
                    "moratory_paid": inst.moratory_paid + float(applied["moratory"]),
                    "interest_paid": inst.interest_paid + float(applied["interest"]),
                    "principal_paid": inst.principal_paid + float(applied["principal"]),
                },
                FINANCE,
            )
        repayment = self.env["pronafim.credit.repayment"]._workflow_create(
            {
                "disposal_id": self.id,
                "date": date,
                "amount": float(amount),
                "moratory": float(totals["moratory"]),
                "interest": float(totals["interest"]),
                "principal": float(totals["principal"]),
                "remainder": float(remaining),
                "moratory_move_id": moratory_move.id,
            },
            FINANCE,
        )
        applied_total = float(amount) - float(remaining)
        move = line._post_move(
            date,
            self.env._("Repayment %(line)s", line=self.line_id.name),
            [("bank", applied_total), ("receivable", -applied_total)],
        )
        repayment._workflow_write({"move_id": move.id}, FINANCE)
        return repayment

    @api.model
    def _cron_daily_arrears(self, batch_size=None):
        """Daily arrears run: interest accrual, moratory interest, days past due, ageing.

        Works on formalized lines not yet processed today (``arrears_date``), set-based per
        institution (one entry per kind and institution), through
        ``micro.scheduled.work._run_in_batches`` (``batch_size`` institutions per commit
        under the scheduler, progress reported). Idempotent: a second run on the same day
        finds nothing to do. An institution whose run fails is logged and skipped for the
        day (its lines are marked as run). Returns the lines still to run (0).
        """
        today = program_today(self)
        Line = self.env["pronafim.credit.line"]
        domain = [
            ("state", "=", "formalized"),
            "|",
            ("arrears_date", "=", False),
            ("arrears_date", "<", today),
        ]
        lines = Line.search(domain, order="id")
        by_partner = lines.grouped("commercial_partner_id")
        failed = self.env["micro.scheduled.work"]._run_in_batches(
            lines.commercial_partner_id,
            lambda partner: by_partner[partner]._run_arrears(today),
            batch_size=batch_size,
            label="PRONAFIM daily arrears",
        )
        for partner in failed:
            _logger.error("Arrears run skipped today for the lines of %s", partner.id)
            by_partner[partner].sudo().arrears_date = today  # not retried today
        return Line.search_count(domain)


class PronafimCreditInstallment(models.Model):
    _name = "pronafim.credit.installment"
    _description = "Credit Installment"
    _inherit = ["micro.workflow.mixin", "micro.input.mixin"]
    _order = "disposal_id, number"
    # No status of its own: every figure is written by the disposal's steps (schedule,
    # payments) and the daily run; nobody creates or edits one by hand.
    _workflow_state_field = "disposal_id"
    _workflow_step_fields = (
        "number", "due_date", "principal", "interest", "balance_after", "principal_paid",
        "interest_paid", "moratory_charged", "moratory_paid", "moratory_date",
        "interest_accrued",
    )  # fmt: skip

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
    moratory_date = fields.Date(
        string="Moratory Accrued To", help="Moratory interest is charged up to this date."
    )
    interest_accrued = fields.Boolean(help="Interest posted to income on the due date.")
    amount_due = fields.Monetary(compute="_compute_amount_due", store=True)

    @api.depends("principal", "interest", "principal_paid", "interest_paid")
    def _compute_amount_due(self):
        for inst in self:
            inst.amount_due = (
                inst.principal + inst.interest - inst.principal_paid - inst.interest_paid
            )

    def write(self, vals):
        """The schedule and what was paid or charged change only through payments and the
        daily run: an edited figure would leave the journal entries behind."""
        if not self.env.su:
            raise UserError(
                self.env._("An installment changes only through payments and the daily run.")
            )
        return super().write(vals)

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

    def _accrue_moratory(self, date):
        """Charge moratory interest on overdue installments up to ``date``.

        Each overdue installment bears ``amount due x 2 x ordinary rate / 360`` per day
        (§VIII.1), the ordinary rate being the one in force that day (CETES table + the
        line's margin, ``tools/arrears.py``), for the days since it was last charged (or
        since its due date): charging twice up to the same date adds nothing. Returns the
        total charged now; the caller posts it.
        """
        total = loan.ZERO
        tables = {}
        for inst in self:
            start = inst.moratory_date or inst.due_date
            if (
                inst.due_date >= date
                or start >= date
                or compare_money(inst.amount_due, 0.0, inst.currency_id) <= 0
            ):
                continue
            line = inst.disposal_id.line_id
            if line not in tables:
                tables[line] = line._rate_table_pct()
            try:
                charge = arrears.moratory_charge(
                    inst.amount_due, tables[line], start, date, rules.MORATORY_MULTIPLIER
                )
            except ValueError as error:
                raise UserError(
                    self.env._("There is no CETES rate in force on %s.", start)
                ) from error
            inst._workflow_write(
                {"moratory_charged": inst.moratory_charged + float(charge), "moratory_date": date},
                FINANCE,
            )
            total += charge
        return total
