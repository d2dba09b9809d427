"""What comes next on each record of a PRONAFIM credit, and by when (issue 17).

Application → committee session → decision → notification → credit line → disposal →
schedule → payment: each record tells the user the next step and its deadline (a banner
above the form) and offers the button that takes it there. Computed, never stored: the
facts (states, dates, deadlines) stay where their steps record them.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .pronafim_deadline import program_today

CREDIT_APPLICATION_TYPES = ("credit", "partial_credit")


def _set_next_step(record, step, deadline):
    """Write the next step, its deadline and the banner's one-line text."""
    record.next_step, record.next_step_deadline = step, deadline
    if step and deadline:
        record.next_step_label = record.env._(
            "%(step)s By %(date)s.", step=step, date=format_date(record.env, deadline)
        )
    else:
        record.next_step_label = step


class PronafimApplication(models.Model):
    _inherit = "pronafim.application"

    next_step = fields.Char(string="Next Step", compute="_compute_next_step")
    next_step_deadline = fields.Date(string="Next Step By", compute="_compute_next_step")
    next_step_label = fields.Char(string="Next Step and Deadline", compute="_compute_next_step")
    decision_id = fields.Many2one(
        "pronafim.committee.decision",
        string="Committee Agenda Item",
        compute="_compute_decision_id",
        help="The latest committee agenda item of this application.",
    )
    credit_line_count = fields.Integer(string="Credit Lines", compute="_compute_credit_line_count")
    can_create_credit_line = fields.Boolean(compute="_compute_credit_line_count")

    def _compute_decision_id(self):
        Decision = self.env["pronafim.committee.decision"]
        for app in self:
            app.decision_id = app.id and Decision.search(
                [("application_id", "=", app.id)], order="id desc", limit=1
            )

    def _compute_credit_line_count(self):
        for app in self:
            lines = app.credit_line_ids.filtered(lambda line: line.state != "cancelled")
            app.credit_line_count = len(lines)
            app.can_create_credit_line = (
                not lines
                and app.application_type in CREDIT_APPLICATION_TYPES
                and app.state in ("authorized", "conditioned", "notified")
                and app.outcome in ("authorized", "conditioned")
            )

    def _compute_next_step(self):
        for app in self:
            step, deadline = False, False
            line = app.credit_line_ids.filtered(lambda li: li.state != "cancelled")[:1]
            if app.state == "draft":
                step = self.env._("Receive the application at the single window (§IX.1).")
            elif app.state == "received":
                step = self.env._(
                    "Check eligibility and the analyses, then request a clarification or "
                    "send it to the committee (§IX.1, §IX.2)."
                )
                deadline = app.clock_deadline
            elif app.state == "clarification":
                step = self.env._("Wait for the institution's clarification (§IX.2.c).")
                deadline = app.deadline_answer
            elif app.state == "committee":
                session = app.decision_id.session_id
                if session:
                    step = self.env._(
                        "Committee session %(session)s: record the committee's decision "
                        "(§VI.c).",
                        session=session.name,
                    )
                    deadline = session.date
                else:
                    step = self.env._(
                        "Put the application on the agenda of a committee session (§VI)."
                    )
                    deadline = app.deadline_resolution
            elif app.state in ("authorized", "conditioned", "rejected"):
                step = self.env._("Notify the committee's decision to the institution (§IX.2.d).")
                deadline = app.deadline_notification
            elif app.state == "notified" and app.outcome != "rejected":
                if app.application_type not in CREDIT_APPLICATION_TYPES:
                    step = self.env._("Sign the legal instrument with the institution (§IX.2.d).")
                elif not line:
                    step = self.env._("Create the credit line and formalize it (§IX.2.d, §IX.3).")
                else:
                    step = self.env._("Formalize credit line %(line)s (§IX.3).", line=line.name)
                deadline = app.deadline_signature
            elif app.state == "formalized" and line:
                step = self.env._("Record the disposals of credit line %(line)s.", line=line.name)
                deadline = line.disposal_deadline
            _set_next_step(app, step, deadline)

    # ---- ACTIONS ----

    def action_open_committee(self):
        """The application's agenda item (its decision), or the sessions still open."""
        self.ensure_one()
        if self.decision_id:
            return self.decision_id._get_records_action(name=self.env._("Committee Decision"))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pronafim_credit.pronafim_committee_session_action"
        )
        action["domain"] = [("state", "!=", "closed")]
        return action

    def action_create_credit_line(self):
        """A new credit line for this authorized application, prefilled with what the
        committee authorized (type, amount, term, margin); the line's own checks apply
        when it is saved (§VIII.1, §IX.3.a)."""
        self.ensure_one()
        lines = self.credit_line_ids.filtered(lambda line: line.state != "cancelled")
        if lines:
            return self.action_open_credit_lines()
        if not self.can_create_credit_line:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Application %(folio)s (%(state)s) has no committee authorization for a "
                    "credit line (§VIII.1, §IX.1).",
                    folio=self.name,
                    state=labels[self.state],
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Credit Line"),
            "res_model": "pronafim.credit.line",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_application_id": self.id,
                **self._credit_line_defaults(),
            },
        }

    def _credit_line_defaults(self):
        """``default_*`` values of a new line: what the committee authorized."""
        self.ensure_one()
        decision = (
            self.env["pronafim.committee.decision"]
            .sudo()
            .search(
                [
                    ("application_id", "=", self.id),
                    ("outcome", "in", ("authorized", "conditioned")),
                ],
                order="id desc",
                limit=1,
            )
        )
        credit_type = decision.credit_type_id or self.credit_type_id
        if not credit_type and self.application_type == "partial_credit":
            credit_type = self.env.ref(
                "pronafim_credit.credit_type_partial_access_points", raise_if_not_found=False
            )
        values = {
            "default_amount": decision.amount_authorized or self.amount_requested or False,
        }
        if credit_type:
            values["default_credit_type_id"] = credit_type.id
        if decision.term_months:
            values["default_term_months"] = decision.term_months
        if decision.grace_months:
            values["default_grace_months"] = decision.grace_months
        if decision.margin:
            values["default_margin"] = decision.margin
        return values

    def action_open_credit_lines(self):
        self.ensure_one()
        lines = self.credit_line_ids.filtered(lambda line: line.state != "cancelled")
        return lines._get_records_action(name=self.env._("Credit Lines"))


