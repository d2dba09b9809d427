import calendar
import logging
from collections import defaultdict
from datetime import date

from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import split_every

from ..tools import prudential
from .fonaes_loan import _amount, loan_position

_logger = logging.getLogger(__name__)

ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"
INSERT_BATCH = 5000


def month_end(day):
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def previous_month_end(day):
    """The last month-end on or before ``day``."""
    end = month_end(day)
    if end == day:
        return day
    first = day.replace(day=1)
    return date.fromordinal(first.toordinal() - 1)


class FonaesProvisionBucket(models.Model):
    """A stratum of days past due and its reserve percentage (Anexo XI §1.b)."""

    _name = "fonaes.provision.bucket"
    _description = "Provisioning Bucket (Anexo XI)"
    _order = "min_days"

    name = fields.Char(required=True, translate=True)
    min_days = fields.Integer(string="From Day", required=True)
    percentage = fields.Float(string="Reserve (%)", required=True, digits=(5, 2))
    section = fields.Char(help="Section of the rules that sets the figure.")

    _sql_constraints = [
        ("min_days_unique", "UNIQUE(min_days)", "Two buckets cannot start on the same day."),
        (
            "percentage_range",
            "CHECK(percentage >= 0 AND percentage <= 100)",
            "A reserve percentage is between 0 and 100.",
        ),
    ]

    @api.model
    def _percentage_table(self):
        return [(b.min_days, b.percentage) for b in self.search([])]


