from odoo import api, fields, models


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "micro.input.mixin"]

    official_holiday = fields.Boolean(
        readonly=True,
        help="Filled in from the country's official non-working days; days added by hand "
        "are extra non-working days and are never removed by the yearly refill.",
    )
    holiday_date = fields.Date(readonly=True, index=True)

    @api.constrains("date_from", "date_to")
    def _check_micro_dates(self):
        """A non-working period cannot end before it starts (Odoo says so without the
        dates; this names them, issue 16)."""
        for leave in self:
            if leave.date_from and leave.date_to and leave.date_to < leave.date_from:
                leave._micro_raise(
                    "date_to",
                    leave.date_to,
                    self.env._("the period cannot end before it starts (%s)", leave.date_from),
                )
