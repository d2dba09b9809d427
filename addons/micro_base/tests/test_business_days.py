import datetime

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import MicroTestMixin

D = datetime.date


@tagged("post_install", "-at_install")
class TestOfficialCalendars(MicroTestMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mx = cls.env.ref("micro_base.resource_calendar_mx")
        cls.co = cls.env.ref("micro_base.resource_calendar_co")
        (cls.mx | cls.co)._fill_official_holidays([2026, 2027])

    def _official_dates(self, calendar):
        return set(calendar.global_leave_ids.filtered("official_holiday").mapped("holiday_date"))

    def test_mexico_official_days(self):
        dates = self._official_dates(self.mx)
        # Ley Federal del Trabajo art. 74: 1 Jan, first Monday of Feb, third Monday of
        # March, 1 May, 16 Sep, third Monday of Nov, 25 Dec.
        for day in [
            D(2026, 1, 1),
            D(2026, 2, 2),
            D(2026, 3, 16),
            D(2026, 5, 1),
            D(2026, 9, 16),
            D(2026, 11, 16),
            D(2026, 12, 25),
        ]:
            self.assertIn(day, dates)
        self.assertEqual(self.mx.add_business_days(D(2026, 11, 13), 1), D(2026, 11, 17))
        self.assertEqual(self.mx.add_business_days(D(2026, 11, 13), 10), D(2026, 11, 30))
        self.assertEqual(self.mx.count_business_days(D(2026, 11, 13), D(2026, 11, 30)), 10)

    def test_colombia_official_days(self):
        dates = self._official_dates(self.co)
        self.assertEqual(len([d for d in dates if d.year == 2026]), 18)
        # Holy Thursday and Good Friday 2026 fall on 2 and 3 April.
        self.assertEqual(self.co.add_business_days(D(2026, 4, 1), 1), D(2026, 4, 6))

    def test_extra_day_kept_and_refill_idempotent(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Suspensión de labores",
                "calendar_id": self.mx.id,
                "date_from": datetime.datetime(2026, 11, 17, 6, 0),
                "date_to": datetime.datetime(2026, 11, 18, 5, 59, 59),
            }
        )
        count = len(self.mx.global_leave_ids)
        self.env["resource.calendar"]._cron_fill_official_holidays()
        self.mx._fill_official_holidays([2026, 2027])
        self.assertEqual(len(self.mx.global_leave_ids), count)
        self.assertEqual(self.mx.add_business_days(D(2026, 11, 13), 1), D(2026, 11, 18))

    def test_official_calendar_lookup(self):
        self.assertEqual(self.env["resource.calendar"]._get_official_calendar("MX"), self.mx)
        with self.assertRaisesMessage(UserError, "no business-day calendar for country AR"):
            self.env["resource.calendar"]._get_official_calendar("AR")
