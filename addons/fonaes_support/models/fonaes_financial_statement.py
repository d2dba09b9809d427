from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils, format_date

from odoo.addons.micro_base.tools import periods

from ..tools import financial_statements as fs

LINE_SELECTION = [
    (key, caption)
    for statement in ("balance", "income")
    for key, caption, kind, _f in fs.STATEMENTS[statement]
    if kind == "line"
]
# Accounts no prefix maps fall back on the line of their type, so that every posted amount
# is presented and assets = liabilities + equity always holds.
FALLBACK_BY_TYPE = {
    "asset": "otros_activos",
    "liability": "acreedores",
    "equity": "resultado_anteriores",
    "income": "otros_productos",
    "expense": "otros_gastos",
    "off": "orden_otras",
}
# Anexo XII "SEGUNDA.IV, VI, VIII": March, June and September statements within the month
# after their date; the annual ones within 60 calendar days of the year-end.
QUARTER_MONTHS = (3, 6, 9)
# Per account, for the period and the previous one: balance to date, balance before the
# fiscal year (P&L of earlier years) and movement of the period. The journal items are first
# summed per account and day (a million items, a few thousand sums), then filtered.
FIGURES_QUERY = """
    WITH daily AS (
        SELECT l.account_id, l.date, SUM(l.balance) AS balance
          FROM account_move_line l
         WHERE l.parent_state = 'posted' AND l.company_id = %s AND l.date <= %s
      GROUP BY l.account_id, l.date
    )
    SELECT d.account_id,
           SUM(d.balance) FILTER (WHERE d.date <= %s),
           SUM(d.balance) FILTER (WHERE d.date < %s),
           SUM(d.balance) FILTER (WHERE d.date BETWEEN %s AND %s),
           SUM(d.balance) FILTER (WHERE d.date <= %s),
           SUM(d.balance) FILTER (WHERE d.date < %s),
           SUM(d.balance) FILTER (WHERE d.date BETWEEN %s AND %s)
      FROM daily d
  GROUP BY d.account_id
"""
ANNUAL_FILING_DAYS = 60
# Anexo XII SEGUNDA.VII: statements FONAES orders corrected, once shown to the members or
# clients, are shown again with the corrections "dentro de los 15 días naturales siguientes
# a la notificación de la resolución respectiva".
CORRECTION_REPUBLISH_DAYS = 15
ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"
# What was filed stays as filed (Anexo XII SEGUNDA.VII: FONAES orders corrections, which
# are new statements).
FILED_FROZEN = (
    "company_id", "period_type", "date_end", "income_basis", "has_notes", "historical_capital",
    "correction_notified_date", "correction_reason",
)  # fmt: skip


def filing_deadline(day):
    """Deadline to file the statements dated ``day`` with FONAES (Anexo XII SEGUNDA.VIII):
    the last day of the next month for March, June and September; 60 calendar days after
    December 31; ``None`` for other month-ends (no filing)."""
    if day.month in QUARTER_MONTHS:
        return periods.month_end(periods.month_end(day) + timedelta(days=1))
    if day.month == 12:
        return day + timedelta(days=ANNUAL_FILING_DAYS)
    return None


