from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import rules
from ..tools.rules import RULES
from .pronafim_deadline import CLOCKS, program_today

APPLICATION_TYPES = [
    ("credit", "Credit support to an IMF"),
    ("training_population", "Non-credit: training of the target population"),
    ("imf_strengthening", "Non-credit: technical assistance or staff training of an IMF"),
    ("access_points", "Access points and credit promoters"),
    ("partial_credit", "Partial credit for access points"),
]
# §IX.1: the financial analysis applies only to §VIII.1, 2.B.iv, 2.B.v and 3.
FINANCIAL_ANALYSIS_TYPES = ("credit", "access_points", "partial_credit")

STATES = [
    ("draft", "Captured"),
    ("received", "Received"),
    ("clarification", "Clarification requested"),
    ("committee", "At committee"),
    ("authorized", "Authorized"),
    ("conditioned", "Conditioned"),
    ("rejected", "Rejected"),
    ("notified", "Notified"),
    ("formalized", "Formalized"),
    ("cancelled", "Cancelled"),
]
DECIDED = ("authorized", "conditioned", "rejected")
# Fields an IMF portal user may fill when capturing an application online.
PORTAL_CAPTURE_FIELDS = {
    "partner_id", "application_type", "credit_type_id", "amount_requested",
    "priority_zone", "women_share_pct", "preferential_rate", "user_id",
}  # fmt: skip
# Fields only the workflow steps write (§IX.2 dates drive the deadlines; the committee's
# decision and conditions come from the decision step; the clocks from the daily run).
STEP_FIELDS = (
    "outcome", "conditions", "date_received", "date_clarification",
    "date_clarification_answer", "date_session", "date_notified", "date_signed",
    "clock_status", "clock_flagged",
)  # fmt: skip
# What the committee decided on: it does not change once the application is at committee.
SUBMITTED_FIELDS = (
    "partner_id", "application_type", "credit_type_id", "amount_requested",
    "priority_zone", "women_share_pct", "preferential_rate",
)  # fmt: skip
ANALYST = "pronafim_credit.pronafim_credit_group_analyst"
SECRETARY = "pronafim_credit.pronafim_credit_group_committee_secretary"
FINANCE = "pronafim_credit.pronafim_credit_group_finance"
CLOCK_STATUS = [("ok", "On time"), ("lapsing", "Lapsing"), ("lapsed", "Lapsed")]


