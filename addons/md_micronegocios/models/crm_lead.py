from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..tools import input_rules

SERVICE_STATES = [("offered", "Offered"), ("accepted", "Accepted"), ("received", "Received")]
SECTORS = [
    ("commerce", "Commerce"),
    ("services", "Services"),
    ("manufacturing", "Manufacturing"),
    ("food", "Food and Beverages"),
    ("agriculture", "Agriculture"),
    ("other", "Other"),
]
# Bulletin 004, "El problema o situación": the two causes of lost sales and their parts.
CANNOT_SELL_CAUSES = [
    ("closed_premises", "Cannot open the premises"),
    ("no_online_sales", "Does not know how to sell online"),
    ("no_delivery", "Difficulties delivering to homes"),
    ("product_mismatch", "Product does not fit what customers want now"),
]
LOW_DEMAND_CAUSES = [
    ("saving_customers", "Customers save or lack income and buy little"),
    ("contagion_fear", "Customers fear contagion"),
    ("new_needs", "Customers have new needs or expectations"),
]


#: CRM actions a program user has no use for on a case (issue 17): dropping out is the
#: case's own "Drop Out" button; enrichment and SMS are sales tools.
MD_HIDDEN_BINDINGS = (
    "crm.crm_lead_lost_action",
    "crm.action_lead_mass_mail",
    "crm.action_lead_mail_compose",
    "crm.action_crm_send_mass_convert",
    "crm.action_merge_opportunities",
    "crm_iap_enrich.action_enrich_mail",
    "crm_sms.crm_lead_act_window_sms_composer_single",
    "crm_sms.crm_lead_act_window_sms_composer_multi",
)

#: Amounts and counts of a case's business (never negative).
MD_BUSINESS_FIGURES = ("md_years_operating", "md_workers", "md_sales_before", "md_sales_after")