class FonaesStatementMapping(models.Model):
    """Which accounts feed a line of the Balance General or Estado de Resultados: by code
    prefix (the longest matching prefix wins) or by account."""

    _name = "fonaes.statement.mapping"
    _description = "Account to Statement Line Mapping"
    _inherit = ["micro.input.mixin"]
    _order = "line_key, prefix"

    line_key = fields.Selection(LINE_SELECTION, string="Statement Line", required=True)
    prefix = fields.Char(string="Account Code Prefix")
    account_id = fields.Many2one("account.account", string="Account")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _sql_constraints = [
        (
            "prefix_or_account",
            "CHECK(prefix IS NOT NULL OR account_id IS NOT NULL)",
            "A mapping needs an account code prefix or an account.",
        ),
    ]

    @api.model
    def _line_of_accounts(self, accounts, company):
        """``{account_id: line_key}`` for ``accounts`` of ``company``: explicit account, then
        longest code prefix, then the fallback of the account's type."""
        mappings = self.search(["|", ("company_id", "=", False), ("company_id", "=", company.id)])
        by_account = {m.account_id.id: m.line_key for m in mappings if m.account_id}
        prefixes = sorted(
            ((m.prefix, m.line_key) for m in mappings if m.prefix),
            key=lambda pair: -len(pair[0]),
        )
        special = {
            company.fonaes_provision_allowance_account_id.id: "estimacion",
            company.fonaes_provision_expense_account_id.id: "estimacion_er",
        }
        result = {}
        for account in accounts:
            line = by_account.get(account.id) or special.get(account.id)
            if not line:
                line = next((key for p, key in prefixes if account.code.startswith(p)), None)
            if not line:
                kind = account.account_type.split("_")[0]
                line = FALLBACK_BY_TYPE.get(kind, "orden_otras")
            result[account.id] = line
        return result


