from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.micro_base.tools import loan as loan_tools
from odoo.addons.micro_base.tools.amounts import format_money

from ..tools import input_rules, prudential

ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"

INTERMEDIARY_ROLES = ("esf", "trust")
#: Set only by the loan's steps (grant, cancel) and the month-end run: writing them would
#: grant a loan past its single-borrower check or rewrite its rating.
LOAN_STEP_FIELDS = (
    "name", "authorization", "installment_ids", "portfolio_state", "days_past_due",
)  # fmt: skip
#: The contract: frozen once the loan is granted (its schedule and limits were computed on
#: them).
LOAN_CONTRACT_FIELDS = (
    "company_id", "intermediary_id", "borrower_id", "loan_kind", "amount", "annual_rate",
    "months", "start_date", "common_risk_ids", "limit_exception_ref", "renewed",
    "renewal_original_amount", "renewal_paid_amount", "renewal_interest_paid",
)  # fmt: skip


class FonaesLoan(models.Model):
    """A loan of an ESF or trust to its target population (Anexo XI, Anexo XII-1)."""

    _name = "fonaes.loan"
    _description = "Loan of an ESF or Trust"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "start_date desc, id desc"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "amount": (input_rules.KIND_POSITIVE, "Anexo XII-1"),
        "annual_rate": (input_rules.KIND_RATE, "Anexo XII-1"),
        "months": (input_rules.KIND_MONTHS, "Anexo XII-1"),
        "blocked_deposit": (input_rules.KIND_AMOUNT, "Anexo XI §1"),
        "renewal_original_amount": (input_rules.KIND_AMOUNT, "Anexo XII-1"),
        "renewal_paid_amount": (input_rules.KIND_AMOUNT, "Anexo XII-1"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    # Granted, rated or numbered only by its steps (micro_base's workflow guard); the
    # contract frozen once granted.
    _workflow_step_fields = LOAN_STEP_FIELDS
    _workflow_frozen = {"granted": LOAN_CONTRACT_FIELDS, "cancelled": LOAN_CONTRACT_FIELDS}

    name = fields.Char(required=True, copy=False, readonly=True, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    intermediary_id = fields.Many2one(
        "res.partner",
        string="Intermediary (ESF or Trust)",
        required=True,
        index=True,
        domain=[("fonaes_role", "in", INTERMEDIARY_ROLES)],
        tracking=True,
    )
    borrower_id = fields.Many2one("res.partner", required=True, index=True, tracking=True)
    borrower_is_company = fields.Boolean(related="borrower_id.is_company")
    loan_kind = fields.Selection(
        prudential.LOAN_KINDS,
        required=True,
        default=prudential.KIND_PERIODIC,
        tracking=True,
        help="Decides when the loan becomes past due (Anexo XII-1, Traspaso a cartera "
        "vencida 2.a-2.d).",
    )
    amount = fields.Monetary(required=True, tracking=True)
    annual_rate = fields.Float(
        string="Annual Rate (%)", digits=(6, 4), tracking=True, help="Ordinary annual rate."
    )
    months = fields.Integer(string="Term (Months)", required=True, default=12, tracking=True)
    start_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, index=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("granted", "Granted"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    restructured = fields.Boolean(
        tracking=True,
        help="Restructured: once past due, it stays past due until sustained payment "
        "(Anexo XII-1).",
    )
    # ---- renewed credit (Anexo XII-1, "Crédito renovado") ----
    renewed = fields.Boolean(
        string="Renewed Credit",
        tracking=True,
        help="This loan renews an earlier credit of the borrower (its term extended at "
        "maturity, or paid with this loan's proceeds; not a revolving line). Unless the "
        "borrower had paid on time the accrued interest and 25 % of the original amount, "
        "it is past due until they are paid and the payment is sustained (Anexo XII-1).",
    )
    renewal_original_amount = fields.Monetary(
        string="Original Amount of the Renewed Credit", tracking=True
    )
    renewal_paid_amount = fields.Monetary(
        string="Principal Paid on Time Before the Renewal",
        tracking=True,
        help="Of the original amount, what the borrower had paid on time when the credit was "
        "renewed (Anexo XII-1: 25 % of the original amount).",
    )
    renewal_interest_paid = fields.Boolean(
        string="Accrued Interest Paid on Time Before the Renewal", tracking=True
    )
    renewal_held = fields.Boolean(
        string="Held Past Due as Renewed",
        compute="_compute_renewal_held",
        store=True,
        help="Renewed without the accrued interest and 25 % of the original amount paid: "
        "past due until they are paid and the payment is sustained (Anexo XII-1).",
    )
    bankrupt = fields.Boolean(
        string="Borrower in Concurso Mercantil",
        tracking=True,
        help="Past due whatever the days (Anexo XII-1, Traspaso a cartera vencida 1).",
    )
    blocked_deposit = fields.Monetary(
        string="Blocked Deposit Guarantee",
        tracking=True,
        help="Borrower's deposit that cannot be withdrawn while the loan lasts and covers it.",
    )
    blocked_deposit_authorized = fields.Boolean(
        string="Reserve Reduction Authorized by FONAES",
        tracking=True,
        help="FONAES authorized reducing the reserve by the blocked deposit (Anexo XI §1).",
    )
    common_risk_ids = fields.Many2many(
        "res.partner",
        "fonaes_loan_common_risk_rel",
        "loan_id",
        "partner_id",
        string="Common Risk (Dependents)",
        help="First-degree relatives in direct line and spouse or partner who depend "
        "economically on the borrower: their loans count with the borrower's (Anexo XI §3).",
    )
    limit_exception_ref = fields.Char(
        string="FONAES Exception",
        tracking=True,
        help="FONAES authorization of an operation above the single-borrower limit "
        "(Anexo XI §3, Excepciones).",
    )
    against_rules = fields.Boolean(
        string="Operation Against the Rules",
        tracking=True,
        help="Carries a 100 % capital requirement (Anexo XI §4.a).",
    )
    authorization = fields.Selection(
        [("automatic", "Automatic"), ("formal", "Formal Body")],
        readonly=True,
        tracking=True,
        copy=False,
        help="Automatic authorization only up to 4,000 UDIS per person (Anexo XI §2.a.1).",
    )
    installment_ids = fields.One2many("fonaes.loan.installment", "loan_id", readonly=True)
    payment_ids = fields.One2many("fonaes.loan.payment", "loan_id")
    portfolio_state = fields.Selection(
        [(prudential.STATE_CURRENT, "Current"), (prudential.STATE_PAST_DUE, "Past Due")],
        default=prudential.STATE_CURRENT,
        readonly=True,
        tracking=True,
        copy=False,
        help="As of the last month-end classification (Anexo XII-1).",
    )
    days_past_due = fields.Integer(
        readonly=True, copy=False, help="As of the last classification."
    )
    classified_date = fields.Date(
        compute="_compute_classified_date", help="Month-end of the last provisioning run."
    )
    single_borrower_limit = fields.Monetary(
        string="Single-borrower Limit",
        compute="_compute_single_borrower_limit",
        help="Most that this intermediary may lend to the borrower and its common risk "
        "(Anexo XI §3), under the company's reading of the rule.",
    )
    single_borrower_rule = fields.Char(
        string="Limit Applied", compute="_compute_single_borrower_limit"
    )

    _sql_constraints = [
        (
            "rate_range",
            "CHECK(COALESCE(annual_rate, 0) BETWEEN 0 AND 100)",
            "The annual rate is between 0 and 100 %.",
        ),
        (
            "blocked_deposit_nonnegative",
            "CHECK(COALESCE(blocked_deposit, 0) >= 0)",
            "A blocked deposit cannot be negative (Reglas de Operación FONAES 2005, Anexo XI §1).",
        ),
        ("amount_positive", "CHECK(amount > 0)", "The loan amount must be positive."),
        ("months_positive", "CHECK(months > 0)", "The term must be at least one month."),
    ]

    def _compute_classified_date(self):
        self.env["fonaes.provision.run.line"].flush_model(["loan_id", "run_id"])
        self.env.cr.execute(
            """SELECT r.loan_id, MAX(run.date)
                 FROM fonaes_provision_run_line r
                 JOIN fonaes_provision_run run ON run.id = r.run_id
                WHERE r.loan_id = ANY(%s)
             GROUP BY r.loan_id""",
            (list(self.ids),),
        )
        dates = dict(self.env.cr.fetchall())
        for loan in self:
            loan.classified_date = dates.get(loan.id, False)

    @api.depends(
        "renewed", "renewal_original_amount", "renewal_paid_amount", "renewal_interest_paid"
    )
    def _compute_renewal_held(self):
        for loan in self:
            loan.renewal_held = loan.renewed and not prudential.renewal_settled_at_renewal(
                loan.renewal_original_amount,
                loan.renewal_paid_amount,
                loan.renewal_interest_paid,
            )

    @api.depends("intermediary_id.fonaes_equity", "borrower_is_company", "company_id")
    @api.depends_context("lang")
    def _compute_single_borrower_limit(self):
        for loan in self:
            company = loan.company_id or self.env.company
            pct, limit = prudential.single_borrower_limit(
                loan.intermediary_id.fonaes_equity,
                loan.borrower_is_company,
                company._fonaes_reading(),
            )
            loan.single_borrower_limit = float(limit)
            loan.single_borrower_rule = self.env._(
                "%(pct)s %% of the intermediary's equity (Anexo XI §3; reading: %(reading)s)",
                pct=pct,
                reading=company._fonaes_single_borrower_reading_label(),
            )

    @api.constrains("renewed", "renewal_original_amount", "renewal_paid_amount")
    def _check_renewal(self):
        for loan in self.filtered("renewed"):
            if loan.renewal_original_amount <= 0 or (
                loan.renewal_paid_amount > loan.renewal_original_amount
            ):
                raise ValidationError(
                    self.env._(
                        "Loan %(loan)s renews a credit: record its original amount and the "
                        "principal paid before the renewal, at most that amount (Reglas de "
                        "Operación FONAES 2005, Anexo XII-1).",
                        loan=loan.name,
                    )
                )

    @api.constrains("state")
    def _check_grant_allowed(self):
        """No loan becomes granted while its intermediary is suspended (Anexo XI §6),
        whatever the path."""
        for loan in self:
            if loan.state == "granted" and loan.intermediary_id.fonaes_channelling_suspended:
                raise ValidationError(
                    self.env._(
                        "%(intermediary)s is suspended for breaching the prudential rules "
                        "(Anexo XI §6): no new loans.",
                        intermediary=loan.intermediary_id.name,
                    )
                )

    # ---- CRUD ----
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name") == "/":
                del vals["name"]  # the form's placeholder: the number is the sequence's
        loans = super().create(vals_list)
        for loan in loans:
            # The create step numbers the loan (a step field).
            loan.sudo().name = self.env["ir.sequence"].next_by_code("fonaes.loan") or "/"
        return loans

    def write(self, vals):
        self.check_access("write")  # who may not write at all is told so first
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_granted(self):
        if any(loan.state == "granted" for loan in self):
            raise UserError(self.env._("A granted loan cannot be deleted: cancel it instead."))

    # ---- ACTIONS ----
    def action_grant(self):
        """Grant the loan: single-borrower limit (Anexo XI §3), automatic or formal
        authorization (Anexo XI §2.a.1), the intermediary not suspended (Anexo XI §6), and
        its schedule."""
        self._workflow_check_group(ACCOUNTANT)
        for loan in self:
            if loan.state != "draft":
                raise UserError(self.env._("Loan %s is not a draft.", loan.name))
            if loan.intermediary_id.fonaes_channelling_suspended:
                raise UserError(
                    self.env._(
                        "%(intermediary)s is suspended for breaching the prudential rules "
                        "(Anexo XI §6): no new loans.",
                        intermediary=loan.intermediary_id.name,
                    )
                )
            loan._check_single_borrower_limit()
            loan._workflow_write(
                {
                    "authorization": loan._authorization_kind(),
                    "installment_ids": [fields.Command.clear()]
                    + [fields.Command.create(vals) for vals in loan._schedule_vals()],
                    "state": "granted",
                },
                group=ACCOUNTANT,
            )

    def action_cancel(self):
        """Cancel a draft or granted loan: the correction of a granted one, traced in its
        chatter (its contract and schedule stay as granted)."""
        self._workflow_check_group(ACCOUNTANT)
        self._workflow_check_state("draft", "granted")
        for loan in self:
            granted = loan.state == "granted"
            loan._workflow_write({"state": "cancelled"}, group=ACCOUNTANT)
            if granted:
                loan.message_post(
                    body=self.env._("Granted loan cancelled by %s.", self.env.user.name)
                )
        return True

    # ---- BUSINESS METHODS ----
    def _exposure(self, states=("granted",)):
        """Principal of the loans of this intermediary to the borrower and its common risk,
        this one included (contract amounts of the granted loans)."""
        self.ensure_one()
        people = self.borrower_id | self.common_risk_ids
        others = self.search(
            [
                ("intermediary_id", "=", self.intermediary_id.id),
                ("state", "in", list(states)),
                ("id", "!=", self.id),
                "|",
                ("borrower_id", "in", people.ids),
                ("common_risk_ids", "in", self.borrower_id.ids),
            ]
        )
        return sum(others.mapped("amount")) + self.amount

    def _check_single_borrower_limit(self):
        self.ensure_one()
        equity = self.intermediary_id.fonaes_equity
        company = self.company_id
        pct, limit = prudential.single_borrower_limit(
            equity, self.borrower_is_company, company._fonaes_reading()
        )
        exposure = self._exposure()
        if exposure > limit and not self.limit_exception_ref:
            figures = {
                "exposure": format_money(self.env, exposure, self.currency_id),
                "limit": format_money(self.env, float(limit), self.currency_id),
                "pct": pct,
                "equity": format_money(self.env, equity, self.currency_id),
                "reading": company._fonaes_single_borrower_reading_label(),
            }
            raise UserError(
                self.env._(
                    "Loans to %(borrower)s and its common risk would reach %(exposure)s, above "
                    "the single-borrower limit of %(limit)s (%(pct)s %% of the equity "
                    "%(equity)s of %(intermediary)s, Anexo XI §3; reading: %(reading)s).",
                    borrower=self.borrower_id.name,
                    intermediary=self.intermediary_id.name,
                    **figures,
                )
            )

    def _authorization_kind(self):
        self.ensure_one()
        udi = self.env["fonaes.udi.rate"]._value_on(self.start_date)
        allowed, _udis = prudential.automatic_authorization(self._exposure(), udi)
        return "automatic" if allowed else "formal"

    def _schedule_vals(self):
        """Installments of the loan from micro_base's monthly schedule, shaped by its kind:
        single payment (one installment at maturity), single principal (interest monthly,
        principal at maturity), periodic and revolving (level principal)."""
        self.ensure_one()
        at_maturity = (prudential.KIND_SINGLE_PAYMENT, prudential.KIND_SINGLE_PRINCIPAL)
        grace = self.months - 1 if self.loan_kind in at_maturity else 0
        schedule = loan_tools.monthly_schedule(
            self.amount,
            self.annual_rate / 100,
            self.months,
            self.start_date,
            grace,
            day_basis=None,
        )
        rows = [(i.due_date, i.principal, i.interest) for i in schedule]
        if self.loan_kind == prudential.KIND_SINGLE_PAYMENT:
            rows = [(rows[-1][0], sum(r[1] for r in rows), sum(r[2] for r in rows))]
        result, due_through = [], 0
        for n, (due, principal, interest) in enumerate(rows, start=1):
            due_through += principal + interest
            result.append(
                {
                    "number": n,
                    "due_date": due,
                    "principal": float(principal),
                    "interest": float(interest),
                    "due_through": float(due_through),
                }
            )
        return result

    def _position(self, as_of, previous_state=None):
        """Days past due, balances and current/past-due state of the loan on ``as_of``
        (Anexo XI §1.a, Anexo XII-1). Accrual stops when past due: the interest fallen due
        and not collected goes to ``memo_interest`` (cuentas de orden) instead of the
        receivable."""
        self.ensure_one()
        rows = [(i.due_date, i.principal, i.interest) for i in self.installment_ids]
        payments = [(p.date, p.amount) for p in self.payment_ids]
        return self._position_from_rows(rows, payments, as_of, previous_state)

    def _position_from_rows(self, rows, payments, as_of, previous_state=None):
        self.ensure_one()
        terms = {
            "loan_kind": self.loan_kind,
            "months": self.months,
            "restructured": self.restructured,
            "bankrupt": self.bankrupt,
            "amount": self.amount,
        }
        if self.renewed:
            terms["renewal"] = {
                "original_amount": self.renewal_original_amount,
                "paid_before": self.renewal_paid_amount,
                "interest_paid_before": self.renewal_interest_paid,
            }
        return prudential.position(
            terms, rows, payments, as_of, previous_state or self.portfolio_state
        )


class FonaesLoanInstallment(models.Model):
    _name = "fonaes.loan.installment"
    _description = "Installment of an ESF or Trust Loan"
    _inherit = ["micro.workflow.mixin", "micro.input.mixin"]
    _order = "loan_id, number"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "principal": (input_rules.KIND_AMOUNT, "Anexo XII-1"),
        "interest": (input_rules.KIND_AMOUNT, "Anexo XII-1"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    # The schedule is the loan's: computed when it is granted, never typed.
    _workflow_step_fields = (
        "loan_id",
        "number",
        "due_date",
        "principal",
        "interest",
        "due_through",
    )

    loan_id = fields.Many2one("fonaes.loan", required=True, ondelete="cascade", index=True)
    currency_id = fields.Many2one(related="loan_id.currency_id")
    number = fields.Integer(required=True)
    due_date = fields.Date(required=True)
    principal = fields.Monetary()
    interest = fields.Monetary()
    due_through = fields.Monetary(
        string="Due Through This Installment",
        help="Principal and interest of the schedule up to this installment included: the "
        "month-end run compares the payments with it.",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_schedule_step(self):
        if not self.env.su:
            raise UserError(
                self.env._("A loan's installments come from its schedule when it is granted.")
            )
