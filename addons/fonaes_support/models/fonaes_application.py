import logging
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import input_rules, rules
from .fonaes_budget import COMMITTING_STATES

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("registered", "Registered (Folio)"),
    ("validated", "Field-validated"),
    ("evaluated", "Evaluated"),
    ("authorized", "Authorized"),
    ("improcedent", "Improcedent"),
    ("cancelled", "Folio Cancelled"),
]
# States in which an application counts as a support granted to its beneficiary.
GRANTED_STATES = ("authorized",)
DIRECTORATE = "fonaes_support.fonaes_support_group_general_directorate"
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
# Folio holders still waiting to be evaluated (§6.3.1.II strict order).
PENDING_EVALUATION_STATES = ("registered", "validated")


class FonaesApplication(models.Model):
    """A support application, registered with a gap-free consecutive folio once complete.

    Flow (§6.3.1): reception and registration (completeness + budget → folio) → field
    validation → evaluation in ascending folio order → dictamen of authorization or of
    improcedencia (15 business days to tell the inconsistencies, 30 (+20) to object; without
    objection the folio is cancelled) — all within 45 (+20 with notice) business days.
    """

    _name = "fonaes.application"
    _description = "FONAES Support Application"
    _inherit = ["mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin"]
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
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    @api.constrains(*_fonaes_bounds)
    def _check_fonaes_input_ranges(self):
        self._micro_check_input_ranges()

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
    directorate_opinion = fields.Selection(
        [
            ("none", "Not Requested"),
            ("requested", "Requested"),
            ("favorable", "Favorable"),
            ("unfavorable", "Unfavorable"),
        ],
        default="none",
        required=True,
        tracking=True,
        copy=False,
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
    # ---- dictamen (§6.3.1.V) ----
    authorization_date = fields.Date(readonly=True, copy=False, tracking=True)
    improcedence_date = fields.Date(readonly=True, copy=False, tracking=True)
    inconsistencies = fields.Text(copy=False, tracking=True)
    notice_deadline = fields.Date(
        string="Inconsistencies Notice Deadline",
        compute="_compute_improcedence_deadlines",
        store=True,
    )
    notice_date = fields.Date(
        string="Inconsistencies Notified On", readonly=True, copy=False, tracking=True
    )
    objection_extended = fields.Boolean(readonly=True, copy=False, tracking=True)
    objection_deadline = fields.Date(compute="_compute_improcedence_deadlines", store=True)
    objection_date = fields.Date(
        string="Objection Received On", readonly=True, copy=False, tracking=True
    )
    cancel_reason = fields.Char(readonly=True, copy=False, tracking=True)
    overdue_flagged = fields.Selection(
        [("resolution", "Resolution"), ("notice", "Inconsistencies Notice")],
        readonly=True,
        copy=False,
        help="Last term found overdue by the daily check (a to-do was scheduled once).",
    )
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
            "AND COALESCE(trust_net_worth, 0) >= 0 AND quantity >= 0)",
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

    def _calendar(self):
        return self.env["resource.calendar"].sudo()._get_official_calendar("MX")

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

    @api.depends("improcedence_date", "notice_date", "objection_extended")
    def _compute_improcedence_deadlines(self):
        for app in self:
            calendar = app._calendar() if app.improcedence_date else None
            app.notice_deadline = calendar and calendar.add_business_days(
                app.improcedence_date, rules.IMPROCEDENCE_NOTICE_BUSINESS_DAYS
            )
            if calendar and app.notice_date:
                days = rules.OBJECTION_BUSINESS_DAYS
                if app.objection_extended:
                    days += rules.OBJECTION_EXTENSION_BUSINESS_DAYS
                app.objection_deadline = calendar.add_business_days(app.notice_date, days)
            else:
                app.objection_deadline = False

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

    def action_request_opinion(self):
        for app in self:
            app._ensure_state(*PENDING_EVALUATION_STATES, "evaluated")
            app._workflow_write({"directorate_opinion": "requested"})
        return True

    def action_opinion_favorable(self):
        return self._set_opinion("favorable")

    def action_opinion_unfavorable(self):
        return self._set_opinion("unfavorable")

    def action_authorize(self):
        """Dictamen de autorización (§6.3.1.V.a), within the authorization limits."""
        for app in self:
            app._ensure_state("evaluated")
            if app.evaluation_result != "feasible":
                raise UserError(
                    self.env._(
                        "Application %s was not evaluated as feasible: issue a dictamen de "
                        "improcedencia instead.",
                        app.name,
                    )
                )
            if app.authorization_level == rules.LEVEL_EXCEEDED:
                raise UserError(app._amount_exceeded_message())
            app._check_grant_rules()
            # §6.3.1.V.a: authorization subject to budget sufficiency — an application
            # back from an objection released its share while it was improcedent.
            app._check_budget()
            if app.trust_coverage == "national" and not self.env.user.has_group(DIRECTORATE):
                raise AccessError(
                    self.env._(
                        "Interstate or national trusts and programs are authorized by the "
                        "general directorate (§4.3.2.K.iii, §4.3.1.6.A.i, §4.3.3.1.D.vi, "
                        "§4.3.3.2.G.ii)."
                    )
                )
            if app.limit_id.opinion_required and app.directorate_opinion != "favorable":
                raise UserError(
                    self.env._(
                        "Application %(app)s: %(row)s is authorized only with the general "
                        "directorate's prior favorable opinion (%(section)s).",
                        app=app.name,
                        row=app.limit_id.name,
                        section=app.limit_id.rule_section,
                    )
                )
            needs_opinion = (
                app.authorization_level == rules.LEVEL_OPINION
                or app.support_type_id.opinion_always
            )
            if needs_opinion and app.directorate_opinion != "favorable":
                raise UserError(
                    self.env._(
                        "Application %(app)s: %(amount)s is above the state representative's "
                        "limit of %(limit)s for %(row)s (%(section)s) or the support type "
                        "always needs it: the general directorate's favorable opinion is "
                        "required first.",
                        app=app.name,
                        amount=app._fmt(app.requested_amount),
                        limit=app._fmt(app.limit_id.max_amount),
                        row=app.limit_id.name,
                        section=app.limit_id.rule_section,
                    )
                )
            app._workflow_write(
                {"state": "authorized", "authorization_date": fields.Date.context_today(app)}
            )
        return True

    def action_improcedent(self):
        """Dictamen de improcedencia (§6.3.1.V.b): the inconsistencies are required."""
        for app in self:
            app._ensure_state("validated", "evaluated")
            if not app.inconsistencies:
                raise UserError(
                    self.env._(
                        "Application %s: write the inconsistencies that motivate the "
                        "improcedencia.",
                        app.name,
                    )
                )
            app._workflow_write(
                {"state": "improcedent", "improcedence_date": fields.Date.context_today(app)}
            )
        return True

    def action_notify_inconsistencies(self):
        """Record the written notice of the inconsistencies (≤ 15 business days)."""
        today = fields.Date.context_today(self)
        for app in self:
            app._ensure_state("improcedent")
            if app.notice_date:
                raise UserError(self.env._("Application %s: already notified.", app.name))
            app._workflow_write({"notice_date": today})
            if today > app.notice_deadline:
                app.message_post(
                    body=self.env._(
                        "Inconsistencies notified after the deadline of %s (§6.3.1.V.b).",
                        app.notice_deadline,
                    )
                )
        return True

    def action_extend_objection(self):
        """The applicant asked in writing for 20 more business days to object."""
        for app in self:
            app._ensure_state("improcedent")
            if not app.notice_date or app.objection_extended:
                raise UserError(
                    self.env._(
                        "Application %s: the objection term can be extended once, after the "
                        "notice.",
                        app.name,
                    )
                )
            app._workflow_write({"objection_extended": True})
        return True

    def action_receive_objection(self):
        """The applicant objected within the term: back to evaluation."""
        today = fields.Date.context_today(self)
        for app in self:
            app._ensure_state("improcedent")
            if not app.notice_date or today > app.objection_deadline:
                raise UserError(
                    self.env._(
                        "Application %(app)s: the objection term ended on %(date)s "
                        "(§6.3.1.V.b).",
                        app=app.name,
                        date=app.objection_deadline or "-",
                    )
                )
            app._workflow_write(
                {"state": "validated", "objection_date": today, "evaluation_result": False}
            )
        return True

    def action_cancel_folio(self):
        """Cancel the folio: the procedure ends; a new filing gets a new folio."""
        for app in self:
            app._ensure_state(*COMMITTING_STATES[:-1], "improcedent")
            app._cancel_folio(self.env._("Cancelled by %s", self.env.user.name))
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

    # ---- CRON ----

    @api.model
    def _cron_cancel_expired_folios(self):
        """Cancel the folios whose objection term ended without objection (§6.3.1.V.b).

        Idempotent: cancelled applications are no longer selected.
        """
        today = fields.Date.context_today(self)
        expired = self.search(
            [
                ("state", "=", "improcedent"),
                ("notice_date", "!=", False),
                ("objection_date", "=", False),
                ("objection_deadline", "<", today),
            ]
        )
        for app in expired:
            try:
                with self.env.cr.savepoint():
                    app._cancel_folio(
                        self.env._(
                            "No objection by %s: the applicant accepts the improcedencia "
                            "(§6.3.1.V.b).",
                            app.objection_deadline,
                        )
                    )
            except Exception:
                _logger.exception("Could not cancel the folio of application %s", app.id)
        return expired

    @api.model
    def _cron_flag_overdue_terms(self):
        """Schedule a to-do, once, for each application whose resolution term (45 + 20
        business days, §6.3.1.II) or inconsistencies notice term (15 business days,
        §6.3.1.V.b) has passed. Idempotent: a term already flagged is not flagged again.
        """
        today = fields.Date.context_today(self)
        checks = [
            (
                "resolution",
                [
                    ("state", "in", (*PENDING_EVALUATION_STATES, "evaluated")),
                    ("resolution_deadline", "<", today),
                ],
                self.env._("Resolution term overdue (§6.3.1.II)"),
            ),
            (
                "notice",
                [
                    ("state", "=", "improcedent"),
                    ("notice_date", "=", False),
                    ("notice_deadline", "<", today),
                ],
                self.env._("Inconsistencies not yet notified (§6.3.1.V.b)"),
            ),
        ]
        flagged = self.browse()
        for term, domain, summary in checks:
            for app in self.search([*domain, ("overdue_flagged", "!=", term)]):
                try:
                    with self.env.cr.savepoint():
                        app.activity_schedule(
                            "mail.mail_activity_data_todo",
                            summary=summary,
                            user_id=app.user_id.id or self.env.uid,
                        )
                        app.overdue_flagged = term
                        flagged |= app
                except Exception:
                    _logger.exception("Could not flag application %s", app.id)
        return flagged

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

    def _fmt(self, amount):
        return f"{amount:,.2f} MXN"

    def _previous_capital_supports(self):
        self.ensure_one()
        return self.sudo().search_count(
            [
                ("partner_id", "=", self.partner_id.id),
                ("support_category", "=", "capital"),
                ("state", "in", GRANTED_STATES),
                ("id", "!=", self.id),
            ]
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

    def _amount_exceeded_message(self):
        row = self.limit_id
        ceiling = max(
            row.opinion_max_amount or row.max_amount,
            row.regional_max_amount if self.regional_impact else 0.0,
        )
        if self.quantity > 1:
            return self.env._(
                "Requested amount of %(amount)s per %(unit)s exceeds the ceiling of "
                "%(ceiling)s per unit for %(row)s (%(section)s).",
                amount=self._fmt(self.unit_amount),
                unit=row.unit,
                ceiling=self._fmt(ceiling),
                row=row.name,
                section=row.rule_section,
            )
        return self.env._(
            "Requested amount %(amount)s exceeds the ceiling of %(ceiling)s for %(row)s "
            "(%(section)s).",
            amount=self._fmt(self.requested_amount),
            ceiling=self._fmt(ceiling),
            row=row.name,
            section=row.rule_section,
        )

    def _check_eligibility(self):
        """Rules of the support type and its table row, and of the beneficiary's record."""
        self.ensure_one()
        partner, support, row = self.partner_id, self.support_type_id, self.limit_id
        kind = partner.fonaes_role
        kind_label = dict(partner._fields["fonaes_role"]._description_selection(self.env)).get(
            kind, "-"
        )
        if not support._allows_kind(kind) or not row._allows_kind(kind):
            raise UserError(
                self.env._(
                    "%(type)s / %(row)s is not available to a %(kind)s (%(section)s).",
                    type=support.name,
                    row=row.name,
                    kind=kind_label,
                    section=row.rule_section,
                )
            )
        self._check_grant_rules()
        if kind == "microempresa_social":
            self._check_microempresa()
        self._check_units()
        self._check_constitution_and_land()
        if support.women_only and (partner.fonaes_men_count or not partner.fonaes_women_count):
            raise UserError(
                self.env._(
                    "%(type)s is only for groups or enterprises made up exclusively of women; "
                    "the roster of %(partner)s has %(men)s men (%(section)s).",
                    type=support.name,
                    partner=partner.name,
                    men=partner.fonaes_men_count,
                    section=support.rule_section,
                )
            )
        if support.working_capital_only and self.fixed_asset_amount:
            raise UserError(
                self.env._(
                    "%(type)s does not finance fixed assets: %(amount)s requested for them "
                    "(%(section)s).",
                    type=support.name,
                    amount=self._fmt(self.fixed_asset_amount),
                    section=support.rule_section,
                )
            )
        if row.min_amount and self.requested_amount < row.min_amount:
            raise UserError(
                self.env._(
                    "Requested amount %(amount)s is below the minimum of %(min)s for %(row)s "
                    "(%(section)s).",
                    amount=self._fmt(self.requested_amount),
                    min=self._fmt(row.min_amount),
                    row=row.name,
                    section=row.rule_section,
                )
            )
        if self.authorization_level == rules.LEVEL_EXCEEDED:
            raise UserError(self._amount_exceeded_message())
        max_pct = row._max_project_pct(partner.fonaes_mostly_disabled)
        if max_pct:
            if not self.project_amount:
                raise UserError(
                    self.env._("Application of %s: enter the project's total value.", partner.name)
                )
            if self.share_pct > max_pct + 1e-9:
                raise UserError(
                    self.env._(
                        "FONAES share %(pct).2f %% of the project exceeds the maximum of "
                        "%(max)s %% for %(row)s (%(section)s).",
                        pct=self.share_pct,
                        max=max_pct,
                        row=row.name,
                        section=row.rule_section,
                    )
                )
        if row.max_cost_pct and self.project_amount and self.share_pct > row.max_cost_pct:
            raise UserError(
                self.env._(
                    "FONAES share %(pct).2f %% of the costs exceeds %(max)s %% for %(row)s "
                    "(%(section)s).",
                    pct=self.share_pct,
                    max=row.max_cost_pct,
                    row=row.name,
                    section=row.rule_section,
                )
            )
        if row.min_partners or row.min_equity:
            self._check_esf_minimums()
        if support.category == "trust":
            self._check_trust()
        if (
            support.category == "ade"
            and kind in rules.REGISTERED_KINDS
            and not partner._fonaes_registration_in_force(fields.Date.context_today(self))
        ):
            raise UserError(
                self.env._(
                    "%s has no FONAES registration in force: business development services "
                    "go to capitalization and financing enterprises while their yearly "
                    "registration is valid (§4.3.3.1.D.iii-iv, §4.3.1.M).",
                    partner.name,
                )
            )
        if row.max_per_year:
            self._check_times_per_year()
        if support.category in ("ade", "procomer") and self.service_content:
            self._check_service_content()

    def _check_grant_rules(self):
        """The beneficiary's standing and previous supports (§4.3.1.G, §4.3.1.L,
        §4.3.1.5.D, §4.3.1.6.A): checked at reception and again at authorization, since
        other applications of the same beneficiary may have been authorized meanwhile."""
        self.ensure_one()
        partner, support = self.partner_id, self.support_type_id
        kind = partner.fonaes_role
        kind_label = dict(partner._fields["fonaes_role"]._description_selection(self.env)).get(
            kind, "-"
        )
        self._check_standing()
        if support.category == "capital":
            self._check_capital_supports()
        elif support.once_only and self._same_type_granted():
            raise UserError(
                self.env._(
                    "%(type)s is granted only once per beneficiary (%(section)s).",
                    type=support.name,
                    section=support.rule_section,
                )
            )
        if support.second_support_kinds and self._same_type_granted():
            allowed = support._kind_codes(support.second_support_kinds)
            if kind not in allowed:
                raise UserError(
                    self.env._(
                        "%(partner)s already received %(type)s: a second one is only for "
                        "social enterprises, not for a %(kind)s (%(section)s.D).",
                        partner=partner.name,
                        type=support.name,
                        kind=kind_label,
                        section=support.rule_section,
                    )
                )

    def _check_standing(self):
        """§4.3.1.L: no new support of any type to a beneficiary that, by its own fault,
        breached the rules or is not current on its revolving commitments."""
        partner = self.partner_id
        if partner.fonaes_in_breach:
            raise UserError(
                self.env._(
                    "%s is in breach of the rules or of its revolving commitments: no new "
                    "support is granted (§4.3.1.L).",
                    partner.name,
                )
            )
        if partner.fonaes_behind_on_repayment:
            raise UserError(
                self.env._(
                    "%s is behind on its revolving repayment: no new support is granted "
                    "until it is current (§4.3.1.L, §4.3.1.G).",
                    partner.name,
                )
            )

    def _check_microempresa(self):
        """Anexo I: a microempresa social has at most 10 partners and up to 10 workers."""
        partner = self.partner_id
        members = partner.fonaes_member_count
        if (
            members > rules.MICROEMPRESA_MAX_PARTNERS
            or partner.fonaes_worker_count > rules.MICROEMPRESA_MAX_WORKERS
        ):
            raise UserError(
                self.env._(
                    "%(partner)s has %(members)s partners and %(workers)s workers: a social "
                    "micro-enterprise has at most %(max_members)s partners and %(max_workers)s "
                    "workers (Anexo I); register it as a social enterprise.",
                    partner=partner.name,
                    members=members,
                    workers=partner.fonaes_worker_count,
                    max_members=rules.MICROEMPRESA_MAX_PARTNERS,
                    max_workers=rules.MICROEMPRESA_MAX_WORKERS,
                )
            )

    def _check_units(self):
        """Services priced per unit (§4.3.3.1 table): units within the row's maximum, the
        table's amounts per unit, and the row's total per beneficiary and fiscal year."""
        row = self.limit_id
        if self.quantity != 1 and not row.unit:
            raise UserError(
                self.env._(
                    "%(row)s is not priced per unit: an application asks for it once "
                    "(%(units)s units requested).",
                    row=row.name,
                    units=self.quantity,
                )
            )
        if row.max_units and self.quantity > row.max_units:
            raise UserError(
                self.env._(
                    "%(row)s: %(units)s %(unit)s requested, at most %(max)s (%(section)s).",
                    row=row.name,
                    units=self.quantity,
                    unit=row.unit,
                    max=row.max_units,
                    section=row.rule_section,
                )
            )
        if row.max_total_amount:
            given = sum(
                self.sudo()
                .search(
                    [
                        ("partner_id", "=", self.partner_id.id),
                        ("limit_id", "=", row.id),
                        ("fiscal_year", "=", self.fiscal_year),
                        ("state", "in", COMMITTING_STATES),
                        ("id", "!=", self.id),
                    ]
                )
                .mapped("committed_amount")
            )
            if given + self.requested_amount > row.max_total_amount + 0.005:
                raise UserError(
                    self.env._(
                        "%(row)s: %(partner)s already has %(given)s in %(year)s; with "
                        "%(amount)s it would exceed the total of %(max)s (%(section)s).",
                        row=row.name,
                        partner=self.partner_id.name,
                        given=self._fmt(given),
                        year=self.fiscal_year,
                        amount=self._fmt(self.requested_amount),
                        max=self._fmt(row.max_total_amount),
                        section=row.rule_section,
                    )
                )

    def _check_constitution_and_land(self):
        """Constitution costs only for social groups, within the type's ceiling
        (§4.3.1.1.A, §4.3.1.5.C); land only where §4.3.1.F allows it."""
        support, row = self.support_type_id, self.limit_id
        if self.constitution_amount:
            if self.partner_id.fonaes_role != "grupo_social" or not (
                support.constitution_max_amount
            ):
                raise UserError(
                    self.env._(
                        "Legal constitution costs are supported only for social groups "
                        "under CTS and IPM (§4.3.1.1.A, §4.3.1.5.C)."
                    )
                )
            if self.constitution_amount > support.constitution_max_amount:
                raise UserError(
                    self.env._(
                        "Legal constitution costs of %(amount)s exceed the %(max)s allowed by "
                        "%(type)s (%(section)s).",
                        amount=self._fmt(self.constitution_amount),
                        max=self._fmt(support.constitution_max_amount),
                        type=support.name,
                        section=support.rule_section,
                    )
                )
        if self.land_amount and not row.land_allowed:
            raise UserError(
                self.env._(
                    "FONAES resources do not buy land for %(type)s / %(row)s: only rural "
                    "agroindustry, extractive industry and trading projects, to install "
                    "their infrastructure (§4.3.1.F).",
                    type=support.name,
                    row=row.name,
                )
            )

    def _check_esf_minimums(self):
        """§4.3.1.3.C: ESF with more than 200 partners and 700 thousand equity; each branch
        more than 100 partners and 400 thousand more equity (figures on the table row)."""
        row, partner = self.limit_id, self.partner_id
        branches = partner.fonaes_branch_count
        partners_needed = row.min_partners + row.branch_partners * branches
        equity_needed = row.min_equity + row.branch_equity * branches
        members = partner.fonaes_member_count
        if members <= partners_needed or partner.fonaes_equity < equity_needed:
            raise UserError(
                self.env._(
                    "%(partner)s with %(branches)s branches needs more than %(need)s partners "
                    "and an equity of %(equity)s; it has %(members)s partners and %(has)s "
                    "(%(section)s).",
                    partner=partner.name,
                    branches=branches,
                    need=partners_needed,
                    equity=self._fmt(equity_needed),
                    members=members,
                    has=self._fmt(partner.fonaes_equity),
                    section=row.rule_section,
                )
            )

    def _check_trust(self):
        """§4.3.2.J: federal ≤ non-federal contributions; §4.3.2: federal ≤ 50 % of the
        trust's net worth (before this support is received)."""
        federal = self.trust_federal_balance + self.requested_amount
        if self.requested_amount > self.trust_nonfederal_amount:
            raise UserError(
                self.env._(
                    "The federal support %(amount)s exceeds the non-federal contributions "
                    "of %(nonfederal)s (§4.3.2.J).",
                    amount=self._fmt(self.requested_amount),
                    nonfederal=self._fmt(self.trust_nonfederal_amount),
                )
            )
        limit = self.trust_net_worth * rules.TRUST_FEDERAL_MAX_NET_WORTH_PCT / 100.0
        if federal > limit:
            raise UserError(
                self.env._(
                    "Federal resources of %(federal)s would exceed %(pct)s %% of the trust's "
                    "net worth (%(limit)s) (§4.3.2).",
                    federal=self._fmt(federal),
                    pct=rules.TRUST_FEDERAL_MAX_NET_WORTH_PCT,
                    limit=self._fmt(limit),
                )
            )

    def _same_type_granted(self):
        return self.sudo().search_count(
            [
                ("partner_id", "=", self.partner_id.id),
                ("support_type_id", "=", self.support_type_id.id),
                ("state", "in", GRANTED_STATES),
                ("id", "!=", self.id),
            ]
        )

    def _check_capital_supports(self):
        """Two-supports rule, breach and revolving repayment (§4.3.1.G, §4.3.1.L)."""
        partner = self.partner_id
        previous = self._previous_capital_supports()
        reason = rules.capital_support_refusal(
            previous,
            partner.fonaes_legacy_debt,
            partner.fonaes_role,
            partner.fonaes_in_breach,
            partner.fonaes_behind_on_repayment,
            self.consolidates_same_project,
        )
        if not reason and self.support_type_id.once_only and self._same_type_granted():
            reason = "once_only"
        if not reason:
            return
        messages = {
            "breach": self.env._(
                "%s is in breach of the rules or of its revolving commitments: no new "
                "support is granted (§4.3.1.L).",
                partner.name,
            ),
            "once_only": self.env._(
                "%s already received its only support: social financing and capitalization "
                "enterprises, and Capitalización Productiva, are supported once (§4.3.1.G, "
                "§4.3.1.6.A).",
                partner.name,
            ),
            "two_supports": self.env._(
                "%(partner)s already has %(count)s productive-capital supports (outstanding "
                "debts from earlier supports count as the first): at most %(max)s per "
                "beneficiary (§4.3.1.G).",
                partner=partner.name,
                count=previous + (1 if partner.fonaes_legacy_debt and not previous else 0),
                max=rules.MAX_CAPITAL_SUPPORTS,
            ),
            "behind": self.env._(
                "%s is behind on its revolving repayment: a second productive-capital support "
                "needs it to be current (§4.3.1.G).",
                partner.name,
            ),
            "not_consolidation": self.env._(
                "A second productive-capital support for %s is only granted to consolidate "
                "the project authorized first (§4.3.1.G).",
                partner.name,
            ),
        }
        raise UserError(messages[reason])

    def _check_times_per_year(self):
        row = self.limit_id
        count = self.sudo().search_count(
            [
                ("partner_id", "=", self.partner_id.id),
                ("limit_id", "=", row.id),
                ("fiscal_year", "=", self.fiscal_year),
                ("state", "in", COMMITTING_STATES),
                ("id", "!=", self.id),
            ]
        )
        if count >= row.max_per_year:
            raise UserError(
                self.env._(
                    "%(partner)s already has %(count)s × %(row)s in %(year)s: at most "
                    "%(max)s per fiscal year (%(section)s).",
                    partner=self.partner_id.name,
                    count=count,
                    row=row.name,
                    year=self.fiscal_year,
                    max=row.max_per_year,
                    section=row.rule_section,
                )
            )
        if count and row.results_report_after_first and not self.previous_results_report:
            raise UserError(
                self.env._(
                    "%(row)s: the results of the previous event must be reported before "
                    "the next one (%(section)s).",
                    row=row.name,
                    section=row.rule_section,
                )
            )

    def _check_service_content(self):
        """§4.3.3.C: no service with the same content as one supported before."""
        same = self.sudo().search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("limit_id", "=", self.limit_id.id),
                ("service_content", "=ilike", self.service_content.strip()),
                ("state", "in", (*COMMITTING_STATES,)),
                ("id", "!=", self.id),
            ],
            limit=1,
        )
        if same:
            raise UserError(
                self.env._(
                    '%(partner)s was already supported for "%(content)s" (%(folio)s): the '
                    "same service content is not supported twice (§4.3.3.C).",
                    partner=self.partner_id.name,
                    content=self.service_content,
                    folio=same.name,
                )
            )

    def _check_budget(self):
        """Budget sufficiency in every covering envelope (§4.5.1.C), rows locked."""
        self.ensure_one()
        envelopes = self.env["fonaes.budget"]._envelopes_for(self)
        if not envelopes:
            raise UserError(
                self.env._(
                    "There is no budget for %(type)s in %(year)s: no folio can be assigned "
                    "(§4.5.1.C).",
                    type=self.support_type_id.name,
                    year=self.fiscal_year,
                )
            )
        self.env.cr.execute(
            "SELECT id FROM fonaes_budget WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(envelopes.ids)],
        )
        row = self.limit_id
        if row.max_budget_pct:
            national = envelopes.filtered(lambda e: e.level == "national")[:1]
            used = sum(
                self.sudo()
                .search(
                    [
                        ("limit_id", "=", row.id),
                        ("fiscal_year", "=", self.fiscal_year),
                        ("state", "in", COMMITTING_STATES),
                        ("id", "!=", self.id),
                    ]
                )
                .mapped("committed_amount")
            )
            cap = national.amount * row.max_budget_pct / 100.0
            if national and used + self.requested_amount > cap:
                raise UserError(
                    self.env._(
                        "%(row)s may use at most %(pct)s %% of the national %(type)s budget "
                        "(%(cap)s); %(used)s already committed (%(section)s).",
                        row=row.name,
                        pct=row.max_budget_pct,
                        type=self.support_type_id.code,
                        cap=self._fmt(cap),
                        used=self._fmt(used),
                        section=row.rule_section,
                    )
                )
        for envelope in envelopes:
            available = envelope.amount - envelope._committed(excluding=self)
            if self.requested_amount > available:
                raise UserError(
                    self.env._(
                        "No budget sufficiency in the %(level)s envelope %(envelope)s: "
                        "%(available)s available, %(amount)s requested (§4.5.1.C).",
                        level=envelope.level,
                        envelope=envelope.name,
                        available=self._fmt(available),
                        amount=self._fmt(self.requested_amount),
                    )
                )

    def _set_opinion(self, opinion):
        if not self.env.user.has_group(DIRECTORATE):
            raise AccessError(
                self.env._("Only the general directorate gives its opinion on applications.")
            )
        for app in self:
            if app.directorate_opinion != "requested":
                raise UserError(self.env._("Application %s: no opinion was requested.", app.name))
            app._workflow_write({"directorate_opinion": opinion}, group=DIRECTORATE)
        return True

    def _cancel_folio(self, reason):
        self.ensure_one()
        self._workflow_write({"state": "cancelled", "cancel_reason": reason})
        self.message_post(
            body=self.env._(
                "Folio %(folio)s cancelled: the procedure has ended; a new filing gets a new "
                "folio (§6.3.1.V.b). %(reason)s",
                folio=self.name,
                reason=reason,
            )
        )

    def _public_use_legend(self):
        """The §4.5.2 legend printed on every document."""
        return rules.PUBLIC_USE_LEGEND


class FonaesApplicationDocument(models.Model):
    """One item of an application's document checklist, with its evidence."""

    _name = "fonaes.application.document"
    _description = "FONAES Application Document"
    _order = "application_id, sequence, id"

    application_id = fields.Many2one(
        "fonaes.application", required=True, ondelete="cascade", index=True
    )
    document_type_id = fields.Many2one("fonaes.document.type", required=True, ondelete="restrict")
    sequence = fields.Integer(related="document_type_id.sequence", store=True)
    rule_section = fields.Char(related="document_type_id.rule_section")
    received = fields.Boolean()
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    note = fields.Char()
