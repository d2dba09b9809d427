from psycopg2.extras import execute_values

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.micro_base.tools.amounts import format_money

from ..tools import prudential

ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"
# Rating of every granted loan of an intermediary at the cut-off, set-based (hundreds of
# thousands of loans): the same figures as ``prudential.loan_position``, ``classify`` and
# ``provision_amount`` (whose docstrings state the rules; a test compares both ways), with
# the figures of the rules passed from ``prudential``.
# * Position: payments up to the cut-off go to the oldest installment, interest first, so
#   installment k's principal is unpaid while the payments do not reach everything due
#   through it (``due_through``), its interest while they do not reach that less its
#   principal. Days past due count from the oldest unpaid due date before the cut-off
#   (Anexo XI §1.a; micro_base ``days_past_due``).
# * State (Anexo XII-1): past due when the kind's threshold is reached or the borrower is
#   in concurso mercantil; a past-due loan is current again once nothing is late. The
#   restructured past-due loans, whose sustained payment decides, and the renewed credits
#   held past due (Anexo XII-1, 25 % of the original amount) are left to Python.
# * Reserve (Anexo XI §1): ``prudential.provision_amount_sql``, the bucket's percentage of
#   the balance not covered by an authorized blocked deposit, plus the extra percentage
#   ordered, at most the balance.
RATING_QUERY = """
    WITH loans AS (
        SELECT l.id, l.loan_kind, COALESCE(l.bankrupt, FALSE) AS bankrupt,
               CASE WHEN l.blocked_deposit_authorized THEN COALESCE(l.blocked_deposit, 0)
                    ELSE 0 END AS deposit,
               COALESCE(prev.state, %(current)s) AS previous_state
          FROM fonaes_loan l
     LEFT JOIN fonaes_provision_run_line prev
            ON prev.run_id = %(previous)s AND prev.loan_id = l.id
         WHERE l.intermediary_id = %(intermediary)s AND l.state = 'granted'
           AND l.start_date <= %(cut_off)s
           AND NOT (COALESCE(l.restructured, FALSE)
                    AND COALESCE(prev.state, '') = %(past_due)s)
           AND NOT COALESCE(l.renewal_held, FALSE)
    ), paid AS (
        SELECT p.loan_id, SUM(p.amount) AS total
          FROM fonaes_loan_payment p JOIN loans ON loans.id = p.loan_id
         WHERE p.date <= %(cut_off)s
      GROUP BY p.loan_id
    ), positions AS MATERIALIZED (
        SELECT i.loan_id,
               COALESCE(%(cut_off)s - MIN(i.due_date) FILTER (
                   WHERE i.principal > 0 AND COALESCE(paid.total, 0) < i.due_through
                     AND i.due_date < %(cut_off)s), 0) AS principal_days,
               COALESCE(%(cut_off)s - MIN(i.due_date) FILTER (
                   WHERE i.interest > 0
                     AND COALESCE(paid.total, 0) < i.due_through - i.principal
                     AND i.due_date < %(cut_off)s), 0) AS interest_days,
               SUM(i.principal - LEAST(GREATEST(
                   COALESCE(paid.total, 0) - (i.due_through - i.principal), 0), i.principal)
               ) AS principal_left,
               COALESCE(SUM(i.interest - LEAST(GREATEST(
                   COALESCE(paid.total, 0) - (i.due_through - i.principal - i.interest), 0),
                   i.interest)) FILTER (WHERE i.due_date <= %(cut_off)s), 0) AS interest_unpaid
          FROM fonaes_loan_installment i JOIN loans ON loans.id = i.loan_id
     LEFT JOIN paid ON paid.loan_id = i.loan_id
      GROUP BY i.loan_id
    ), dated AS (
        SELECT p.*, loans.deposit, loans.loan_kind, loans.bankrupt, loans.previous_state,
               GREATEST(p.principal_days, p.interest_days) AS days
          FROM positions p JOIN loans ON loans.id = p.loan_id
    ), classified AS (
        SELECT d.*,
               CASE WHEN d.bankrupt
                      OR (d.loan_kind = %(single_payment)s AND d.days >= %(single_payment_days)s)
                      OR (d.loan_kind = %(single_principal)s
                          AND (d.interest_days >= %(single_principal_interest_days)s
                               OR d.principal_days >= %(single_principal_principal_days)s))
                      OR (d.loan_kind = %(periodic)s AND d.days >= %(periodic_days)s)
                      OR (d.loan_kind = %(revolving)s AND d.days >= %(revolving_days)s)
                      OR (d.previous_state = %(past_due)s AND d.days > 0)
                    THEN %(past_due)s ELSE %(current)s END AS state
          FROM dated d
    ), balances AS (
        SELECT c.*,
               c.principal_left + CASE WHEN c.state = %(current)s THEN c.interest_unpaid
                                       ELSE 0 END AS balance,
               CASE WHEN c.state = %(past_due)s THEN c.interest_unpaid ELSE 0 END AS memo
          FROM classified c
    ), buckets AS (
        SELECT id, min_days, percentage,
               LEAD(min_days) OVER (ORDER BY min_days) AS next_min_days
          FROM fonaes_provision_bucket
    )
    INSERT INTO fonaes_provision_run_line
           (run_id, loan_id, days_past_due, state, bucket_id, percentage, balance, base, reserve,
            memo_interest, create_uid, write_uid, create_date, write_date)
    SELECT %(run)s, b.loan_id, b.days, b.state, k.id, k.percentage, b.balance,
           GREATEST(b.balance - b.deposit, 0),
           {reserve},
           b.memo, %(uid)s, %(uid)s, now() at time zone 'UTC', now() at time zone 'UTC'
      FROM balances b
      JOIN buckets k ON b.days >= k.min_days AND (k.next_min_days IS NULL
                                                 OR b.days < k.next_min_days)
     WHERE b.balance <> 0
""".format(
    reserve=prudential.provision_amount_sql(
        "b.balance", "b.deposit", "k.percentage", "%(extra_pct)s"
    )
)


