"""The FONAES support application: reception, folio, field validation and evaluation.

Read with its two mixins: ``fonaes_application_eligibility.py`` (the facts the rules of
``tools/eligibility.py`` need, and their messages) and ``fonaes_application_dictamen.py``
(opinion, dictamen, objection and the scheduled actions of §6.3.1.V).
"""

import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import input_rules, rules
from .fonaes_application_dictamen import DIRECTORATE, PENDING_EVALUATION_STATES
from .fonaes_application_eligibility import GRANTED_STATES
from .fonaes_budget import COMMITTING_STATES

__all__ = ["DIRECTORATE", "GRANTED_STATES", "PENDING_EVALUATION_STATES", "STATES"]

STATES = [
    ("draft", "Draft"),
    ("registered", "Registered (Folio)"),
    ("validated", "Field-validated"),
    ("evaluated", "Evaluated"),
    ("authorized", "Authorized"),
    ("improcedent", "Improcedent"),
    ("cancelled", "Folio Cancelled"),
]
#: Fields, besides the status, that change only through the application's steps (buttons,
#: scheduled actions).
STEP_FIELDS = (
    "name",
    "folio_number",
    "directorate_opinion",
    "registration_date",
    "resolution_extended",
    "authorization_date",
    "improcedence_date",
    "notice_date",
    "objection_date",
    "objection_extended",
    "cancel_reason",
)
#: What was applied for is frozen once the application has its folio.
FROZEN_AFTER_REGISTRATION = (
    "partner_id",
    "support_type_id",
    "limit_id",
    "state_id",
    "fiscal_year",
    "project_amount",
    "requested_amount",
    "fixed_asset_amount",
    "quantity",
    "constitution_amount",
    "land_amount",
    "trust_coverage",
    "regional_impact",
    "esc_agreed_revolving",
    "esc_paid_revolving",
    "esc_branch",
)
#: The field validation's findings, frozen once validated (§6.3.1.III).
VALIDATION_FIELDS = (
    "validation_date",
    "validation_members",
    "validation_assets",
    "validation_conditions",
    "validation_notes",
)
#: The evaluation and the inputs of the dictamen, frozen once evaluated (§6.3.1.IV-V).
EVALUATION_FIELDS = (
    "evaluation_date",
    "evaluation_result",
    "evaluation_notes",
    "gestora_id",
    "consolidates_same_project",
    "previous_results_report",
    "trust_nonfederal_amount",
    "trust_net_worth",
    "trust_federal_balance",
    "service_content",
)
_VALIDATED = FROZEN_AFTER_REGISTRATION + VALIDATION_FIELDS
_DECIDED = (*_VALIDATED, *EVALUATION_FIELDS, "inconsistencies")
# Agreement states that end a support early: only what was delivered stays committed.
ENDED_AGREEMENT_STATES = ("rescinded", "terminated", "cancelled")


