"""The program's catalogs imported through Odoo's import dialog, from outside, as the
program manager who keeps them (Configuration menu; issue 16): the municipality catalog
(§II: population, rural, zones), the CETES rates (§VIII.1) and the trust's net worth
(§IX.3.b). The files real users send are read right (no mojibake), a file that cannot be
read gets one clear line, a bad row is named with its field, value and rule, and nothing
of a file with a bad row is stored."""

import datetime

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import mute_logger

from odoo.addons.micro_base.tests.import_dialog import (
    CSV,
    ImportDialogMixin,
    csv_bytes,
    good_files,
    unreadable_files,
)

from .common import PronafimCase

D = datetime.date
HEADER = ["INEGI Code", "Name", "State", "Population", "Priority Zone", "Special-attention Zone"]
FIELDS = ["code", "name", "state_id", "population", "priority_zone", "special_attention_zone"]
QUIET = ("odoo.http", "odoo.tools.mimetypes.guess_mimetype", "py.warnings", "odoo.sql_db")


def _catalog(prefix):
    return [
        HEADER,
        [f"{prefix}01", "Santa María Peñoles", "Oaxaca", "8122", "1", "1"],
        [f"{prefix}02", "Álvaro Obregón", "Ciudad de México", "759137", "0", "0"],
        [f"{prefix}03", "Tzintzuntzan", "Michoacán", "13856", "1", "0"],
    ]


