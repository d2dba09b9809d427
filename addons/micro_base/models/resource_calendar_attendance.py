from odoo import api, models

#: A working period lies within one day: from 00:00 to 24:00 (Odoo's hours as floats).
DAY_HOURS = 24.0


class ResourceCalendarAttendance(models.Model):
    """Working hours of the business-day calendars every program's deadlines count on:
    an impossible period (negative hours, past midnight, ending before it starts) is
    refused instead of shifting every deadline computed on the calendar (issue 16)."""

    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "micro.input.mixin"]

    @api.constrains("hour_from", "hour_to")
    def _check_micro_hours(self):
        self._micro_check_range(["hour_from", "hour_to"], low=0, high=DAY_HOURS)
        for attendance in self:
            if attendance.hour_to < attendance.hour_from:
                attendance._micro_raise(
                    "hour_to",
                    attendance.hour_to,
                    self.env._(
                        "the period cannot end before it starts (%s)", attendance.hour_from
                    ),
                )
