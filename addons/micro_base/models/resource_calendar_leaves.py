from odoo import fields, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    official_holiday = fields.Boolean(
        readonly=True,
        help="Filled in from the country's official non-working days; days added by hand "
        "are extra non-working days and are never removed by the yearly refill.",
    )
    holiday_date = fields.Date(readonly=True, index=True)