class CrmLead(models.Model):
    _name = "crm.lead"
    # Every value given to a case is checked for its shape before Odoo converts it: a list
    # given to the owner (many2one) would otherwise silently empty it (issue 16).
    _inherit = ["crm.lead", "micro.input.mixin"]
    # Checked on the values sent, before the database CHECKs below see them.
    _input_ranges = {
        name: (0, None, False, input_rules.SOURCE_VALUATION) for name in MD_BUSINESS_FIGURES
    }

    md_is_case = fields.Boolean(
        string="Program Case",
        compute="_compute_md_is_case",
        store=True,
        help="A case of the micro-business accompaniment program (its team's lead).",
    )
    md_cycle_id = fields.Many2one(
        "md.cycle",
        string="Cycle",
        index="btree_not_null",
        default=lambda self: self._md_default_cycle(),
    )
    md_city_id = fields.Many2one(
        "md.city",
        string="Program City",
        index="btree_not_null",
        default=lambda self: self.env.user.md_city_id,
        tracking=True,
    )
    md_registration_date = fields.Date(
        string="Registration Date",
        default=fields.Date.context_today,
        help="Day the micro-business was registered in the program.",
    )
    md_week = fields.Integer(
        string="Registration Week",
        compute="_compute_md_week",
        store=True,
        help="Week of the cycle in which the case was registered (0: outside the cycle).",
    )
    md_dropout_stage_id = fields.Many2one(
        "crm.stage",
        string="Stage at Drop-out",
        readonly=True,
        tracking=True,
        help="Stage the case was in when it stopped (drop-out reason × stage figures).",
    )

    # Business (spec md_micronegocios §2)
    md_sector = fields.Selection(SECTORS, string="Economic Sector")
    md_activity = fields.Char(string="Economic Activity")
    md_has_establishment = fields.Boolean(string="Has Premises")
    md_years_operating = fields.Integer(string="Years Operating")
    md_workers = fields.Integer(string="Workers")
    md_formal_registration = fields.Selection(
        [
            ("chamber", "Chamber of Commerce and RUT"),
            ("rut", "RUT only"),
            ("none", "None"),
        ],
        string="Formal Registration",
    )
    md_main_products = fields.Text(string="Main Products")
    md_currency_id = fields.Many2one("res.currency", default=lambda self: self._md_cop())
    md_sales_before = fields.Monetary(
        string="Monthly Sales Before the Pandemic", currency_field="md_currency_id"
    )
    md_sales_after = fields.Monetary(string="Monthly Sales Now", currency_field="md_currency_id")
    md_cannot_sell = fields.Boolean(string="Cannot Offer or Sell")
    md_cannot_sell_cause = fields.Selection(CANNOT_SELL_CAUSES, string="Why Cannot Sell")
    md_low_demand = fields.Boolean(string="Low Demand")
    md_low_demand_cause = fields.Selection(LOW_DEMAND_CAUSES, string="Why Low Demand")
    # The three program services besides accompaniment (bulletin 004).
    md_service_microcredit = fields.Selection(SERVICE_STATES, string="Microcredit", tracking=True)
    md_service_financial_education = fields.Selection(
        SERVICE_STATES, string="Financial Education", tracking=True
    )
    md_service_ict_education = fields.Selection(
        SERVICE_STATES, string="ICT Education", tracking=True
    )
    # Meetings, diagnostic and plan
    md_meeting_count = fields.Integer(
        string="Recorded Meetings", compute="_compute_md_meeting_count", store=True
    )
    md_diagnostic_ids = fields.One2many("md.diagnostic", "lead_id", string="Diagnostics")
    md_diagnostic_id = fields.Many2one(
        "md.diagnostic",
        string="Diagnostic",
        compute="_compute_md_diagnostic_id",
        store=True,
        help="The latest generated diagnostic of the case.",
    )
    md_diagnostic_line_ids = fields.One2many(
        related="md_diagnostic_id.line_ids", string="Lever Results"
    )
    md_plan_ids = fields.One2many("md.plan", "lead_id", string="Attention Plans")
    md_plan_id = fields.Many2one(
        "md.plan", string="Attention Plan", compute="_compute_md_plan_id", store=True
    )
    md_plan_state = fields.Selection(related="md_plan_id.state", string="Plan Status")

    # The database holds the rule too (the constraint below gives the message first).
    _sql_constraints = [
        (
            "md_years_operating_not_negative",
            "CHECK(md_years_operating IS NULL OR md_years_operating >= 0)",
            "Years Operating cannot be negative.",
        ),
        (
            "md_workers_not_negative",
            "CHECK(md_workers IS NULL OR md_workers >= 0)",
            "Workers cannot be negative.",
        ),
        (
            "md_sales_before_not_negative",
            "CHECK(md_sales_before IS NULL OR md_sales_before >= 0)",
            "Monthly Sales Before the Pandemic cannot be negative.",
        ),
        (
            "md_sales_after_not_negative",
            "CHECK(md_sales_after IS NULL OR md_sales_after >= 0)",
            "Monthly Sales Now cannot be negative.",
        ),
    ]

    @api.model
    def _md_xmlid_record(self, model, xmlid):
        """``env.ref`` without its existence query: the xml id lookup is cached, and this is
        called per lead by Odoo's own flows (stage of each lead on assignment, defaults)."""
        res_id = self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
        return self.env[model].browse(res_id or ())

    @api.model
    def _md_team(self):
        """The program's sales team: its leads are the program's cases."""
        return self._md_xmlid_record("crm.team", "md_micronegocios.crm_team_md")

    @api.model
    def _md_cop(self):
        return self._md_xmlid_record("res.currency", "base.COP")

    @api.model
    def _md_default_cycle(self):
        team = self._md_team()
        if team and self.env.context.get("default_team_id") == team.id:
            return self.env["md.cycle"]._current()
        return False

    @api.depends("team_id")
    def _compute_md_is_case(self):
        team = self._md_team()
        for lead in self:
            lead.md_is_case = bool(team) and lead.team_id == team

    @api.depends("md_cycle_id.date_start", "md_cycle_id.week_count", "md_registration_date")
    def _compute_md_week(self):
        for lead in self:
            lead.md_week = (
                lead.md_cycle_id._week_of(lead.md_registration_date) if lead.md_cycle_id else 0
            )

    @api.depends("calendar_event_ids.md_mode")
    def _compute_md_meeting_count(self):
        for lead in self:
            lead.md_meeting_count = len(lead.calendar_event_ids.filtered("md_mode"))

    @api.depends("md_diagnostic_ids.state", "md_diagnostic_ids.date")
    def _compute_md_diagnostic_id(self):
        for lead in self:
            done = lead.md_diagnostic_ids.filtered(lambda d: d.state == "done")
            lead.md_diagnostic_id = done.sorted(lambda d: (d.date, d.id))[-1:]

    @api.depends("md_plan_ids.state")
    def _compute_md_plan_id(self):
        for lead in self:
            lead.md_plan_id = lead.md_plan_ids.sorted("id")[-1:]

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The program's board shows its own seven stages, not the generic ones."""
        team = self._md_team()
        if team and self.env.context.get("default_team_id") == team.id:
            stage_ids = stages.sudo()._search(
                ["|", ("id", "in", stages.ids), ("team_id", "=", team.id)], order=stages._order
            )
            return stages.browse(stage_ids)
        return super()._read_group_stage_ids(stages, domain)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        """A program case only moves through the program's stages."""
        team = self._md_team()
        teams = {team_id} if team_id else set()
        teams |= set(self.team_id.ids)
        if team and teams == {team.id}:
            return self.env["crm.stage"].search(
                [("team_id", "=", team.id), *(domain or [])], order=order, limit=limit
            )
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    @api.constrains("user_id", "team_id")
    def _check_md_facilitator(self):
        for lead in self.filtered("md_is_case"):
            if not lead.user_id:
                raise ValidationError(
                    self.env._("Case %s needs its facilitator (Salesperson).", lead.name)
                )

    @api.constrains(*MD_BUSINESS_FIGURES)
    def _check_md_business_figures(self):
        self._micro_check_range(MD_BUSINESS_FIGURES, low=0, source=input_rules.SOURCE_VALUATION)

    @api.constrains("md_registration_date")
    def _check_md_registration_date(self):
        self.filtered("md_is_case")._micro_check_not_future(
            ["md_registration_date"], source=input_rules.SOURCE_VALUATION
        )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        cases = leads.filtered("md_is_case")
        cases._md_check_duplicates()
        cases._md_check_gates_from(False)
        return leads

    def write(self, vals):
        # Checked before CRM's own write derives values from them (a list given as the
        # salesperson would first stamp the assignment date).
        self._micro_check_input(vals)
        previous = {}
        if "stage_id" in vals:
            previous = {lead.id: lead.stage_id for lead in self if lead.md_is_case}
        res = super().write(vals)
        if {"partner_id", "name", "phone"} & set(vals):
            self.filtered("md_is_case")._md_check_duplicates()
        for lead in self.filtered(lambda lead: lead.id in previous):
            lead._md_check_gates_from(previous[lead.id])
        if "partner_id" in vals and "stage_id" not in vals:
            self._md_advance()
        return res

    # ---- PROGRAM WORDING ----

    def _creation_subtype(self):
        if self.md_is_case:
            return self.env.ref("md_micronegocios.mt_md_case_registered")
        return super()._creation_subtype()

    def _creation_message(self):
        if self.md_is_case:
            return self.env._("Micro-business registered in the program.")
        return super()._creation_message()

    @api.model
    def get_views(self, views, options=None):
        """A program user (facilitator, orientador) sees no CRM sales action in the gear
        menu of a case: Mark Lost (the case has Drop Out), Enrich, Send SMS, mass mailing,
        merge (issue 17). Sales managers keep them."""
        res = super().get_views(views, options)
        user = self.env.user
        if user.has_group("md_micronegocios.md_micronegocios_group_facilitator") and (
            not user.has_group("sales_team.group_sale_manager")
        ):
            hidden = set()
            for xmlid in MD_HIDDEN_BINDINGS:
                action = self.env.ref(xmlid, raise_if_not_found=False)
                if action:
                    hidden.add(action.id)
            for view in res.get("views", {}).values():
                toolbar = view.get("toolbar") or {}
                for key in list(toolbar):
                    toolbar[key] = [a for a in toolbar[key] if a.get("id") not in hidden]
                    if not toolbar[key]:
                        del toolbar[key]
        return res

    # ---- BUSINESS ----

    def _md_check_duplicates(self):
        """Refuse a second registration of the same micro-business: same owner document,
        or same phone and business name (spec md_micronegocios §2). Searched over every
        case, whoever registered it."""
        Lead = self.sudo().with_context(active_test=True)
        for lead in self:
            partner = lead.partner_id
            domain = []
            if partner.identity_number:
                domain = [
                    ("partner_id.identity_type", "=", partner.identity_type),
                    ("partner_id.identity_number", "=", partner.identity_number),
                ]
            if lead.phone_sanitized and lead.name:
                by_phone = [
                    ("phone_sanitized", "=", lead.phone_sanitized),
                    ("name", "=ilike", lead.name.strip()),
                ]
                domain = expression.OR([domain, by_phone]) if domain else by_phone
            if not domain:
                continue
            other = Lead.search(
                [("md_is_case", "=", True), ("id", "!=", lead.id), *domain], limit=1
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "This micro-business is already registered: case %(case)s of "
                        "%(facilitator)s (same owner document, or same phone and name).",
                        case=other.name,
                        facilitator=other.user_id.name or "-",
                    )
                )

    def _md_missing_for_gate(self, gate):
        """What this case lacks to pass ``gate`` (a list of messages, empty if nothing)."""
        self.ensure_one()
        missing = []
        partner = self.partner_id
        if gate == "meeting_1":
            if not partner:
                missing.append(self.env._("the owner"))
            elif not partner.md_consent_date:
                missing.append(self.env._("the owner's consent to personal-data processing"))
            if self.md_meeting_count < 1:
                missing.append(self.env._("a recorded meeting"))
        elif gate == "meeting_2" and self.md_meeting_count < 2:
            missing.append(self.env._("two recorded meetings (%s so far)", self.md_meeting_count))
        elif gate == "diagnostic" and not self.md_diagnostic_id:
            missing.append(self.env._("a generated diagnostic"))
        elif gate == "plan" and self.md_plan_state not in (
            "designed",
            "followup",
            "completed",
            "closed",
        ):
            missing.append(self.env._("an approved (designed) attention plan"))
        elif gate == "followup" and not self.md_plan_id.registered_count:
            missing.append(self.env._("at least one plan activity registered"))
        elif gate == "completed" and self.md_plan_state not in ("completed", "closed"):
            missing.append(self.env._("a completed attention plan"))
        return missing

    def _md_advance(self):
        """The board follows the facts (issue 17): a case moves forward on its own to the
        furthest stage whose entry requirements are all met, one stage after the other,
        with a line in its chatter saying why. It never moves backwards by itself, and a
        dropped-out case stays where it stopped."""
        team = self._md_team()
        if not team:
            return
        stages = (
            self.env["crm.stage"].sudo().search([("team_id", "=", team.id)], order="sequence, id")
        )
        gates = dict(self.env["crm.stage"]._fields["md_gate"]._description_selection(self.env))
        author = self.env.user.partner_id
        # The facts are read whole whoever records the last one (a mentor logging an
        # activity may not read the owner's consent): a server-side step.
        for lead in self.sudo().filtered(lambda lead: lead.md_is_case and lead.active):
            current = lead.stage_id
            if current not in stages:
                continue
            target, facts = current, []
            for stage in stages.filtered(lambda s, current=current: s.sequence > current.sequence):
                if not stage.md_gate or lead._md_missing_for_gate(stage.md_gate):
                    break
                target = stage
                facts.append(gates[stage.md_gate])
            if target == current:
                continue
            # The fact recorded by whoever had the right to record it moves the case (the
            # orientador approving a plan moves her facilitator's case).
            lead.with_context(mail_notrack=True).write({"stage_id": target.id})
            lead.message_post(
                body=self.env._(
                    "The case moved forward from %(old)s to %(new)s: %(facts)s.",
                    old=current.name,
                    new=target.name,
                    facts="; ".join(facts),
                ),
                subtype_xmlid="mail.mt_note",
                author_id=author.id,
            )

    def _md_check_gates_from(self, previous_stage):
        """Moving forward means passing the entry requirement of every stage crossed."""
        team = self._md_team()
        stages = self.env["crm.stage"].search([("team_id", "=", team.id)]) if team else []
        for lead in self:
            target = lead.stage_id
            if not target or target.team_id != team:
                continue
            low = previous_stage.sequence if previous_stage else None
            crossed = stages.filtered(
                lambda s, low=low, target=target: s.md_gate
                and s.sequence <= target.sequence
                and (low is None or s.sequence > low)
            )
            missing = []
            for stage in crossed:
                missing += lead._md_missing_for_gate(stage.md_gate)
            if missing:
                raise UserError(
                    self.env._(
                        "Case %(case)s cannot move to %(stage)s: missing %(missing)s.",
                        case=lead.name,
                        stage=target.name,
                        missing="; ".join(dict.fromkeys(missing)),
                    )
                )

    # ---- ACTIONS ----

    @api.readonly
    def action_md_record_meeting(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Meeting"),
            "res_model": "calendar.event",
            "view_mode": "form",
            "views": [
                (self.env.ref("md_micronegocios.calendar_event_view_form_md_meeting").id, "form")
            ],
            "target": "current",
            "context": {
                "default_opportunity_id": self.id,
                "default_name": self.env._("Meeting with %s", self.partner_id.name or self.name),
                "default_md_mode": "in_person",
                "default_partner_ids": [fields.Command.set(self.partner_id.ids)],
                "default_res_model": "crm.lead",
                "default_res_id": self.id,
            },
        }

    @api.readonly
    def action_md_meetings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Meetings"),
            "res_model": "calendar.event",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("md_micronegocios.calendar_event_view_list_md_meeting").id, "list"),
                (self.env.ref("md_micronegocios.calendar_event_view_form_md_meeting").id, "form"),
            ],
            "domain": [("opportunity_id", "=", self.id), ("md_mode", "!=", False)],
            "context": {"default_opportunity_id": self.id, "default_md_mode": "in_person"},
        }

    def action_md_diagnostic(self):
        """Open the diagnostic being filled, else the latest generated one, else start one
        with the questionnaire in use."""
        self.ensure_one()
        diagnostic = self.md_diagnostic_ids.filtered(lambda d: d.state == "draft")[:1]
        diagnostic = diagnostic or self.md_diagnostic_id
        if not diagnostic:
            if not self.env["md.questionnaire"]._current():
                raise UserError(self.env._("No diagnostic questionnaire is in use."))
            diagnostic = self.env["md.diagnostic"].create({"lead_id": self.id})
        return diagnostic.get_formview_action()

    def action_md_generate_diagnostics(self):
        """Generate, in one batch, the diagnostics filled for the selected cases."""
        drafts = self.md_diagnostic_ids.filtered(lambda d: d.state == "draft")
        if not drafts:
            raise UserError(
                self.env._("None of the selected cases has a diagnostic being filled.")
            )
        drafts.action_generate()
        return True

    @api.readonly
    def action_md_open_plan(self):
        self.ensure_one()
        return self.md_plan_id.get_formview_action()

    def action_md_generate_plan(self):
        """Propose the attention plan of each case from its latest diagnostic."""
        without = self.filtered(lambda lead: not lead.md_diagnostic_id)
        if without:
            raise UserError(
                self.env._("Generate the diagnostic first: %s", ", ".join(without.mapped("name")))
            )
        planned = self.filtered(lambda lead: lead.md_plan_id and lead.md_plan_id.state != "closed")
        if planned:
            raise UserError(
                self.env._(
                    "These cases already have an attention plan: %s",
                    ", ".join(planned.mapped("name")),
                )
            )
        plans = self.env["md.plan"]._create_from_diagnostics(self.md_diagnostic_id)
        if len(plans) == 1:
            return plans.get_formview_action()
        return True

    def toggle_active(self):
        """Keep the stage of a case at drop-out; forget it when the case comes back."""
        dropping = self.filtered(lambda lead: lead.active and lead.md_is_case)
        for lead in dropping:
            lead.md_dropout_stage_id = lead.stage_id
        coming_back = self.filtered(lambda lead: not lead.active and lead.md_dropout_stage_id)
        res = super().toggle_active()
        coming_back.md_dropout_stage_id = False
        return res
