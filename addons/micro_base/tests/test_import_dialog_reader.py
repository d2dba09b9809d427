"""Odoo's import dialog reads what the suite's users send (issue 16; ``base_import.import``
extended in ``micro_base/models/base_import.py``): the preview of files as they come from
Excel, LibreOffice and other tools, and one clear line for a file it cannot read. The
programs' tests import their catalogs through the dialog from outside, as their roles."""

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import mute_logger

from .import_dialog import (
    CSV,
    DIALOG_OPTIONS,
    EXCEL_CSV,
    UNREADABLE,
    XLSX,
    csv_bytes,
    good_files,
    unreadable_files,
)

ROWS = [
    ["Name", "City", "Street"],
    ["Íñigo Núñez “El Peñón”", "Bogotá", "Calle 5 – 12"],
    ["Cámara de Comercio", "Ibagué", "Carrera 3; local 2"],
]
# Files Odoo's guess (chardet) reads wrong: a short UTF-8 text with one accent is taken
# for ISO-8859-1 or MacRoman.
SHORT_UTF8 = [
    ["Name", "City"],
    ["Taller del Año", "Neiva"],
]


@tagged("post_install", "-at_install")
class TestImportDialogReader(TransactionCase):
    def _preview(self, content, filename="contactos.csv", mimetype=CSV, **options):
        wizard = self.env["base_import.import"].create(
            {"res_model": "res.partner", "file": content, "file_name": filename,
             "file_type": mimetype}
        )  # fmt: skip
        return wizard.parse_preview({**DIALOG_OPTIONS, **options})

    def _values(self, content, filename, mimetype, **options):
        wizard = self.env["base_import.import"].create(
            {"res_model": "res.partner", "file": content, "file_name": filename,
             "file_type": mimetype}
        )  # fmt: skip
        options = {**DIALOG_OPTIONS, **options}
        preview = wizard.parse_preview(options)
        self.assertFalse(preview.get("error"), preview.get("error"))
        _length, rows = wizard._read_file(preview["options"])
        return preview, rows

    def test_files_users_send(self):
        for label, filename, mimetype, content in good_files(ROWS, "contactos"):
            with self.subTest(label):
                preview, rows = self._values(content, filename, mimetype)
                self.assertEqual(preview["headers"], ROWS[0])
                self.assertEqual(rows, ROWS)

    def test_short_utf8_is_utf8(self):
        for bom in (False, True):
            with self.subTest(bom=bom):
                preview, rows = self._values(csv_bytes(SHORT_UTF8, bom=bom), "c.csv", CSV)
                self.assertEqual(rows, SHORT_UTF8)
                self.assertEqual(preview["options"]["encoding"], "utf-8-sig" if bom else "utf-8")

    def test_windows_1252_is_read_as_excel_writes_it(self):
        content = csv_bytes(ROWS, ";", "cp1252")
        preview, rows = self._values(content, "c.csv", EXCEL_CSV)
        self.assertEqual(preview["options"]["encoding"], "cp1252")
        self.assertEqual(preview["options"]["separator"], ";")
        self.assertEqual(rows, ROWS)

    def test_short_rows_completed_and_separator_of_the_header(self):
        """Rows of different widths (a hand-edited file): Odoo's sniffing finds no
        separator and reads one column; the header's ``;`` is used, short rows completed."""
        content = "Name;City;Street\r\nAna;Neiva\r\nLuis;Ibagué;Calle 1\r\n".encode()
        preview, rows = self._values(content, "c.csv", CSV)
        self.assertEqual(preview["options"]["separator"], ";")
        self.assertEqual(rows[1:], [["Ana", "Neiva", ""], ["Luis", "Ibagué", "Calle 1"]])

    def test_choices_of_the_user_are_kept(self):
        content = csv_bytes(ROWS, ";")
        preview, rows = self._values(content, "c.csv", CSV, encoding="utf-8", separator=";")
        self.assertEqual(rows, ROWS)
        latin = csv_bytes([["Name"], ["Peñón"]], ",", "cp1252")
        preview = self._preview(latin, encoding="utf-8")
        self.assertEqual(
            preview["error"],
            UNREADABLE + "it is not text in the encoding chosen (utf-8). Leave the encoding "
            "empty to let it be recognized, or choose the one the file was saved in.",
        )

    @mute_logger("odoo.tools.mimetypes.guess_mimetype", "py.warnings")
    def test_unreadable_files_one_line(self):
        cases = [
            *unreadable_files("contactos"),
            ("text named as a workbook", "contactos.xlsx", XLSX, csv_bytes(ROWS), UNREADABLE),
            ("header only", "contactos.csv", CSV, csv_bytes(ROWS[:1]),
             "The file has only its header line: there is no row to import."),
        ]  # fmt: skip
        for label, filename, mimetype, content, expected in cases:
            with self.subTest(label):
                preview = self._preview(content, filename, mimetype)
                self.assertTrue(preview["error"].startswith(expected), preview["error"])
                self.assertNotIn("\n", preview["error"])
        # without headers, a single line is a row to import
        preview = self._preview(csv_bytes(ROWS[:1]), has_headers=False)
        self.assertFalse(preview.get("error"), preview.get("error"))