class PronafimApplication(models.Model):
    """An application ("trámite") of a support subject, from the single window on."""

    _name = "pronafim.application"
    _description = "PRONAFIM Application"
    _inherit = [
        "mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin",
    ]  # fmt: skip
    _order = "date_received desc, id desc"
    _rec_names_search = ["name", "partner_id.name"]
    _workflow_step_fields = STEP_FIELDS
    _input_ranges = {
        "amount_requested": (0, None, False, rules.cite("§VIII.1")),
        "women_share_pct": (0, 100, False, rules.cite("§VIII.1.B.i")),
    }
    _workflow_frozen = {
        state: SUBMITTED_FIELDS
        for state in (
            "committee", "authorized", "conditioned", "rejected", "notified", "formalized",
            "cancelled",
        )
    }  # fmt: skip

    name = fields.Char(string="Folio", readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner",
        string="Institution",
        required=True,
        tracking=True,
        domain=[("pronafim_role", "!=", False)],
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    application_type = fields.Selection(
        APPLICATION_TYPES, string="Type", required=True, tracking=True
    )
    credit_type_id = fields.Many2one("pronafim.credit.type", string="Credit Type", tracking=True)
    amount_requested = fields.Float(string="Amount Requested", digits=(16, 2), tracking=True)
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, copy=False)
    user_id = fields.Many2one(
        "res.users", string="Analyst", tracking=True, default=lambda self: self.env.user
    )
    priority_zone = fields.Boolean(string="Priority or special-attention zones")
    women_share_pct = fields.Float(string="Women in Portfolio (%)")
    preferential_rate = fields.Boolean(string="Preferential interest rate")
    conditions = fields.Text(string="Committee Conditions", tracking=True)
    outcome = fields.Selection(
        [("authorized", "Authorized"), ("rejected", "Rejected"), ("conditioned", "Conditioned")],
        string="Committee Decision",
        readonly=True,
        tracking=True,
        copy=False,
    )
    analysis_ids = fields.One2many("pronafim.application.analysis", "application_id")
    # §IX.2 dates and clocks
    date_received = fields.Date(string="Received On", tracking=True, copy=False)
    date_clarification = fields.Date(string="Clarification Requested On", tracking=True)
    date_clarification_answer = fields.Date(string="Clarification Answered On", tracking=True)
    date_complete = fields.Date(
        string="Complete On", compute="_compute_deadlines", store=True, tracking=True
    )
    date_session = fields.Date(string="Committee Session On", tracking=True, copy=False)
    date_notified = fields.Date(string="Notified On", tracking=True, copy=False)
    date_signed = fields.Date(string="Signed On", tracking=True, copy=False)
    deadline_clarification = fields.Date(
        string="Clarify By", compute="_compute_deadlines", store=True
    )
    deadline_answer = fields.Date(string="Answer By", compute="_compute_deadlines", store=True)
    deadline_resolution = fields.Date(
        string="Resolve By", compute="_compute_deadlines", store=True
    )
    deadline_notification = fields.Date(
        string="Notify By", compute="_compute_deadlines", store=True
    )
    deadline_signature = fields.Date(string="Sign By", compute="_compute_deadlines", store=True)
    clock_code = fields.Selection(
        CLOCKS, string="Open Clock", compute="_compute_clock", store=True
    )
    clock_deadline = fields.Date(string="Open Deadline", compute="_compute_clock", store=True)
    clock_status = fields.Selection(CLOCK_STATUS, readonly=True, copy=False)
    clock_flagged = fields.Char(readonly=True, copy=False)
    credit_line_ids = fields.One2many("pronafim.credit.line", "application_id")

    _sql_constraints = [
        (
            "amount_requested_not_negative",
            "CHECK(COALESCE(amount_requested, 0) >= 0)",
            "The amount requested cannot be negative.",
        ),
        (
            "women_share_range",
            "CHECK(COALESCE(women_share_pct, 0) BETWEEN 0 AND 100)",
            "The women share is a percentage between 0 and 100.",
        ),
    ]

    # ---- COMPUTES ----

    @api.depends(
        "date_received", "date_clarification", "date_clarification_answer",
        "date_session", "date_notified",
    )  # fmt: skip
    def _compute_deadlines(self):
        deadlines = self.env["pronafim.deadline"]._by_code()
        calendar = self._calendar()

        def add(start, code):
            if not start or code not in deadlines:
                return False
            return calendar.add_business_days(start, deadlines[code].business_days)

        for app in self:
            # §IX.2.c: the application is complete on receipt, or when the clarification
            # requested has been answered.
            app.date_complete = (
                app.date_clarification_answer if app.date_clarification else app.date_received
            )
            app.deadline_clarification = add(app.date_received, "clarification")
            app.deadline_answer = add(app.date_clarification, "answer")
            app.deadline_resolution = add(app.date_complete, "resolution")
            app.deadline_notification = add(app.date_session, "notification")
            app.deadline_signature = add(app.date_notified, "signature")

    @api.depends(
        "state", "outcome", "deadline_clarification", "deadline_answer", "deadline_resolution",
        "deadline_notification", "deadline_signature", "date_clarification",
    )  # fmt: skip
    def _compute_clock(self):
        for app in self:
            code = False
            if app.state == "received":
                code = "resolution" if app.date_clarification else "clarification"
            elif app.state == "clarification":
                code = "answer"
            elif app.state == "committee":
                code = "resolution"
            elif app.state in DECIDED:
                code = "notification"
            elif app.state == "notified" and app.outcome != "rejected":
                code = "signature"
            app.clock_code = code
            app.clock_deadline = code and app[f"deadline_{code}"]

    # ---- CONSTRAINTS / CRUD ----

    @api.constrains("partner_id")
    def _check_partner_role(self):
        """§IV.2: only an IMF, an organization or a credit institution of the program
        (a partner with a PRONAFIM role) applies."""
        for app in self:
            if not app.partner_id.commercial_partner_id.pronafim_role:
                raise ValidationError(
                    self.env._(
                        "Institution %(partner)s has no PRONAFIM role: only an IMF, an "
                        "organization or a credit institution applies (%(document)s, §IV.2).",
                        partner=app.partner_id.display_name,
                        document=RULES,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(
            "pronafim_credit.pronafim_credit_group_analyst"
        ):
            # IMF staff capture an application online (§IV.2.A); the program does the rest.
            for vals in vals_list:
                forbidden = sorted(set(vals) - PORTAL_CAPTURE_FIELDS)
                if forbidden:
                    raise AccessError(
                        self.env._(
                            "An institution captures only its application's data, not: %s",
                            ", ".join(forbidden),
                        )
                    )
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("pronafim.application")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(app.state != "draft" for app in self):
            raise UserError(
                self.env._("Only captured applications can be deleted; cancel the others.")
            )

    # ---- ACTIONS ----

    def action_receive(self):
        """Reception at the single window (§IX.1): starts the clarification clock."""
        for app in self:
            app._check_state("draft")
            app._workflow_write({"state": "received", "date_received": app._today()}, ANALYST)
        return True

    def action_request_clarification(self):
        """§IX.2.c: ask the institution to clarify; it has the same 10 business days."""
        for app in self:
            app._check_state("received")
            if app.date_clarification:
                raise UserError(self.env._("A clarification was already requested."))
            app._workflow_write(
                {"state": "clarification", "date_clarification": app._today()}, ANALYST
            )
        return True

    def action_clarification_answered(self):
        for app in self:
            app._check_state("clarification")
            app._workflow_write(
                {"state": "received", "date_clarification_answer": app._today()}, ANALYST
            )
        return True

    def action_send_to_committee(self):
        """Put a viable application on the committee's agenda (§IX.1, §IX.2.a).

        Refused, naming what is missing, when an eligibility criterion of §IV.2.B lacks its
        evidence or an analysis required by §IX.1 is missing or not favourable.
        """
        for app in self:
            app._check_state("received")
            missing = app.partner_id.commercial_partner_id._pronafim_missing_eligibility()
            if missing:
                raise UserError(
                    self.env._(
                        "Application %(folio)s cannot go to committee: eligibility criteria "
                        "without evidence and date (§IV.2.B): %(items)s.",
                        folio=app.name,
                        items="; ".join(f"{i.section} {i.name}" for i in missing),
                    )
                )
            partner = app.partner_id.commercial_partner_id
            since = partner.pronafim_active_since
            limit = app.date_received - relativedelta(years=rules.ACTIVE_YEARS_BEFORE_APPLICATION)
            if not since or since > limit:
                raise UserError(
                    self.env._(
                        "Application %(folio)s cannot go to committee: %(partner)s must be "
                        "active since %(limit)s at the latest, one year before the application "
                        "(§IV.2.B.i.h); active since: %(since)s.",
                        folio=app.name,
                        partner=partner.name,
                        limit=limit,
                        since=since or "-",
                    )
                )
            lacking = app._missing_analyses()
            if lacking:
                raise UserError(
                    self.env._(
                        "Application %(folio)s cannot go to committee: analyses missing or "
                        "not favourable (§IX.1): %(kinds)s.",
                        folio=app.name,
                        kinds=", ".join(lacking),
                    )
                )
            app._workflow_write({"state": "committee"}, ANALYST)
        return True

    def action_notify(self):
        """§VIII.1 / §IX.2.d: notify the committee's decision; starts the signature clock."""
        for app in self:
            app._check_state(*DECIDED)
            app._workflow_write({"state": "notified", "date_notified": app._today()}, ANALYST)
        return True

    def action_cancel(self):
        for app in self:
            if app.state == "formalized":
                raise UserError(self.env._("A formalized application cannot be cancelled."))
            app._workflow_write({"state": "cancelled"}, ANALYST)
        return True

    # ---- BUSINESS METHODS ----

    def _check_state(self, *states):
        self.ensure_one()
        if self.state not in states:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Application %(folio)s is %(state)s; this step needs it %(needed)s.",
                    folio=self.name,
                    state=labels[self.state],
                    needed=" / ".join(labels[s] for s in states),
                )
            )

    def _missing_analyses(self):
        """Labels of the analyses §IX.1 requires that are absent or not favourable."""
        self.ensure_one()
        kinds = ["operational", "legal"]
        if self.application_type in FINANCIAL_ANALYSIS_TYPES:
            kinds.insert(1, "financial")
        labels = dict(
            self.env["pronafim.application.analysis"]
            ._fields["kind"]
            ._description_selection(self.env)
        )
        favourable = set(
            self.analysis_ids.filtered(lambda a: a.result == "favorable").mapped("kind")
        )
        return [labels[kind] for kind in kinds if kind not in favourable]

    def _calendar(self):
        return self.env["resource.calendar"].sudo()._get_official_calendar("MX")

    def _today(self):
        return program_today(self)

    @api.model
    def _cron_flag_deadlines(self):
        """Flag the open clocks of §IX.2 that are lapsing or lapsed (daily).

        One activity per clock and status: the (clock, status) pair last flagged is kept
        on the application, so a second run on the same day changes nothing.
        """
        self.search(
            [("clock_code", "!=", False), ("clock_deadline", "!=", False)]
        )._flag_deadlines()

    def _flag_deadlines(self):
        """Each application through ``micro.scheduled.work`` (one failing is logged and
        skipped)."""
        deadlines = self.env["pronafim.deadline"]._by_code()
        calendar = self._calendar()
        today = self._today()
        labels = dict(CLOCKS)

        def flag(app):
            status = "ok"
            if app.clock_deadline < today:
                status = "lapsed"
            else:
                warning = deadlines[app.clock_code].warning_days
                if calendar.add_business_days(today, warning) >= app.clock_deadline:
                    status = "lapsing"
            key = f"{app.clock_code}:{status}"
            if key == app.clock_flagged:
                return
            app.sudo().write({"clock_status": status, "clock_flagged": key})
            if status == "ok":
                return
            app.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=app.clock_deadline,
                summary=self.env._(
                    "%(clock)s deadline %(status)s (%(section)s): %(date)s",
                    clock=labels[app.clock_code],
                    status=dict(CLOCK_STATUS)[status],
                    section=deadlines[app.clock_code].section,
                    date=app.clock_deadline,
                ),
                user_id=app.user_id.id or self.env.uid,
            )

        self.env["micro.scheduled.work"]._run_in_batches(
            self, flag, label="PRONAFIM application deadlines"
        )
