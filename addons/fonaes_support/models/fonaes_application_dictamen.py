from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.micro_base.tools.amounts import format_money

from ..tools import rules
from .fonaes_budget import COMMITTING_STATES

DIRECTORATE = "fonaes_support.fonaes_support_group_general_directorate"
# Folio holders still waiting to be evaluated (§6.3.1.II strict order).
PENDING_EVALUATION_STATES = ("registered", "validated")


class FonaesApplicationDictamen(models.AbstractModel):
    """The dictamen of ``fonaes.application`` (Reglas de Operación FONAES 2005, §6.3.1.V).

    The general directorate's opinion where the amount or the service needs it, the
    dictamen de autorización (§6.3.1.V.a) and the dictamen de improcedencia (§6.3.1.V.b):
    15 business days to tell the applicant the inconsistencies in writing, 30 (+20 on
    written request) from the day the applicant receives that notice to object; without
    objection the folio is cancelled. The daily scheduled actions cancel those folios and
    flag the overdue terms.
    """

    _name = "fonaes.application.dictamen"
    _description = "FONAES Application Dictamen"

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
    notice_delivery = fields.Selection(
        [("personal", "In Person, against Signature"), ("mail", "By Certified Mail or Courier")],
        string="Notice Delivered",
        default="personal",
        required=True,
        copy=False,
        tracking=True,
        help="How the written notice of the inconsistencies reaches the applicant. The "
        "applicant has 30 business days (+20 on written request) from the day it receives "
        "the notice to object (Reglas de Operación FONAES 2005, §6.3.1.V.b). Delivery rule "
        "where no receipt date is recorded: a notice delivered in person is received the "
        "day it is notified; a notice sent by mail or courier starts no term, and no folio "
        "is cancelled, until the date on its acknowledgment of receipt is recorded.",
    )
    notice_received_date = fields.Date(
        string="Notice Received by the Applicant On",
        copy=False,
        tracking=True,
        help="Date on the applicant's acknowledgment of receipt of the inconsistencies "
        "notice: the objection term is counted from it in business days (§6.3.1.V.b).",
    )
    objection_start_date = fields.Date(
        string="Objection Term Counted From",
        compute="_compute_improcedence_deadlines",
        store=True,
        help="Day the applicant received the notice: the recorded receipt date or, for a "
        "notice delivered in person, the day it was notified (§6.3.1.V.b).",
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

    # ---- COMPUTES ----

    def _calendar(self):
        """The official Mexican calendar the business-day terms are counted in."""
        return self.env["resource.calendar"].sudo()._get_official_calendar("MX")

    @api.depends(
        "improcedence_date",
        "notice_date",
        "notice_delivery",
        "notice_received_date",
        "objection_extended",
    )
    def _compute_improcedence_deadlines(self):
        for app in self:
            calendar = app._calendar() if app.improcedence_date else None
            app.notice_deadline = calendar and calendar.add_business_days(
                app.improcedence_date, rules.IMPROCEDENCE_NOTICE_BUSINESS_DAYS
            )
            start = app._objection_start()
            app.objection_start_date = start
            if calendar and start:
                days = rules.OBJECTION_BUSINESS_DAYS
                if app.objection_extended:
                    days += rules.OBJECTION_EXTENSION_BUSINESS_DAYS
                app.objection_deadline = calendar.add_business_days(start, days)
            else:
                app.objection_deadline = False

    def _objection_start(self):
        """§6.3.1.V.b "a partir de la fecha en que reciba la comunicación": the receipt
        date recorded or, for a notice delivered in person, the day it was notified; a
        notice sent by mail without a recorded receipt starts no term (``False``)."""
        self.ensure_one()
        if not self.notice_date:
            return False
        if self.notice_received_date:
            return self.notice_received_date
        return self.notice_date if self.notice_delivery == "personal" else False

    @api.constrains("notice_received_date", "notice_date")
    def _check_notice_received_date(self):
        today = fields.Date.context_today(self)
        for app in self.filtered("notice_received_date"):
            if not app.notice_date or not (app.notice_date <= app.notice_received_date <= today):
                raise ValidationError(
                    self.env._(
                        "Application %(app)s: the notice is received after it is notified "
                        "(%(notified)s) and not after today (§6.3.1.V.b).",
                        app=app.display_name,
                        notified=app.notice_date or "-",
                    )
                )

    def write(self, vals):
        """How the notice was delivered is fixed once it is notified; its receipt is
        recorded while the improcedencia stands and no objection was received."""
        if "notice_delivery" in vals and any(
            app.notice_date and app.notice_delivery != vals["notice_delivery"] for app in self
        ):
            raise UserError(self.env._("The notice was already sent: its delivery cannot change."))
        if "notice_received_date" in vals and any(
            app.notice_received_date != fields.Date.to_date(vals["notice_received_date"])
            and (app.state != "improcedent" or not app.notice_date or app.objection_date)
            for app in self
        ):
            raise UserError(
                self.env._(
                    "The receipt of the notice is recorded once the notice is sent, while "
                    "the improcedencia stands (§6.3.1.V.b)."
                )
            )
        return super().write(vals)

    # ---- ACTIONS ----

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
                        amount=format_money(self.env, app.requested_amount, app.currency_id),
                        limit=format_money(self.env, app.limit_id.max_amount, app.currency_id),
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
            # Without a start (a mailed notice not yet received) the term has not begun.
            if not app.notice_date or (app.objection_deadline and today > app.objection_deadline):
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

    # ---- CRON ----

    @api.model
    def _cron_cancel_expired_folios(self):
        """Cancel the folios whose objection term ended without objection (§6.3.1.V.b).

        Idempotent: cancelled applications are no longer selected. Returns the folios
        cancelled.
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

        def cancel(app):
            app._cancel_folio(
                self.env._(
                    "No objection by %s: the applicant accepts the improcedencia (§6.3.1.V.b).",
                    app.objection_deadline,
                )
            )

        failed = self.env["micro.scheduled.work"]._run_in_batches(
            expired, cancel, label="FONAES folios without objection"
        )
        return expired - failed

    @api.model
    def _cron_flag_overdue_terms(self):
        """Schedule a to-do, once, for each application whose resolution term (45 + 20
        business days, §6.3.1.II) or inconsistencies notice term (15 business days,
        §6.3.1.V.b) has passed. Idempotent: a term already flagged is not flagged again.
        Returns the applications flagged.
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

            def flag(app, term=term, summary=summary):
                app.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=summary,
                    user_id=app.user_id.id or self.env.uid,
                )
                app.overdue_flagged = term

            late = self.search([*domain, ("overdue_flagged", "!=", term)])
            failed = self.env["micro.scheduled.work"]._run_in_batches(
                late, flag, label=f"FONAES overdue {term} terms"
            )
            flagged |= late - failed
        return flagged

    # ---- BUSINESS METHODS ----

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
