import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import input_rules
from ..tools import plan as plan_tool
from .md_activity_template import RESPONSIBLES

ACTIVITY_STATES = [("planned", "Planned"), ("done", "Done"), ("not_done", "Not Done")]


class MdPlanActivity(models.Model):
    """An activity of an attention plan: lever, week, who does it, due date, state and the
    evidence that it was done (a note, files, a photo taken with the phone). Once the plan
    is approved it is scheduled as a ``mail.activity`` in the responsible user's to-do."""

    _name = "md.plan.activity"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _description = "Attention Plan Activity"
    # The absolute bounds on the values sent (before the database CHECKs); the plan's own
    # length is checked by _check_week.
    _input_ranges = {"week": (1, plan_tool.MAX_WEEKS, False, input_rules.SOURCE_PLAN)}
    _order = "plan_id, week, sequence, id"

    # Done only through the step that checks the evidence; once done, what was done and its
    # evidence stay as logged.
    _workflow_step_fields = ("done_date", "mail_activity_id", "overdue_notified")
    _workflow_frozen = {"done": "__all__"}
    _workflow_free_fields = ("sequence", "service_id")
    _workflow_unlink_states = ("planned",)

    plan_id = fields.Many2one("md.plan", required=True, ondelete="cascade", index=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    lead_id = fields.Many2one(related="plan_id.lead_id", string="Case")
    partner_id = fields.Many2one(related="plan_id.partner_id", string="Owner")
    city_id = fields.Many2one(related="plan_id.city_id", store=True)
    sequence = fields.Integer(default=10, string="Priority")
    name = fields.Char(string="Activity", required=True)
    week = fields.Integer(required=True, default=1, tracking=True)
    lever_id = fields.Many2one("md.lever", string="Lever", required=True, ondelete="restrict")
    template_id = fields.Many2one("md.activity.template", ondelete="set null")
    service_id = fields.Many2one(
        "md.service",
        string="Ecosystem Service",
        index="btree_not_null",
        ondelete="restrict",
        help="Service of the ecosystem the activity uses (spec md_micronegocios §4, §6).",
    )
    responsible = fields.Selection(RESPONSIBLES, required=True, default="owner", tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Follow-up By",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        tracking=True,
        help="User whose to-do list shows the activity (the facilitator follows up what "
        "the owner does).",
    )
    date_deadline = fields.Date(string="Due Date", tracking=True)
    state = fields.Selection(
        ACTIVITY_STATES, default="planned", required=True, tracking=True, index=True
    )
    done_date = fields.Date(readonly=True)
    evidence_note = fields.Text(string="Evidence")
    evidence_photo = fields.Image(string="Photo", max_width=1920, max_height=1920)
    evidence_attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")
    mail_activity_id = fields.Many2one("mail.activity", readonly=True, ondelete="set null")
    overdue_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        ("week_positive", "CHECK(week >= 1)", "Weeks of a plan start at 1."),
        ("week_max", f"CHECK(week <= {plan_tool.MAX_WEEKS})", "A plan lasts at most 12 weeks."),
    ]

    @api.depends("responsible", "plan_id.user_id", "plan_id.mentor_ids")
    def _compute_user_id(self):
        for activity in self:
            mentor_user = activity.plan_id.mentor_ids.user_id[:1]
            if activity.responsible == "mentor" and mentor_user:
                activity.user_id = mentor_user
            else:
                activity.user_id = activity.plan_id.user_id

    @api.constrains("week", "plan_id")
    def _check_week(self):
        for activity in self:
            activity._micro_check_range(
                ["week"],
                low=1,
                high=activity.plan_id.weeks or plan_tool.MAX_WEEKS,
                source=input_rules.SOURCE_PLAN,
            )

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        if not self.env.su and any(
            state in ("completed", "closed") for state in activities.plan_id.mapped("state")
        ):
            raise UserError(self.env._("A completed or closed plan takes no new activities."))
        return activities

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            self.plan_id._update_progress()
        return res

    # ---- ACTIONS ----

    def action_done(self):
        """Log the activity done (and close its to-do)."""
        self._md_log_done()
        self._close_mail_activities()
        return True

    def _md_log_done(self):
        """The step that logs the activity done: it checks the plan is approved and the
        evidence is there (whoever may edit the activity: its facilitator, the mentor of
        its plan, the orientador or a coordinator)."""
        self.check_access("write")
        self._workflow_check_state("planned", "not_done")
        for activity in self:
            if activity.plan_id.state not in ("designed", "followup", "completed"):
                raise UserError(
                    self.env._("The plan must be approved before its activities are logged.")
                )
            if not (
                activity.evidence_note
                or activity.evidence_photo
                or activity.evidence_attachment_ids
            ):
                raise UserError(
                    self.env._(
                        "Add evidence (a note, a photo or a file) before marking %s done.",
                        activity.name,
                    )
                )
        self._workflow_write({"state": "done", "done_date": fields.Date.context_today(self)})

    def action_not_done(self):
        self.check_access("write")
        self._workflow_check_state("planned")
        for activity in self:
            if activity.plan_id.state not in ("designed", "followup", "completed"):
                raise UserError(
                    self.env._("The plan must be approved before its activities are logged.")
                )
        self._workflow_write({"state": "not_done"})
        self._close_mail_activities()
        return True

    def _md_done_from_todo(self, feedback):
        """The plan's to-do marked done from the to-do list (which closes it): its feedback
        is the evidence, then the same step as the button (evidence required)."""
        for activity in self:
            if feedback and not activity.evidence_note:
                activity.evidence_note = feedback
        self._md_log_done()

    # ---- BUSINESS ----

    def _schedule(self):
        """A to-do for each activity of an approved plan, due at the end of its week."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("md.plan")
        values = []
        pending = self.filtered(lambda a: a.state == "planned" and not a.mail_activity_id)
        for activity in pending:
            start = activity.plan_id.designed_date or fields.Date.context_today(self)
            if not activity.date_deadline:
                activity.date_deadline = start + datetime.timedelta(weeks=activity.week, days=-1)
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": activity.plan_id.id,
                    "activity_type_id": todo.id,
                    "summary": activity.name,
                    "date_deadline": activity.date_deadline,
                    "user_id": activity.user_id.id or self.env.uid,
                }
            )
        # Followers first, once per plan: creating several to-dos of one user on one plan
        # in a batch would otherwise subscribe that user several times.
        for plan in pending.plan_id:
            users = pending.filtered(lambda a, plan=plan: a.plan_id == plan).user_id
            plan.sudo().message_subscribe(partner_ids=users.partner_id.ids)
        mail_activities = self.env["mail.activity"].sudo().create(values)
        for activity, mail_activity in zip(pending, mail_activities, strict=True):
            activity.mail_activity_id = mail_activity

    def _close_mail_activities(self):
        # The activities are logged already: closing their to-dos does not log them again.
        mail_activities = self.mail_activity_id.sudo()
        if mail_activities:
            mail_activities.action_feedback(feedback=self.env._("Logged in the attention plan."))

    # ---- CRONS ----

    @api.model
    def _cron_notify_overdue(self):
        """Tell the plan's followers once about each activity past its due date."""
        overdue = self.search(
            [
                ("state", "=", "planned"),
                ("date_deadline", "<", fields.Date.context_today(self)),
                ("overdue_notified", "=", False),
                ("plan_id.state", "in", ("designed", "followup")),
            ]
        )
        self.env["micro.scheduled.work"]._run_in_batches(
            overdue, lambda activity: activity._notify_overdue()
        )

    def _notify_overdue(self):
        self.plan_id.message_post(
            body=self.env._(
                "Activity %(activity)s was due on %(date)s and is not logged yet.",
                activity=self.name,
                date=self.date_deadline,
            ),
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        self.sudo().overdue_notified = True
