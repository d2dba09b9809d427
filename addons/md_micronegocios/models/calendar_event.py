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