class FonaesApplication(models.Model):
    """A support application, registered with a gap-free consecutive folio once complete.

    Flow (§6.3.1): reception and registration (completeness + budget → folio) → field
    validation → evaluation in ascending folio order → dictamen of authorization or of
    improcedencia (15 business days to tell the inconsistencies, 30 (+20) from their receipt
    to object; without objection the folio is cancelled) — all within 45 (+20 with notice)
    business days. Eligibility: ``fonaes.application.eligibility`` over the pure rules of
    ``tools/eligibility.py``; opinion, dictamen, objection and crons:
    ``fonaes.application.dictamen``.
    """

    _name = "fonaes.application"
    _description = "FONAES Support Application"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "micro.workflow.mixin",
        "micro.input.mixin",
        "fonaes.application.eligibility",
        "fonaes.application.dictamen",
    ]
    _order = "folio_number desc, id desc"
    _rec_names_search = ["name", "partner_id"]
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "fiscal_year": (input_rules.KIND_YEAR, "§1"),
        "project_amount": (input_rules.KIND_AMOUNT, "§4.3.1"),
        "requested_amount": (input_rules.KIND_POSITIVE, "§4.3.1"),
        "fixed_asset_amount": (input_rules.KIND_AMOUNT, "§4.3.1"),
        "quantity": (input_rules.KIND_COUNT, "§4.3.3.1"),
        "constitution_amount": (input_rules.KIND_AMOUNT, "§4.3.1.1.A"),
        "land_amount": (input_rules.KIND_AMOUNT, "§4.3.1.F"),
        "trust_nonfederal_amount": (input_rules.KIND_AMOUNT, "§4.3.2"),
        "trust_net_worth": (input_rules.KIND_AMOUNT, "§4.3.2"),
        "trust_federal_balance": (input_rules.KIND_AMOUNT, "§4.3.2"),
        "esc_agreed_revolving": (input_rules.KIND_AMOUNT, "§4.3.1"),
        "esc_paid_revolving": (input_rules.KIND_AMOUNT, "§4.3.1"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    # Status, folio, opinion and dates only by the steps (micro_base's workflow guard); what
    # was applied for frozen with the folio, the findings once recorded by their step.
    _workflow_step_fields = STEP_FIELDS
    _workflow_frozen = {
        "registered": FROZEN_AFTER_REGISTRATION,
        "validated": _VALIDATED,
        "evaluated": _VALIDATED + EVALUATION_FIELDS,
        "authorized": _DECIDED,
        "improcedent": _DECIDED,
        "cancelled": _DECIDED,
    }

    name = fields.Char(string="Folio", readonly=True, copy=False, tracking=True, index=True)
    folio_number = fields.Integer(readonly=True, copy=False, index=True)
    # The lists' folio column: a draft has no folio yet (§6.3.1.II), so it reads as
    # Odoo's drafts do, "Draft (* id)", instead of an empty cell.
    folio_label = fields.Char(string="Folio or Draft", compute="_compute_folio_label")
    partner_id = fields.Many2one(
        "res.partner",
        string="Applicant",
        required=True,
        tracking=True,
        domain=[("fonaes_role", "!=", False)],
        ondelete="restrict",
    )
    beneficiary_kind = fields.Selection(related="partner_id.fonaes_role", store=True)
    gestora_id = fields.Many2one(
        "res.partner",
        string="Filed by (Gestora)",
        domain=[("fonaes_role", "=", "gestora")],
        help="Organization filing on behalf of its members (§6.3.1.II).",
    )
    support_type_id = fields.Many2one(
        "fonaes.support.type", required=True, tracking=True, ondelete="restrict"
    )
    support_category = fields.Selection(related="support_type_id.category", store=True)
    limit_id = fields.Many2one(
        "fonaes.support.limit",
        string="Branch / Service",
        required=True,
        tracking=True,
        domain="[('support_type_id', '=', support_type_id)]",
        ondelete="restrict",
    )
    state_id = fields.Many2one(
        "res.country.state",
        string="State",
        required=True,
        tracking=True,
        default=lambda self: self.env.user.fonaes_state_ids[:1],
    )
    municipality = fields.Char(tracking=True)
    fiscal_year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    project_amount = fields.Monetary(
        string="Project Total Value",
        tracking=True,
        help="Total value of the project or, " "for PROCOMER events, of the event's costs.",
    )
    requested_amount = fields.Monetary(required=True, tracking=True)
    fixed_asset_amount = fields.Monetary(
        string="of which Fixed Assets",
        tracking=True,
        help="Part of the request for fixed assets (the rest: working capital and deferred).",
    )
    quantity = fields.Integer(
        string="Units",
        default=1,
        required=True,
        tracking=True,
        help="Units of a service priced per unit in the table (months, participants, "
        "modules): the table's amounts apply to each unit (§4.3.3.1).",
    )
    unit_amount = fields.Monetary(
        string="Amount per Unit", compute="_compute_unit_amount", store=True
    )
    constitution_amount = fields.Monetary(
        string="of which Legal Constitution Costs",
        tracking=True,
        help="Part of a social group's request for its legal constitution, which must be "
        "formalized within six months of receiving the support (§4.3.1.1.A, §4.3.1.5.C).",
    )
    land_amount = fields.Monetary(
        string="of which Land Purchase",
        tracking=True,
        help="Part of the fixed assets to buy land, only to install the infrastructure of "
        "rural agroindustry, extractive industry and trading projects (§4.3.1.F).",
    )
    agreement_ids = fields.One2many("fonaes.agreement", "application_id", string="Agreement")
    committed_amount = fields.Monetary(
        compute="_compute_committed_amount",
        store=True,
        help="What this application holds of the budget envelopes: the requested amount "
        "while it holds a folio; once its agreement is rescinded, terminated early or "
        "cancelled, only what was actually delivered (§4.5.1.C).",
    )
    regional_impact = fields.Boolean(
        string="Regional-impact Scheme",
        tracking=True,
        help="Project tied to a regional-impact scheme (5 M ceiling, §4.3.1.2.D.ii, "
        "§4.3.1.4.D.ii).",
    )
    consolidates_same_project = fields.Boolean(
        string="Consolidates the Same Project",
        help="A second capital support must consolidate the project authorized first "
        "(§4.3.1.G).",
    )
    previous_results_report = fields.Boolean(
        string="Results of the Previous Event Reported",
        help="Needed for the 2nd and 3rd commercial promotion event of the year (§4.3.3.2.B).",
    )
    # ---- social capitalization enterprises (§4.3.1 Requisitos Generales A) ----
    esc_agreed_revolving = fields.Monetary(
        string="Revolving Agreed with Beneficiaries",
        tracking=True,
        help="Social capitalization enterprise: total revolving of capital supports agreed "
        "with FONAES's beneficiaries in the enterprise, as its legal documents accredit. A "
        "productive-capital support needs at least 10,000,000, a branch 5,000,000 "
        "(Reglas de Operación FONAES 2005, §4.3.1, Requisitos Generales A).",
    )
    esc_paid_revolving = fields.Monetary(
        string="Liquid Revolving Received",
        tracking=True,
        help="Social capitalization enterprise: revolving of capital supports already "
        "received in cash. At least 1,000,000, a branch 500,000 (Reglas de Operación FONAES "
        "2005, §4.3.1, Requisitos Generales A).",
    )
    esc_branch = fields.Boolean(
        string="Branch of an ESC",
        tracking=True,
        help="The applicant is a branch (sucursal) of a social capitalization enterprise: "
        "each branch is supported on its own and once (§4.3.1.H) and needs half the "
        "enterprise's minimums (§4.3.1, Requisitos Generales A).",
    )
    # ---- funds and trusts (§4.3.2) ----
    trust_coverage = fields.Selection(
        [("local", "State or Municipal"), ("national", "Interstate or National")],
        string="Coverage",
        help="Interstate or national trusts, capitalization supports, ADE and PROCOMER "
        "programs are authorized directly by the general directorate (§4.3.2.K.iii, "
        "§4.3.1.6.A.i, §4.3.3.1.D.vi, §4.3.3.2.G.ii).",
    )
    trust_nonfederal_amount = fields.Monetary(
        string="Non-federal Contributions",
        help="Contributions of the settlors and other non-federal participants: the "
        "federal support is at most equal to them (§4.3.2.J).",
    )
    trust_net_worth = fields.Monetary(string="Trust Net Worth", tracking=True)
    trust_federal_balance = fields.Monetary(
        string="Federal Resources Already in the Trust",
        help="With this support, federal resources never exceed 50 % of the trust's net "
        "worth (§4.3.2).",
    )
    service_content = fields.Char(
        help="Content of an ADE/PROCOMER service: the same content is not supported twice "
        "for the same beneficiary (§4.3.3.C).",
    )
    share_pct = fields.Float(
        string="FONAES Share (%)", compute="_compute_share_pct", store=True, digits=(5, 2)
    )
    authorization_level = fields.Selection(
        [
            (rules.LEVEL_STATE, "State Representative"),
            (rules.LEVEL_OPINION, "State Representative with Directorate Opinion"),
            (rules.LEVEL_EXCEEDED, "Above the Rules' Ceiling"),
        ],
        compute="_compute_authorization_level",
        store=True,
    )
    document_line_ids = fields.One2many(
        "fonaes.application.document", "application_id", string="Documents", copy=True
    )
    state = fields.Selection(
        STATES,
        string="Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    # ---- reception and resolution clock (§6.3.1.II) ----
    registration_date = fields.Date(readonly=True, copy=False, tracking=True)
    resolution_extended = fields.Boolean(
        string="Resolution Term Extended", readonly=True, copy=False, tracking=True
    )
    resolution_deadline = fields.Date(
        compute="_compute_resolution_deadline", store=True, tracking=True
    )
    # ---- field validation (§6.3.1.III) and evaluation (§6.3.1.IV) ----
    validation_date = fields.Date(copy=False, tracking=True)
    validation_members = fields.Boolean(string="Members Exist", copy=False)
    validation_assets = fields.Boolean(string="Contributed Assets and Their Condition", copy=False)
    validation_conditions = fields.Boolean(string="Conditions for the Project", copy=False)
    validation_notes = fields.Text(copy=False)
    evaluation_date = fields.Date(copy=False, tracking=True)
    evaluation_result = fields.Selection(
        [("feasible", "Feasible"), ("not_feasible", "Not Feasible")], copy=False, tracking=True
    )
    evaluation_notes = fields.Text(copy=False)
    refiled_from_id = fields.Many2one(
        "fonaes.application", string="Re-filing of", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "fiscal_year_range",
            "CHECK(fiscal_year BETWEEN 1991 AND 2100)",
            "The fiscal year is outside FONAES's life (Reglas de Operación FONAES 2005, §1).",
        ),
        (
            "figures_nonnegative",
            "CHECK(COALESCE(project_amount, 0) >= 0 AND COALESCE(constitution_amount, 0) >= 0 "
            "AND COALESCE(land_amount, 0) >= 0 AND COALESCE(trust_nonfederal_amount, 0) >= 0 "
            "AND COALESCE(trust_net_worth, 0) >= 0 AND COALESCE(trust_federal_balance, 0) >= 0 "
            "AND quantity >= 0)",
            "Amounts and units cannot be negative (Reglas de Operación FONAES 2005, §4.3.1, "
            "§4.3.2).",
        ),
        ("folio_uniq", "unique(folio_number)", "A folio can be assigned only once."),
        (
            "amounts_positive",
            "CHECK(requested_amount > 0 AND fixed_asset_amount >= 0 "
            "AND fixed_asset_amount <= requested_amount)",
            "The requested amount must be positive and include the fixed-asset part.",
        ),
    ]

    # ---- COMPUTES ----

    @api.depends("requested_amount", "project_amount")
    def _compute_share_pct(self):
        for app in self:
            app.share_pct = rules.project_share_pct(app.requested_amount, app.project_amount)

    @api.depends("requested_amount", "quantity")
    def _compute_unit_amount(self):
        for app in self:
            app.unit_amount = app.requested_amount / (app.quantity or 1)

    @api.depends(
        "state", "requested_amount", "agreement_ids.state", "agreement_ids.disbursed_amount"
    )
    def _compute_committed_amount(self):
        for app in self:
            if app.state not in COMMITTING_STATES:
                app.committed_amount = 0.0
                continue
            ended = app.agreement_ids.filtered(lambda a: a.state in ENDED_AGREEMENT_STATES)
            app.committed_amount = (
                sum(ended.mapped("disbursed_amount")) if ended else app.requested_amount
            )

    @api.depends("unit_amount", "limit_id", "regional_impact")
    def _compute_authorization_level(self):
        for app in self:
            app.authorization_level = (
                app.limit_id._authorization_level(app.unit_amount, app.regional_impact)
                if app.limit_id
                else False
            )

    @api.depends("registration_date", "resolution_extended")
    def _compute_resolution_deadline(self):
        for app in self:
            if not app.registration_date:
                app.resolution_deadline = False
                continue
            days = rules.RESOLUTION_BUSINESS_DAYS
            if app.resolution_extended:
                days += rules.RESOLUTION_EXTENSION_BUSINESS_DAYS
            app.resolution_deadline = app._calendar().add_business_days(
                app.registration_date, days
            )

    @api.constrains("limit_id", "support_type_id")
    def _check_limit_type(self):
        for app in self:
            if app.limit_id.support_type_id != app.support_type_id:
                raise ValidationError(
                    self.env._(
                        "Application %(app)s: the row %(row)s is not in the table of %(type)s.",
                        app=app.display_name,
                        row=app.limit_id.name,
                        type=app.support_type_id.name,
                    )
                )

    @api.constrains("quantity", "constitution_amount", "land_amount", "fixed_asset_amount")
    def _check_parts(self):
        """Units positive; constitution costs inside the request; land inside the fixed
        assets."""
        for app in self:
            if app.quantity < 1:
                raise ValidationError(
                    self.env._("Application %s: the units must be at least 1.", app.display_name)
                )
            if not 0 <= app.constitution_amount <= app.requested_amount:
                raise ValidationError(
                    self.env._(
                        "Application %s: the legal constitution costs are part of the "
                        "requested amount.",
                        app.display_name,
                    )
                )
            if not 0 <= app.land_amount <= app.fixed_asset_amount:
                raise ValidationError(
                    self.env._(
                        "Application %s: the land purchase is part of the fixed assets; "
                        "enter the fixed-asset amount including it.",
                        app.display_name,
                    )
                )

    # ---- CRUD ----

    @api.depends("name")
    def _compute_folio_label(self):
        for app in self:
            app.folio_label = app.name or (
                self.env._("Draft (* %s)", app.id) if app.id else self.env._("Draft")
            )

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for app in self:
            app.display_name = " - ".join(
                filter(None, [app.name or self.env._("Draft"), app.partner_id.name])
            )

    @api.model_create_multi
    def create(self, vals_list):
        apps = super().create(vals_list)
        apps.filtered(lambda a: not a.document_line_ids)._load_checklist()
        return apps

    @api.ondelete(at_uninstall=False)
    def _unlink_except_folio(self):
        for app in self:
            if app.folio_number:
                raise UserError(
                    self.env._(
                        "Application %s holds a folio: it cannot be deleted; cancel its "
                        "folio instead.",
                        app.name,
                    )
                )

    # ---- ACTIONS ----

    def action_load_checklist(self):
        self._ensure_state("draft")
        self._load_checklist()
        return True

    def action_submit(self):
        """Reception (§6.3.1.II): check completeness, eligibility and budget, then folio.

        Safe under concurrent submissions: the folio sequence row is locked first (every
        submission takes it), so the eligibility counts and the budget are read and the
        folio drawn by one transaction at a time; a transaction that started before
        another's commit fails to lock and is retried by the server with a fresh snapshot,
        so no envelope is overspent and folios stay consecutive (``ir.sequence``
        ``no_gap``: a rolled-back number is reused).
        """
        for app in self:
            app._ensure_state("draft")
            app._check_completeness()
            sequence = self.env.ref("fonaes_support.seq_fonaes_application").sudo()
            self.env.cr.execute(
                "SELECT id FROM ir_sequence WHERE id = %s FOR UPDATE", [sequence.id]
            )
            # Under the lock: the counts the rules read (supports per year, totals per
            # beneficiary, the type's budget share) cannot change until the folio is given.
            app._check_eligibility()
            app._check_budget()
            folio = sequence.next_by_id()
            today = fields.Date.context_today(app)
            app._workflow_write(
                {
                    "name": folio,
                    "folio_number": int(re.sub(r"\D", "", folio)[-sequence.padding :]),
                    "state": "registered",
                    "registration_date": today,
                }
            )
            app.message_post(
                body=self.env._(
                    "Folio %(folio)s assigned; resolution due by %(date)s (§6.3.1.II).",
                    folio=folio,
                    date=app.resolution_deadline,
                )
            )
        return True

    def action_notify_extension(self):
        """Extend the resolution term by 20 business days, telling the applicant."""
        for app in self:
            app._ensure_state(*PENDING_EVALUATION_STATES, "evaluated")
            if app.resolution_extended:
                raise UserError(
                    self.env._(
                        "Application %s: the resolution term was already extended.", app.name
                    )
                )
            app._workflow_write({"resolution_extended": True})
            app.message_post(
                body=self.env._(
                    "The applicant was told the resolution term is extended by %(days)s "
                    "business days, to %(date)s (§6.3.1.II).",
                    days=rules.RESOLUTION_EXTENSION_BUSINESS_DAYS,
                    date=app.resolution_deadline,
                )
            )
        return True

    def action_validate(self):
        """Record the field validation (§6.3.1.III): members, assets, conditions."""
        for app in self:
            app._ensure_state("registered")
            if app.support_category in ("capital", "ade", "procomer") and not (
                app.validation_members and app.validation_assets and app.validation_conditions
            ):
                raise UserError(
                    self.env._(
                        "Application %s: the field validation must confirm the members, "
                        "the contributed assets and the conditions for the project "
                        "(§6.3.1.III).",
                        app.name,
                    )
                )
            app._workflow_write(
                {"state": "validated", "validation_date": fields.Date.context_today(app)}
            )
        return True

    def action_evaluate(self):
        """Record the evaluation; only in ascending folio order within the state (§6.3.1.II)."""
        for app in self.sorted("folio_number"):
            app._ensure_state("validated")
            earlier = self.sudo().search(
                [
                    ("state_id", "=", app.state_id.id),
                    ("state", "in", PENDING_EVALUATION_STATES),
                    ("folio_number", "<", app.folio_number),
                ],
                order="folio_number",
                limit=1,
            )
            if earlier:
                raise UserError(
                    self.env._(
                        "Application %(app)s cannot be evaluated before folio %(earlier)s: "
                        "applications are evaluated in strict ascending folio order "
                        "(§4.5.1, §6.3.1.II).",
                        app=app.name,
                        earlier=earlier.name,
                    )
                )
            if not app.evaluation_result:
                raise UserError(
                    self.env._("Application %s: record the evaluation result first.", app.name)
                )
            app._workflow_write(
                {"state": "evaluated", "evaluation_date": fields.Date.context_today(app)}
            )
        return True

    def action_create_agreement(self):
        """Open the agreement (convenio) formalizing this authorized support."""
        self.ensure_one()
        self._ensure_state("authorized")
        agreement = self.env["fonaes.agreement"].search([("application_id", "=", self.id)])
        if not agreement:
            agreement = self.env["fonaes.agreement"].create({"application_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": "fonaes.agreement",
            "res_id": agreement.id,
            "view_mode": "form",
        }

    def action_refile(self):
        """File again after a cancelled folio: a new draft that will get a new folio."""
        self.ensure_one()
        self._ensure_state("cancelled")
        new = self.copy({"refiled_from_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    # ---- BUSINESS METHODS ----

    def _ensure_state(self, *states):
        for app in self:
            if app.state not in states:
                raise UserError(
                    self.env._(
                        "Application %(app)s is %(state)s: this step is not allowed now.",
                        app=app.display_name,
                        state=dict(app._fields["state"]._description_selection(self.env))[
                            app.state
                        ],
                    )
                )

    def _load_checklist(self):
        Doc = self.env["fonaes.document.type"]
        for app in self:
            if not app.partner_id.fonaes_role or not app.support_type_id:
                continue
            required = Doc._required_for(
                app.partner_id.fonaes_role,
                app.support_type_id.category,
                previous_support=bool(app._previous_capital_supports()),
            )
            existing = app.document_line_ids.document_type_id
            app.document_line_ids = [
                fields.Command.create({"document_type_id": doc.id}) for doc in required - existing
            ]

    def _check_completeness(self):
        """Every required document received (§4.3.1 Requisitos Generales, §6.3.1.II)."""
        self.ensure_one()
        self._load_checklist()
        missing = self.document_line_ids.filtered(lambda line: not line.received)
        if missing:
            raise UserError(
                self.env._(
                    "Application of %(partner)s is incomplete: no folio is assigned until "
                    "these documents are received (§6.3.1.II): %(docs)s.",
                    partner=self.partner_id.name,
                    docs="; ".join(
                        f"{line.document_type_id.name} ({line.document_type_id.rule_section})"
                        for line in missing
                    ),
                )
            )

    def _public_use_legend(self):
        """The §4.5.2 legend printed on every document."""
        return rules.PUBLIC_USE_LEGEND
