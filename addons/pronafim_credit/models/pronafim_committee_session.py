from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import committee, rules
from .pronafim_deadline import program_today

SECRETARY = "pronafim_credit.pronafim_credit_group_committee_secretary"


class PronafimCommitteeSession(models.Model):
    """A session of the technical committee (§VI): attendance, quorum, decisions."""

    _name = "pronafim.committee.session"
    _description = "Committee Session"
    _inherit = ["mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "date desc, id desc"
    _workflow_step_fields = ("frequency_alerted",)
    # Held: who attended (the quorum) is the session's record; closed: the minutes too.
    _workflow_frozen = {
        "held": ("date", "attendance_ids"),
        "closed": ("name", "date", "attendance_ids", "decision_ids", "notes"),
    }
    _workflow_unlink_states = ("draft",)

    name = fields.Char(required=True, tracking=True)
    date = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Convened"), ("held", "Held"), ("closed", "Closed")],
        default="draft",
        tracking=True,
    )
    attendance_ids = fields.One2many(
        "pronafim.committee.attendance", "session_id", string="Attendance", copy=False
    )
    decision_ids = fields.One2many(
        "pronafim.committee.decision", "session_id", string="Agenda and Decisions"
    )
    voting_members = fields.Integer(compute="_compute_quorum")
    voting_present = fields.Integer(compute="_compute_quorum")
    has_quorum = fields.Boolean(string="Quorum", compute="_compute_quorum")
    notes = fields.Html(string="Minutes Notes")
    next_session_by = fields.Date(
        string="Next Session By",
        compute="_compute_next_session_by",
        store=True,
        help="§VI.a: the committee meets at least once every two months.",
    )
    frequency_alerted = fields.Boolean(readonly=True, copy=False)

    @api.depends("date")
    def _compute_next_session_by(self):
        months = relativedelta(months=rules.COMMITTEE_MAX_MONTHS_BETWEEN_SESSIONS)
        for session in self:
            session.next_session_by = session.date and session.date + months

    @api.depends("attendance_ids.present", "attendance_ids.voting")
    def _compute_quorum(self):
        for session in self:
            voting = session.attendance_ids.filtered("voting")
            session.voting_members = len(voting)
            session.voting_present = len(voting.filtered("present"))
            session.has_quorum = committee.has_quorum(
                session.voting_members, session.voting_present
            )

    @api.model_create_multi
    def create(self, vals_list):
        members = self.env["pronafim.committee.member"].search([])
        for vals in vals_list:
            if not vals.get("attendance_ids"):
                vals["attendance_ids"] = [
                    Command.create({"member_id": m.id, "voting": m.voting}) for m in members
                ]
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_without_decisions(self):
        if self.decision_ids.filtered(lambda d: d.outcome):
            raise UserError(self.env._("A session with decisions cannot be deleted."))

    def action_hold(self):
        """§VI.b: the session is installed only with the majority of voting members."""
        self._workflow_check_group(SECRETARY)
        self._workflow_check_state("draft")
        for session in self:
            if not session.has_quorum:
                raise UserError(
                    self.env._(
                        "No quorum (§VI.b): %(present)s of %(members)s voting members present; "
                        "more than half are needed.",
                        present=session.voting_present,
                        members=session.voting_members,
                    )
                )
            session._workflow_write({"state": "held"}, SECRETARY)
        return True

    def action_close(self):
        self._workflow_check_group(SECRETARY)
        self._workflow_check_state("held")
        for session in self:
            pending = session.decision_ids.filtered(lambda d: not d.outcome)
            if pending:
                raise UserError(
                    self.env._(
                        "Decide every agenda item before closing: %s",
                        ", ".join(pending.application_id.mapped("name")),
                    )
                )
            session._workflow_write({"state": "closed"}, SECRETARY)
        return True

    @api.model
    def _cron_check_frequency(self):
        """Leave one activity on the latest session when the next one is overdue (§VI.a).

        Idempotent: the session is marked once alerted.
        """
        today = program_today(self)

        def alert_once(latest):
            if latest.next_session_by < today and not latest.frequency_alerted:
                latest.sudo().frequency_alerted = True
                latest.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._(
                        "Convene the technical committee: no session since %(date)s, due by "
                        "%(due)s (§VI.a).",
                        date=latest.date,
                        due=latest.next_session_by,
                    ),
                    user_id=latest.create_uid.id or self.env.uid,
                )

        self.env["micro.scheduled.work"]._run_in_batches(
            self.search([], order="date desc, id desc", limit=1),
            alert_once,
            label="PRONAFIM committee frequency",
        )

    @api.readonly
    def action_print_minutes(self):
        return self.env.ref("pronafim_credit.pronafim_committee_session_report").report_action(
            self
        )


class PronafimCommitteeAttendance(models.Model):
    _name = "pronafim.committee.attendance"
    _description = "Committee Attendance"
    _inherit = ["micro.input.mixin"]
    _order = "session_id, id"

    session_id = fields.Many2one(
        "pronafim.committee.session", required=True, ondelete="cascade", index=True
    )
    member_id = fields.Many2one("pronafim.committee.member", required=True)
    voting = fields.Boolean(string="Voting Right")
    is_president = fields.Boolean(related="member_id.is_president")
    present = fields.Boolean()

    _sql_constraints = [
        ("member_unique", "unique(session_id, member_id)", "A member attends once.")
    ]

    def _check_convened(self, sessions):
        """The attendance of a held session is its quorum's record: it never changes."""
        held = sessions.filtered(lambda s: s.state != "draft")
        if held:
            raise UserError(
                self.env._(
                    "The attendance of a held session cannot change: %s.",
                    ", ".join(held.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_convened(
            self.env["pronafim.committee.session"].browse(
                [vals["session_id"] for vals in vals_list if vals.get("session_id")]
            )
        )
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)  # the shape first
        self._check_attends_once(vals_list)
        return super().create(vals_list)

    def _check_attends_once(self, vals_list):
        """A member has one row of attendance per session (the quorum counts people,
        §VI.b): a second row of the same member, typed in the session's list, is refused
        naming the member, before the database's unique index answers with no one named."""
        for vals, _row, (session, member) in self._micro_taken_keys(
            vals_list, ("session_id", "member_id")
        ):
            self._micro_raise(
                "member_id",
                member.name,
                self.env._(
                    "%(member)s already has a row in the attendance of session "
                    "%(session)s; a member attends once",
                    member=member.name,
                    session=session.name,
                ),
                rules.cite("§VI.b"),
                record_name=self._micro_input_new_record_name(vals),
            )

    def write(self, vals):
        self._check_convened(self.session_id)
        if vals.get("session_id"):
            self._check_convened(self.session_id.browse(vals["session_id"]))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_convened(self):
        self._check_convened(self.session_id)
