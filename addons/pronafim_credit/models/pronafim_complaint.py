from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import complaints as rules
from .pronafim_deadline import program_today

OPEN_STATES = ("received", "in_progress")
#: The answer as sent to the regulator (outgoing file): it does not change once given.
ANSWER_FIELDS = ("response", "outcome", "officer_id")
OFFICER = "pronafim_credit.pronafim_credit_group_complaints_officer"


class PronafimComplaint(models.Model):
    """A complaint or inquiry received from CONDUSEF about an institution (seed 002).

    Received through the daily file (:class:`pronafim.complaint.file`), answered by an
    officer of the specialized unit (UNE) within the response term in business days on the
    MX official calendar (``tools/complaints.py``).
    """

    _name = "pronafim.complaint"
    _description = "CONDUSEF Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "date_due, id"
    #: What the regulator sent (created by the file's import) and what the steps record:
    #: never written by hand.
    _workflow_step_fields = (
        "name", "kind", "institution_id", "user_name", "product", "reason", "amount_claimed",
        "date_received", "date_due", "date_answered", "date_closed", "business_days",
        "in_favor_pct", "due_status", "file_id", "file_line", "export_file_id",
    )  # fmt: skip

    name = fields.Char(string="Folio", required=True, readonly=True, index=True)
    kind = fields.Selection(
        [("complaint", "Complaint"), ("inquiry", "Inquiry")], required=True, readonly=True
    )
    institution_id = fields.Many2one(
        "res.partner", string="Institution", required=True, readonly=True, index=True
    )
    user_name = fields.Char(string="User", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Complainant Contact",
        index="btree_not_null",
        tracking=True,
        help="The person who complained, when known to the programs (search by CURP): the "
        "complaint then shows on their contact form.",
    )
    product = fields.Char(required=True, readonly=True, index=True)
    reason = fields.Char(required=True, readonly=True, index=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.MXN"), required=True
    )
    amount_claimed = fields.Monetary(readonly=True)
    date_received = fields.Date(required=True, readonly=True, index=True)
    date_due = fields.Date(
        string="Due Date", compute="_compute_date_due", store=True, tracking=True
    )
    officer_id = fields.Many2one(
        "res.users",
        string="UNE Officer",
        tracking=True,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("pronafim_credit.pronafim_credit_group_complaints_officer").id,
            )
        ],
    )
    state = fields.Selection(
        [
            ("received", "Received"),
            ("in_progress", "In Progress"),
            ("answered", "Answered"),
            ("closed", "Closed"),
        ],
        default="received",
        required=True,
        readonly=True,
        tracking=True,
    )
    response = fields.Text()
    outcome = fields.Selection(
        [("in_favor", "In favor of the user"), ("not_in_favor", "Not in favor of the user")],
        tracking=True,
    )
    date_answered = fields.Date(readonly=True, tracking=True)
    date_closed = fields.Date(string="Closing Date", readonly=True, tracking=True)
    business_days = fields.Integer(
        string="Response Time (business days)", readonly=True, aggregator="avg"
    )
    in_favor_pct = fields.Float(
        string="In Favor (%)", readonly=True, aggregator="avg",
        help="100 when answered in favor of the user, 0 otherwise: its average is the %.",
    )  # fmt: skip
    due_status = fields.Selection(
        [("ok", "On time"), ("lapsing", "Lapsing"), ("lapsed", "Lapsed")],
        readonly=True,
        copy=False,
    )
    file_id = fields.Many2one("pronafim.complaint.file", readonly=True, index=True)
    file_line = fields.Integer(readonly=True)
    export_file_id = fields.Many2one("pronafim.complaint.file", readonly=True, copy=False)

    _sql_constraints = [("folio_unique", "unique(name)", "A folio is received only once.")]

    @api.depends("date_received")
    def _compute_date_due(self):
        """Response term in business days on the MX official calendar. Stored (list order,
        filters, figures); recomputed for the open complaints when the calendar's
        non-working days change (:meth:`_recompute_date_due`)."""
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        due_by_received = {False: False}  # a daily file holds a few reception dates
        for complaint in self:
            received = complaint.date_received
            if received not in due_by_received:
                due_by_received[received] = calendar.add_business_days(
                    received, rules.RESPONSE_TERM_BUSINESS_DAYS
                )
            complaint.date_due = due_by_received[received]

    @api.model
    def _recompute_date_due(self, calendars, date_from):
        """The non-working days of ``calendars`` changed from ``date_from`` on: recompute the
        due date of the open complaints whose term runs past it (the change is tracked in
        their chatter). Answered complaints keep the due date they were answered against.
        """
        official = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        if official not in calendars.sudo():
            return self.browse()
        complaints = (
            self.sudo()
            .with_context(active_test=False)
            .search([("state", "in", OPEN_STATES), ("date_due", ">=", date_from)])
        )
        if complaints:
            self.env.add_to_compute(self._fields["date_due"], complaints)
            complaints.flush_recordset(["date_due"])
        return complaints

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")  # who may not create is told so first
        return super().create(vals_list)

    def write(self, vals):
        answer = [name for name in ANSWER_FIELDS if name in vals]
        if answer and self.filtered(lambda c: c.state not in OPEN_STATES):
            raise UserError(
                self.env._(
                    "The answer of a complaint was sent to the regulator: %s cannot change.",
                    ", ".join(self._fields[name]._description_string(self.env) for name in answer),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A complaint received from the regulator cannot be deleted."))

    # ---- ACTIONS ----

    def _today(self):
        return program_today(self)

    def action_take(self):
        self._workflow_check_group(OFFICER)
        for complaint in self:
            if complaint.state != "received":
                raise UserError(self.env._("Only a received complaint can be taken."))
            complaint._workflow_write(
                {"state": "in_progress", "officer_id": self.env.user.id}, OFFICER
            )

    def action_answer(self):
        """Record the answer: response and outcome required; response time in business
        days from reception to today on the MX calendar."""
        self._workflow_check_group(OFFICER)
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        today = self._today()
        for complaint in self:
            if complaint.state not in OPEN_STATES:
                raise UserError(self.env._("Complaint %s is already answered.", complaint.name))
            if complaint.state == "received":
                # The steps go in their order: Take (an officer in charge), then Answer.
                raise UserError(
                    self.env._(
                        "Complaint %s has not been taken yet: take it in charge (Take) "
                        "before answering it.",
                        complaint.name,
                    )
                )
            if not (complaint.response or "").strip() or not complaint.outcome:
                raise UserError(
                    self.env._(
                        "Complaint %s: write the response and its outcome before answering.",
                        complaint.name,
                    )
                )
            complaint._workflow_write(
                {
                    "state": "answered",
                    "date_answered": today,
                    "officer_id": complaint.officer_id.id or self.env.user.id,
                    "business_days": calendar.count_business_days(complaint.date_received, today),
                    "in_favor_pct": 100.0 if complaint.outcome == "in_favor" else 0.0,
                    # The answer's own timeliness: late once past the due date.
                    "due_status": "lapsed" if today > complaint.date_due else "ok",
                },
                OFFICER,
            )

    def action_close(self):
        self._workflow_check_group(OFFICER)
        for complaint in self:
            if complaint.state != "answered":
                raise UserError(self.env._("Only an answered complaint can be closed."))
            complaint._workflow_write({"state": "closed", "date_closed": self._today()}, OFFICER)

    # ---- FIGURES AND SCHEDULED ACTIONS ----

    @api.model
    def _figures(self, date_from, date_to):
        """Figures of the complaints received in ``[date_from, date_to]``.

        :return: dict with ``by_institution``, ``by_product``, ``by_reason`` (name → count),
            ``average_business_days`` and ``pct_in_favor`` over the answered ones (seed 002,
            §7), and ``overdue`` (open past their due date, or answered after it).
        """
        domain = [("date_received", ">=", date_from), ("date_received", "<=", date_to)]
        figures = {}
        for key, field in (
            ("by_institution", "institution_id"),
            ("by_product", "product"),
            ("by_reason", "reason"),
        ):
            figures[key] = {
                group.display_name if isinstance(group, models.BaseModel) else group: count
                for group, count in self._read_group(domain, [field], ["__count"])
            }
        answered = self.search_fetch(
            [*domain, ("date_answered", "!=", False)],
            ["business_days", "outcome", "date_answered", "date_due"],
        )
        figures["average_business_days"], figures["pct_in_favor"] = rules.response_figures(
            (c.business_days, c.outcome == "in_favor") for c in answered
        )
        late_answers = answered.filtered(lambda c: c.date_answered > c.date_due)
        figures["overdue"] = len(late_answers) + self.search_count(
            [*domain, ("state", "in", OPEN_STATES), ("date_due", "<", self._today())]
        )
        return figures

    @api.model
    def _cron_flag_due(self):
        """Flag the open complaints lapsing or lapsed (daily, idempotent).

        The status is written only when it changes, and an activity for the officer is
        scheduled only then: a second run on the same day changes nothing. Those back to
        "ok" are written at once; each complaint turning lapsing or lapsed is flagged in its
        own savepoint, committed in batches by the scheduler (``micro.scheduled.work``): one that
        fails is logged and skipped, the others are flagged.

        :return: the complaints that could not be flagged
        """
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        today = self._today()
        labels = dict(self._fields["due_status"]._description_selection(self.env))
        left_by_due = {}  # business days left, per due date (few distinct ones)

        def left(due):
            if due not in left_by_due:
                left_by_due[due] = calendar.count_business_days(today, due)
            return left_by_due[due]

        # Back to (or first set to) "ok" needs no activity: one write for all of them.
        to_ok, to_flag = [], []
        for complaint in self.search([("state", "in", OPEN_STATES)]):
            status = rules.due_status(today, complaint.date_due, left(complaint.date_due))
            if status != complaint.due_status:
                (to_ok if status == "ok" else to_flag).append(complaint.id)
        self.browse(to_ok)._workflow_write({"due_status": "ok"})
        return self.env["micro.scheduled.work"]._run_in_batches(
            self.browse(to_flag),
            lambda complaint: complaint._flag_due(today, left(complaint.date_due), labels),
        )

    def _flag_due(self, today, business_days_left, labels):
        """Set the due status of this open complaint on ``today`` (``business_days_left``
        until its due date); on a change to lapsing or lapsed, schedule an activity for
        its officer."""
        self.ensure_one()
        status = rules.due_status(today, self.date_due, business_days_left)
        if status == self.due_status:
            return
        self._workflow_write({"due_status": status})
        if status == "ok":
            return
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_due,
            summary=self.env._(
                "Complaint %(folio)s %(status)s", folio=self.name, status=labels[status]
            ),
            user_id=(self.officer_id or self.env.user).id,
        )
