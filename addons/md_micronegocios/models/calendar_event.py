from odoo import api, fields, models

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
    md_week = fields.Integer(
        string="Cycle Week",
        compute="_compute_md_week",
        store=True,
        help="Week of the case's cycle in which the meeting took place.",
    )

    @api.depends("start", "opportunity_id.md_cycle_id.date_start")
    def _compute_md_week(self):
        for event in self:
            cycle = event.opportunity_id.md_cycle_id
            event.md_week = cycle._week_of(event.start.date()) if cycle and event.start else 0