class FonaesProvisionRun(models.Model):
    """Month-end rating of an intermediary's portfolio: reserves by days past due, the
    provision movement posted, capital and liquidity, breaches (Anexo XI §1, §3-§6)."""

    _name = "fonaes.provision.run"
    _description = "Monthly Provisioning Run"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.job.mixin", "micro.input.mixin"]
    _order = "date desc, id desc"
    _workflow_entry_fields = ("move_id",)

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
    additional_capital = fields.Monetary(
        string="Additional Capital Required",
        readonly=True,
        help="Required by FONAES of this intermediary at the month-end (Anexo XI §4.a).",
    )
    capital_requirement = fields.Monetary(
        readonly=True,
        help="10 % of the net portfolio, 100 % of the operations against the rules, plus the "
        "additional capital FONAES required (Anexo XI §4.a).",
    )
    takes_deposits = fields.Boolean(
        string="Takes Deposits",
        readonly=True,
        help="The intermediary takes deposits (Intermediario Captador) at the month-end: the "
        "liquidity ratio applies to it (Anexo XI §5).",
    )
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

    # The run's figures are its computation's: a typed reserve or breach would post or
    # suspend nothing and mislead whoever reads the month-end. The run has no status: every
    # field of its own is set by the month-end rating only (micro_base's workflow guard).
    def _workflow_guarded_fields(self):
        return super()._workflow_guarded_fields() | {
            name
            for name, field in self._fields.items()
            if field.store
            and not field.compute
            and not field.related
            and name not in models.MAGIC_COLUMNS
            and not name.startswith(("message_", "activity_"))
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if any(run.move_id for run in self):
            raise UserError(self.env._("A posted provisioning run cannot be deleted."))

    # ---- SCHEDULED ACTION ----
    @api.model
    def _cron_monthly_provisioning(self, as_of=None):
        """Rate every intermediary with granted loans at the last month-end (Anexo XI §1:
        figures at the last day of each calendar month). Idempotent: an intermediary
        already rated at that date is skipped. One intermediary per batch (micro_base
        ``micro.scheduled.work``): a failing one is logged and the others go on, and under the
        scheduler each rated intermediary is committed (a run of 200,000 loans is heavy)."""
        cut_off = prudential.rating_date(as_of or fields.Date.context_today(self))
        groups = self.env["fonaes.loan"]._read_group(
            [("state", "=", "granted")], ["intermediary_id"]
        )
        done = set(self.search([("date", "=", cut_off)]).mapped("intermediary_id").ids)
        todo = self.env["res.partner"].browse(
            [partner.id for (partner,) in groups if partner.id not in done]
        )
        runs = []

        def rate(intermediary):
            runs.append(self._rate(intermediary, cut_off).id)

        self.env["micro.scheduled.work"]._run_in_batches(todo, rate, batch_size=1)
        return self.browse(runs)

    # ---- BUSINESS METHODS ----
    @api.model
    def _rate(self, intermediary, cut_off):
        """Create, compute and post the run of ``intermediary`` at ``cut_off``."""
        run = self._new_run(intermediary, cut_off)
        run._rate_run()
        return run

    @api.model
    def _check_accountant(self):
        if not self.env.user.has_group(ACCOUNTANT) and not self.env.su:
            raise AccessError(self.env._("Only FONAES accountants run the provisioning."))

    @api.model
    def _new_run(self, intermediary, cut_off):
        """The run of ``intermediary`` at ``cut_off``, not rated yet."""
        self._check_accountant()
        return self._workflow_create(
            [{"intermediary_id": intermediary.id, "date": cut_off}], group=ACCOUNTANT
        )

    def _rating_identity(self):
        """What two ratings must not run at once for: the company's intermediary-month."""
        self.ensure_one()
        return (
            f"fonaes.provision:{self.company_id.id}:{self.intermediary_id.id}:"
            f"{self.date:%Y-%m}"
        )

    def _rate_run(self):
        """Compute and post the run (also the background job of the accountant's click,
        micro_base ``micro.job.mixin``): the loans' rating, the provision movement, the
        prudential rules, each step reported as progress."""
        self.ensure_one()
        self._check_accountant()
        previous = self.search(
            [
                ("intermediary_id", "=", self.intermediary_id.id),
                ("date", "<", self.date),
            ],
            order="date desc",
            limit=1,
        )
        steps = (
            lambda: self._compute_lines(previous),
            self._post_movement,
            self._check_prudential_rules,
        )
        for done, step in enumerate(steps):
            self._micro_job_progress(done, len(steps))
            step()
        self._micro_job_progress(len(steps), len(steps))
        return self.env._(
            "%(count)s loans rated; required reserves %(reserve)s.",
            count=self.loan_count,
            reserve=format_money(self.env, self.provision_total, self.currency_id),
        )

    def _compute_lines(self, previous):
        """Rate every granted loan of the intermediary at the run's month-end: one line per
        loan with a balance (days past due, state, bucket, reserve, memo interest), the
        loans' rating updated and the run's totals (Anexo XI §1, Anexo XII-1)."""
        self.ensure_one()
        table = self.env["fonaes.provision.bucket"]._percentage_table()
        if not table or min(bound for bound, _pct in table) != 0:
            raise UserError(
                self.env._(
                    "The provisioning table of Anexo XI §1.b must start at 0 days past due."
                )
            )
        self.env.flush_all()
        cr = self.env.cr
        # The set-based rating aggregates millions of installments in one query: memory to
        # sort them, and no JIT compilation (seconds spent compiling its expressions).
        cr.execute("SET LOCAL work_mem = '128MB'; SET LOCAL jit = off")
        cr.execute(
            RATING_QUERY,
            {
                "run": self.id,
                "previous": previous.id or 0,
                "intermediary": self.intermediary_id.id,
                "cut_off": self.date,
                "extra_pct": self.intermediary_id.fonaes_extra_provision_pct or 0.0,
                "uid": self.env.uid,
                "current": prudential.STATE_CURRENT,
                "past_due": prudential.STATE_PAST_DUE,
                "single_payment": prudential.KIND_SINGLE_PAYMENT,
                "single_principal": prudential.KIND_SINGLE_PRINCIPAL,
                "periodic": prudential.KIND_PERIODIC,
                "revolving": prudential.KIND_REVOLVING,
                "single_payment_days": prudential.SINGLE_PAYMENT_PAST_DUE_DAYS,
                "single_principal_interest_days": (
                    prudential.SINGLE_PRINCIPAL_INTEREST_PAST_DUE_DAYS
                ),
                "single_principal_principal_days": (
                    prudential.SINGLE_PRINCIPAL_PRINCIPAL_PAST_DUE_DAYS
                ),
                "periodic_days": prudential.PERIODIC_PAST_DUE_DAYS,
                "revolving_days": prudential.REVOLVING_PAST_DUE_DAYS,
            },
        )
        self._rate_in_python(previous, table)
        # Fresh statistics for the queries that read the new lines back.
        cr.execute("ANALYZE fonaes_provision_run_line")
        self.invalidate_recordset(["line_ids"])
        self._update_loan_ratings()
        cr.execute(
            """SELECT COUNT(*),
                      COALESCE(SUM(r.balance) FILTER (WHERE r.state = %s), 0),
                      COALESCE(SUM(r.balance) FILTER (WHERE r.state = %s), 0),
                      COALESCE(SUM(r.memo_interest), 0),
                      COALESCE(SUM(r.reserve), 0),
                      COALESCE(SUM(r.balance - r.reserve) FILTER (WHERE l.against_rules), 0)
                 FROM fonaes_provision_run_line r JOIN fonaes_loan l ON l.id = r.loan_id
                WHERE r.run_id = %s""",
            (prudential.STATE_CURRENT, prudential.STATE_PAST_DUE, self.id),
        )
        count, current, past_due, memo, reserve, against_rules_net = cr.fetchone()
        previous_total = previous.provision_total if previous else 0.0
        self._workflow_write(
            {
                "loan_count": count,
                "portfolio_current": current,
                "portfolio_past_due": past_due,
                "memo_interest": memo,
                "provision_total": reserve,
                "previous_total": previous_total,
                "movement": reserve - previous_total,
                "additional_capital": self.intermediary_id.fonaes_additional_capital,
                "capital_requirement": float(
                    prudential.capital_requirement(
                        current + past_due - reserve,
                        against_rules_net,
                        self.intermediary_id.fonaes_additional_capital,
                    )
                ),
            },
            group=ACCOUNTANT,
        )

    def _rate_in_python(self, previous, table):
        """Lines of the loans the set-based query leaves out (Anexo XII-1), rated in Python
        with :func:`prudential.position` (few loans):

        * the restructured loans that were past due at the previous month-end: their
          sustained payment (installments paid on time, in a row) decides whether they are
          current again, and until then they keep their reserve;
        * the renewed credits whose borrower had not paid the accrued interest and 25 % of
          the original amount: past due until that is paid and the payment sustained.
        """
        self.env.cr.execute(
            """SELECT l.id, r.state, r.reserve
                 FROM fonaes_loan l
            LEFT JOIN fonaes_provision_run_line r ON r.run_id = %s AND r.loan_id = l.id
                WHERE l.state = 'granted' AND l.intermediary_id = %s AND l.start_date <= %s
                  AND ((l.restructured AND r.state = %s) OR l.renewal_held)""",
            (previous.id or 0, self.intermediary_id.id, self.date, prudential.STATE_PAST_DUE),
        )
        previous_lines = {
            loan_id: (state, reserve) for loan_id, state, reserve in self.env.cr.fetchall()
        }
        kept = {
            loan_id: reserve
            for loan_id, (state, reserve) in previous_lines.items()
            if state == prudential.STATE_PAST_DUE
        }
        buckets = {b.min_days: b for b in self.env["fonaes.provision.bucket"].search([])}
        extra = self.intermediary_id.fonaes_extra_provision_pct
        lines = []
        for loan in self.env["fonaes.loan"].browse(previous_lines):
            previous_state = previous_lines[loan.id][0] or prudential.STATE_CURRENT
            pos = loan._position(self.date, previous_state)
            if not pos["balance"]:
                continue
            pct = prudential.provision_pct(pos["days"], table)
            deposit = loan.blocked_deposit if loan.blocked_deposit_authorized else 0
            base, reserve = prudential.provision_amount(pos["balance"], pct, deposit, extra)
            if loan.restructured and loan.id in kept and pos["state"] == prudential.STATE_PAST_DUE:
                reserve = max(float(reserve), min(kept[loan.id] or 0.0, float(pos["balance"])))
            bound = max(b for b in buckets if b <= pos["days"])
            lines.append(
                (self.id, loan.id, pos["days"], pos["state"], buckets[bound].id, float(pct),
                 float(pos["balance"]), float(base), float(reserve),
                 float(pos["memo_interest"]), self.env.uid, self.env.uid)
            )  # fmt: skip
        if lines:
            execute_values(
                self.env.cr._obj,
                """INSERT INTO fonaes_provision_run_line
                       (run_id, loan_id, days_past_due, state, bucket_id, percentage, balance,
                        base, reserve, memo_interest, create_uid, write_uid, create_date,
                        write_date)
                   VALUES %s""",
                lines,
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                "now() at time zone 'UTC', now() at time zone 'UTC')",
            )

    def _update_loan_ratings(self):
        """Copy the run's rating on the loans whose rating changed; a loan with nothing left
        to pay is current (Anexo XII-1: paid in full)."""
        cr = self.env.cr
        cr.execute(
            """UPDATE fonaes_loan l SET portfolio_state = r.state, days_past_due = r.days_past_due
                 FROM fonaes_provision_run_line r
                WHERE r.run_id = %s AND r.loan_id = l.id
                  AND (l.portfolio_state IS DISTINCT FROM r.state
                       OR COALESCE(l.days_past_due, 0) <> r.days_past_due)""",
            (self.id,),
        )
        # The few rated loans (not current or late) without a line: nothing left to pay.
        cr.execute(
            """SELECT l.id FROM fonaes_loan l
                WHERE l.intermediary_id = %s AND l.state = 'granted' AND l.start_date <= %s
                  AND (l.portfolio_state IS DISTINCT FROM %s
                       OR COALESCE(l.days_past_due, 0) <> 0)""",
            (self.intermediary_id.id, self.date, prudential.STATE_CURRENT),
        )
        rated = [row[0] for row in cr.fetchall()]
        cr.execute(
            """SELECT loan_id FROM fonaes_provision_run_line
                WHERE run_id = %s AND loan_id = ANY(%s)""",
            (self.id, rated),
        )
        paid_up = set(rated) - {row[0] for row in cr.fetchall()}
        if paid_up:
            cr.execute(
                """UPDATE fonaes_loan SET portfolio_state = %s, days_past_due = 0
                    WHERE id = ANY(%s)""",
                (prudential.STATE_CURRENT, list(paid_up)),
            )
        self.env["fonaes.loan"].invalidate_model(
            ["portfolio_state", "days_past_due", "classified_date"]
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
        self._workflow_write({"move_id": move.id}, group=ACCOUNTANT)

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
                    "Capital: equity %(equity)s below the requirement %(req)s (%(pct)s %% of "
                    "the net portfolio, %(against_pct)s %% of operations against the rules, "
                    "plus the additional capital FONAES required, Anexo XI §4.a).",
                    equity=format_money(self.env, equity, self.currency_id),
                    req=format_money(self.env, self.capital_requirement, self.currency_id),
                    pct=prudential.CAPITAL_CHARGE_PCT,
                    against_pct=prudential.CAPITAL_CHARGE_AGAINST_RULES_PCT,
                )
            )
        # Anexo XI §5 concerns the intermediaries that take deposits (Intermediarios
        # Captadores) only: the others are not suspended for it (§6).
        takes_deposits = partner.fonaes_takes_deposits
        liquidity = 0.0
        if takes_deposits:
            liabilities = partner.fonaes_short_term_liabilities
            liquidity = float(prudential.liquidity_requirement(liabilities))
            if partner.fonaes_sight_deposits < liquidity:
                breaches.append(
                    self.env._(
                        "Liquidity: sight deposits %(deposits)s below %(req)s (%(pct)s %% of "
                        "the liabilities due within %(days)s days, %(liabilities)s, Anexo XI "
                        "§5, deposit-taking intermediaries).",
                        deposits=format_money(
                            self.env, partner.fonaes_sight_deposits, self.currency_id
                        ),
                        req=format_money(self.env, liquidity, self.currency_id),
                        pct=prudential.LIQUIDITY_PCT,
                        days=prudential.SHORT_TERM_LIABILITY_DAYS,
                        liabilities=format_money(self.env, liabilities, self.currency_id),
                    )
                )
        breaches += self._single_borrower_breaches(equity)
        self._workflow_write(
            {
                "equity": equity,
                "takes_deposits": takes_deposits,
                "sight_deposits": partner.fonaes_sight_deposits if takes_deposits else 0.0,
                "short_term_liabilities": (
                    partner.fonaes_short_term_liabilities if takes_deposits else 0.0
                ),
                "liquidity_requirement": liquidity,
                "breaches": "\n".join(breaches),
                "in_breach": bool(breaches),
            },
            group=ACCOUNTANT,
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
        """Borrowers whose outstanding balance at the month-end exceeds their limit
        (``prudential.single_borrower_limit`` under the company's reading) without a FONAES
        exception (Anexo XI §3; the common risk of dependents is checked when each loan is
        granted)."""
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
        company = self.company_id
        reading = company._fonaes_reading()
        for borrower, amount in exposure.items():
            pct, limit = prudential.single_borrower_limit(equity, entity[borrower], reading)
            if amount > float(limit):
                breaches.append(
                    self.env._(
                        "Single borrower: %(borrower)s owes %(amount)s, above %(limit)s "
                        "(%(pct)s %% of equity, Anexo XI §3; reading: %(reading)s).",
                        borrower=borrower.name,
                        amount=format_money(self.env, amount, self.currency_id),
                        limit=format_money(self.env, float(limit), self.currency_id),
                        pct=pct,
                        reading=company._fonaes_single_borrower_reading_label(),
                    )
                )
        return breaches


class FonaesProvisionRunLine(models.Model):
    _name = "fonaes.provision.run.line"
    _description = "Loan Rated in a Provisioning Run"
    _inherit = ["micro.input.mixin"]
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
