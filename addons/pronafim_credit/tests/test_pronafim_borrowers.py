import base64
import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PronafimCase, on_day
from .test_borrower_report_tools import MAN, MINOR, WOMAN, curp

D = datetime.date
HEADER = (
    "curp,name,amount,date,term_months,rate,line,municipality,activity,workers,trained,"
    "over_indebted"
)


@tagged("post_install", "-at_install")
class TestPronafimBorrowers(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Muni = cls.env["pronafim.municipality"]
        cls.city = Muni.create({"code": "09003", "name": "Coyoacán", "population": 614_447})
        cls.village = Muni.create(
            {"code": "20001", "name": "Abejones", "population": 50_000, "priority_zone": True}
        )
        cls.line = cls._formalized_line()

    def _csv(self, *rows):
        return base64.b64encode("\n".join([HEADER, *rows]).encode())

    def _row(self, curp, trained="no", municipality="09003", amount=10_000, **kw):
        values = {
            "curp": curp, "name": "Persona", "amount": amount, "date": "2026-10-05",
            "term_months": 12, "rate": 40, "line": self.line.name,
            "municipality": municipality, "activity": "services", "workers": 1,
            "trained": trained, "over_indebted": "no",
        }  # fmt: skip
        values.update(kw)
        return ",".join(str(v) for v in values.values())

    def _report(self, data, month=None):
        return (
            self.env["pronafim.borrower.report"]
            .with_user(self.analyst)
            .create(
                {
                    "partner_id": self.imf.id,
                    "month": month or D(2026, 10, 1),
                    "file": data,
                    "filename": "r.csv",
                }
            )
        )

    def test_rural_threshold(self):
        """§II: a rural municipality has at most 50 thousand inhabitants."""
        self.assertTrue(self.village.rural)
        self.assertFalse(self.city.rural)

    def test_file_with_errors_imports_nothing(self):
        report = self._report(self._csv(self._row(WOMAN), self._row(MINOR, date="2026-10-10")))
        self.assertFalse(report.action_import())
        self.assertEqual(report.state, "error")
        self.assertIn("Line 3:", report.error_log)
        self.assertIn("under 18", report.error_log)
        self.assertFalse(self.env["pronafim.microcredit"].search([("line_id", "=", self.line.id)]))

    def test_import_queries_do_not_grow_with_rows(self):
        """The import is set-based (one lookup per catalog, batched inserts): a file of 2
        rows and one of 8 cost the same number of queries."""
        curps = [curp(f"GOMA8501{day:02d}MDFRRN0") for day in range(1, 9)]

        def report(month, count):
            day = f"{month:%Y-%m}-05"
            return self._report(
                self._csv(*[self._row(c, date=day) for c in curps[:count]]), month=month
            )

        warm_ups = report(D(2026, 7, 1), 1), report(D(2026, 8, 1), 1)
        few, many = report(D(2026, 9, 1), 2), report(D(2026, 10, 1), 8)
        for warm_up in warm_ups:
            self.assertTrue(warm_up.action_import(), warm_up.error_log)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=19):
            self.assertTrue(few.action_import(), few.error_log)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=19):
            self.assertTrue(many.action_import(), many.error_log)
        self.assertEqual((few.row_count, many.row_count), (2, 8))

    def test_resending_a_month_replaces_it_and_conditions(self):
        """§VIII.1.A: a simple line trains at least 10 % of the borrowers financed."""
        rows = [self._row(WOMAN, municipality="20001"), self._row(MAN)]
        first = self._report(self._csv(*rows))
        self.assertTrue(first.action_import())
        self.assertEqual(first.row_count, 2)
        self.assertEqual(self.line.borrower_count, 2)
        self.assertEqual(self.line.women_pct, 50)
        self.assertEqual(self.line.rural_pct, 50)
        self.assertFalse(self.line.condition_met)
        self.assertIn("0.0 % trained, at least 10 % (§VIII.1.A)", self.line.condition_detail)
        # Spec §5 figures of the institution's month (the report) and of the line.
        self.assertEqual(
            (first.borrower_count, first.women_pct, first.rural_pct, first.priority_pct),
            (2, 50, 50, 50),
        )
        self.assertEqual((first.special_pct, first.training_pct), (0, 0))
        self.assertEqual(first.average_amount, 10_000)
        self.assertEqual((self.line.special_pct, self.line.average_amount), (0, 10_000))
        again = self._report(self._csv(self._row(WOMAN, trained="sí"), self._row(MAN)))
        self.assertTrue(again.action_import())
        self.line.invalidate_recordset()
        self.assertEqual(self.line.borrower_count, 2, "the month is replaced, not added")
        self.assertEqual(first.row_count, 0)
        self.assertEqual(self.line.training_pct, 50)
        self.assertTrue(self.line.condition_met)

    def test_portal_sees_own_rows_only(self):
        report = self._report(self._csv(self._row(WOMAN)))
        report.action_import()
        rows = self.env["pronafim.microcredit"].with_user(self.portal).search([])
        self.assertEqual(rows, report.microcredit_ids)
        other = self.env["pronafim.borrower.report"].create(
            {"partner_id": self.other_imf.id, "month": D(2026, 10, 1)}
        )
        with self.assertRaises(AccessError):
            other.with_user(self.portal).read(["month"])
        with self.assertRaises(AccessError):
            rows.with_user(self.portal).write({"trained": True})
        with self.assertRaises(AccessError):
            report.microcredit_ids.with_user(self.secretary).write({"trained": True})

    def test_strategic_line_conditions(self):
        """§VIII.1.B.i: at least one of 50 % of the line to women in priority zones, all
        women trained, or rates at most the regional rate."""
        app = self._authorized_app_for_strategic()
        line = (
            self.env["pronafim.credit.line"]
            .with_user(self.finance)
            .create(
                {
                    "application_id": app.id,
                    "credit_type_id": self.env.ref(
                        "pronafim_credit.credit_type_strategic_simple"
                    ).id,
                    "amount": 40_000,
                    "term_months": 12,
                    "regional_rate": 39.0,
                }
            )
        )
        with on_day(D(2026, 11, 2)):
            line.action_formalize()

        def month_rows(*rows):
            report = self._report(self._csv(*rows))
            self.assertTrue(report.action_import(), report.error_log)
            line.invalidate_recordset()

        other = {"line": line.name}
        # 19,999 of 40,000 (49.99 %) to a woman in a priority zone, untrained, rate 40.
        month_rows(
            self._row(WOMAN, municipality="20001", amount=19_999, **other),
            self._row(MAN, **other),
        )
        self.assertFalse(line.condition_met)
        month_rows(
            self._row(WOMAN, municipality="20001", amount=20_000, **other),
            self._row(MAN, **other),
        )
        self.assertTrue(line.condition_met)
        self.assertIn("50.0 % of the line to women in priority zones", line.condition_detail)
        month_rows(self._row(WOMAN, trained="sí", **other), self._row(MAN, **other))
        self.assertTrue(line.condition_met)
        self.assertIn("all women trained", line.condition_detail)
        month_rows(self._row(WOMAN, rate=39, **other), self._row(MAN, rate=38, **other))
        self.assertTrue(line.condition_met)
        self.assertIn("rates at most the regional rate", line.condition_detail)

    def _authorized_app_for_strategic(self):
        app = self._app(day=D(2026, 9, 9))
        app.sudo().write({"state": "authorized", "outcome": "authorized"})
        return app

    def test_portal_sends_own_report(self):
        Report = self.env["pronafim.borrower.report"].with_user(self.portal)
        report = Report.create(
            {
                "partner_id": self.imf.id,
                "month": D(2026, 10, 15),
                "file": self._csv(self._row(WOMAN, trained="sí")),
                "filename": "octubre.csv",
            }
        )
        self.assertEqual(report.month, D(2026, 10, 1))
        self.assertTrue(report.action_import(), report.error_log)
        self.assertEqual(report.state, "done")
        self.assertEqual(len(report.microcredit_ids), 1)
        with self.assertRaises(AccessError):
            Report.create({"partner_id": self.other_imf.id, "month": D(2026, 10, 1)})
        with self.assertRaisesMessage(AccessError, "state"):
            Report.create({"partner_id": self.imf.id, "month": D(2026, 10, 1), "state": "done"})