class PronafimCommitteeSession(models.Model):
    _inherit = "pronafim.committee.session"

    next_step = fields.Char(string="Next Step", compute="_compute_next_step")
    next_step_deadline = fields.Date(string="Next Step By", compute="_compute_next_step")
    next_step_label = fields.Char(string="Next Step and Deadline", compute="_compute_next_step")

    def _compute_next_step(self):
        for session in self:
            step, deadline = False, False
            if session.state == "draft":
                if not session.decision_ids:
                    step = self.env._("Put the applications sent to committee on the agenda.")
                else:
                    step = self.env._(
                        "Mark the members present and install the session with quorum (§VI.b)."
                    )
                deadline = session.date
            elif session.state == "held":
                if session.decision_ids.filtered(lambda d: not d.outcome):
                    step = self.env._(
                        "Record the committee's decision on each agenda item (§VI.c)."
                    )
                else:
                    step = self.env._("Close the session (minutes).")
                deadline = session.date
            else:
                step = self.env._("Convene the next session (§VI.a).")
                deadline = session.next_session_by
            _set_next_step(session, step, deadline)


class PronafimCommitteeDecision(models.Model):
    _inherit = "pronafim.committee.decision"

    @api.depends("application_id.name", "session_id.name")
    def _compute_display_name(self):
        for decision in self:
            decision.display_name = " - ".join(
                filter(None, [decision.application_id.name, decision.session_id.name])
            ) or self.env._("New agenda item")

    next_step = fields.Char(string="Next Step", compute="_compute_next_step")
    next_step_deadline = fields.Date(string="Next Step By", compute="_compute_next_step")
    next_step_label = fields.Char(string="Next Step and Deadline", compute="_compute_next_step")

    def _compute_next_step(self):
        for decision in self:
            app = decision.application_id
            step, deadline = False, False
            if not decision.outcome:
                if decision.session_id.state == "draft":
                    step = self.env._("Install the session with quorum before deciding (§VI.b).")
                else:
                    step = self.env._("Record the votes and the committee's decision (§VI.c).")
                deadline = decision.session_id.date
            elif app.state in ("authorized", "conditioned", "rejected"):
                step = self.env._(
                    "Notify the decision on application %(folio)s (§IX.2.d).", folio=app.name
                )
                deadline = app.deadline_notification
            else:
                step, deadline = app.next_step, app.next_step_deadline
            _set_next_step(decision, step, deadline)


