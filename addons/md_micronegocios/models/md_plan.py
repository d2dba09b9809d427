import datetime

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import is_html_empty

from ..tools import input_rules
from ..tools import plan as plan_tool

FACILITATOR = "md_micronegocios.md_micronegocios_group_facilitator"
ORIENTADOR = "md_micronegocios.md_micronegocios_group_orientador"
COORDINATOR = "md_micronegocios.md_micronegocios_group_coordinator"
#: Statuses in which a coordinator assigns (or removes) mentors.
MENTOR_STATES = ("draft", "designed", "followup")

PLAN_STATES = [
    ("draft", "Draft"),
    ("designed", "Designed"),
    ("followup", "In Follow-up"),
    ("completed", "Completed"),
    ("closed", "Closed"),
]


class MdPlan(models.Model):
    """The attention plan of a case: 10 to 12 weeks of activities proposed from the
    diagnostic, weakest levers first, prioritized with the owner and approved
    (spec md_micronegocios §4), with the mentors it needs (§5)."""

    _name = "md.plan"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "micro.workflow.mixin",
        "micro.input.mixin",
    ]
    _description = "Attention Plan"
    _order = "id desc"

    # The plan is proposed by the generation from a diagnostic, approved by an orientador
    # or a coordinator, and given its mentors by a coordinator (spec §4, §5): each through
    # its step, which checks the role and the plan's status.
    _workflow_step_fields = (
        "lead_id",
        "diagnostic_id",
        "weeks",
        "designed_date",
        "approved_by_id",
        "mentor_ids",
    )
    _workflow_frozen = {
        "designed": ("prioritized_lever_ids",),
        "followup": ("prioritized_lever_ids",),
        "completed": ("prioritized_lever_ids", "plan_activity_ids"),
        "closed": "__all__",
    }
    _workflow_unlink_states = ("draft",)

    lead_id = fields.Many2one(
        "crm.lead", string="Case", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(related="lead_id.name", string="Micro-business")
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Owner")
    user_id = fields.Many2one(
        related="lead_id.user_id", string="Facilitator", store=True, index=True
    )
    city_id = fields.Many2one(related="lead_id.md_city_id", store=True)
    cycle_id = fields.Many2one(related="lead_id.md_cycle_id", store=True)
    diagnostic_id = fields.Many2one(
        "md.diagnostic", required=True, ondelete="restrict", readonly=True
    )
    state = fields.Selection(
        PLAN_STATES, default="draft", required=True, readonly=True, tracking=True, index=True
    )
    weeks = fields.Integer(readonly=True)
    prioritized_lever_ids = fields.Many2many(
        "md.lever",
        string="Prioritized Levers",
        help="Levers the plan works on, agreed with the owner (weakest first).",
    )
    plan_activity_ids = fields.One2many("md.plan.activity", "plan_id", string="Plan Activities")
    designed_date = fields.Date(readonly=True, tracking=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    requires_mentor = fields.Boolean(
        compute="_compute_requires_mentor",
        store=True,
        help="A prioritized lever is at a level that calls for a mentor.",
    )
    mentor_ids = fields.Many2many(
        "md.mentor",
        "md_plan_md_mentor_rel",
        "md_plan_id",
        "md_mentor_id",
        string="Mentors",
        tracking=True,
    )
    can_assign_mentors = fields.Boolean(
        compute="_compute_can_assign_mentors",
        help="The current user is a case coordinator: they assign the plan's mentors.",
    )
    mentor_pending = fields.Boolean(
        compute="_compute_mentor_pending", store=True, string="Waiting for a Mentor"
    )
    mentor_user_ids = fields.Many2many(
        "res.users", compute="_compute_mentor_user_ids", string="Mentor Users"
    )
    suggested_mentor_ids = fields.Many2many(
        "md.mentor", compute="_compute_suggested_mentor_ids", string="Suggested Mentors"
    )
    suggested_mentor_id = fields.Many2one(
        "md.mentor",
        compute="_compute_suggested_mentor_ids",
        string="Suggested Mentor",
        help="The available mentor with room who masters the most of the plan's levers, "
        "in the plan's city before online, the least loaded first: the one Assign gives "
        "the plan.",
    )
    waiting_days = fields.Integer(
        compute="_compute_waiting_days",
        string="Waiting Days",
        help="Calendar days the plan has waited: since it was proposed while it waits for "
        "approval, since it was approved while it waits for a mentor.",
    )
    expected_count = fields.Integer(
        compute="_compute_follow_up", store=True, string="Activities Expected"
    )
    registered_count = fields.Integer(
        compute="_compute_follow_up", store=True, string="Activities Registered"
    )
    done_count = fields.Integer(compute="_compute_follow_up", store=True, string="Activities Done")
    done_percent = fields.Float(
        compute="_compute_follow_up", store=True, string="% Done", aggregator="avg"
    )

    @api.depends("prioritized_lever_ids", "diagnostic_id.line_ids.level_id.requires_mentor")
    def _compute_requires_mentor(self):
        for plan in self:
            levels = plan.diagnostic_id.line_ids.filtered(
                lambda line, plan=plan: line.lever_id in plan.prioritized_lever_ids
            ).level_id
            plan.requires_mentor = plan_tool.requires_mentor(
                levels, levels.filtered("requires_mentor")
            )

    @api.depends("requires_mentor", "mentor_ids", "state")
    def _compute_mentor_pending(self):
        for plan in self:
            plan.mentor_pending = (
                plan.requires_mentor
                and not plan.mentor_ids
                and plan.state in ("designed", "followup")
            )

    @api.depends("state")
    @api.depends_context("uid")
    def _compute_can_assign_mentors(self):
        coordinator = self.env.user.has_group(COORDINATOR)
        for plan in self:
            plan.can_assign_mentors = coordinator and plan.state in MENTOR_STATES

    @api.depends("mentor_ids.user_id")
    def _compute_mentor_user_ids(self):
        for plan in self:
            plan.mentor_user_ids = plan.mentor_ids.user_id

    @api.depends("prioritized_lever_ids", "city_id", "mentor_ids")
    def _compute_suggested_mentor_ids(self):
        mentors = self.env["md.mentor"].search([])
        for plan in self:
            ranked = [
                m.id
                for m in mentors._ranked_for(plan.prioritized_lever_ids, plan.city_id)
                if m not in plan.mentor_ids
            ]
            plan.suggested_mentor_ids = [fields.Command.set(ranked)]
            plan.suggested_mentor_id = ranked[0] if ranked else False

    @api.depends("state", "create_date", "designed_date", "mentor_pending")
    def _compute_waiting_days(self):
        today = fields.Date.context_today(self)
        for plan in self:
            since = False
            if plan.state == "draft" and plan.create_date:
                since = fields.Datetime.context_timestamp(plan, plan.create_date).date()
            elif plan.mentor_pending:
                since = plan.designed_date
            plan.waiting_days = plan_tool.waiting_days(since, today)

    @api.depends("plan_activity_ids.state")
    def _compute_follow_up(self):
        threshold = self.env["res.config.settings"]._md_setting("completion_threshold")
        for plan in self:
            expected, registered, done, percent, _completed = plan_tool.follow_up(
                plan.plan_activity_ids.mapped("state"), threshold
            )
            plan.expected_count = expected
            plan.registered_count = registered
            plan.done_count = done
            plan.done_percent = percent

    @api.depends("lead_id.name")
    def _compute_display_name(self):
        for plan in self:
            plan.display_name = self.env._("Plan of %s", plan.lead_id.name or "")

    @api.constrains("weeks")
    def _check_weeks(self):
        self.filtered("weeks")._micro_check_range(
            ["weeks"],
            low=plan_tool.MIN_WEEKS,
            high=plan_tool.MAX_WEEKS,
            source=input_rules.SOURCE_PLAN,
        )

    @api.model
    def get_empty_list_help(self, help_message):
        """Plans are proposed from a case's diagnostic, never created from an empty list:
        instead of mail's "Create new document", say where plans come from (a mentor, who
        cannot create one, learns who assigns them)."""
        if is_html_empty(help_message):
            # Facilitators, orientadores and coordinators (one chain of roles).
            if self.env.user.has_group(FACILITATOR):
                help_message = Markup("<p>%s</p><p>%s</p>") % (
                    self.env._("No attention plan here yet."),
                    self.env._(
                        "A case's plan is proposed from its diagnostic (Generate Plan on the "
                        "case) and approved by its orientador."
                    ),
                )
            else:
                help_message = Markup("<p>%s</p><p>%s</p>") % (
                    self.env._("No plan is assigned to you yet."),
                    self.env._(
                        "The case coordinator assigns you the plans whose levers you master."
                    ),
                )
        return super().get_empty_list_help(help_message)

    def write(self, vals):
        """The coordinator assigns mentors from the form's field too: that change goes
        through the assignment step, which checks the role and the plan's status."""
        if "mentor_ids" in vals and not self.env.su:
            vals = dict(vals)
            commands = vals.pop("mentor_ids")
            self._workflow_check_vals(vals)  # the rest refused first, if it must be
            self._md_set_mentors(commands)
            if not vals:
                return True
        return super().write(vals)

    # ---- ACTIONS ----

    def action_design(self):
        """Approve the plan agreed with the owner: its activities go to people's to-do."""
        if not self.env.user.has_group(ORIENTADOR):
            raise UserError(
                self.env._("Only an orientador or a case coordinator approves a plan.")
            )
        # The approver approves the plans of the cases they follow (record rules).
        self.check_access("write")
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Plan %s is not a draft.", plan.display_name))
            if not plan.plan_activity_ids:
                raise UserError(self.env._("Plan %s has no activities.", plan.display_name))
        self._workflow_write(
            {
                "state": "designed",
                "designed_date": fields.Date.context_today(self),
                "approved_by_id": self.env.uid,
            },
            group=ORIENTADOR,
        )
        self.plan_activity_ids.sudo()._schedule()
        return True

    def action_close(self):
        self._workflow_check_group(ORIENTADOR)
        self.check_access("write")
        self._workflow_check_state("followup", "completed")
        self._workflow_write({"state": "closed"}, group=ORIENTADOR)
        return True

    def action_assign_mentor(self, mentors=None):
        """Assign the given mentors (records or ids; default: the first suggestion) to each
        plan: the coordinator's step. Anything else given as ``mentors`` (a text, a
        number that is not an id, an id of no mentor: an external API call) is refused
        before anything is written."""
        mentors = self._md_mentors_argument(mentors)
        for plan in self:
            chosen = mentors or plan.suggested_mentor_ids[:1]
            if not chosen:
                raise UserError(
                    self.env._(
                        "No available mentor masters the levers of %s in its city or online.",
                        plan.display_name,
                    )
                )
            plan._md_set_mentors([fields.Command.link(m.id) for m in chosen])
        return True

    def _md_mentors_argument(self, mentors):
        """``mentors`` of :meth:`action_assign_mentor` as ``md.mentor`` records (``None``
        when not given), or a :class:`UserError` naming the value."""
        Mentor = self.env["md.mentor"]
        if mentors is None or mentors is False:
            return None
        if isinstance(mentors, models.BaseModel):
            if mentors._name == "md.mentor":
                return mentors
            ids = None
        elif isinstance(mentors, int) and not isinstance(mentors, bool):
            ids = [mentors]
        elif isinstance(mentors, list | tuple):
            ids = list(mentors)
        else:
            ids = None
        if ids is None or not all(
            isinstance(i, int) and not isinstance(i, bool) and i > 0 for i in ids
        ):
            raise UserError(
                self.env._(
                    "Mentors: %r is not a list of mentor ids; expected the ids of the "
                    "program's mentors.",
                    mentors,
                )
            )
        found = Mentor.browse(ids).exists()
        missing = sorted(set(ids) - set(found.ids))
        if missing:
            raise UserError(
                self.env._(
                    "Mentors: no mentor has the id %s; expected the ids of the program's "
                    "mentors.",
                    ", ".join(map(str, missing)),
                )
            )
        return found

    def _md_set_mentors(self, commands):
        """The mentor assignment step: a case coordinator, on plans not yet completed."""
        self._workflow_check_group(COORDINATOR)
        self.check_access("write")
        self._workflow_check_state(*MENTOR_STATES)
        # Only existing mentors, read as the coordinator (no record created on the way).
        allowed = (
            fields.Command.LINK,
            fields.Command.UNLINK,
            fields.Command.CLEAR,
            fields.Command.SET,
        )
        if any(
            not isinstance(command, list | tuple) or command[0] not in allowed
            for command in commands
        ):
            raise AccessError(
                self.env._("Mentors are chosen among the program's mentors, not created here.")
            )
        mentor_ids = {
            mentor_id
            for command in commands
            for mentor_id in (command[2] if command[0] == fields.Command.SET else command[1:2])
            if mentor_id
        }
        self.env["md.mentor"].browse(mentor_ids).check_access("read")
        self._workflow_write({"mentor_ids": commands}, group=COORDINATOR)

    def action_schedule_session(self):
        """A mentoring session (individual, or group when several plans are selected)."""
        partners = self.mentor_ids.user_id.partner_id | self.partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_name": self.env._("Mentoring: %s", ", ".join(self.mapped("name"))),
                "default_md_plan_ids": [fields.Command.set(self.ids)],
                "default_md_session_kind": "group" if len(self) > 1 else "individual",
                "default_partner_ids": [fields.Command.set(partners.ids)],
            },
        }

    # ---- BUSINESS ----

    def _update_progress(self):
        """Follow-up starts with the first registered activity; a plan whose done share
        exceeds the threshold is completed."""
        threshold = self.env["res.config.settings"]._md_setting("completion_threshold")
        for plan in self:
            *_figures, completed = plan_tool.follow_up(
                plan.plan_activity_ids.mapped("state"), threshold
            )
            # A consequence of a logged activity (its own step checked who logs it).
            if plan.state == "designed" and plan.registered_count:
                plan.sudo().state = "followup"
            if plan.state == "followup" and completed:
                plan.sudo().state = "completed"

    @api.model
    def _create_from_diagnostics(self, diagnostics):
        """Draft plans proposed from generated diagnostics, in one batch: the library and
        the settings are read once, the plans and their activities created in one call."""
        diagnostics = diagnostics.filtered(lambda d: d.state == "done")
        if not diagnostics:
            return self.browse()
        settings = self.env["res.config.settings"]
        weeks = settings._md_setting("plan_weeks")
        per_lever = settings._md_setting("templates_per_lever")
        library = {}
        for template in self.env["md.activity.template"].search([]):
            library.setdefault(template.lever_id, []).append(template)
        values = []
        for diagnostic in diagnostics:
            lines = {line.lever_id: line for line in diagnostic.line_ids}
            prioritized = diagnostic.weakest_lever_ids.sorted(
                key=lambda lever, lines=lines: lines[lever].score
            )

            def templates_for(lever, lines=lines):
                level = lines[lever].level_id
                return [
                    t for t in library.get(lever, []) if not t.level_ids or level in t.level_ids
                ]

            proposals = plan_tool.propose(
                prioritized, templates_for, weeks=weeks, per_lever=per_lever
            )
            values.append(
                {
                    "lead_id": diagnostic.lead_id.id,
                    "diagnostic_id": diagnostic.id,
                    "weeks": weeks,
                    "prioritized_lever_ids": [fields.Command.set(prioritized.ids)],
                    "plan_activity_ids": [
                        fields.Command.create(
                            {
                                "sequence": index,
                                "week": proposal.week,
                                "lever_id": proposal.lever.id,
                                "template_id": proposal.template.id,
                                "name": proposal.template.name,
                                "responsible": proposal.template.responsible,
                            }
                        )
                        for index, proposal in enumerate(proposals, start=1)
                    ],
                }
            )
        # A generated plan's activities start with no chatter of their own (no creation
        # message, no follower): their changes are tracked from then on. The plan's case,
        # diagnostic and weeks are set by this step only.
        diagnostics.check_access("read")
        diagnostics.lead_id.check_access("write")
        return self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        )._workflow_create(values)

    # ---- CRONS ----

    @api.model
    def _cron_remind_pending_mentor(self):
        """A to-do for whoever approved a plan that waits for a mentor longer than the
        setting's days; a plan that already has one open is left alone (idempotent)."""
        days = self.env["res.config.settings"]._md_setting("mentor_wait_days")
        limit = fields.Date.context_today(self) - datetime.timedelta(days=days)
        activity_type = self.env.ref("md_micronegocios.mail_activity_type_md_mentor_pending")
        plans = self.search(
            [
                ("mentor_pending", "=", True),
                ("designed_date", "<=", limit),
            ]
        ).filtered(lambda plan: activity_type not in plan.activity_ids.activity_type_id)
        self.env["micro.scheduled.work"]._run_in_batches(
            plans, lambda plan: plan._remind_pending_mentor(activity_type)
        )

    def _remind_pending_mentor(self, activity_type):
        user = self.approved_by_id or self.lead_id.team_id.user_id or self.env.user
        self.activity_schedule(
            activity_type_id=activity_type.id,
            user_id=user.id,
            note=self.env._("Plan approved on %s still waits for a mentor.", self.designed_date),
        )
