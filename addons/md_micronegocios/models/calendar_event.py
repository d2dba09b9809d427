from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_datetime, html2plaintext

MEETING_MODES = [("in_person", "In Person"), ("phone", "Phone Call"), ("video", "Video Call")]


class CalendarEvent(models.Model):
    """Meetings ("encuentros") with the owner of a case and mentoring sessions of plans
    (spec md_micronegocios §2 and §5)."""

    _inherit = "calendar.event"

    md_mode = fields.Selection(MEETING_MODES, string="Meeting Mode")
    md_session_kind = fields.Selection(
        [("individual", "Individual Mentoring"), ("group", "Group Mentoring")],
        string="Mentoring Session",
    )
    md_plan_ids = fields.Many2many("md.plan", string="Attention Plans")
    md_lead_ids = fields.Many2many(
        "crm.lead",
        "calendar_event_md_lead_rel",
        "event_id",
        "lead_id",
        string="Program Cases",
        compute="_compute_md_lead_ids",
        store=True,
        help="Cases of the program the meeting belongs to (its case, the cases of its "
        "plans): only those who read one of them see the meeting.",
    )
    md_week = fields.Integer(
        string="Cycle Week",
        compute="_compute_md_week",
        store=True,
        help="Week of the case's cycle in which the meeting took place.",
    )

    @api.depends("opportunity_id.md_is_case", "md_plan_ids.lead_id")
    def _compute_md_lead_ids(self):
        for event in self:
            event.md_lead_ids = (event.opportunity_id | event.md_plan_ids.lead_id).filtered(
                "md_is_case"
            )

    @api.depends("start", "opportunity_id.md_cycle_id.date_start")
    def _compute_md_week(self):
        for event in self:
            cycle = event.opportunity_id.md_cycle_id
            event.md_week = cycle._week_of(event.start.date()) if cycle and event.start else 0

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        meetings = events.filtered(lambda e: e.md_mode and e.opportunity_id.md_is_case)
        meetings._md_log_held()
        meetings.opportunity_id._md_advance()
        return events

    def _md_log_held(self):
        """A meeting with the owner is recorded once held (issue 17): no planned activity
        waiting to be marked done, a line in the case's chatter instead."""
        modes = dict(self._fields["md_mode"]._description_selection(self.env))
        for event in self:
            # Calendar schedules a "meeting" to-do on the case; this one already took place.
            event.activity_ids.sudo().unlink()
            hours, minutes = divmod(round((event.duration or 0) * 60), 60)
            duration = f"{hours}:{minutes:02d}"
            date = format_datetime(self.env, event.start, dt_format="short")
            body = Markup("<p>%s</p>") % self.env._(
                "Meeting held on %(date)s (%(mode)s, %(duration)s).",
                date=date,
                mode=modes.get(event.md_mode, ""),
                duration=duration,
            )
            notes = html2plaintext(event.description or "").strip()
            if notes:
                body += Markup("<p>%s</p>") % notes
            event.opportunity_id.message_post(
                body=body, subtype_xmlid="mail.mt_note", author_id=self.env.user.partner_id.id
            )

    def write(self, vals):
        res = super().write(vals)
        if "md_mode" in vals or "opportunity_id" in vals:
            self.filtered("md_mode").opportunity_id.filtered("md_is_case")._md_advance()
        return res