class PronafimCreditLine(models.Model):
    _inherit = "pronafim.credit.line"

    next_step = fields.Char(string="Next Step", compute="_compute_next_step")
    next_step_deadline = fields.Date(string="Next Step By", compute="_compute_next_step")
    next_step_label = fields.Char(string="Next Step and Deadline", compute="_compute_next_step")
    disposal_count = fields.Integer(string="Disposal Count", compute="_compute_next_step")

    @api.onchange("application_id")
    def _onchange_application_committee_terms(self):
        """Picking the application brings what its committee authorized (type, amount,
        term, grace, margin) into the fields still empty."""
        if not self.application_id:
            return
        defaults = self.application_id._credit_line_defaults()
        for key, value in defaults.items():
            name = key.removeprefix("default_")
            if value and not self[name]:
                self[name] = value

    def _compute_next_step(self):
        for line in self:
            step, deadline = False, False
            line.disposal_count = len(line.disposal_ids)
            if line.state == "draft":
                step = self.env._(
                    "Formalize the line: sign the legal instrument (§IX.2.d, §IX.3)."
                )
                deadline = line.application_id.deadline_signature
            elif line.state == "formalized":
                due = line.disposal_ids.installment_ids.filtered(
                    lambda i: i.amount_due > 0
                ).sorted(lambda i: (i.due_date, i.id))[:1]
                if not line.disposal_ids:
                    step = self.env._("Record the first disposal (§VIII.1).")
                    deadline = line.disposal_deadline
                elif due:
                    step = self.env._(
                        "Register the payment of installment %(number)s of disposal "
                        "%(disposal)s.",
                        number=due.number,
                        disposal=due.disposal_id.display_name,
                    )
                    deadline = due.due_date
            _set_next_step(line, step, deadline)


class PronafimCreditDisposal(models.Model):
    _inherit = "pronafim.credit.disposal"

    # A new disposal is dated the program's today (Mexico City), the date its posting uses.
    date = fields.Date(default=lambda self: program_today(self))

    @api.depends("line_id.name", "date")
    def _compute_display_name(self):
        for disposal in self:
            disposal.display_name = " - ".join(
                filter(
                    None,
                    [
                        disposal.line_id.name,
                        disposal.date and format_date(self.env, disposal.date),
                    ],
                )
            ) or self.env._("New Disposal")

    next_step = fields.Char(string="Next Step", compute="_compute_next_step")
    next_step_deadline = fields.Date(string="Next Step By", compute="_compute_next_step")
    next_step_label = fields.Char(string="Next Step and Deadline", compute="_compute_next_step")
    next_amount_due = fields.Monetary(string="Next Installment Due", compute="_compute_next_step")

    def _compute_next_step(self):
        for disposal in self:
            step, deadline = False, False
            due = disposal.installment_ids.filtered(lambda i: i.amount_due > 0).sorted(
                lambda i: (i.due_date, i.id)
            )[:1]
            disposal.next_amount_due = due.amount_due
            if disposal.id and not disposal.installment_ids:
                step = self.env._("Generate the repayment schedule.")
            elif due:
                late = due.due_date < program_today(disposal)
                step = (
                    self.env._(
                        "Installment %(number)s is overdue: register the institution's "
                        "payment.",
                        number=due.number,
                    )
                    if late
                    else self.env._(
                        "Register the institution's payment of installment %(number)s.",
                        number=due.number,
                    )
                )
                deadline = due.due_date
            _set_next_step(disposal, step, deadline)