class FonaesProvisionRun(models.Model):
    """Month-end rating of an intermediary's portfolio: reserves by days past due, the
    provision movement posted, capital and liquidity, breaches (Anexo XI §1, §3-§6)."""

    _name = "fonaes.provision.run"
    _description = "Monthly Provisioning Run"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    intermediary_id = fields.Many2one(
        "res.partner",
        string="Intermediary",
        required=True,
        index=True,
        domain=[("fonaes_role", "in", ("esf", "trust"))],
    )
    date = fields.Date(string="Month-end", required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("fonaes.provision.run.line", "run_id", readonly=True)
    loan_count = fields.Integer(readonly=True)
    portfolio_current = fields.Monetary(string="Current Portfolio", readonly=True)
    portfolio_past_due = fields.Monetary(string="Past-due Portfolio", readonly=True)
    memo_interest = fields.Monetary(
        string="Uncollected Interest on Past-due Loans",
        readonly=True,
        help="Kept in memo accounts: accrual stopped (Anexo XII-1).",
    )
    provision_total = fields.Monetary(string="Required Reserves", readonly=True, tracking=True)
    previous_total = fields.Monetary(string="Previous Reserves", readonly=True)
    movement = fields.Monetary(readonly=True, tracking=True)
    move_id = fields.Many2one("account.move", string="Provision Entry", readonly=True)
    equity = fields.Monetary(readonly=True)
    capital_requirement = fields.Monetary(readonly=True)
    sight_deposits = fields.Monetary(readonly=True)
    short_term_liabilities = fields.Monetary(readonly=True)
    liquidity_requirement = fields.Monetary(readonly=True)
    breaches = fields.Text(readonly=True)
    in_breach = fields.Boolean(readonly=True, tracking=True)

    _sql_constraints = [
        (
            "intermediary_date_unique",
            "UNIQUE(intermediary_id, date, company_id)",
            "This intermediary's portfolio is already rated at this month-end.",
        ),
    ]

    @api.depends("intermediary_id.name", "date")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.intermediary_id.name or ''} {run.date or ''}".strip()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if any(run.move_id for run in self):
            raise UserError(self.env._("A posted provisioning run cannot be deleted."))

    # ---- SCHEDULED ACTION ----
    @api.model
    def _cron_monthly_provisioning(self, as_of=None):
        """Rate every intermediary with granted loans at the last month-end (Anexo XI §1:
        figures at the last day of each calendar month). Idempotent: an intermediary
        already rated at that date is skipped. A failing intermediary is logged and the
        others go on."""
        cut_off = previous_month_end(as_of or fields.Date.context_today(self))
        loans = self.env["fonaes.loan"].search([("state", "=", "granted")])
        done = set(self.search([("date", "=", cut_off)]).mapped("intermediary_id").ids)
        runs = self.browse()
        for intermediary in loans.intermediary_id:
            if intermediary.id in done:
                continue
            try:
                with self.env.cr.savepoint():
                    runs |= self._rate(intermediary, cut_off)
            except Exception:
                _logger.exception("Provisioning of %s at %s failed", intermediary.name, cut_off)
        return runs

    # ---- BUSINESS METHODS ----
    @api.model
    def _rate(self, intermediary, cut_off):
        """Create, compute and post the run of ``intermediary`` at ``cut_off``."""
        if not self.env.user.has_group(ACCOUNTANT) and not self.env.su:
            raise AccessError(self.env._("Only FONAES accountants run the provisioning."))
        previous = self.search(
            [("intermediary_id", "=", intermediary.id), ("date", "<", cut_off)],
            order="date desc",
            limit=1,
        )
        run = self.create({"intermediary_id": intermediary.id, "date": cut_off})
        run._compute_lines(previous)
        run._post_movement()
        run._check_prudential_rules()
        return run

    def _loan_data(self):
        """Installments and payments of the intermediary's granted loans, read in two
        queries (the run handles hundreds of thousands of loans)."""
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        # One row per loan with its installments and payments as arrays: a tenth of the
        # rows to convert than one per installment.
        cr.execute(
            """SELECT i.loan_id, array_agg(i.due_date ORDER BY i.number),
                      array_agg(i.principal ORDER BY i.number),
                      array_agg(i.interest ORDER BY i.number)
                 FROM fonaes_loan_installment i JOIN fonaes_loan l ON l.id = i.loan_id
                WHERE l.intermediary_id = %s AND l.state = 'granted' AND l.start_date <= %s
             GROUP BY i.loan_id""",
            (self.intermediary_id.id, self.date),
        )
        rows = {
            loan_id: list(zip(dues, principals, interests, strict=True))
            for loan_id, dues, principals, interests in cr.fetchall()
        }
        cr.execute(
            """SELECT p.loan_id, array_agg(p.date), array_agg(p.amount)
                 FROM fonaes_loan_payment p JOIN fonaes_loan l ON l.id = p.loan_id
                WHERE l.intermediary_id = %s AND l.state = 'granted' AND p.date <= %s
             GROUP BY p.loan_id""",
            (self.intermediary_id.id, self.date),
        )
        payments = defaultdict(list)
        for loan_id, days, amounts in cr.fetchall():
            payments[loan_id] = list(zip(days, amounts, strict=True))
        cr.execute(
            """SELECT id, loan_kind, months, restructured, bankrupt, blocked_deposit,
                      blocked_deposit_authorized, against_rules
                 FROM fonaes_loan
                WHERE intermediary_id = %s AND state = 'granted' AND start_date <= %s
             ORDER BY id""",
            (self.intermediary_id.id, self.date),
        )
        keys = ("loan_kind", "months", "restructured", "bankrupt", "blocked_deposit",
                "blocked_deposit_authorized", "against_rules")  # fmt: skip
        terms = {row[0]: dict(zip(keys, row[1:], strict=True)) for row in cr.fetchall()}
        return terms, rows, payments

    def _compute_lines(self, previous):
        self.ensure_one()
        table = self.env["fonaes.provision.bucket"]._percentage_table()
        if not table:
            raise UserError(self.env._("The provisioning table of Anexo XI §1.b is empty."))
        buckets = {b.min_days: b for b in self.env["fonaes.provision.bucket"].search([])}
        extra = self.intermediary_id.fonaes_extra_provision_pct
        terms, rows, payments = self._loan_data()
        self.env.cr.execute(
            "SELECT loan_id, state FROM fonaes_provision_run_line WHERE run_id = %s",
            (previous.id or 0,),
        )
        previous_states = dict(self.env.cr.fetchall())
        lines = []
        totals = defaultdict(float)
        pct_of = {}  # days → percentage: the table lookup once per distinct day count
        for loan_id, loan in terms.items():
            pos = loan_position(
                loan,
                rows.get(loan_id, []),
                payments[loan_id],
                self.date,
                previous_states.get(loan_id, prudential.STATE_CURRENT),
            )
            if not pos["balance"]:
                continue
            pct = pct_of.get(pos["days"])
            if pct is None:
                pct = pct_of[pos["days"]] = prudential.provision_pct(pos["days"], table)
            deposit = loan["blocked_deposit"] if loan["blocked_deposit_authorized"] else 0
            base, reserve = prudential.provision_amount(pos["balance"], pct, deposit, extra)
            bound = max(b for b in buckets if b <= pos["days"])
            lines.append(
                (
                    self.id,
                    loan_id,
                    pos["days"],
                    pos["state"],
                    buckets[bound].id,
                    float(pct),
                    float(pos["balance"]),
                    float(base),
                    float(reserve),
                    float(pos["memo_interest"]),
                    self.env.uid,
                    self.env.uid,
                )
            )
            key = "past_due" if pos["state"] == prudential.STATE_PAST_DUE else "current"
            totals[key] += float(pos["balance"])
            totals["memo"] += float(pos["memo_interest"])
            totals["reserve"] += float(reserve)
            if loan["against_rules"]:
                totals["against_rules_net"] += float(pos["balance"] - reserve)
        # Hundreds of thousands of lines: one multi-row INSERT per batch, not the ORM.
        for batch in split_every(INSERT_BATCH, lines):
            execute_values(
                self.env.cr._obj,
                """INSERT INTO fonaes_provision_run_line
                       (run_id, loan_id, days_past_due, state, bucket_id, percentage, balance,
                        base, reserve, memo_interest, create_uid, write_uid, create_date,
                        write_date)
                   VALUES %s""",
                batch,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "now() at time zone 'UTC', now() at time zone 'UTC')",
                page_size=INSERT_BATCH,
            )
        self.invalidate_recordset(["line_ids"])
        self.env.cr.execute(
            """UPDATE fonaes_loan l SET portfolio_state = r.state,
                      days_past_due = r.days_past_due, classified_date = %s
                 FROM fonaes_provision_run_line r
                WHERE r.run_id = %s AND r.loan_id = l.id""",
            (self.date, self.id),
        )
        self.env["fonaes.loan"].invalidate_model(
            ["portfolio_state", "days_past_due", "classified_date"]
        )
        self.write(
            {
                "loan_count": len(lines),
                "portfolio_current": totals["current"],
                "portfolio_past_due": totals["past_due"],
                "memo_interest": totals["memo"],
                "provision_total": totals["reserve"],
                "previous_total": previous.provision_total if previous else 0.0,
                "movement": totals["reserve"] - (previous.provision_total if previous else 0.0),
                "capital_requirement": float(
                    prudential.capital_requirement(
                        totals["current"] + totals["past_due"] - totals["reserve"],
                        totals["against_rules_net"],
                    )
                ),
            }
        )

    def _post_movement(self):
        """Post the change of the required reserves: expense against the allowance
        (estimación preventiva para riesgos crediticios, Anexo XII-1), or the release."""
        self.ensure_one()
        amount = self.currency_id.round(self.movement)
        if self.currency_id.is_zero(amount):
            return
        company = self.company_id
        journal = company.fonaes_journal_id
        expense = company.fonaes_provision_expense_account_id
        allowance = company.fonaes_provision_allowance_account_id
        if not (journal and expense and allowance):
            raise UserError(
                self.env._(
                    "Set the FONAES journal, the provision expense account and the "
                    "allowance account of %s first.",
                    company.name,
                )
            )
        label = self.env._(
            "Preventive reserves of %(intermediary)s at %(date)s (Anexo XI)",
            intermediary=self.intermediary_id.name,
            date=self.date,
        )
        debit, credit = (expense, allowance) if amount > 0 else (allowance, expense)
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": self.date,
                "ref": label,
                "line_ids": [
                    fields.Command.create(
                        {"account_id": debit.id, "name": label, "debit": abs(amount)}
                    ),
                    fields.Command.create(
                        {"account_id": credit.id, "name": label, "credit": abs(amount)}
                    ),
                ],
            }
        )
        move.action_post()
        self.move_id = move

    def _check_prudential_rules(self):
        """List the breaches of Anexo XI §3-§5 and suspend the channelling of resources to
        the intermediary (Anexo XI §6)."""
        self.ensure_one()
        partner = self.intermediary_id
        equity = partner.fonaes_equity
        breaches = []
        if self.capital_requirement > equity:
            breaches.append(
                self.env._(
                    "Capital: equity %(equity)s below the requirement %(req)s (10 %% of the "
                    "net portfolio, 100 %% of operations against the rules, Anexo XI §4.a).",
                    equity=_amount(equity),
                    req=_amount(self.capital_requirement),
                )
            )
        liquidity = float(prudential.liquidity_requirement(partner.fonaes_short_term_liabilities))
        if partner.fonaes_sight_deposits < liquidity:
            breaches.append(
                self.env._(
                    "Liquidity: sight deposits %(deposits)s below %(req)s (10 %% of the "
                    "liabilities due within 30 days, %(liabilities)s, Anexo XI §5).",
                    deposits=_amount(partner.fonaes_sight_deposits),
                    req=_amount(liquidity),
                    liabilities=_amount(partner.fonaes_short_term_liabilities),
                )
            )
        breaches += self._single_borrower_breaches(equity)
        self.write(
            {
                "equity": equity,
                "sight_deposits": partner.fonaes_sight_deposits,
                "short_term_liabilities": partner.fonaes_short_term_liabilities,
                "liquidity_requirement": liquidity,
                "breaches": "\n".join(breaches),
                "in_breach": bool(breaches),
            }
        )
        if breaches and not partner.fonaes_channelling_suspended:
            why = "\n".join(breaches)
            partner.sudo().fonaes_channelling_suspended = True
            partner.sudo().message_post(
                body=self.env._(
                    "Channelling of resources suspended (Anexo XI §6) at %(date)s: %(why)s",
                    date=self.date,
                    why=why,
                )
            )

    def _single_borrower_breaches(self, equity):
        """Borrowers whose outstanding balance at the month-end exceeds 7 % / 14 % of the
        equity without a FONAES exception (Anexo XI §3; the common risk of dependents is
        checked when each loan is granted)."""
        self.env.cr.execute(
            """SELECT l.borrower_id, COALESCE(p.is_company, FALSE), SUM(r.balance)
                 FROM fonaes_provision_run_line r
                 JOIN fonaes_loan l ON l.id = r.loan_id
                 JOIN res_partner p ON p.id = l.borrower_id
                WHERE r.run_id = %s AND l.limit_exception_ref IS NULL
             GROUP BY l.borrower_id, p.is_company""",
            (self.id,),
        )
        exposure, entity = {}, {}
        for borrower_id, is_company, amount in self.env.cr.fetchall():
            borrower = self.env["res.partner"].browse(borrower_id)
            exposure[borrower] = amount
            entity[borrower] = is_company
        breaches = []
        for borrower, amount in exposure.items():
            pct, limit = prudential.single_borrower_limit(equity, entity[borrower])
            if amount > float(limit):
                breaches.append(
                    self.env._(
                        "Single borrower: %(borrower)s owes %(amount)s, above %(limit)s "
                        "(%(pct)s %% of equity, Anexo XI §3).",
                        borrower=borrower.name,
                        amount=_amount(amount),
                        limit=_amount(limit),
                        pct=pct,
                    )
                )
        return breaches


class FonaesProvisionRunLine(models.Model):
    _name = "fonaes.provision.run.line"
    _description = "Loan Rated in a Provisioning Run"
    _order = "run_id, days_past_due desc, id"

    run_id = fields.Many2one("fonaes.provision.run", required=True, ondelete="cascade", index=True)
    currency_id = fields.Many2one(related="run_id.currency_id")
    loan_id = fields.Many2one("fonaes.loan", required=True, index=True)
    days_past_due = fields.Integer()
    state = fields.Selection(
        [(prudential.STATE_CURRENT, "Current"), (prudential.STATE_PAST_DUE, "Past Due")]
    )
    bucket_id = fields.Many2one("fonaes.provision.bucket")
    percentage = fields.Float(string="Reserve (%)")
    balance = fields.Monetary()
    base = fields.Monetary(string="Balance Provisioned", help="Net of a blocked deposit.")
    reserve = fields.Monetary()
    memo_interest = fields.Monetary(string="Memo Interest")
