import datetime
import warnings

import pytz

# holidays 0.60 warns at every import that its versioning changes at 1.0 and asks to pin
# it: it is pinned (requirements.txt, holidays==0.60), so that one warning is not logged.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=r"\s*This is a future version incompatibility")
    import holidays

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import business_days


class ResourceCalendar(models.Model):
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "micro.input.mixin"]

    holiday_country_id = fields.Many2one(
        "res.country",
        string="Official Holidays Of",
        help="Country whose official non-working days are filled in as time off of this "
        "calendar every year. Extra non-working days can be added by hand; they are kept.",
    )

    @api.constrains("hours_per_day")
    def _check_micro_hours_per_day(self):
        """A working day has 0 to 24 hours (issue 16)."""
        self._micro_check_range(["hours_per_day"], low=0, high=24)

    # ---- ACTIONS ----

    def action_fill_official_holidays(self):
        """Fill the official non-working days of this year and the next (button)."""
        if not self.filtered("holiday_country_id"):
            raise UserError(self.env._("Set the country of the official holidays first."))
        year = fields.Date.context_today(self).year
        self._fill_official_holidays([year, year + 1])
        return True

    @api.model
    def _cron_fill_official_holidays(self):
        """Keep the current and next year's official holidays on every program calendar."""
        year = fields.Date.context_today(self).year
        self.env["micro.scheduled.work"]._run_in_batches(
            self.search([("holiday_country_id", "!=", False)]),
            lambda calendar: calendar._fill_official_holidays([year, year + 1]),
        )

    # ---- BUSINESS METHODS ----

    def _fill_official_holidays(self, years):
        """Create the official non-working days of ``years`` as global time off.

        Idempotent: a day already filled is not created again; days added by hand
        (``official_holiday`` unset) are never touched.
        """
        Leave = self.env["resource.calendar.leaves"]
        for calendar in self.filtered("holiday_country_id"):
            tz = pytz.timezone(calendar.tz or "UTC")
            days = holidays.country_holidays(
                calendar.holiday_country_id.code, years=years, language="es"
            )
            existing = set(
                Leave.search(
                    [("calendar_id", "=", calendar.id), ("official_holiday", "=", True)]
                ).mapped("holiday_date")
            )
            vals_list = []
            for day, name in sorted(days.items()):
                if day in existing:
                    continue
                start = tz.localize(datetime.datetime.combine(day, datetime.time.min))
                end = tz.localize(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
                vals_list.append(
                    {
                        "name": name,
                        "calendar_id": calendar.id,
                        "resource_id": False,
                        "date_from": start.astimezone(pytz.utc).replace(tzinfo=None),
                        "date_to": end.astimezone(pytz.utc).replace(tzinfo=None),
                        "official_holiday": True,
                        "holiday_date": day,
                    }
                )
            Leave.create(vals_list)

    def _non_working_dates(self, date_from, date_to):
        """Dates between ``date_from`` and ``date_to`` covered by a global time off."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or "UTC")
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.id),
                ("resource_id", "=", False),
                ("date_from", "<=", datetime.datetime.combine(date_to, datetime.time.max)),
                ("date_to", ">=", datetime.datetime.combine(date_from, datetime.time.min)),
            ]
        )
        dates = set()
        for leave in leaves:
            day = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            while day <= last:
                dates.add(day)
                day += datetime.timedelta(days=1)
        return dates

    def _weekend_days(self):
        """Weekday numbers (Monday = 0) with no attendance in this calendar."""
        self.ensure_one()
        worked = {int(d) for d in self.attendance_ids.mapped("dayofweek")}
        return frozenset(set(range(7)) - worked) if worked else business_days.DEFAULT_WEEKEND

    def add_business_days(self, start, days):
        """Return the date ``days`` business days after ``start`` on this calendar.

        ``start`` is not counted; weekends (days without attendance) and global time off
        (official holidays and extra non-working days) are skipped.
        """
        self.ensure_one()
        if isinstance(start, datetime.datetime):
            start = start.date()
        weekend = self._weekend_days()
        # Look ahead wide enough for the term; widen if the year is full of holidays.
        horizon = max(days * 2 + 31, 31)
        while True:
            end = start + datetime.timedelta(days=horizon)
            result = business_days.add_business_days(
                start, days, self._non_working_dates(start, end), weekend
            )
            if result <= end:
                return result
            horizon *= 2

    def count_business_days(self, start, end):
        """Business days after ``start`` up to and including ``end`` on this calendar."""
        self.ensure_one()
        if isinstance(start, datetime.datetime):
            start = start.date()
        if isinstance(end, datetime.datetime):
            end = end.date()
        low, high = min(start, end), max(start, end)
        return business_days.business_days_between(
            start, end, self._non_working_dates(low, high), self._weekend_days()
        )

    @api.model
    def _get_official_calendar(self, country_code):
        """The calendar holding the official non-working days of ``country_code``."""
        calendar = self.search(
            [("holiday_country_id.code", "=", country_code)], order="company_id, id", limit=1
        )
        if not calendar:
            raise UserError(
                self.env._("There is no business-day calendar for country %s.", country_code)
            )
        return calendar