@tagged("post_install", "-at_install")
class TestCatalogImportDialog(PronafimCase, ImportDialogMixin, HttpCase):
    def _municipalities(self, prefix):
        return self.env["pronafim.municipality"].search(
            [("code", "=like", f"{prefix}%")], order="code"
        )

    @mute_logger(*QUIET)
    def test_municipality_files_users_send_twice_import_once(self):
        states = {
            name: self.env["res.country.state"].search(
                [("country_id.code", "=", "MX"), ("name", "=", name)]
            )
            for name in ("Oaxaca", "Ciudad de México", "Michoacán")
        }
        for number in range(len(good_files(_catalog("X"), "municipios"))):
            prefix = f"9{number}0"
            label, filename, mimetype, content = good_files(_catalog(prefix), "municipios")[number]
            with self.subTest(label):
                result = self._dialog_import(
                    self.manager, "pronafim.municipality", content, filename, mimetype
                )
                self.assertNotIn("error", result, result.get("error"))
                self.assertEqual(result["fields"], FIELDS)
                self.assertFalse(result["test"]["messages"], result["test"]["messages"])
                self.assertFalse(result["import"]["messages"], result["import"]["messages"])
                penoles, obregon, tzintzuntzan = self._municipalities(prefix)
                self.assertEqual(
                    [m.name for m in (penoles, obregon, tzintzuntzan)],
                    ["Santa María Peñoles", "Álvaro Obregón", "Tzintzuntzan"],
                )
                self.assertEqual(penoles.state_id, states["Oaxaca"])
                self.assertEqual(obregon.state_id, states["Ciudad de México"])
                self.assertEqual(tzintzuntzan.state_id, states["Michoacán"])
                self.assertEqual(
                    [(m.population, m.rural) for m in (penoles, obregon, tzintzuntzan)],
                    [(8122, True), (759137, False), (13856, True)],
                )
                self.assertTrue(penoles.priority_zone and penoles.special_attention_zone)
                self.assertFalse(obregon.priority_zone or obregon.special_attention_zone)
                again = self._dialog_import(
                    self.manager, "pronafim.municipality", content, filename, mimetype
                )
                self.assertFalse(again["import"]["messages"], again["import"]["messages"])
                self.assertEqual(len(self._municipalities(prefix)), 3)

    @mute_logger(*QUIET)
    def test_municipality_recorded_by_hand_is_updated_by_the_catalog(self):
        Municipality = self.env["pronafim.municipality"]
        by_hand = Municipality.with_user(self.manager).create(
            {"code": "98001", "name": "Penoles", "population": 100}
        )
        content = csv_bytes([HEADER, ["98001", "Santa María Peñoles", "Oaxaca", "8122", "1", "1"]])
        result = self._dialog_import(self.manager, "pronafim.municipality", content, "m.csv")
        self.assertFalse(result["import"]["messages"], result["import"]["messages"])
        self.assertEqual(Municipality.search([("code", "=", "98001")]), by_hand)
        self.assertEqual((by_hand.name, by_hand.population), ("Santa María Peñoles", 8122))

    @mute_logger(*QUIET)
    def test_short_utf8_file_is_not_taken_for_macroman(self):
        """A one-row UTF-8 file with one accent: Odoo's guess (chardet) takes it for
        MacRoman ("LeÃ³n" read otherwise); read as UTF-8, it is stored as written."""
        content = csv_bytes([HEADER[:4], ["97001", "León", "Guanajuato", "1721215"]])
        result = self._dialog_import(self.manager, "pronafim.municipality", content, "m.csv")
        self.assertFalse(result["import"]["messages"], result["import"]["messages"])
        self.assertEqual(self._municipalities("97001").name, "León")

    @mute_logger(*QUIET)
    def test_files_that_cannot_be_read_get_one_line(self):
        Municipality = self.env["pronafim.municipality"]
        before = Municipality.search_count([])
        for label, filename, mimetype, content, expected in [
            *unreadable_files("municipios"),
            ("header only", "municipios.csv", CSV, csv_bytes([HEADER]),
             "The file has only its header line: there is no row to import."),
        ]:  # fmt: skip
            with self.subTest(label):
                result = self._dialog_import(
                    self.manager, "pronafim.municipality", content, filename, mimetype
                )
                self.assertTrue(result["error"].startswith(expected), result["error"])
                self.assertNotIn("\n", result["error"])
        self.assertEqual(Municipality.search_count([]), before)

    @mute_logger(*QUIET)
    def test_bad_municipality_rows_named_nothing_stored(self):
        Municipality = self.env["pronafim.municipality"]
        before = Municipality.search_count([])
        rows = [
            HEADER,
            ["96001", "Peñón Blanco", "Durango", "10473", "0", "0"],
            ["96002", "Población negativa", "Oaxaca", "-5", "0", "0"],
            ["96003", "Sin número", "Oaxaca", "abc", "0", "0"],
            ["96004", "Con decimales", "Oaxaca", "12.7", "0", "0"],
            ["96005", "Estado inexistente", "Atlantis", "100", "0", "0"],
            ["96006", "", "Oaxaca", "100", "0", "0"],
            ["96001", "Repetido", "Durango", "10473", "0", "0"],
        ]
        for label, separator, encoding in (("utf-8 ,", ",", "utf-8"), ("1252 ;", ";", "cp1252")):
            with self.subTest(label):
                result = self._dialog_import(
                    self.manager,
                    "pronafim.municipality",
                    csv_bytes(rows, separator, encoding),
                    "municipios.csv",
                )
                by_row = self._refused_rows(result)
                self.assertEqual(sorted(by_row), [1, 2, 3, 4, 5, 6], by_row)
                text = {
                    row: " | ".join(m["message"] for m in found) for row, found in by_row.items()
                }
                self.assertIn("Population", text[1])
                self.assertIn("-5", text[1])
                self.assertIn("it cannot be negative", text[1])
                self.assertIn("Reglas de Operación PRONAFIM 2016, §II", text[1])
                self.assertIn("'abc'", text[2])
                self.assertIn("'12.7'", text[3])
                self.assertIn("Atlantis", text[4])
                self.assertIn("Name", text[5])
                self.assertIn(
                    "INEGI Code 96001 is repeated: it is already on row 1 of the file.",
                    text[6],
                )
                self.assertEqual(Municipality.search_count([]), before)

    @mute_logger(*QUIET)
    def test_reference_rows_imported_checked_on_their_row(self):
        """CETES rates and the trust's net worth, kept by the program manager: good files
        in every form are read; an impossible row (negative, before the program, a day
        that does not exist) is named with its rule and nothing is stored."""
        # (model, header, good rows of a year, bad rows, per bad row: a fragment of its
        # message, its column, and the value the range refused as written)
        cases = [
            ("pronafim.cetes.rate", ["In Force From", "Annual Rate (%)"],
             lambda year: [[f"{year}-01-01", "9.5"], [f"{year}-02-01", "9.75"]],
             [["2031-03-01", "-5"], ["1990-01-01", "7"], ["2031-02-30", "7"],
              ["2031-05-01", "abc"]],
             [("§VIII.1", "rate", "-5"), ("§VIII.1", "date_from", "1990-01-01"),
              ("'2031-02-30'", "date_from", None), ("'abc'", "rate", None)]),
            ("pronafim.trust.net.worth", ["Month", "Net Worth (MXN)"],
             lambda year: [[f"{year}-01-01", "9500000.50"], [f"{year}-02-01", "9600000"]],
             [["2031-03-01", "-1"], ["1999-12-01", "100"], ["2031-04-31", "100"],
              ["2031-05-01", "1e309"]],
             [("§IX.3.b", "amount", "-1"), ("§IX.3.b", "month", "1999-12-01"),
              ("'2031-04-31'", "month", None), ("is not a number", "amount", "1e309")]),
        ]  # fmt: skip
        for model, header, good, bad, expected in cases:
            Model = self.env[model]
            date_field = Model._reference_date
            for number in range(len(good_files([header], "x"))):
                # each file in its own year: the rows are unique per date
                year = 2032 + number
                label, filename, mimetype, content = good_files(
                    [header, *good(year)], model.replace(".", "_")
                )[number]
                with self.subTest(model=model, file=label):
                    result = self._dialog_import(self.manager, model, content, filename, mimetype)
                    self.assertNotIn("error", result, result.get("error"))
                    self.assertFalse(result["test"]["messages"], result["test"]["messages"])
                    self.assertFalse(result["import"]["messages"])
                    stored = Model.search(
                        [(date_field, ">=", f"{year}-01-01"), (date_field, "<=", f"{year}-12-31")]
                    )
                    self.assertEqual(len(stored), 2)
            before = Model.search_count([])
            content = csv_bytes([header, *good(2031), *bad], ";", "cp1252")
            result = self._dialog_import(self.manager, model, content, "r.csv")
            with self.subTest(model=model, file="bad rows"):
                by_row = self._refused_rows(result)
                self.assertEqual(sorted(by_row), [2, 3, 4, 5], by_row)
                for row, (fragment, field, value) in zip((2, 3, 4, 5), expected, strict=True):
                    found = by_row[row]
                    self.assertIn(fragment, " | ".join(m["message"] for m in found))
                    on_column = [m for m in found if m.get("field") == field]
                    self.assertTrue(on_column, found)
                    if value:
                        self.assertEqual(on_column[0]["value"], value)
                self.assertEqual(Model.search_count([]), before)
