import datetime
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.micro_base.tools import loan
from odoo.addons.micro_base.tools.amount_words import amount_to_words_mxn

from ..tools import input_rules, rules, trust_xlsx

_logger = logging.getLogger(__name__)

ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"
TERMINATION_CAUSES = [
    # §4.6.1.1.3
    ("force_majeure", "I. Acts of God or force majeure, documented"),
    ("mutual", "II. Agreement of the parties"),
    ("fulfilled", "III. Purposes of the project fulfilled"),
    ("impossible", "IV. Object of the agreement became impossible"),
]


STATE_REPRESENTATIVE = "fonaes_support.fonaes_support_group_state_representative"
DIRECTORATE = "fonaes_support.fonaes_support_group_general_directorate"
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
#: A delivery, once posted or cancelled, is not reprogrammed.
MINISTRATION_DELIVERY = ("agreement_id", "planned_date", "amount")
#: The proof of use on which the dictamen was given.
MINISTRATION_PROOF = ("proof_date", "proof_statement", "verification_date", "proof_extension_days")
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

    @api.constrains(*_fonaes_bounds)
    def _check_fonaes_input_ranges(self):
        self._micro_check_input_ranges()

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
            if not program or abs(total - agreement.amount) > 0.005:
                raise UserError(
                    self.env._(
                        "Agreement %(agreement)s: the disbursement program adds up to "
                        "%(total)s, the authorized support is %(amount)s.",
                        agreement=agreement.name,
                        total=rules.format_amount(total),
                        amount=rules.format_amount(agreement.amount),
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
                    amount=rules.format_amount(total),
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
        """Monthly revolving schedule per component, with the micro_base loan tool.

        Working-capital (and deferred) part over ``revolving_months_working``, fixed-asset
        part over ``revolving_months_fixed``, both from the signature date, after the grace
        months; the due amounts are paid to the ESC.
        """
        Line = self.env["fonaes.repayment.line"]
        for agreement in self.filtered("revolving"):
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
            Line._workflow_create(vals_list)

    def _public_use_legend(self):
        return rules.PUBLIC_USE_LEGEND

    def _amount_words(self, amount):
        """``amount`` in Spanish words, "… PESOS 00/100 M.N." (printed agreement)."""
        return amount_to_words_mxn(amount)


class FonaesMinistration(models.Model):
    """One delivery of the disbursement program, posted in accounting, with its proof of
    use (§4.3.1.I, §6.3.1.VI, §6.3.2.a, §4.6.1.2)."""

    _name = "fonaes.ministration"
    _description = "FONAES Ministration"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "agreement_id, planned_date, id"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "amount": (input_rules.KIND_POSITIVE, "§6.3.1.VI"),
        "proof_extension_days": (input_rules.KIND_COUNT, "§6.3.2.a.IV"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    @api.constrains(*_fonaes_bounds)
    def _check_fonaes_input_ranges(self):
        self._micro_check_input_ranges()

    # Status, entry and dictamen only by the steps (micro_base's workflow guard); a posted or
    # cancelled delivery is not reprogrammed; a posted one is reversed by its step.
    _workflow_step_fields = ("move_id", "posted_date", "dictamen", "dictamen_date")
    _workflow_entry_fields = ("move_id",)
    _workflow_frozen = {"posted": MINISTRATION_DELIVERY, "cancelled": MINISTRATION_DELIVERY}

    agreement_id = fields.Many2one(
        "fonaes.agreement", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="agreement_id.partner_id", store=True)
    state_id = fields.Many2one(related="agreement_id.state_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    planned_date = fields.Date(required=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("posted", "Posted"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
        tracking=True,
        copy=False,
    )
    move_id = fields.Many2one("account.move", readonly=True, copy=False)
    posted_date = fields.Date(readonly=True, copy=False, tracking=True)
    proof_extension_days = fields.Integer(
        tracking=True,
        help="Calendar days of extension on force majeure, at most 30; more only by an "
        "amending agreement (§6.3.2.a.IV).",
    )
    proof_deadline = fields.Date(compute="_compute_proof_deadline", store=True)
    proof_date = fields.Date(string="Proof of Use Received On", tracking=True)
    proof_statement = fields.Boolean(
        string="Signed Statement of Authenticity",
        help="Written statement, under oath, that the proofs are authentic (§4.5.3.C.ii).",
    )
    verification_date = fields.Date(string="Verification Visit On", tracking=True)
    dictamen = fields.Selection(
        [("correct", "Correct Application"), ("incorrect", "Incorrect Application")],
        tracking=True,
        copy=False,
    )
    dictamen_date = fields.Date(readonly=True, copy=False)
    proof_overdue = fields.Boolean(
        compute="_compute_proof_overdue", search="_search_proof_overdue"
    )
    overdue_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A ministration must be positive."),
        (
            "extension_positive",
            "CHECK(proof_extension_days >= 0)",
            "The extension cannot be negative.",
        ),
    ]

    @api.depends("agreement_id.name", "planned_date")
    def _compute_display_name(self):
        for ministration in self:
            ministration.display_name = (
                f"{ministration.agreement_id.name or ''} {ministration.planned_date or ''}"
            ).strip()

    @api.depends("posted_date", "proof_extension_days")
    def _compute_proof_deadline(self):
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        for ministration in self:
            if not ministration.posted_date:
                ministration.proof_deadline = False
                continue
            deadline = calendar.add_business_days(
                ministration.posted_date, rules.PROOF_OF_USE_BUSINESS_DAYS
            )
            ministration.proof_deadline = deadline + datetime.timedelta(
                days=ministration.proof_extension_days
            )

    def _compute_proof_overdue(self):
        today = fields.Date.context_today(self)
        for ministration in self:
            ministration.proof_overdue = bool(
                ministration.state == "posted"
                and not ministration.proof_date
                and ministration.proof_deadline
                and ministration.proof_deadline < today
            )

    def _search_proof_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue proof of use."))
        domain = [
            ("state", "=", "posted"),
            ("proof_date", "=", False),
            ("proof_deadline", "<", fields.Date.context_today(self)),
        ]
        positive = (operator == "=") == value
        return domain if positive else ["!", "&", "&", *domain]

    @api.constrains("proof_extension_days")
    def _check_proof_extension(self):
        for ministration in self:
            if (
                ministration.proof_extension_days > rules.PROOF_OF_USE_MAX_EXTENSION_DAYS
                and not ministration.agreement_id.amended
            ):
                raise ValidationError(
                    self.env._(
                        "Proof-of-use extension of %(days)s days: at most %(max)s calendar "
                        "days; longer only by an amending agreement (§6.3.2.a.IV).",
                        days=ministration.proof_extension_days,
                        max=rules.PROOF_OF_USE_MAX_EXTENSION_DAYS,
                    )
                )

    @api.constrains("agreement_id", "amount", "state")
    def _check_within_agreement(self):
        """The ministrations of an agreement never exceed its authorized support, whatever
        the path (§4.3.1.I, §6.3.1.VI): the agreements are locked first, so two deliveries
        added at once cannot both pass."""
        agreements = self.agreement_id
        if not agreements:
            return
        self.env.cr.execute(
            "SELECT id FROM fonaes_agreement WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(agreements.ids)],
        )
        for agreement in agreements.sudo():
            program = agreement.ministration_ids.filtered(lambda m: m.state != "cancelled")
            total = sum(program.mapped("amount"))
            if total > agreement.amount + 0.005:
                raise ValidationError(
                    self.env._(
                        "Agreement %(agreement)s: its ministrations would add up to %(total)s, "
                        "above the authorized support of %(amount)s.",
                        agreement=agreement.name,
                        total=rules.format_amount(total),
                        amount=rules.format_amount(agreement.amount),
                    )
                )

    def _workflow_check_vals(self, vals):
        decided = self.filtered("dictamen")
        if decided and set(vals) & set(MINISTRATION_PROOF):
            raise UserError(
                self.env._(
                    "The dictamen on this ministration of %s was given: its proof of use can "
                    "no longer change.",
                    decided[0].agreement_id.name,
                )
            )
        return super()._workflow_check_vals(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if self.filtered(lambda m: m.state == "posted"):
            raise UserError(
                self.env._("A posted ministration cannot be deleted: reverse its entry.")
            )

    def action_post(self):
        """Post the delivery: subsidy expense against the beneficiary's payable, on the
        FONAES journal, against the signed agreement (first) or receipt (§6.3.1.VI)."""
        if not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(self.env._("Only FONAES accountants post ministrations."))
        for ministration in self:
            if ministration.state != "planned":
                raise UserError(self.env._("This ministration is not planned."))
            agreement = ministration.agreement_id
            if ministration.partner_id.commercial_partner_id.fonaes_channelling_suspended:
                raise UserError(
                    self.env._(
                        "Channelling of resources to %s is suspended for breaching the "
                        "prudential rules (Anexo XI §6).",
                        ministration.partner_id.commercial_partner_id.name,
                    )
                )
            if agreement.state != "signed":
                raise UserError(
                    self.env._(
                        "Agreement %s is not signed: nothing can be delivered.", agreement.name
                    )
                )
            company = self.env.company
            journal, account = company.fonaes_journal_id, company.fonaes_subsidy_account_id
            payable = ministration.partner_id.commercial_partner_id.property_account_payable_id
            if not (journal and account and payable):
                raise UserError(
                    self.env._(
                        "Set the FONAES journal and subsidy account of %(company)s and the "
                        "payable account of %(partner)s first.",
                        company=company.name,
                        partner=ministration.partner_id.name,
                    )
                )
            today = fields.Date.context_today(self)
            label = self.env._(
                "FONAES support %(agreement)s, ministration of %(date)s",
                agreement=agreement.name,
                date=ministration.planned_date,
            )
            move = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": today,
                    "ref": label,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "name": label,
                                "account_id": account.id,
                                "partner_id": ministration.partner_id.id,
                                "debit": ministration.amount,
                                "credit": 0.0,
                            }
                        ),
                        fields.Command.create(
                            {
                                "name": label,
                                "account_id": payable.id,
                                "partner_id": ministration.partner_id.id,
                                "debit": 0.0,
                                "credit": ministration.amount,
                            }
                        ),
                    ],
                }
            )
            move.action_post()
            ministration._workflow_write(
                {"state": "posted", "move_id": move.id, "posted_date": today}, group=ACCOUNTANT
            )
            agreement.message_post(
                body=self.env._(
                    "Ministration of %(amount)s posted (%(move)s); proof of use due by "
                    "%(date)s (§6.3.2.a.I).",
                    amount=rules.format_amount(ministration.amount),
                    move=move.name,
                    date=ministration.proof_deadline,
                )
            )
        return True

    def action_reverse(self):
        """Correct a posted delivery: its entry is reversed and the ministration cancelled,
        with the trace on the agreement (a posted ministration is never edited or deleted)."""
        self._workflow_check_group(ACCOUNTANT)
        self._workflow_check_state("posted")
        today = fields.Date.context_today(self)
        for ministration in self:
            if ministration.dictamen:
                raise UserError(
                    self.env._(
                        "The dictamen on this ministration of %s was given: it is not "
                        "reversed.",
                        ministration.agreement_id.name,
                    )
                )
            reversal = ministration.move_id._reverse_moves(
                [
                    {
                        "date": today,
                        "ref": self.env._("Reversal of %s", ministration.move_id.name),
                    }
                ],
                cancel=True,
            )
            ministration._workflow_write({"state": "cancelled"}, group=ACCOUNTANT)
            ministration.agreement_id.message_post(
                body=self.env._(
                    "Ministration of %(amount)s reversed (%(move)s reversed by %(reversal)s) by "
                    "%(user)s.",
                    amount=rules.format_amount(ministration.amount),
                    move=ministration.move_id.name,
                    reversal=reversal.name,
                    user=self.env.user.name,
                )
            )
        return True

    def action_dictamen(self, result):
        """Dictamen of correct or incorrect application (§4.6.1.2, §6.3.2.a.III).

        ``result`` is ``"correct"`` or ``"incorrect"``; anything else is refused before any
        check or write.
        """
        allowed = dict(self._fields["dictamen"]._description_selection(self.env))
        if not isinstance(result, str) or result not in allowed:
            raise UserError(
                self.env._(
                    "Dictamen: %(value)r is not a valid result; choose one of %(choices)s "
                    "(Reglas de Operación FONAES 2005, §6.3.2.a.III).",
                    value=result,
                    choices=", ".join(f"{key} ({label})" for key, label in allowed.items()),
                )
            )
        for ministration in self:
            if ministration.state != "posted" or not ministration.proof_date:
                raise UserError(self.env._("Receive the proof of use first (§6.3.2.a.I)."))
            if not ministration.proof_statement:
                raise UserError(
                    self.env._("The signed statement of authenticity is missing " "(§4.5.3.C.ii).")
                )
            if not ministration.verification_date:
                raise UserError(
                    self.env._(
                        "The field verification visit comes before the dictamen " "(§6.3.2.a.II)."
                    )
                )
            ministration._workflow_write(
                {"dictamen": result, "dictamen_date": fields.Date.context_today(self)},
                group=STATE_REPRESENTATIVE,
            )
            if result == "incorrect":
                ministration.agreement_id.message_post(
                    body=self.env._(
                        "Incorrect application of the resources: rescission cause II "
                        "applies, refund all plus yields (§4.6.1.1.1.II)."
                    )
                )
        return True

    def action_dictamen_correct(self):
        return self.action_dictamen("correct")

    def action_dictamen_incorrect(self):
        return self.action_dictamen("incorrect")

    @api.model
    def _cron_proof_of_use_overdue(self):
        """Flag each posted ministration whose proof of use is overdue, once (idempotent)."""
        overdue = self.search([("proof_overdue", "=", True), ("overdue_notified", "=", False)])
        for ministration in overdue:
            try:
                with self.env.cr.savepoint():
                    ministration.agreement_id.activity_schedule(
                        "mail.mail_activity_data_todo",
                        summary=self.env._("Proof of use overdue (§6.3.2.a.I)"),
                        user_id=ministration.agreement_id.application_id.user_id.id
                        or self.env.uid,
                    )
                    ministration.overdue_notified = True
            except Exception:
                _logger.exception("Could not flag ministration %s", ministration.id)
        return overdue


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

    @api.constrains(*_fonaes_bounds)
    def _check_fonaes_input_ranges(self):
        self._micro_check_input_ranges()

    # The schedule and the write-off only by the agreement's steps (micro_base's guard).
    _workflow_step_fields = REPAYMENT_STEP_FIELDS

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
                line.paid_amount + line.written_off_amount >= line.amount - 0.005
            ):
                line.status = "written_off"
            elif line.paid_amount >= line.amount - 0.005:
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

    def write(self, vals):
        if "paid_amount" in vals:
            for line in self:
                if not 0 <= vals["paid_amount"] <= line.amount - line.written_off_amount + 0.005:
                    raise ValidationError(
                        self.env._(
                            "Installment %(number)s of %(agreement)s is %(amount)s: a payment "
                            "of %(paid)s cannot be recorded.",
                            number=line.number,
                            agreement=line.agreement_id.name,
                            amount=rules.format_amount(line.amount - line.written_off_amount),
                            paid=rules.format_amount(vals["paid_amount"]),
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
            if not line.write_off_reason or rest <= 0.005:
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
                    amount=rules.format_amount(rest),
                    reason=line.write_off_reason,
                )
            )
        return True


