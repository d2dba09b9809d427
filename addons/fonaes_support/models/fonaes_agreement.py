import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.micro_base.tools.amount_words import amount_to_words_mxn
from odoo.addons.micro_base.tools.amounts import compare_money, format_money

from ..tools import input_rules, rules

ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"
TERMINATION_CAUSES = [
    # §4.6.1.1.3
    ("force_majeure", "I. Acts of God or force majeure, documented"),
    ("mutual", "II. Agreement of the parties"),
    ("fulfilled", "III. Purposes of the project fulfilled"),
    ("impossible", "IV. Object of the agreement became impossible"),
]
#: The terms signed in an agreement: frozen once signed (an amending agreement or the
#: termination / rescission steps change what follows from them, never the terms).
AGREEMENT_TERMS = (
    "application_id",
    "esc_id",
    "budget_date",
    "obligations",
    "insurance_required",
    "insurance_exemption",
    "revolving_months_working",
    "revolving_months_fixed",
    "revolving_grace_months",
    "revolving_rate",
    "trust_subaccount",
)
#: An ended agreement also keeps its cause of termination or rescission.
AGREEMENT_ENDED = (*AGREEMENT_TERMS, "termination_cause", "rescission_cause")
#: What the accountant posted as refund stays as posted.
AGREEMENT_REFUND_FIELDS = ("refund_amount", "refund_yields")


