from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..tools import committee


class PronafimCommitteeSession(models.Model):
    """A session of the technical committee (§VI): attendance, quorum, decisions."""

    _name = "pronafim.committee.session"
    _description = "Committee Session"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

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
            session.state = "held"
        return True

    def action_close(self):
        for session in self:
            pending = session.decision_ids.filtered(lambda d: not d.outcome)
            if pending:
                raise UserError(
                    self.env._(
                        "Decide every agenda item before closing: %s",
                        ", ".join(pending.application_id.mapped("name")),
                    )
                )
            session.state = "closed"
        return True

    def action_print_minutes(self):
        return self.env.ref("pronafim_credit.pronafim_committee_session_report").report_action(
            self
        )


class PronafimCommitteeAttendance(models.Model):
    _name = "pronafim.committee.attendance"
    _description = "Committee Attendance"
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
