import base64
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PronafimCase, on_day
from .test_borrower_report_tools import MAN, WOMAN, curp

D = datetime.date
HEADER = (
    "curp,name,amount,date,term_months,rate,line,municipality,activity,workers,trained,"
    "over_indebted"
)
WOMAN_2 = curp("GOMA850102MDFRRN0")


@tagged("post_install", "-at_install")
class TestPronafimMir(PronafimCase):
    """Results matrix (MIR) indicators, seed 001 §XIII: values computed from the program's
    own records, stored per indicator and period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The MIR counts the whole program: what the demo (or any other record) already
        # holds is moved out of the periods measured here, so that the figures below are
        # this fixture's alone.
        cls.env.flush_all()
        cls.env.cr.execute("UPDATE pronafim_credit_disposal SET date = '1990-01-01'")
        cls.env.cr.execute(
            "UPDATE pronafim_credit_line SET date_formalized = '1990-01-01'"
            " WHERE date_formalized IS NOT NULL"
        )
        cls.env.cr.execute("UPDATE pronafim_microcredit SET month = '1990-01-01'")
        cls.env.invalidate_all()
        Muni = cls.env["pronafim.municipality"]
        Muni.create({"code": "09003", "name": "Coyoacán", "population": 614_447})
        Muni.create(
            {"code": "20001", "name": "Abejones", "population": 50_000, "priority_zone": True}
        )
        cls.line = cls._formalized_line()
        cls.env["pronafim.credit.disposal"].with_user(cls.finance).create(
            {"line_id": cls.line.id, "date": D(2026, 11, 10), "amount": 40_000}
        )
        # October: a trained woman in a rural priority municipality (10,000) and an
        # untrained man in a city (20,000); November: a trained woman in the city (30,000).
        cls._import(
            D(2026, 10, 1),
            cls._row(cls, WOMAN, "2026-10-05", 10_000, "20001", "yes"),
            cls._row(cls, MAN, "2026-10-06", 20_000, "09003", "no"),
        )
        cls._import(D(2026, 11, 1), cls._row(cls, WOMAN_2, "2026-11-03", 30_000, "09003", "yes"))
        cls.viewer = cls._new_user("pr_mir_portal_check", "base.group_user")

    def _row(self, person, day, amount, municipality, trained):
        return (
            f"{person},Persona,{amount},{day},12,40,{self.line.name},{municipality},"
            f"services,1,{trained},no"
        )

    @classmethod
    def _import(cls, month, *rows):
        report = (
            cls.env["pronafim.borrower.report"]
            .with_user(cls.analyst)
            .create(
                {
                    "partner_id": cls.imf.id,
                    "month": month,
                    "file": base64.b64encode("\n".join([HEADER, *rows]).encode()),
                    "filename": "r.csv",
                }
            )
        )
        assert report.action_import(), report.error_log
        return report

    def _indicator(self, measure, frequency="monthly", target=50.0, **vals):
        return (
            self.env["pronafim.mir.indicator"]
            .with_user(self.manager)
            .create(
                {
                    "name": f"Test: {measure} {frequency}",
                    "level": "component",
                    "measure": measure,
                    "frequency": frequency,
                    "baseline": 0.0,
                    "target": target,
                    **vals,
                }
            )
        )

    def _values(self, indicators):
        return self.env["pronafim.mir.value"].search(
            [("indicator_id", "in", indicators.ids)], order="indicator_id, date_from"
        )

    def test_values_match_hand_computed_figures(self):
        """October: 2 borrowers, 1 woman (50 %), 1 rural / priority (50 %), 0 special,
        1 trained (50 %), average (10,000 + 20,000) / 2; Q4 to date: 3 borrowers, 2 women
        (66.67 %), average 20,000, 40,000 disposed, 1 institution formalized."""
        monthly = {
            measure: self._indicator(measure)
            for measure in (
                "borrower_count", "women_pct", "rural_pct", "priority_pct", "special_pct",
                "training_pct", "average_amount", "amount_disposed", "imf_formalized_count",
            )
        }  # fmt: skip
        quarterly = {
            measure: self._indicator(measure, "quarterly", target=80.0)
            for measure in ("borrower_count", "women_pct", "average_amount", "amount_disposed")
        }
        yearly = self._indicator("imf_formalized_count", "yearly", target=4.0)
        indicators = self.env["pronafim.mir.indicator"].union(
            *monthly.values(), *quarterly.values(), yearly
        )
        indicators.with_user(self.manager)._compute_period(D(2026, 10, 31))
        got = {v.indicator_id: v for v in self._values(indicators)}
        october = {measure: got[ind].value for measure, ind in monthly.items()}
        self.assertEqual(
            october,
            {
                "borrower_count": 2, "women_pct": 50.0, "rural_pct": 50.0,
                "priority_pct": 50.0, "special_pct": 0.0, "training_pct": 50.0,
                "average_amount": 15_000.0, "amount_disposed": 0.0, "imf_formalized_count": 0,
            },
        )  # fmt: skip
        first = got[monthly["women_pct"]]
        self.assertEqual(
            (first.period, first.date_from, first.date_to, first.target_reached_pct),
            ("2026-10", D(2026, 10, 1), D(2026, 10, 31), 100.0),
        )
        q4 = {measure: got[ind] for measure, ind in quarterly.items()}
        self.assertEqual(q4["borrower_count"].value, 3)
        self.assertEqual(q4["women_pct"].value, 66.67)  # 2 of 3, 2 decimals
        self.assertEqual(q4["average_amount"].value, 20_000.0)
        self.assertEqual(q4["amount_disposed"].value, 40_000.0)
        self.assertEqual(
            (q4["women_pct"].period, q4["women_pct"].date_to), ("2026-Q4", D(2026, 12, 31))
        )
        self.assertAlmostEqual(q4["women_pct"].target_reached_pct, 66.67 * 100 / 80, places=2)
        self.assertEqual((got[yearly].period, got[yearly].value), ("2026", 1))
        self.assertEqual(got[yearly].target_reached_pct, 25.0)  # 1 of 4
        # Analysts read the values and the indicators.
        self.assertEqual(
            self._values(indicators).with_user(self.analyst).mapped("indicator_id.name"),
            self._values(indicators).mapped("indicator_id.name"),
        )

    def test_recomputing_a_period_replaces_its_value(self):
        women = self._indicator("women_pct", target=60.0)
        women.with_user(self.manager)._compute_period(D(2026, 11, 15))
        value = self._values(women)
        self.assertEqual((value.period, value.value), ("2026-11", 100.0))
        # November sent again with a man added: one value for the month, replaced.
        self._import(
            D(2026, 11, 1),
            self._row(WOMAN_2, "2026-11-03", 30_000, "09003", "yes"),
            self._row(MAN, "2026-11-04", 10_000, "09003", "no"),
        )
        women.target = 40.0
        # Compute Period from the indicator's form: the dialog opens on that indicator.
        opened = women.with_user(self.manager).action_open_compute()
        with Form(
            self.env[opened["res_model"]].with_user(self.manager).with_context(**opened["context"])
        ) as wizard:
            self.assertEqual(wizard.indicator_ids[:], women)
            wizard.date = D(2026, 11, 30)
        action = wizard.record.action_compute()
        self.assertEqual(self._values(women), value, "the same record, not a second one")
        self.assertEqual(
            (value.value, value.target, value.target_reached_pct), (50.0, 40.0, 125.0)
        )
        self.assertEqual(action["domain"], [("id", "in", value.ids)])
        # Another month is another value.
        women.with_user(self.manager)._compute_period(D(2026, 10, 1))
        self.assertEqual(self._values(women).mapped("period"), ["2026-10", "2026-11"])
        # What was measured keeps its meaning: measure and frequency are fixed once measured.
        with self.assertRaisesMessage(UserError, "already has values: its measure and"):
            women.with_user(self.manager).write({"frequency": "yearly"})
        women.with_user(self.manager).write({"frequency": "monthly", "name": "Women (%)"})
        self.assertEqual(women.frequency, "monthly")

    def test_monthly_cron_is_idempotent(self):
        """The monthly run measures the month just closed (and the quarter to date)."""
        monthly = self._indicator("borrower_count", target=10.0)
        quarterly = self._indicator("amount_disposed", "quarterly", target=80_000.0)
        archived = self._indicator("women_pct", active=False)
        Indicator = self.env["pronafim.mir.indicator"]
        with on_day(D(2026, 12, 1)):
            self.assertFalse(Indicator._cron_compute_values())
        values = self._values(monthly | quarterly | archived)
        self.assertEqual(
            [(v.indicator_id, v.period, v.value) for v in values],
            [(monthly, "2026-11", 1), (quarterly, "2026-Q4", 40_000)],
        )
        self.assertEqual(values[1].target_reached_pct, 50.0)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, write_date, value FROM pronafim_mir_value WHERE id IN %s ORDER BY id",
            [tuple(values.ids)],
        )
        before = self.env.cr.fetchall()
        with on_day(D(2026, 12, 1)):
            Indicator._cron_compute_values()
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, write_date, value FROM pronafim_mir_value WHERE indicator_id IN %s "
            "ORDER BY id",
            [tuple((monthly | quarterly | archived).ids)],
        )
        self.assertEqual(self.env.cr.fetchall(), before, "a second run changes nothing")

    def test_access(self):
        indicator = self._indicator("borrower_count", target=10.0)
        indicator.with_user(self.manager)._compute_period(D(2026, 10, 1))
        value = self._values(indicator)
        as_analyst = indicator.with_user(self.analyst)
        self.assertEqual(as_analyst.target, 10.0)
        with self.assertRaises(AccessError):
            as_analyst.write({"target": 5.0})
        with self.assertRaises(AccessError):
            self.env["pronafim.mir.indicator"].with_user(self.analyst).create(
                {"name": "X", "level": "goal", "measure": "borrower_count",
                 "frequency": "yearly", "target": 1.0}
            )  # fmt: skip
        with self.assertRaises(AccessError):
            value.with_user(self.analyst).write({"value": 99.0})
        with self.assertRaises(AccessError):
            indicator.with_user(self.analyst)._compute_period(D(2026, 11, 1))
        for user in (self.portal, self.viewer):
            with self.assertRaises(AccessError):
                indicator.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                value.with_user(user).read(["value"])
        self.assertNotIn(
            self.env.ref("pronafim_credit.pronafim_mir_indicator_menu").id,
            self._visible_menus(self.analyst),
        )
        self.assertIn(
            self.env.ref("pronafim_credit.pronafim_mir_value_menu").id,
            self._visible_menus(self.analyst),
        )

    def test_bad_target_is_refused_and_nothing_written(self):
        Indicator = self.env["pronafim.mir.indicator"].with_user(self.manager)
        count = Indicator.search_count([])
        # Through the form: the unit follows the measure; a share over 100 % is refused.
        form = Form(Indicator)
        form.name = "Women trained"
        form.level = "purpose"
        form.measure = "training_pct"
        form.frequency = "yearly"
        form.target = 100.01
        self.assertEqual(form.unit, "percent")
        with self.assertRaisesMessage(ValidationError, "a percentage cannot exceed 100 %"):
            form.save()
        with self.assertRaisesMessage(
            ValidationError,
            "Indicator Women (baseline 30.0, target 120.0): a percentage cannot exceed 100 %.",
        ):
            self._indicator("women_pct", name="Women", baseline=30.0, target=120.0)
        with self.assertRaisesMessage(ValidationError, "the target must be greater than zero"):
            self._indicator("borrower_count", target=-5.0)
        with self.assertRaisesMessage(
            ValidationError,
            "the target must be greater than zero; the baseline cannot be negative",
        ):
            self._indicator("amount_disposed", baseline=-1.0, target=0.0)
        self.assertEqual(Indicator.search_count([]), count)
        # 250 is a fine number of borrowers, not a share.
        good = self._indicator("borrower_count", target=250.0)
        with self.assertRaisesMessage(ValidationError, "a percentage cannot exceed 100 %"):
            good.write({"measure": "training_pct"})
        self.assertEqual((good.measure, good.unit, good.target), ("borrower_count", "number", 250))

    def test_query_count_does_not_grow_with_indicators(self):
        """One period for N indicators: the figures are read once (3 queries), the
        indicators, the existing values, one batched insert (2 or 6 indicators alike)."""
        measures = ("borrower_count", "women_pct", "rural_pct", "average_amount",
                    "amount_disposed", "imf_formalized_count")  # fmt: skip
        few = self.env["pronafim.mir.indicator"].union(*(self._indicator(m) for m in measures[:2]))
        many = self.env["pronafim.mir.indicator"].union(*(self._indicator(m) for m in measures))
        few, many = few.with_user(self.manager), many.with_user(self.manager)
        # Warm-up: the manager's access rules, read once and cached for the registry.
        (few | many)._compute_period(D(2026, 9, 1))
        self.env.invalidate_all()
        (few | many)._compute_period(D(2026, 9, 1))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=7):
            few._compute_period(D(2026, 10, 1))
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=7):
            many._compute_period(D(2026, 11, 1))
        self.assertEqual(self._values(many).mapped("period").count("2026-11"), len(measures))
        # Recomputing a period with nothing changed writes nothing.
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=6):
            many._compute_period(D(2026, 11, 1))
