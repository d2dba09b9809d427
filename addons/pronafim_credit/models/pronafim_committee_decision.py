from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import committee, rules

OUTCOMES = [("authorized", "Authorized"), ("rejected", "Rejected"), ("conditioned", "Conditioned")]
SECRETARY = "pronafim_credit.pronafim_credit_group_committee_secretary"


class PronafimCommitteeDecision(models.Model):
    """One agenda item of a session and the committee's decision on it (§VI.c, §IX.1)."""

    _name = "pronafim.committee.decision"
    _description = "Committee Decision"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "session_id, id"
    # The outcome is the decision's status: set only by Record Decision (the votes), after
    # which the decision is the committee's record and nothing of it changes.
    _workflow_state_field = "outcome"
    _workflow_frozen = dict.fromkeys(dict(OUTCOMES), "__all__")

    session_id = fields.Many2one(
        "pronafim.committee.session", required=True, ondelete="restrict", index=True
    )
    application_id = fields.Many2one(
        "pronafim.application",
        required=True,
        ondelete="restrict",
        domain=[("state", "=", "committee")],
    )
    partner_id = fields.Many2one(related="application_id.partner_id")
    special_mention = fields.Char(compute="_compute_special_mention")
    vote_ids = fields.One2many("pronafim.committee.vote", "decision_id", string="Votes")
    outcome = fields.Selection(OUTCOMES, readonly=True, tracking=True, copy=False)
    conditions = fields.Text(tracking=True)
    amount_authorized = fields.Float(digits=(16, 2), tracking=True)
    # What the committee authorizes for a credit (§VIII.1): the credit line is created
    # with these terms (the line's own rule-table checks apply when it is saved).
    credit_type_id = fields.Many2one(
        "pronafim.credit.type",
        string="Credit Type",
        compute="_compute_credit_type_id",
        store=True,
        readonly=False,
        tracking=True,
    )
    term_months = fields.Integer(string="Term (months)", tracking=True)
    grace_months = fields.Integer(string="Capital Grace (months)", tracking=True)
    margin = fields.Float(string="Committee Margin (points)", digits=(7, 4), tracking=True)

    _sql_constraints = [
        ("item_unique", "unique(session_id, application_id)", "An application appears once."),
        (
            "amount_authorized_not_negative",
            "CHECK(COALESCE(amount_authorized, 0) >= 0)",
            "The authorized amount cannot be negative.",
        ),
        (
            "terms_not_negative",
            "CHECK(COALESCE(term_months, 0) >= 0 AND COALESCE(grace_months, 0) >= 0 "
            "AND COALESCE(margin, 0) >= 0)",
            "The term, the capital grace and the margin cannot be negative.",
        ),
    ]

    @api.depends("application_id")
    def _compute_credit_type_id(self):
        for decision in self:
            if not decision.credit_type_id:
                decision.credit_type_id = decision.application_id.credit_type_id

    @api.depends(
        "application_id.priority_zone",
        "application_id.women_share_pct",
        "application_id.preferential_rate",
    )
    def _compute_special_mention(self):
        """§VIII.1.A: special mention of zones, gender composition and preferential rates."""
        for decision in self:
            app = decision.application_id
            parts = []
            if app.priority_zone:
                parts.append(self.env._("priority / special-attention zones"))
            if app.women_share_pct:
                parts.append(self.env._("women %s %%", round(app.women_share_pct, 1)))
            if app.preferential_rate:
                parts.append(self.env._("preferential rate"))
            decision.special_mention = ", ".join(parts)

    @api.constrains("vote_ids")
    def _check_voters(self):
        for decision in self:
            present = decision.session_id.attendance_ids.filtered(
                lambda a: a.present and a.voting
            ).member_id
            intruders = decision.vote_ids.member_id - present
            if intruders:
                raise ValidationError(
                    self.env._(
                        "Votes of %(item)s: %(members)s did not attend the session as voting "
                        "members; only the voting members present vote (%(rules)s).",
                        item=decision._pronafim_item_name(),
                        members=", ".join(intruders.mapped("name")),
                        rules=rules.cite("§VI.c"),
                    )
                )

    def _pronafim_item_name(self):
        """How a message names the agenda item: its application and session."""
        self.ensure_one()
        return self.env._(
            "application %(application)s at session %(session)s",
            application=self.application_id.name,
            session=self.session_id.name,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never_decided(self):
        if any(d.outcome for d in self):
            raise UserError(self.env._("Committee decisions cannot be deleted."))

    @api.model_create_multi
    def create(self, vals_list):
        sessions = self.env["pronafim.committee.session"].browse(
            [vals["session_id"] for vals in vals_list if vals.get("session_id")]
        )
        if sessions.filtered(lambda s: s.state == "closed"):
            raise UserError(self.env._("A closed session takes no more agenda items."))
        return super().create(vals_list)

    def write(self, vals):
        if "outcome" in vals and not self.env.su:
            raise UserError(self.env._("The outcome comes from the votes (Record Decision)."))
        if "vote_ids" in vals and any(d.outcome for d in self):
            raise UserError(self.env._("The votes of a decided item cannot change."))
        return super().write(vals)

    def action_decide(self):
        """Tally the votes (§VI.c) and apply the outcome to the application."""
        self._workflow_check_group(SECRETARY)
        for decision in self:
            session = decision.session_id
            if session.state != "held":
                raise UserError(
                    self.env._("Hold the session (with quorum, §VI.b) before deciding.")
                )
            if decision.outcome:
                raise UserError(self.env._("This item is already decided."))
            if decision.application_id.state != "committee":
                # The agenda's domain guards the screen; this guards every other way in.
                raise UserError(
                    self.env._(
                        "Application %s has not been sent to committee: its eligibility "
                        "and analyses come first (§IX.1).",
                        decision.application_id.name,
                    )
                )
            present = session.attendance_ids.filtered(lambda a: a.present and a.voting)
            president = present.filtered("is_president").member_id
            votes = {vote.member_id.id: vote.vote for vote in decision.vote_ids}
            try:
                outcome = committee.decide(
                    votes, len(present), president.id if president else None
                )
            except committee.CommitteeError as error:
                raise UserError(
                    self.env._(
                        "No decision on %(folio)s (§VI.c): %(reason)s.",
                        folio=decision.application_id.name,
                        reason=decision._committee_error_reason(error),
                    )
                ) from error
            if outcome == "conditioned" and not decision.conditions:
                raise UserError(self.env._("State the conditions of a conditioned decision."))
            decision._workflow_write({"outcome": outcome}, SECRETARY)
            decision.application_id._workflow_write(
                {
                    "state": outcome,
                    "outcome": outcome,
                    "date_session": session.date,
                    "conditions": decision.conditions,
                },
                SECRETARY,
            )
            if outcome != "rejected":
                partner = decision.application_id.partner_id.commercial_partner_id
                credit = decision.application_id.application_type in ("credit", "partial_credit")
                if credit and not partner.pronafim_induction_date:
                    partner.sudo().write({"pronafim_induction_due": True})  # §XI.c
        return True

    def action_open_application(self):
        """The application decided: its next step (notification, credit line) is there."""
        self.ensure_one()
        return self.application_id._get_records_action(name=self.env._("Application"))

    def action_open_form(self):
        """The agenda item in its own form (votes, Record Decision)."""
        self.ensure_one()
        return self._get_records_action(name=self.env._("Committee Decision"))

    def _committee_error_reason(self, error):
        """The reason of a :class:`committee.CommitteeError`, in the user's language."""
        params = error.params
        if error.code == "no_votes":
            return self.env._("no vote was recorded")
        if error.code == "too_many_votes":
            return self.env._(
                "%(votes)s votes for %(present)s voting members present",
                votes=params["votes"],
                present=params["present"],
            )
        if error.code == "tie_without_president":
            return self.env._(
                "tie at %(votes)s votes and the President present did not vote for one of "
                "the tied options",
                votes=params["votes"],
            )
        return self.env._(
            "the leading option has %(votes)s favourable votes; the majority of the "
            "%(present)s voting members present is %(needed)s",
            votes=params["votes"],
            present=params["present"],
            needed=params["needed"],
        )


class PronafimCommitteeVote(models.Model):
    _name = "pronafim.committee.vote"
    _description = "Committee Vote"
    _inherit = ["micro.input.mixin"]

    decision_id = fields.Many2one(
        "pronafim.committee.decision", required=True, ondelete="cascade", index=True
    )
    member_id = fields.Many2one("pronafim.committee.member", required=True)
    vote = fields.Selection(OUTCOMES, required=True)

    _sql_constraints = [("one_vote", "unique(decision_id, member_id)", "One vote per member.")]

    def _check_undecided(self, decisions):
        if decisions.filtered("outcome"):
            raise UserError(self.env._("The votes of a decided item cannot change."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_undecided(
            self.env["pronafim.committee.decision"].browse(
                [vals["decision_id"] for vals in vals_list if vals.get("decision_id")]
            )
        )
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)  # the shape first
        self._check_one_vote(vals_list)
        return super().create(vals_list)

    def _check_one_vote(self, vals_list):
        """One vote per member and item (§VI.c): a second row of the same member, typed in
        the item's list of votes, is refused naming the member, before the database's
        unique index answers with no member named."""
        for vals, _vote, (decision, member) in self._micro_taken_keys(
            vals_list, ("decision_id", "member_id")
        ):
            self._micro_raise(
                "member_id",
                member.name,
                self.env._(
                    "%(member)s already voted on %(item)s; one vote per member",
                    member=member.name,
                    item=decision._pronafim_item_name(),
                ),
                rules.cite("§VI.c"),
                record_name=self._micro_input_new_record_name(vals),
            )

    def write(self, vals):
        self._check_undecided(self.decision_id)
        if vals.get("decision_id"):
            self._check_undecided(self.decision_id.browse(vals["decision_id"]))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_decided(self):
        if any(v.decision_id.outcome for v in self):
            raise UserError(self.env._("The votes of a decided item cannot be deleted."))