class FonaesAgreement(models.Model):
    """Agreement (convenio) formalizing an authorized support (§4.6, §6.3.1.VI).

    Lines: the disbursement program (ministrations, §4.3.1.I) and the revolving repayment
    schedule (§4.3.1.J, §4.4) paid to the beneficiary's ESC.
    """

    _name = "fonaes.agreement"
    _description = "FONAES Agreement (Convenio)"
    _inherit = ["mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "id desc"
    _mail_post_access = "read"  # the accountant logs postings on agreements it only reads
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "revolving_months_working": (input_rules.KIND_COUNT, "§4.3.1.E"),
        "revolving_months_fixed": (input_rules.KIND_COUNT, "§4.3.1.E"),
        "revolving_grace_months": (input_rules.KIND_COUNT, "§4.3.1.J"),
        "revolving_rate": (input_rules.KIND_RATE, "§4.3.1.D"),
        "refund_amount": (input_rules.KIND_AMOUNT, "§4.6.1.1.1.II"),
        "refund_yields": (input_rules.KIND_AMOUNT, "§4.6.1.1.1.II"),
        "trust_applied_amount": (input_rules.KIND_AMOUNT, "§4.3.2.I"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    # Status, number and dates only by the steps (micro_base's workflow guard); the terms
    # frozen once signed.
    _workflow_step_fields = ("name", "sign_date", "end_date", "refund_move_id")
    _workflow_entry_fields = ("refund_move_id",)
    _workflow_frozen = {
        "signed": AGREEMENT_TERMS,
        "closed": AGREEMENT_ENDED,
        "terminated": AGREEMENT_ENDED,
        "rescinded": AGREEMENT_ENDED,
        "cancelled": AGREEMENT_ENDED,
    }

    name = fields.Char(readonly=True, copy=False, default="/", tracking=True)
    application_id = fields.Many2one(
        "fonaes.application",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("state", "=", "authorized")],
    )
    partner_id = fields.Many2one(related="application_id.partner_id", store=True)
    state_id = fields.Many2one(related="application_id.state_id", store=True, index=True)
    support_type_id = fields.Many2one(related="application_id.support_type_id", store=True)
    limit_id = fields.Many2one(related="application_id.limit_id")
    esc_id = fields.Many2one(
        "res.partner",
        string="Capitalization Enterprise (ESC)",
        tracking=True,
        domain=[("fonaes_role", "=", "esc")],
        help="ESC receiving the revolving repayments (§4.3.1.C, §4.4).",
    )
    currency_id = fields.Many2one(related="application_id.currency_id")
    amount = fields.Monetary(related="application_id.requested_amount", store=True)
    fixed_asset_amount = fields.Monetary(related="application_id.fixed_asset_amount")
    amount_in_words = fields.Char(compute="_compute_amount_in_words")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("closed", "Closed"),
            ("terminated", "Terminated Early"),
            ("rescinded", "Rescinded"),
            ("cancelled", "Cancelled"),
        ],
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    budget_date = fields.Date(
        string="Budget Available On",
        required=True,
        tracking=True,
        default=fields.Date.context_today,
        help="Budget availability starts the 10 business days to formalize (§6.3.1.VI).",
    )
    formalization_deadline = fields.Date(compute="_compute_formalization_deadline", store=True)
    sign_date = fields.Date(readonly=True, copy=False, tracking=True)
    obligations = fields.Html(
        help="Obligations of the beneficiary (§4.5.3): apply the support to the project, keep "
        "the proofs, allow verification visits, insurance, revolving repayment."
    )
    insurance_required = fields.Boolean(
        compute="_compute_insurance_required",
        store=True,
        readonly=False,
        help="Capital supports must insure the project unless no insurer covers the region "
        "or activity, or it is fully justified (§4.5.3.F).",
    )
    insurance_policy = fields.Char(tracking=True)
    insurance_expiry = fields.Date(tracking=True)
    insurance_exemption = fields.Char(
        tracking=True, help="Why the insurance is not required (§4.5.3.F)."
    )
    ministration_ids = fields.One2many(
        "fonaes.ministration", "agreement_id", string="Disbursement Program"
    )
    # ---- social group's legal constitution (§4.3.1 Req. A, §4.3.1.1.A, §4.3.1.5.C) ----
    constitution_amount = fields.Monetary(related="application_id.constitution_amount")
    constitution_deadline = fields.Date(
        string="Constitute Legally by",
        compute="_compute_constitution_deadline",
        store=True,
        help="Six months after the first delivery; otherwise the constitution costs are "
        "refunded.",
    )
    constitution_date = fields.Date(string="Legally Constituted On", tracking=True)
    disbursed_amount = fields.Monetary(compute="_compute_disbursed_amount", store=True)
    # ---- revolving terms (§4.3.1.E/J, tables of §4.3.1.x) ----
    revolving = fields.Boolean(compute="_compute_revolving", store=True)
    revolving_months_working = fields.Integer(
        string="Revolving Months (Working Capital)",
        tracking=True,
        help="Months to repay the working-capital and deferred part, within the table's " "years.",
    )
    revolving_months_fixed = fields.Integer(
        string="Revolving Months (Fixed Assets)",
        tracking=True,
        help="Months to repay the fixed-asset part, within the table's years.",
    )
    revolving_grace_months = fields.Integer(
        string="Grace Months",
        tracking=True,
        help="Leading months without repayment, following the project's net cash flow "
        "(§4.3.1.J).",
    )
    revolving_rate = fields.Float(
        string="Real Annual Rate (%)",
        tracking=True,
        help="Positive real rate the ESC may apply to preserve the value of the revolving "
        "resources (§4.3.1.D); 0 for none.",
    )
    repayment_ids = fields.One2many(
        "fonaes.repayment.line", "agreement_id", string="Revolving Repayment Schedule"
    )
    # ---- amendment, early termination, rescission (§4.6.1.1) ----
    amended = fields.Boolean(
        string="Amending Agreement Signed",
        tracking=True,
        help="An amending agreement allows a proof-of-use extension longer than 30 days "
        "(§6.3.2.a.IV, §4.6.1.1.2).",
    )
    amendment_note = fields.Text(tracking=True)
    termination_cause = fields.Selection(TERMINATION_CAUSES, tracking=True, copy=False)
    rescission_cause = fields.Selection(rules.RESCISSION_CAUSES, tracking=True, copy=False)
    end_date = fields.Date(readonly=True, copy=False, tracking=True)
    refund_amount = fields.Monetary(
        tracking=True,
        copy=False,
        help="Resources to refund to FONAES for the Treasury (§4.6.1.1.1.II, §6.5).",
    )
    refund_move_id = fields.Many2one("account.move", readonly=True, copy=False)
    refund_yields = fields.Monetary(string="Financial Yields to Refund", tracking=True, copy=False)

    # ---- funds and trusts (§4.3.2) ----
    is_trust = fields.Boolean(compute="_compute_is_trust", store=True)
    trust_subaccount = fields.Char(
        string="Specific Sub-account",
        tracking=True,
        help="The trust manages the federal resources, their revolving and interest in a "
        "specific sub-account (§4.3.2.C).",
    )
    trust_deposit_date = fields.Date(
        string="Deposit Slip Received On",
        tracking=True,
        help="Deposit of all the resources into the sub-account, within 5 calendar days of "
        "the delivery (§6.3.2.c).",
    )
    trust_deposit_deadline = fields.Date(compute="_compute_trust_deadlines", store=True)
    trust_apply_deadline = fields.Date(
        string="Apply to the Population by", compute="_compute_trust_deadlines", store=True
    )
    trust_refund_deadline = fields.Date(
        string="Refund the Rest by", compute="_compute_trust_deadlines", store=True
    )
    trust_applied_amount = fields.Monetary(
        string="Applied to the Target Population", tracking=True
    )
    trust_refund_due = fields.Monetary(
        string="Not Applied: to Refund with Yields",
        compute="_compute_trust_refund_due",
        help="Resources not applied by 15 December, refunded with their yields by "
        "20 December (§4.3.2.I, §4.3.2.E.iv).",
    )
    trust_report_ids = fields.One2many(
        "fonaes.trust.report", "agreement_id", string="Quarterly Reports"
    )

    _sql_constraints = [
        (
            "revolving_terms_valid",
            "CHECK(COALESCE(revolving_months_working, 0) >= 0 AND "
            "COALESCE(revolving_months_fixed, 0) >= 0 AND COALESCE(revolving_grace_months, 0) "
            ">= 0 AND COALESCE(revolving_rate, 0) BETWEEN 0 AND 100)",
            "Revolving terms cannot be negative and the rate is between 0 and 100 % (Reglas de "
            "Operación FONAES 2005, §4.3.1.D-E).",
        ),
        (
            "refunds_nonnegative",
            "CHECK(COALESCE(refund_amount, 0) >= 0 AND COALESCE(refund_yields, 0) >= 0 AND "
            "COALESCE(trust_applied_amount, 0) >= 0)",
            "Refunds and applied amounts cannot be negative (Reglas de Operación FONAES 2005, "
            "§4.6.1.1.1.II, §4.3.2.I).",
        ),
        ("application_uniq", "unique(application_id)", "An application has one agreement."),
    ]

    def _fonaes_reference(self):
        """How a message names the agreement: its number once signed; before signing
        (named "/"), the application it formalizes."""
        self.ensure_one()
        if self.name and self.name != "/":
            return self.name
        return self.env._(
            "for application %s (draft)", self.application_id.name or self.partner_id.name
        )

    # ---- COMPUTES ----

    @api.depends("amount")
    def _compute_amount_in_words(self):
        for agreement in self:
            agreement.amount_in_words = amount_to_words_mxn(agreement.amount or 0.0)

    @api.depends("budget_date")
    def _compute_formalization_deadline(self):
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        for agreement in self:
            agreement.formalization_deadline = (
                agreement.budget_date
                and calendar.add_business_days(
                    agreement.budget_date, rules.FORMALIZATION_BUSINESS_DAYS
                )
            )

    @api.depends("application_id.support_category")
    def _compute_is_trust(self):
        for agreement in self:
            agreement.is_trust = agreement.application_id.support_category == "trust"

    @api.depends("is_trust", "application_id.fiscal_year", "ministration_ids.posted_date")
    def _compute_trust_deadlines(self):
        for agreement in self:
            year = agreement.application_id.fiscal_year
            if not agreement.is_trust or not year:
                agreement.trust_apply_deadline = agreement.trust_refund_deadline = False
                agreement.trust_deposit_deadline = False
                continue
            agreement.trust_apply_deadline = datetime.date(year, *rules.TRUST_APPLY_BY)
            agreement.trust_refund_deadline = datetime.date(year, *rules.TRUST_REFUND_BY)
            posted = sorted(d for d in agreement.ministration_ids.mapped("posted_date") if d)
            agreement.trust_deposit_deadline = posted and posted[0] + datetime.timedelta(
                days=rules.TRUST_DEPOSIT_CALENDAR_DAYS
            )

    @api.depends("is_trust", "disbursed_amount", "trust_applied_amount")
    def _compute_trust_refund_due(self):
        today = fields.Date.context_today(self)
        for agreement in self:
            late = (
                agreement.is_trust
                and agreement.trust_apply_deadline
                and (today > agreement.trust_apply_deadline)
            )
            agreement.trust_refund_due = (
                max(agreement.disbursed_amount - agreement.trust_applied_amount, 0.0)
                if late
                else 0.0
            )

    @api.depends("constitution_amount", "ministration_ids.posted_date")
    def _compute_constitution_deadline(self):
        for agreement in self:
            posted = sorted(d for d in agreement.ministration_ids.mapped("posted_date") if d)
            agreement.constitution_deadline = (
                agreement.constitution_amount
                and posted
                and posted[0] + relativedelta(months=rules.GROUP_CONSTITUTION_MONTHS)
            )

    @api.depends("application_id.support_category")
    def _compute_insurance_required(self):
        for agreement in self:
            agreement.insurance_required = agreement.application_id.support_category == "capital"

    @api.depends("ministration_ids.state", "ministration_ids.amount")
    def _compute_disbursed_amount(self):
        for agreement in self:
            agreement.disbursed_amount = sum(
                agreement.ministration_ids.filtered(lambda m: m.state == "posted").mapped("amount")
            )

    @api.depends(
        "support_type_id.revolving",
        "limit_id.revolving_years_working",
        "limit_id.revolving_years_fixed",
    )
    def _compute_revolving(self):
        for agreement in self:
            row = agreement.limit_id
            agreement.revolving = bool(
                agreement.support_type_id.revolving
                and (row.revolving_years_working or row.revolving_years_fixed)
            )

    @api.constrains(
        "revolving_months_working",
        "revolving_months_fixed",
        "revolving_grace_months",
        "revolving_rate",
    )
    def _check_revolving_terms(self):
        for agreement in self:
            row = agreement.limit_id
            for months, years, label in (
                (
                    agreement.revolving_months_working,
                    row.revolving_years_working,
                    self.env._("working capital and deferred assets"),
                ),
                (
                    agreement.revolving_months_fixed,
                    row.revolving_years_fixed,
                    self.env._("fixed assets"),
                ),
            ):
                if months > years * 12:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(agreement)s: %(months)s months to repay %(label)s "
                            "exceed the %(years)s years of %(row)s (%(section)s).",
                            agreement=agreement.name,
                            months=months,
                            label=label,
                            years=years,
                            row=row.name,
                            section=row.rule_section,
                        )
                    )
            if agreement.revolving_grace_months < 0 or agreement.revolving_rate < 0:
                raise ValidationError(
                    self.env._("Grace months and the revolving rate cannot be negative.")
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        for agreement in agreements:
            if agreement.application_id.state != "authorized":
                raise UserError(
                    self.env._(
                        "Only an authorized application is formalized in an agreement "
                        "(%s is not).",
                        agreement.application_id.display_name,
                    )
                )
            if not agreement.esc_id:
                agreement.esc_id = agreement.partner_id.fonaes_esc_id
        return agreements

    def _workflow_check_vals(self, vals):
        posted = self.filtered("refund_move_id")
        if posted and set(vals) & set(AGREEMENT_REFUND_FIELDS):
            raise UserError(
                self.env._(
                    "Agreement %s: its refund is posted; the refund figures can no longer "
                    "change.",
                    posted[0].name,
                )
            )
        return super()._workflow_check_vals(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if self.filtered(lambda a: a.state != "draft"):
            raise UserError(
                self.env._("A signed agreement cannot be deleted: terminate or rescind it.")
            )

    # ---- ACTIONS ----

    def action_sign(self):
        """Formalize: the disbursement program adds up to the support (§6.3.1.VI)."""
        today = fields.Date.context_today(self)
        for agreement in self:
            agreement._ensure_state("draft")
            program = agreement.ministration_ids.filtered(lambda m: m.state != "cancelled")
            total = sum(program.mapped("amount"))
            if not program or compare_money(total, agreement.amount, agreement.currency_id):
                raise UserError(
                    self.env._(
                        "Agreement %(agreement)s: the disbursement program adds up to "
                        "%(total)s, the authorized support is %(amount)s.",
                        agreement=agreement.name,
                        total=format_money(self.env, total, agreement.currency_id),
                        amount=format_money(self.env, agreement.amount, agreement.currency_id),
                    )
                )
            if agreement.insurance_required and not (
                agreement.insurance_policy or agreement.insurance_exemption
            ):
                raise UserError(
                    self.env._(
                        "Agreement %s: record the insurance policy or why it is not "
                        "required (§4.5.3.F).",
                        agreement.name,
                    )
                )
            if agreement.revolving and not (
                agreement.revolving_months_working or agreement.revolving_months_fixed
            ):
                raise UserError(
                    self.env._(
                        "Agreement %s: set the revolving repayment terms (§4.3.1.J).",
                        agreement.name,
                    )
                )
            if agreement.is_trust and not agreement.trust_subaccount:
                raise UserError(
                    self.env._(
                        "Agreement %s: the trust must have its specific sub-account for the "
                        "federal resources (§4.3.2.C).",
                        agreement.name,
                    )
                )
            if agreement.revolving and not agreement.esc_id._fonaes_esc_registered(today):
                raise UserError(
                    self.env._(
                        "Agreement %(agreement)s: the revolving repayments go to an ESC with "
                        "a FONAES registration in force (§4.3.1.M, §4.4); %(esc)s has none.",
                        agreement=agreement.name,
                        esc=agreement.esc_id.name or "-",
                    )
                )
            if agreement.revolving and not agreement.esc_id:
                raise UserError(
                    self.env._(
                        "Agreement %s: the beneficiary's ESC receives the revolving "
                        "repayments; set it first (§4.3.1.C, §4.3.1.J letter J).",
                        agreement.name,
                    )
                )
            name = agreement.name
            if name == "/":
                name = self.env["ir.sequence"].sudo().next_by_code("fonaes.agreement")
            agreement._workflow_write({"state": "signed", "sign_date": today, "name": name})
            if today > agreement.formalization_deadline:
                agreement.message_post(
                    body=self.env._(
                        "Formalized after the deadline of %s (§6.3.1.VI).",
                        agreement.formalization_deadline,
                    )
                )
            agreement._generate_repayment_schedule()
        return True

    def action_terminate(self):
        """Early termination for one of the causes of §4.6.1.1.3."""
        for agreement in self:
            agreement._ensure_state("signed")
            if not agreement.termination_cause:
                raise UserError(
                    self.env._(
                        "Agreement %s: choose the cause of the early termination " "(§4.6.1.1.3).",
                        agreement.name,
                    )
                )
            agreement._end("terminated")
        return True

    def action_rescind(self):
        """Rescission for one of the six causes of §4.6.1.1.1; refund plus yields."""
        for agreement in self:
            agreement._ensure_state("signed")
            if not agreement.rescission_cause:
                raise UserError(
                    self.env._(
                        "Agreement %s: choose the cause of rescission " "(§4.6.1.1.1).",
                        agreement.name,
                    )
                )
            if agreement.rescission_cause == "ii_misuse" and (
                agreement.refund_amount < agreement.disbursed_amount
            ):
                # §4.6.1.1.1.II: the whole support plus the financial yields.
                agreement.refund_amount = agreement.disbursed_amount
            agreement._end("rescinded")
            # Every cause of §4.6.1.1.1 is the beneficiary's own breach: no new support
            # until FONAES clears it (§4.3.1.L).
            agreement.partner_id.fonaes_in_breach = True
            agreement.message_post(
                body=self.env._(
                    "%s is marked in breach: no new support is granted (§4.3.1.L).",
                    agreement.partner_id.name,
                )
            )
        return True

    def action_post_refund(self):
        """Post the refund claimed from the beneficiary (rescission §4.6.1.1.1.II or
        resources left after an early termination §4.6.1.2.II), to be paid to the Treasury
        (§6.5): receivable of the beneficiary against the subsidy account (the support
        returned) and the yields account."""
        if not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(self.env._("Only FONAES accountants post refunds."))
        for agreement in self:
            agreement._ensure_state("rescinded", "terminated")
            total = agreement.refund_amount + agreement.refund_yields
            if agreement.refund_move_id or total <= 0:
                raise UserError(
                    self.env._("Agreement %s: there is no refund to post.", agreement.name)
                )
            company = self.env.company
            receivable = agreement.partner_id.commercial_partner_id.property_account_receivable_id
            accounts = (company.fonaes_journal_id, company.fonaes_subsidy_account_id, receivable)
            if not all(accounts) or (
                agreement.refund_yields and not company.fonaes_yields_account_id
            ):
                raise UserError(
                    self.env._(
                        "Set the FONAES journal, subsidy and yields accounts of %(company)s and "
                        "the receivable account of %(partner)s first.",
                        company=company.name,
                        partner=agreement.partner_id.name,
                    )
                )
            label = self.env._("Refund of FONAES support %s", agreement.name)
            partner = agreement.partner_id.id
            lines = [
                fields.Command.create(
                    {
                        "name": label,
                        "account_id": receivable.id,
                        "partner_id": partner,
                        "debit": total,
                    }
                ),
                fields.Command.create(
                    {
                        "name": label,
                        "account_id": company.fonaes_subsidy_account_id.id,
                        "partner_id": partner,
                        "credit": agreement.refund_amount,
                    }
                ),
            ]
            if agreement.refund_yields:
                lines.append(
                    fields.Command.create(
                        {
                            "name": label,
                            "account_id": company.fonaes_yields_account_id.id,
                            "partner_id": partner,
                            "credit": agreement.refund_yields,
                        }
                    )
                )
            move = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": company.fonaes_journal_id.id,
                    "date": fields.Date.context_today(self),
                    "ref": label,
                    "line_ids": lines,
                }
            )
            move.action_post()
            # The accountant only reads agreements: the step writes the entry.
            agreement._workflow_write({"refund_move_id": move.id}, group=ACCOUNTANT)
            agreement.message_post(
                body=self.env._(
                    "Refund of %(amount)s posted (%(move)s), to be paid to the Treasury (§6.5).",
                    amount=format_money(self.env, total, agreement.currency_id),
                    move=move.name,
                )
            )
        return True

    def action_cancel(self):
        for agreement in self:
            agreement._ensure_state("draft")
            agreement._workflow_write({"state": "cancelled"})
        return True

    # ---- BUSINESS METHODS ----

    def _ensure_state(self, *states):
        for agreement in self:
            if agreement.state not in states:
                raise UserError(
                    self.env._(
                        "Agreement %s: this step is not allowed in its status.", agreement.name
                    )
                )

    def _end(self, state):
        self.ensure_one()
        self.ministration_ids.filtered(lambda m: m.state == "planned")._workflow_write(
            {"state": "cancelled"}
        )
        self._workflow_write({"state": state, "end_date": fields.Date.context_today(self)})

    def _generate_repayment_schedule(self):
        """The revolving schedule of the signed agreements (``fonaes.repayment.line``)."""
        self.env["fonaes.repayment.line"]._generate_schedule(self.filtered("revolving"))

    def _public_use_legend(self):
        return rules.PUBLIC_USE_LEGEND

    def _amount_words(self, amount):
        """``amount`` in Spanish words, "… PESOS 00/100 M.N." (printed agreement)."""
        return amount_to_words_mxn(amount)
