import datetime

from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._pronafim_calendar_changed(*leaves._pronafim_span())
        return leaves

    def write(self, vals):
        if not {"date_from", "date_to", "calendar_id", "resource_id"} & set(vals):
            return super().write(vals)
        calendars, date_from = self._pronafim_span()
        result = super().write(vals)
        new_calendars, new_from = self._pronafim_span()
        self._pronafim_calendar_changed(
            calendars | new_calendars, min(filter(None, (date_from, new_from)), default=None)
        )
        return result

    def unlink(self):
        span = self._pronafim_span()
        result = super().unlink()
        self._pronafim_calendar_changed(*span)
        return result

    def _pronafim_span(self):
        """Calendars and first day of the global time off in ``self`` (the non-working days
        of a calendar, not a person's leave)."""
        leaves = self.filtered(lambda leave: not leave.resource_id and leave.calendar_id)
        first = min(leaves.mapped("date_from"), default=None)
        # date_from is in UTC: a day earlier covers any time zone.
        return leaves.calendar_id, first and first.date() - datetime.timedelta(days=1)

    def _pronafim_calendar_changed(self, calendars, date_from):
        """The non-working days of ``calendars`` changed from ``date_from`` on: the open
        complaints' due dates follow (``pronafim.complaint._recompute_date_due``)."""
        if date_from and calendars.filtered(lambda c: c.holiday_country_id.code == "MX"):
            self.env["pronafim.complaint"]._recompute_date_due(calendars, date_from)