class FonaesTrustReport(models.Model):
    """Quarterly report of a trust: application of the federal resources, balance of the
    specific sub-account and the beneficiary list (Anexo X), due within the first 5
    business days after the quarter (§4.5.3.I.i/iv, §6.3.2.c)."""

    _name = "fonaes.trust.report"
    _description = "FONAES Trust Quarterly Report"
    _inherit = ["micro.input.mixin"]
    _order = "year desc, quarter desc"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "year": (input_rules.KIND_YEAR, "§4.5.3.I.i"),
        "subaccount_balance": (input_rules.KIND_AMOUNT, "§6.3.2.c"),
        "applied_amount": (input_rules.KIND_AMOUNT, "§4.3.2.I"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    @api.constrains(*_fonaes_bounds)
    def _check_fonaes_input_ranges(self):
        self._micro_check_input_ranges()

    agreement_id = fields.Many2one(
        "fonaes.agreement", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="agreement_id.partner_id", store=True)
    state_id = fields.Many2one(related="agreement_id.state_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    year = fields.Integer(required=True)
    quarter = fields.Selection([("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")], required=True)
    due_date = fields.Date(compute="_compute_due_date", store=True)
    received_date = fields.Date()
    late = fields.Boolean(compute="_compute_late", store=True)
    subaccount_balance = fields.Monetary(string="Sub-account Balance")
    applied_amount = fields.Monetary(string="Applied in the Quarter")
    beneficiary_ids = fields.One2many(
        "fonaes.trust.beneficiary", "report_id", string="Beneficiaries (Anexo X)"
    )

    _sql_constraints = [
        (
            "year_range",
            "CHECK(year BETWEEN 1991 AND 2100)",
            "The report year is outside FONAES's life (Reglas de Operación FONAES 2005, §1).",
        ),
        (
            "figures_nonnegative",
            "CHECK(COALESCE(subaccount_balance, 0) >= 0 AND COALESCE(applied_amount, 0) >= 0)",
            "Trust report figures cannot be negative (Reglas de Operación FONAES 2005, §4.3.2.I).",
        ),
        ("quarter_uniq", "unique(agreement_id, year, quarter)", "One report per quarter."),
    ]

    @api.depends("year", "quarter")
    def _compute_due_date(self):
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        for report in self:
            if not (report.year and report.quarter):
                report.due_date = False
                continue
            end = rules.quarter_end(report.year, int(report.quarter))
            report.due_date = calendar.add_business_days(end, rules.TRUST_REPORT_BUSINESS_DAYS)

    def action_export_xlsx(self):
        """Download the beneficiary list (Anexo X) and trust register (Anexo XIII)."""
        self.ensure_one()
        trust = self.partner_id
        genders = {"female": "Mujer", "male": "Hombre"}
        rows = [
            [
                b.identification,
                b.last_name,
                b.second_last_name,
                b.first_name,
                genders.get(b.gender, ""),
                b.birthdate and b.birthdate.isoformat(),
                b.municipality,
                self.state_id.name,
                b.beneficiary_code,
                float(b.amount),
                b.project,
            ]
            for b in self.beneficiary_ids
        ]
        register = [
            trust.name,
            trust.fonaes_trust_settlor,
            trust.fonaes_trust_fiduciary,
            trust.fonaes_trust_beneficiaries,
            trust.street,
            trust.city,
            trust.zip,
            trust.vat,
            trust.fonaes_trust_constitution_date
            and trust.fonaes_trust_constitution_date.isoformat(),
            trust.fonaes_trust_representative,
            self.agreement_id.trust_subaccount,
        ]
        title = f"{trust.name} - {self.year} T{self.quarter}"
        data = trust_xlsx.trust_report_xlsx(title, rows, register, rules.PUBLIC_USE_LEGEND)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"Anexo_X_XIII_{self.year}_T{self.quarter}.xlsx",
                "raw": data,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    @api.depends("due_date", "received_date")
    def _compute_late(self):
        for report in self:
            report.late = bool(
                report.received_date and report.due_date and report.received_date > report.due_date
            )


class FonaesTrustBeneficiary(models.Model):
    """A person supported through a trust (Anexo X)."""

    _name = "fonaes.trust.beneficiary"
    _description = "FONAES Trust Beneficiary (Anexo X)"
    _inherit = ["micro.input.mixin"]
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "birthdate": (input_rules.KIND_BIRTHDATE, "Anexo X"),
        "amount": (input_rules.KIND_AMOUNT, "Anexo X"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    @api.constrains(*_fonaes_bounds)
    def _check_fonaes_input_ranges(self):
        self._micro_check_input_ranges()

    report_id = fields.Many2one("fonaes.trust.report", required=True, ondelete="cascade")
    state_id = fields.Many2one(related="report_id.state_id", store=True)
    currency_id = fields.Many2one(related="report_id.currency_id")
    identification = fields.Char(help="Official ID, CURP or RFC (Anexo X 1.1).")
    last_name = fields.Char(string="First Surname", required=True)
    second_last_name = fields.Char(string="Second Surname")
    first_name = fields.Char(string="Name", required=True)
    gender = fields.Selection([("female", "Woman"), ("male", "Man")])
    birthdate = fields.Date(string="Birth Date")
    municipality = fields.Char()
    beneficiary_code = fields.Char(help="Code given by the trust (Anexo X 2.1).")
    amount = fields.Monetary()
    project = fields.Char()
    _sql_constraints = [
        (
            "amount_nonnegative",
            "CHECK(COALESCE(amount, 0) >= 0)",
            "A beneficiary's amount cannot be negative (Reglas de Operación FONAES 2005, Anexo "
            "X).",
        ),
        (
            "birthdate_past",
            "CHECK(birthdate IS NULL OR birthdate >= '1900-01-01')",
            "A birth date cannot be before 1900.",
        ),
    ]
