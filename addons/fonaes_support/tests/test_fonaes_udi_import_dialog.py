"""The UDI table (Anexo XI-1) imported through Odoo's import dialog, from outside, as the
accountant who keeps it (issue 16): the files real users send are read, a file that
cannot be read gets one clear line, an impossible row is named with its column and rule,
and nothing of a file with a bad row is stored."""

import datetime

from odoo.tests import HttpCase, tagged
from odoo.tools.misc import mute_logger

from odoo.addons.micro_base.tests.import_dialog import (
    XLSX,
    ImportDialogMixin,
    csv_bytes,
    good_files,
    openpyxl_xlsx,
    unreadable_files,
)

from .common import FonaesCase

HEADER = ["Date", "Value"]
QUIET = ("odoo.http", "odoo.tools.mimetypes.guess_mimetype", "py.warnings", "odoo.sql_db")


@tagged("post_install", "-at_install")
class TestUdiImportDialog(FonaesCase, ImportDialogMixin, HttpCase):
    @mute_logger(*QUIET)
    def test_udi_values_imported_and_checked_on_their_row(self):
        Udi = self.env["fonaes.udi.rate"]
        for number in range(len(good_files([HEADER], "x"))):
            year = 1997 + number  # each file its own dates: one value per date
            rows = [HEADER, [f"{year}-01-02", "2.123456"], [f"{year}-01-03", "2.1245"]]
            label, filename, mimetype, content = good_files(rows, "udis")[number]
            with self.subTest(label):
                result = self._dialog_import(
                    self.accountant, "fonaes.udi.rate", content, filename, mimetype
                )
                self.assertNotIn("error", result, result.get("error"))
                self.assertEqual(result["fields"], ["date", "value"])
                self.assertFalse(result["test"]["messages"], result["test"]["messages"])
                self.assertFalse(result["import"]["messages"], result["import"]["messages"])
                stored = Udi.search(
                    [("date", ">=", f"{year}-01-01"), ("date", "<=", f"{year}-12-31")],
                    order="date",
                )
                self.assertEqual(stored.mapped("value"), [2.123456, 2.1245])
        # Excel's own cells: dates as dates, values as numbers
        book = openpyxl_xlsx(
            [HEADER, [datetime.date(2012, 1, 2), 4.744623], [datetime.date(2012, 1, 3), 4.7452]]
        )
        result = self._dialog_import(self.accountant, "fonaes.udi.rate", book, "udis.xlsx", XLSX)
        self.assertFalse(result["import"]["messages"], result["import"]["messages"])
        stored = Udi.search([("date", "in", ["2012-01-02", "2012-01-03"])], order="date")
        self.assertEqual(stored.mapped("value"), [4.744623, 4.7452])
        before = Udi.search_count([])
        for label, filename, mimetype, content, expected in unreadable_files("udis"):
            with self.subTest(label):
                result = self._dialog_import(
                    self.accountant, "fonaes.udi.rate", content, filename, mimetype
                )
                self.assertTrue(result["error"].startswith(expected), result["error"])
        bad = [
            HEADER,
            ["2010-01-04", "4.3"],
            ["2010-01-05", "-1"],
            ["2010-01-06", "150"],
            ["1990-01-01", "2"],
            ["2010-02-30", "4.3"],
            ["2010-01-07", "abc"],
        ]
        # (fragment of the message, its column, the value refused as written)
        expected = [
            ("Anexo XI-1", "value", "-1"),
            ("Anexo XI-1", "value", "150"),
            ("Anexo XI-1", "date", "1990-01-01"),
            ("'2010-02-30'", "date", None),
            ("'abc'", "value", None),
        ]
        result = self._dialog_import(
            self.accountant, "fonaes.udi.rate", csv_bytes(bad, ";", "cp1252"), "udis.csv"
        )
        by_row = self._refused_rows(result)
        self.assertEqual(sorted(by_row), [1, 2, 3, 4, 5], by_row)
        for row, (fragment, field, value) in enumerate(expected, start=1):
            found = by_row[row]
            self.assertIn(fragment, " | ".join(m["message"] for m in found))
            on_column = [m for m in found if m.get("field") == field]
            self.assertTrue(on_column, found)
            if value:
                self.assertEqual(on_column[0]["value"], value)
        self.assertEqual(Udi.search_count([]), before)