class FonaesFinancialStatement(models.Model):
    """Balance General (Anexo XII-2) and Estado de Resultados (Anexo XII-3) at a month-end
    or quarter-end, comparative with the previous period, and their filing."""

    _name = "fonaes.financial.statement"
    _description = "Standardized Financial Statements (Anexo XII)"
    _inherit = ["mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "date_end desc"
    # Filed only by the Mark as Filed step (micro_base's workflow guard); what was filed
    # stays as filed, never reopened nor deleted.
    _workflow_step_fields = ("filed_date", "correction_of_id", "republished_date")
    _workflow_frozen = {"filed": FILED_FROZEN}
    _workflow_unlink_states = ("draft",)

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter")], required=True, default="quarter"
    )
    date_end = fields.Date(string="Period End", required=True, tracking=True)
    date_start = fields.Date(compute="_compute_dates", store=True)
    previous_date_end = fields.Date(compute="_compute_dates", store=True)
    previous_date_start = fields.Date(compute="_compute_dates", store=True)
    income_basis = fields.Selection(
        [("year_to_date", "From January 1"), ("period", "The Period Only")],
        string="Income Statement Covers",
        required=True,
        default="year_to_date",
        help="From January 1 (default), the income statement's net result is the balance "
        'sheet\'s "Resultado neto"; the period only shows the month or quarter alone.',
    )
    filing_deadline = fields.Date(
        compute="_compute_dates",
        store=True,
        help="March, June, September: within the next month; annual: within 60 calendar "
        "days (Anexo XII SEGUNDA.VIII).",
    )
    filed_date = fields.Date(tracking=True, readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("filed", "Filed")],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        readonly=True,
        copy=False,
    )
    late = fields.Boolean(compute="_compute_late")
    has_notes = fields.Boolean(
        string="Explanatory Notes Attached",
        help="Adds the footer of Anexo XII SEGUNDA.III on explanatory notes.",
    )
    historical_capital = fields.Monetary(
        string="Historical Share Capital",
        help="Disclosed at the foot of the balance sheet (Anexo XII-2, Capital contable).",
    )
    # ---- corrections ordered by FONAES (Anexo XII SEGUNDA.VII) ----
    correction_of_id = fields.Many2one(
        "fonaes.financial.statement",
        string="Corrects",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The filed statements FONAES ordered corrected; these are the corrected ones.",
    )
    correction_ids = fields.One2many(
        "fonaes.financial.statement", "correction_of_id", string="Corrections"
    )
    correction_notified_date = fields.Date(
        string="Correction Order Notified On",
        tracking=True,
        copy=False,
        help="Day FONAES notified its resolution ordering the corrections (Anexo XII "
        "SEGUNDA.VII).",
    )
    correction_reason = fields.Text(
        string="Corrections, Impact and Reasons",
        copy=False,
        help="What was corrected, its impact on the figures and why: shown with the corrected "
        "statements (Anexo XII SEGUNDA.VII).",
    )
    republication_deadline = fields.Date(
        string="Show Again by",
        compute="_compute_republication_deadline",
        store=True,
        help="15 calendar days after the notice of the correction order: the corrected "
        "statements are shown again to the members or clients (Anexo XII SEGUNDA.VII).",
    )
    republished_date = fields.Date(
        string="Shown Again On", readonly=True, copy=False, tracking=True
    )
    republication_overdue = fields.Boolean(
        string="Republication Overdue",
        compute="_compute_republication_overdue",
        search="_search_republication_overdue",
    )

    @api.depends("date_end")
    def _compute_name(self):
        for statement in self:
            statement.name = self.env._("Financial statements at %s", statement.date_end or "")

    @api.depends("date_end")
    def _compute_display_name(self):
        """In the reader's language, the date in their format (the stored ``name`` is the
        search key, in the language of whoever created the statements)."""
        for statement in self:
            statement.display_name = self.env._(
                "Financial statements at %s", format_date(self.env, statement.date_end)
            )

    @api.depends("date_end", "period_type")
    def _compute_dates(self):
        for statement in self:
            end = statement.date_end
            if not end:
                statement.update(
                    {
                        "date_start": False,
                        "previous_date_end": False,
                        "previous_date_start": False,
                        "filing_deadline": False,
                    }
                )
                continue
            months = 3 if statement.period_type == "quarter" else 1
            start = self._shift_start(end, months)
            previous_end = periods.previous_month_end(start)
            statement.update(
                {
                    "date_start": start,
                    "previous_date_end": previous_end,
                    "previous_date_start": self._shift_start(previous_end, months),
                    "filing_deadline": filing_deadline(end),
                }
            )

    @api.model
    def _shift_start(self, end, months):
        """First day of the period of ``months`` months ending on ``end``."""
        return date_utils.subtract(periods.month_start(end), months=months - 1)

    @api.depends("filing_deadline", "filed_date", "state")
    def _compute_late(self):
        today = fields.Date.context_today(self)
        for statement in self:
            deadline = statement.filing_deadline
            reference = statement.filed_date or today
            statement.late = bool(deadline and reference > deadline)

    @api.depends("correction_of_id", "correction_notified_date")
    def _compute_republication_deadline(self):
        for statement in self:
            notified = statement.correction_of_id and statement.correction_notified_date
            statement.republication_deadline = notified and notified + timedelta(
                days=CORRECTION_REPUBLISH_DAYS
            )

    @api.depends("republication_deadline", "republished_date")
    def _compute_republication_overdue(self):
        today = fields.Date.context_today(self)
        for statement in self:
            deadline = statement.republication_deadline
            reference = statement.republished_date or today
            statement.republication_overdue = bool(deadline and reference > deadline)

    def _search_republication_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue republication."))
        today = fields.Date.context_today(self)
        self.flush_model(["republication_deadline", "republished_date"])
        self.env.cr.execute(
            """SELECT id FROM fonaes_financial_statement
                WHERE republication_deadline < COALESCE(republished_date, %s)""",
            (today,),
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    @api.constrains("date_end", "period_type")
    def _check_date_end(self):
        for statement in self:
            end = statement.date_end
            if end != periods.month_end(end):
                raise UserError(
                    self.env._("The statements are dated at a month-end, not %s.", end)
                )
            if statement.period_type == "quarter" and end.month % 3:
                raise UserError(
                    self.env._("A quarter ends in March, June, September or December.")
                )

    # ---- ACTIONS ----
    def action_mark_filed(self):
        """File the statements with FONAES (Anexo XII SEGUNDA.VIII): dated today, frozen."""
        self._workflow_check_group(ACCOUNTANT)
        for statement in self:
            if statement.state != "draft":
                raise UserError(self.env._("%s are already filed.", statement.name))
            statement._workflow_write(
                {"state": "filed", "filed_date": fields.Date.context_today(self)},
                group=ACCOUNTANT,
            )

    def action_order_correction(self):
        """FONAES ordered these filed statements corrected (Anexo XII SEGUNDA.VII): the
        corrected statements are new ones, notified today (the date can be set to the day of
        the notice), to be shown again to the members or clients within 15 calendar days;
        an activity reminds the accountant by that deadline."""
        self._workflow_check_group(ACCOUNTANT)
        self.ensure_one()
        if self.state != "filed":
            raise UserError(
                self.env._(
                    "%s are not filed: a draft is corrected as it is (Anexo XII " "SEGUNDA.VII).",
                    self.name,
                )
            )
        correction = self._workflow_create(
            [
                {
                    "company_id": self.company_id.id,
                    "period_type": self.period_type,
                    "date_end": self.date_end,
                    "income_basis": self.income_basis,
                    "has_notes": self.has_notes,
                    "historical_capital": self.historical_capital,
                    "correction_of_id": self.id,
                    "correction_notified_date": fields.Date.context_today(self),
                }
            ],
            group=ACCOUNTANT,
        )
        correction._schedule_republication()
        self.message_post(
            body=self.env._(
                "FONAES ordered corrections: shown again to the members or clients by "
                "%(deadline)s (Anexo XII SEGUNDA.VII).",
                deadline=correction.republication_deadline,
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_mark_republished(self):
        """The corrected statements were shown again to the members or clients today, with
        the corrections, their impact and reasons (Anexo XII SEGUNDA.VII)."""
        self._workflow_check_group(ACCOUNTANT)
        for statement in self:
            if not statement.correction_of_id or statement.republished_date:
                raise UserError(
                    self.env._("%s are not a correction waiting to be shown.", statement.name)
                )
            if not statement.correction_reason:
                raise UserError(
                    self.env._(
                        "%s: state the corrections made, their impact on the figures and "
                        "their reasons first (Anexo XII SEGUNDA.VII).",
                        statement.name,
                    )
                )
            statement._workflow_write(
                {"republished_date": fields.Date.context_today(self)}, group=ACCOUNTANT
            )
            statement.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
            ).action_feedback(feedback=self.env._("Shown again."))
        return True

    def _schedule_republication(self):
        """A to-do for the accountant, due on the republication deadline."""
        for statement in self:
            statement.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=statement.republication_deadline,
                summary=self.env._("Show the corrected statements again (Anexo XII SEGUNDA.VII)"),
                user_id=self.env.uid,
            )

    def write(self, vals):
        result = super().write(vals)
        if "correction_notified_date" in vals:
            # The reminder follows the notice's date.
            todo = self.env.ref("mail.mail_activity_data_todo")
            for statement in self.filtered("correction_of_id"):
                statement.activity_ids.filtered(
                    lambda a: a.activity_type_id == todo
                ).date_deadline = statement.republication_deadline
        return result

    @api.readonly
    def action_print_pdf(self):
        """The PDF of both statements, the same figures and texts as the XLSX (report
        ``fonaes_financial_statement_xlsx``)."""
        return self.env.ref("fonaes_support.fonaes_financial_statement_report").report_action(self)

    # ---- BUSINESS METHODS ----
    def _report_sheets(self):
        """Both statements as printed (the PDF report's data, see ``fs.sheets``)."""
        self.ensure_one()
        return fs.sheets(*self._printed_figures())

    def _printed_figures(self):
        """``(heading, current, previous)`` of :func:`fs.sheets` (PDF and XLSX reports)."""
        current, previous = self._figures()
        company = self.company_id
        address = ", ".join(
            part for part in (company.street, company.city, company.state_id.name) if part
        )
        heading = {
            "name": company.name,
            "address": address,
            "date": fs.spanish_date(self.date_end),
            "previous_date": fs.spanish_date(self.previous_date_end),
            "period_label": self._period_label(*self._income_dates()[0]),
            "previous_label": self._period_label(*self._income_dates()[1]),
            "purchasing_power": fs.purchasing_power_line(self.date_end),
            "capital_note": fs.historical_capital_note(self.date_end, self.historical_capital),
            "notes": self.has_notes,
        }
        return heading, current, previous

    def _income_dates(self):
        """``(start, end)`` of the income statement, for the period and the previous one:
        from January 1 of each end's year, or the period alone (``income_basis``)."""
        self.ensure_one()
        ends = (
            (self.date_start, self.date_end),
            (self.previous_date_start, self.previous_date_end),
        )
        if self.income_basis == "period":
            return ends
        return tuple((date(end.year, 1, 1), end) for _start, end in ends)

    @api.model
    def _period_label(self, start, end):
        return f"DEL {fs.spanish_date(start)} AL {fs.spanish_date(end)}"

    def _figures(self):
        """Rows of both statements for the period and the previous one, from the posted
        journal items in one aggregate query."""
        self.ensure_one()
        periods = [
            (self.date_start, self.date_end),
            (self.previous_date_start, self.previous_date_end),
        ]
        params = []
        for start, end in self._income_dates():
            params += [end, date(end.year, 1, 1), start, end]
        self.env.flush_all()
        # One aggregate over every posted item of the company: no JIT compilation (it costs
        # more than it saves on this query).
        self.env.cr.execute("SET LOCAL jit = off")
        self.env.cr.execute(FIGURES_QUERY, [self.company_id.id, self.date_end, *params])
        data = self.env.cr.fetchall()
        accounts = self.env["account.account"].browse([row[0] for row in data])
        accounts = accounts.with_company(self.company_id)
        lines = self.env["fonaes.statement.mapping"]._line_of_accounts(accounts, self.company_id)
        pnl = {a.id for a in accounts if a.internal_group in ("income", "expense")}
        result = []
        for index, (_start, end) in enumerate(periods):
            balance, income = {}, {}
            for row in data:
                account_id = row[0]
                figures = row[1 + 3 * index : 4 + 3 * index]
                to_date, before_year, in_period = (value or 0.0 for value in figures)
                line = lines[account_id]
                if account_id in pnl:
                    # P&L of earlier years: retained earnings; of this year: net result.
                    earlier = balance.get("resultado_anteriores", 0.0) - before_year
                    balance["resultado_anteriores"] = earlier
                    this_year = balance.get("resultado_neto", 0.0) - (to_date - before_year)
                    balance["resultado_neto"] = this_year
                    income[line] = income.get(line, 0.0) + fs.NATURE[line] * in_period
                else:
                    balance[line] = balance.get(line, 0.0) + fs.NATURE[line] * to_date
            memo = balance.get("orden_intereses", 0.0) + self._memo_interest(end)
            balance["orden_intereses"] = memo
            guarantees = balance.get("orden_garantias", 0.0) + self._guarantees(end)
            balance["orden_garantias"] = guarantees
            result.append(
                {"balance": fs.compute("balance", balance), "income": fs.compute("income", income)}
            )
        return result

    def _memo_interest(self, end):
        """Uncollected interest of past-due loans at ``end`` (memo accounts, Anexo XII-1),
        from the provisioning runs of that month-end."""
        runs = self.env["fonaes.provision.run"].search(
            [("date", "=", end), ("company_id", "=", self.company_id.id)]
        )
        return sum(runs.mapped("memo_interest"))

    def _guarantees(self, end):
        """Blocked deposits guaranteeing the loans outstanding at ``end`` (Anexo XI-1,
        Garantías: received guarantees in memo accounts): the loans rated with a balance by
        the provisioning runs of that month-end, like the memo interest."""
        self.env.cr.execute(
            """SELECT COALESCE(SUM(l.blocked_deposit), 0)
                 FROM fonaes_provision_run_line r
                 JOIN fonaes_provision_run run ON run.id = r.run_id
                 JOIN fonaes_loan l ON l.id = r.loan_id
                WHERE run.date = %s AND run.company_id = %s""",
            (end, self.company_id.id),
        )
        return self.env.cr.fetchone()[0]
