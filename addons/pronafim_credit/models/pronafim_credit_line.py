from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.micro_base.tools.amounts import format_money

from ..tools import borrower_report, credit_line, rules
from .pronafim_deadline import program_today

# The credit type of §VIII.3 (apoyo parcial crediticio para puntos de acceso).
PARTIAL_CREDIT_TYPE = "partial_access_points"
FINANCE = "pronafim_credit.pronafim_credit_group_finance"
#: The terms the committee authorized and the contract states: fixed once formalized.
TERMS = (
    "amount", "credit_type_id", "term_months", "grace_months", "margin", "application_id",
    "investment_amount", "currency_id",
)  # fmt: skip
ALLOCATION_ORDERS = [
    ("moratory,interest,principal", "Moratory, interest, principal"),
    ("interest,moratory,principal", "Interest, moratory, principal"),
]


class PronafimCreditLine(models.Model):
    """A credit line authorized by the committee to an IMF (§VIII.1, §VIII.3, §IX.3)."""

    _name = "pronafim.credit.line"
    _description = "Credit Line"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin",
        "pronafim.credit.line.arrears", "pronafim.credit.line.disposal.rules",
    ]  # fmt: skip
    _order = "id desc"
    _workflow_step_fields = ("date_formalized", "arrears_date")
    _input_ranges = {
        "amount": (0, None, True, rules.cite("§VIII.1")),
        "investment_amount": (0, None, False, rules.cite("§VIII.3")),
        "term_months": (0, None, True, rules.cite("§VIII.1")),
        "grace_months": (0, None, False, rules.cite("§VIII.1")),
        "margin": (0, None, False, rules.cite("§VIII.1.A")),
        "regional_rate": (0, 100, False, rules.cite("§VIII.1.B.i")),
    }
    _workflow_frozen = dict.fromkeys(("formalized", "closed", "cancelled"), TERMS)

    name = fields.Char(string="Contract", readonly=True, copy=False, default="/")
    application_id = fields.Many2one(
        "pronafim.application",
        required=True,
        tracking=True,
        domain=[("state", "in", ("authorized", "conditioned", "notified"))],
    )
    partner_id = fields.Many2one(
        related="application_id.partner_id", store=True, string="Institution"
    )
    commercial_partner_id = fields.Many2one(
        related="application_id.commercial_partner_id", store=True, index=True
    )
    credit_type_id = fields.Many2one(
        "pronafim.credit.type", string="Credit Type", required=True, tracking=True
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.MXN"), required=True
    )
    amount = fields.Monetary(string="Authorized Amount", required=True, tracking=True)
    investment_amount = fields.Monetary(
        string="Infrastructure Investment", help="Access points partial credit (§VIII.3)."
    )
    term_months = fields.Integer(string="Term (months)", required=True, tracking=True)
    grace_months = fields.Integer(string="Capital Grace (months)", tracking=True)
    margin = fields.Float(string="Committee Margin (points)", digits=(7, 4), tracking=True)
    state = fields.Selection(
        [
            ("draft", "To formalize"),
            ("formalized", "Formalized"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_formalized = fields.Date(string="Formalized On", readonly=True, tracking=True, copy=False)
    disposal_deadline = fields.Date(
        string="Dispose Until", compute="_compute_disposal_deadline", store=True
    )
    term_end = fields.Date(
        string="Term Ends On",
        compute="_compute_disposal_deadline",
        store=True,
        help="Formalization plus the term: a revolving line re-draws the principal repaid "
        "until this date (Reglas de Operación PRONAFIM 2016, §VIII.1.A).",
    )
    guarantee_type = fields.Selection(
        [
            ("pledge", "Pledge over the micro-credit portfolio"),
            ("endorsement", "Endorsement of promissory notes"),
            ("committee", "Set by the committee"),
        ],
        string="Guarantee",
        default="pledge",
        tracking=True,
        help="§VIII.1 and §IX.3.c.",
    )
    guarantee_notes = fields.Text(string="Guarantee Details")
    allocation_order = fields.Selection(
        ALLOCATION_ORDERS, default="moratory,interest,principal", required=True
    )
    disposal_ids = fields.One2many("pronafim.credit.disposal", "line_id", string="Disposals")
    arrears_date = fields.Date(
        string="Arrears Run On", readonly=True, copy=False, help="Last daily arrears run."
    )
    regional_rate = fields.Float(
        string="Regional Rate (%)",
        digits=(7, 4),
        help="Regional rate published by the program (§VIII.1.B.i condition c).",
    )
    microcredit_ids = fields.One2many("pronafim.microcredit", "line_id", string="Micro-credits")
    borrower_count = fields.Integer(string="Borrowers", compute="_compute_figures")
    women_pct = fields.Float(string="Women (%)", compute="_compute_figures")
    rural_pct = fields.Float(string="Rural (%)", compute="_compute_figures")
    priority_pct = fields.Float(string="Priority Zones (%)", compute="_compute_figures")
    special_pct = fields.Float(string="Special-attention Zones (%)", compute="_compute_figures")
    training_pct = fields.Float(string="Trained (%)", compute="_compute_figures")
    average_amount = fields.Float(
        string="Average Amount", digits=(16, 2), compute="_compute_figures"
    )
    condition_met = fields.Boolean(compute="_compute_conditions")
    condition_detail = fields.Char(string="Conditions", compute="_compute_conditions")
    amount_disposed = fields.Monetary(compute="_compute_amounts")
    principal_repaid = fields.Monetary(compute="_compute_amounts")
    amount_available = fields.Monetary(compute="_compute_amounts")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "The authorized amount must be positive."),
        (
            "investment_not_negative",
            "CHECK(COALESCE(investment_amount, 0) >= 0)",
            "The infrastructure investment cannot be negative.",
        ),
        ("term_positive", "CHECK(term_months > 0)", "The term must be at least one month."),
        (
            "grace_not_negative",
            "CHECK(COALESCE(grace_months, 0) >= 0)",
            "The capital grace cannot be negative.",
        ),
        (
            "margin_not_negative",
            "CHECK(COALESCE(margin, 0) >= 0)",
            "The margin cannot be negative.",
        ),
        (
            "regional_rate_range",
            "CHECK(COALESCE(regional_rate, 0) BETWEEN 0 AND 100)",
            "The regional rate is a percentage between 0 and 100.",
        ),
    ]

    # ---- COMPUTES ----

    @api.depends("date_formalized", "term_months", "credit_type_id.disposal_window_months")
    def _compute_disposal_deadline(self):
        for line in self:
            months = line.credit_type_id.disposal_window_months
            line.disposal_deadline = credit_line.window_end(line.date_formalized, months)
            line.term_end = credit_line.term_end(line.date_formalized, line.term_months)

    @api.depends("disposal_ids.amount", "disposal_ids.installment_ids.principal_paid")
    def _compute_amounts(self):
        for line in self:
            figures = line._availability_figures() if line.id else (0.0, 0.0, 0.0)
            line.amount_disposed, line.principal_repaid, line.amount_available = figures

    @api.depends("microcredit_ids")
    def _compute_figures(self):
        """Spec §5: borrowers, % women, % rural / priority / special-attention zones,
        average amount and training coverage of the micro-credits reported."""
        rows = self.env["pronafim.microcredit"]._figures_by("line_id", self.ids)
        for record in self:
            record.update(borrower_report.figures(rows.get(record.id, {})))

    @api.depends("microcredit_ids", "regional_rate", "credit_type_id", "amount")
    def _compute_conditions(self):
        """The line's conditions from the micro-credits reported on it.

        §VIII.1.A simple / revolving: train at least 10 % of the borrowers financed.
        §VIII.1.B.i strategic simple: at least one of 50 % of the line to women in priority
        zones, all the women financed trained, or every rate at most the regional rate.
        """
        figures = self.env["pronafim.microcredit"]._figures_by("line_id", self.ids)
        for line in self:
            row = figures.get(line.id, {})
            count, women = row.get("count", 0), row.get("women", 0)
            women_priority_amount = row.get("women_priority_amount", 0.0)
            women_trained, max_rate = row.get("women_trained", 0), row.get("max_rate")
            code = line.credit_type_id.code
            if code in ("simple", "revolving"):
                met = count and line.training_pct >= rules.LINE_TRAINING_MIN_PCT
                detail = self.env._(
                    "%(pct).1f %% trained, at least %(min)s %% (§VIII.1.A)",
                    pct=line.training_pct,
                    min=rules.LINE_TRAINING_MIN_PCT,
                )
            elif code == "strategic_simple":
                share = line.amount and float(women_priority_amount) * 100 / line.amount
                options = {
                    self.env._("%(pct).1f %% of the line to women in priority zones", pct=share):
                        share >= rules.STRATEGIC_WOMEN_PRIORITY_MIN_PCT,
                    self.env._("all women trained"): bool(women) and women_trained == women,
                    self.env._("rates at most the regional rate"):
                        bool(count) and bool(line.regional_rate)
                        and max_rate <= line.regional_rate,
                }  # fmt: skip
                met = any(options.values())
                detail = self.env._(
                    "%(met)s (§VIII.1.B.i)",
                    met=", ".join(label for label, ok in options.items() if ok) or "-",
                )
            else:
                met, detail = True, ""
            line.condition_met = bool(met)
            line.condition_detail = detail

    # ---- CONSTRAINTS ----

    @api.constrains(
        "amount", "investment_amount", "term_months", "grace_months", "margin", "credit_type_id"
    )
    def _check_rule_table(self):
        """The caps of the credit type's table; the message names field, value and rule."""
        for line in self:
            ctype, section = line.credit_type_id, line.credit_type_id.section

            def fmt(amount, line=line):
                return format_money(self.env, amount, line.currency_id)

            if line.amount <= 0:
                raise ValidationError(self.env._("The authorized amount must be positive."))
            if float_compare(line.amount, ctype.max_amount, 2) > 0:
                raise ValidationError(
                    self.env._(
                        "Authorized amount %(value)s exceeds the maximum of %(cap)s for "
                        "%(type)s (%(section)s).",
                        value=fmt(line.amount),
                        cap=fmt(ctype.max_amount),
                        type=ctype.name,
                        section=section,
                    )
                )
            if ctype.max_investment_pct:
                cap = line.investment_amount * ctype.max_investment_pct / 100
                if float_compare(line.amount, cap, 2) > 0:
                    raise ValidationError(
                        self.env._(
                            "Authorized amount %(value)s exceeds %(pct)s %% of the infrastructure "
                            "investment %(investment)s, i.e. %(cap)s (%(section)s).",
                            value=fmt(line.amount),
                            pct=ctype.max_investment_pct,
                            investment=fmt(line.investment_amount),
                            cap=fmt(cap),
                            section=section,
                        )
                    )
            if not 0 < line.term_months <= ctype.max_term_months:
                raise ValidationError(
                    self.env._(
                        "Term %(value)s months is outside 1 to %(cap)s months for %(type)s "
                        "(%(section)s).",
                        value=line.term_months,
                        cap=ctype.max_term_months,
                        type=ctype.name,
                        section=section,
                    )
                )
            if line.grace_months and not ctype.capital_grace:
                raise ValidationError(
                    self.env._(
                        "Capital grace %(value)s months: %(type)s has no capital grace "
                        "(%(section)s).",
                        value=line.grace_months,
                        type=ctype.name,
                        section=section,
                    )
                )
            if line.grace_months < 0 or line.grace_months >= line.term_months:
                raise ValidationError(
                    self.env._(
                        "Capital grace %(value)s months must be shorter than the term "
                        "(%(term)s months).",
                        value=line.grace_months,
                        term=line.term_months,
                    )
                )
            if line.margin and not ctype.committee_margin:
                raise ValidationError(
                    self.env._(
                        "Committee margin %(value)s: %(type)s is priced at CETES without "
                        "additional points (%(section)s).",
                        value=line.margin,
                        type=ctype.name,
                        section=section,
                    )
                )
            if line.margin < 0:
                raise ValidationError(self.env._("The committee margin cannot be negative."))

    @api.constrains("application_id", "credit_type_id")
    def _check_application_type(self):
        """A credit line documents a credit support (§VIII.1) or a partial credit for
        access points (§VIII.3), each on an application of its own type."""
        labels = dict(
            self.env["pronafim.application"]
            ._fields["application_type"]
            ._description_selection(self.env)
        )
        for line in self:
            needed = (
                "partial_credit" if line.credit_type_id.code == PARTIAL_CREDIT_TYPE else "credit"
            )
            if line.application_id.application_type != needed:
                raise ValidationError(
                    self.env._(
                        'A %(type)s line needs an application of type "%(needed)s"; '
                        '%(folio)s is "%(actual)s".',
                        type=line.credit_type_id.name,
                        needed=labels[needed],
                        folio=line.application_id.name,
                        actual=labels.get(line.application_id.application_type, "-"),
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("pronafim.credit.line")
        return super().create(vals_list)

    def write(self, vals):
        """State and formalization date only through Formalize (§IX.3.b checks) / Cancel
        (``micro.workflow.mixin``); the terms never change once formalized, whoever asks."""
        if self.filtered(lambda line: line.state != "draft") and set(TERMS) & set(vals):
            raise UserError(self.env._("The terms of a formalized line cannot change."))
        return super().write(vals)

    @api.constrains("amount", "credit_type_id")
    def _check_not_overdrawn(self):
        """The disposals never exceed the line (§VIII.1), whatever the path."""
        for line in self.filtered("disposal_ids"):
            disposed, _repaid, _available, figures = line._availability()
            if float_compare(line.amount - float(figures.outstanding), 0.0, 2) < 0:
                raise ValidationError(
                    self.env._(
                        "Line %(line)s would be overdrawn: %(disposed)s disposed of "
                        "%(authorized)s.",
                        line=line.name,
                        disposed=format_money(self.env, disposed, line.currency_id),
                        authorized=format_money(self.env, line.amount, line.currency_id),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(line.state != "draft" for line in self):
            raise UserError(
                self.env._("A formalized credit line cannot be deleted; cancel or close it.")
            )

    # ---- ACTIONS ----

    def action_formalize(self):
        """Sign the legal instrument (§IX.2.d) after the §IX.3.b prudential checks."""
        self._workflow_check_group(FINANCE)
        for line in self:
            if line.state != "draft":
                raise UserError(self.env._("Only a line to formalize can be formalized."))
            app = line.application_id
            if app.state not in ("authorized", "conditioned", "notified") or app.outcome not in (
                "authorized",
                "conditioned",
            ):
                raise UserError(
                    self.env._(
                        "Application %s has no authorizing committee decision.",
                        line.application_id.name,
                    )
                )
            line._check_committee_amount()
            today = line._today()
            # §IX.3.b is a check of the institution's total: one formalization per
            # institution at a time, or two lines could each pass against the other's absence.
            line.commercial_partner_id._pronafim_lock()
            line._check_concentration(today)
            line._workflow_write({"state": "formalized", "date_formalized": today}, FINANCE)
            line.application_id._workflow_write(
                {"state": "formalized", "date_signed": today}, FINANCE
            )
            partner = line.commercial_partner_id.sudo()
            if not partner.pronafim_first_formalization_date:
                partner.pronafim_first_formalization_date = today  # §XI.g six-month rule
        return True

    def action_cancel(self):
        self._workflow_check_group(FINANCE)
        self._workflow_check_state("draft", "formalized")
        for line in self:
            if line.disposal_ids:
                raise UserError(self.env._("A line with disposals cannot be cancelled."))
            line._workflow_write({"state": "cancelled"}, FINANCE)
        return True

    # ---- BUSINESS METHODS ----

    def _today(self):
        return program_today(self)

    def ordinary_rate(self, date):
        """Annual ordinary rate (%) on ``date``: CETES in force + the committee margin."""
        self.ensure_one()
        return self.env["pronafim.cetes.rate"].sudo()._rate_at(date) + (self.margin or 0.0)

    def _rate_table(self):
        """(date, annual rate as a fraction) pairs: each CETES rate plus the margin."""
        return [(date, rate / 100) for date, rate in self._rate_table_pct()]

    def _rate_table_pct(self):
        """(date, ordinary annual rate %) pairs: each CETES rate in force from its date plus
        the committee margin (§VIII.1.A; strategic simple: no margin, §VIII.1.B.i)."""
        self.ensure_one()
        rates = self.env["pronafim.cetes.rate"].sudo().search([], order="date_from")
        return [(r.date_from, r.rate + (self.margin or 0.0)) for r in rates]

    def moratory_rate(self, date):
        """§VIII.1: the moratory rate is twice the ordinary rate."""
        return self.ordinary_rate(date) * rules.MORATORY_MULTIPLIER

    def _post_move(self, date, ref, amounts):
        """Post a journal entry of this line's institution on the trust's journal.

        ``amounts``: (role, signed amount) pairs, positive = debit; roles ``bank``,
        ``receivable``, ``interest``, ``moratory``. Nothing is posted when the company has
        no PRONAFIM journal.
        """
        self.ensure_one()
        partner = self.commercial_partner_id
        return partner._pronafim_post_move(
            date, ref, [(role, amount, partner) for role, amount in amounts]
        )

    def _lock(self):
        """Row lock on the line: concurrent disposals are serialized here.

        An UPDATE, not a SELECT ... FOR UPDATE: Odoo's transactions are REPEATABLE READ, and
        a transaction whose snapshot predates another's committed disposal would get the
        lock and sum disposals from its old snapshot. Touching the row makes it fail with a
        serialization error instead, and Odoo retries it with a fresh snapshot."""
        self.env.cr.execute(
            "UPDATE pronafim_credit_line SET write_date = write_date WHERE id IN %s",
            [tuple(self.ids)],
        )

    def _check_committee_amount(self):
        """§IX.3.a: the support is formalized "en términos de lo autorizado por el COMITÉ
        TÉCNICO": the line never exceeds the amount the application's decision authorized
        (when the decision states one; an application is formalized by one line)."""
        self.ensure_one()
        decision = (
            self.env["pronafim.committee.decision"]
            .sudo()
            .search(
                [
                    ("application_id", "=", self.application_id.id),
                    ("outcome", "in", ("authorized", "conditioned")),
                ],
                order="id desc",
                limit=1,
            )
        )
        if not decision.amount_authorized:
            return
        if float_compare(self.amount, decision.amount_authorized, 2) > 0:
            raise UserError(
                self.env._(
                    "Formalization refused (§IX.3.a): %(total)s on application %(folio)s "
                    "exceeds the %(authorized)s the committee authorized.",
                    total=format_money(self.env, self.amount, self.currency_id),
                    folio=self.application_id.name,
                    authorized=format_money(
                        self.env, decision.amount_authorized, self.currency_id
                    ),
                )
            )
