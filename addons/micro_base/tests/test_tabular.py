"""The shared CSV/XLSX reader on the files real users send, without a database."""

import csv
import decimal
import io
import os
import zipfile

import openpyxl
import xlsxwriter

from odoo.tests import BaseCase, tagged

from ..tools import tabular
from .import_dialog import libreoffice_xlsx

HEADER = ("curp", "name", "amount", "date")
ROWS = (
    ("GOMA850101MDFRRN01", "María Núñez", "8000.50", "2026-10-05"),
    ("PELJ900515HJCRPN07", "José Peña", "12000", "2026-10-06"),
)
EXPECTED = [dict(zip(HEADER, row, strict=True)) for row in ROWS]


def _csv(separator=",", encoding="utf-8", header=HEADER, rows=ROWS, newline="\r\n"):
    lines = [separator.join(header), *(separator.join(row) for row in rows)]
    return (newline.join(lines) + newline).encode(encoding)


def _openpyxl_xlsx(rows):
    """A workbook as openpyxl 3.1 writes it: inline strings, styles, dimension."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsxwriter_xlsx(rows, **options):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, **options})
    sheet = book.add_worksheet("Hoja1")
    for number, row in enumerate(rows):
        sheet.write_row(number, 0, row)
    book.close()
    return buffer.getvalue()


@tagged("post_install", "-at_install", "micro_base_tools")
class TestTabularCsv(BaseCase):
    def assertRows(self, table, expected=EXPECTED, lines=(2, 3)):
        self.assertEqual(table.header, list(HEADER))
        self.assertEqual(table.rows, expected)
        self.assertEqual([row.line for row in table.rows], list(lines))

    def test_utf8_comma(self):
        table = tabular.read(_csv(","))
        self.assertRows(table)
        self.assertEqual((table.kind, table.encoding), ("csv", "utf-8"))

    def test_utf8_bom_semicolon(self):
        table = tabular.read(b"\xef\xbb\xbf" + _csv(";"))
        self.assertRows(table)
        self.assertEqual(table.encoding, "utf-8-sig")
        self.assertEqual(table.header[0], "curp", "the BOM is not part of the first name")

    def test_cp1252_from_excel_with_accents(self):
        """Excel's "CSV" on a Spanish Windows: Windows-1252, ; separator, CRLF."""
        data = _csv(";", "cp1252")
        self.assertIn("Mar\xeda N\xfa\xf1ez".encode("cp1252"), data)
        with self.assertRaises(UnicodeDecodeError):
            data.decode("utf-8")
        table = tabular.read(data, "reporte.csv")
        self.assertRows(table)
        self.assertEqual(table.rows[0]["name"], "María Núñez")
        self.assertEqual(table.rows[1]["name"], "José Peña")
        self.assertEqual(table.encoding, "cp1252")

    def test_cp1252_specific_characters(self):
        # “ ” € are in Windows-1252, not in Latin-1.
        data = "name;note\nAna;“pagó” 5 €\n".encode("cp1252")
        self.assertEqual(tabular.read(data).rows, [{"name": "Ana", "note": "“pagó” 5 €"}])

    def test_latin1_bytes_undefined_in_cp1252(self):
        # 0x81 is undefined in Windows-1252: the file is read as Latin-1.
        data = "name,note\nAna,señal\n".encode("latin-1") + b"Luis,x\x81y\n"
        table = tabular.read(data)
        self.assertEqual(table.encoding, "latin-1")
        self.assertEqual(table.rows[0]["note"], "señal")

    def test_utf16_tab_separated(self):
        """Excel's "Unicode text": UTF-16 with BOM, tab separated."""
        table = tabular.read(_csv("\t", "utf-16"))
        self.assertRows(table)

    def test_header_names_stripped_lowercased_blank_lines_skipped(self):
        data = b"\r\n CURP ; Name ;AMOUNT;Date\r\n\r\n" + b"\r\n".join(
            ";".join(row).encode() for row in ROWS
        )
        self.assertRows(tabular.read(data), lines=(4, 5))

    def test_quoted_multiline_field_keeps_line_numbers(self):
        data = b'name,note\nAna,"first\nsecond"\nLuis,x\n'
        table = tabular.read(data)
        self.assertEqual(table.rows[0]["note"], "first\nsecond")
        self.assertEqual([row.line for row in table.rows], [2, 4])

    def test_separator_inside_quotes_is_ignored(self):
        data = b'"name, full";amount\n"Pe\xc3\xb1a, Jos\xc3\xa9";10\n'
        self.assertEqual(tabular.read(data).rows, [{"name, full": "Peña, José", "amount": "10"}])

    def test_short_and_long_rows(self):
        table = tabular.read(b"a,b,c\n1\n1,2,3,4\n")
        self.assertEqual(
            table.rows, [{"a": "1", "b": "", "c": ""}, {"a": "1", "b": "2", "c": "3"}]
        )

    def test_missing_columns(self):
        table = tabular.read(b"curp;name\nX;Y\n")
        self.assertEqual(table.missing(HEADER), ["amount", "date"])

    def test_header_only(self):
        table = tabular.read(_csv(";", rows=[]))
        self.assertEqual(table.header, list(HEADER))
        self.assertEqual(table.rows, [])

    def test_empty_files(self):
        for data in (b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n", None):
            with self.subTest(data=data), self.assertRaises(tabular.TabularError) as caught:
                tabular.read(data, "reporte.csv")
            self.assertEqual(caught.exception.reason, "empty")
            self.assertEqual(
                str(caught.exception), "The file is not a readable CSV or XLSX: it is empty."
            )

    def test_random_bytes_as_csv(self):
        data = bytes(range(256)) * 4 + os.urandom(512)
        with self.assertRaises(tabular.TabularError) as caught:
            tabular.read(data, "reporte.csv")
        self.assertEqual(caught.exception.reason, "binary")

    def test_malformed_csv(self):
        # A cell above the csv module's field limit (Odoo's base_import raises the limit:
        # set a small one for the test).
        limit = csv.field_size_limit(1_000)
        self.addCleanup(csv.field_size_limit, limit)
        with self.assertRaises(tabular.TabularError) as caught:
            tabular.read(b'a,b\n1,"' + b"x" * 2_000 + b'"\n')
        self.assertEqual(caught.exception.reason, "csv")
        self.assertIn("field limit", caught.exception.params["detail"])
        self.assertNotIn("field limit", str(caught.exception))

    def test_b64decode(self):
        self.assertEqual(tabular.b64decode(b"aG9sYQ=="), b"hola")
        self.assertEqual(tabular.b64decode("aG9sYQ=="), b"hola")
        self.assertEqual(tabular.b64decode(False), b"")
        for value in ("abc", "curp,name\nñ", 12):
            with self.subTest(value=value), self.assertRaises(tabular.TabularError) as caught:
                tabular.b64decode(value)
            self.assertEqual(caught.exception.reason, "base64")

    def test_message_is_one_line_and_translatable(self):
        error = tabular.TabularError("xlsx", detail="BadZipFile")
        self.assertEqual(
            tabular.message(error),
            "The file is not a readable CSV or XLSX: the workbook is damaged or is not an "
            "Excel workbook.",
        )
        calls = []

        def gettext(template, **params):
            calls.append(template)
            return "[" + template % params + "]"

        self.assertNotIn("\n", tabular.message(error, gettext))
        self.assertEqual(calls, [tabular.REASONS["xlsx"], tabular.UNREADABLE])


@tagged("post_install", "-at_install", "micro_base_tools")
class TestTabularXlsx(BaseCase):
    def test_openpyxl_workbook_inline_strings(self):
        data = _openpyxl_xlsx([HEADER, *ROWS])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.assertIn(b't="inlineStr"', archive.read("xl/worksheets/sheet1.xml"))
        table = tabular.read(data, "reporte.xlsx")
        self.assertEqual((table.kind, table.encoding), ("xlsx", None))
        self.assertEqual(table.header, list(HEADER))
        self.assertEqual(table.rows, EXPECTED)
        self.assertEqual([row.line for row in table.rows], [2, 3])

    def test_shared_strings_workbook(self):
        """Shared strings, as Excel and LibreOffice write them (here by xlsxwriter)."""
        data = _xlsxwriter_xlsx([HEADER, *ROWS])
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self.assertIn("xl/sharedStrings.xml", archive.namelist())
            self.assertIn(b't="s"', archive.read("xl/worksheets/sheet1.xml"))
        table = tabular.read(data, "reporte.xlsx")
        self.assertEqual(table.header, list(HEADER))
        self.assertEqual(table.rows, EXPECTED)

    def test_typed_cells(self):
        import datetime

        data = _openpyxl_xlsx(
            [
                ["Amount", "Date", "Workers", "Trained", "Rate"],
                [8000.5, datetime.datetime(2026, 10, 5), 3, True, 45.0],
                [None, datetime.date(2026, 10, 6), 3.0, False, 1e20],
            ]
        )
        table = tabular.read(data, "x.xlsx")
        self.assertEqual(
            table.rows,
            [
                {"amount": "8000.5", "date": "2026-10-05", "workers": "3", "trained": "true",
                 "rate": "45"},
                {"amount": "", "date": "2026-10-06", "workers": "3", "trained": "false",
                 "rate": "1e+20"},
            ],
        )  # fmt: skip

    def test_inline_strings_without_dimension_or_styles(self):
        data = libreoffice_xlsx([HEADER, *ROWS, ["", "", "", ""], ["X", "Y", 5, "2026-10-07"]])
        table = tabular.read(data, "reporte.xlsx")
        self.assertEqual(table.header, list(HEADER))
        self.assertEqual(table.rows[:2], EXPECTED)
        self.assertEqual(table.rows[2], {"curp": "X", "name": "Y", "amount": "5",
                                         "date": "2026-10-07"})  # fmt: skip
        self.assertEqual([row.line for row in table.rows], [2, 3, 5])

    def test_workbook_named_csv_is_read_as_workbook(self):
        data = _xlsxwriter_xlsx([HEADER, *ROWS])
        self.assertEqual(tabular.read(data, "reporte.csv").rows, EXPECTED)

    def test_header_only_and_empty_workbooks(self):
        self.assertEqual(tabular.read(_openpyxl_xlsx([HEADER]), "x.xlsx").rows, [])
        with self.assertRaises(tabular.TabularError) as caught:
            tabular.read(_openpyxl_xlsx([]), "x.xlsx")
        self.assertEqual(caught.exception.reason, "empty")

    def test_corrupt_workbooks(self):
        valid = _openpyxl_xlsx([HEADER, *ROWS])
        cases = {
            "random bytes": os.urandom(2048),
            "random bytes after the ZIP magic": b"PK\x03\x04" + os.urandom(2048),
            "truncated": valid[: len(valid) // 2],
            "a ZIP that is no workbook": _zip({"hello.txt": b"hello"}),
            "no worksheet XML": _zip(
                {
                    name: content
                    for name, content in _unzip(valid).items()
                    if not name.startswith("xl/worksheets/")
                }
            ),
            "broken worksheet XML": _zip(
                {**_unzip(valid), "xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"}
            ),
        }
        for label, data in cases.items():
            with self.subTest(label), self.assertRaises(tabular.TabularError) as caught:
                tabular.read(data, "reporte.xlsx")
            self.assertIn(caught.exception.reason, ("xlsx", "no_sheet"))
            self.assertTrue(
                str(caught.exception).startswith("The file is not a readable CSV or XLSX: ")
            )

    def test_old_excel_and_opendocument(self):
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(512)
        ods = _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                "content.xml": b"<x/>",
            }
        )
        for data, name, reason in (
            (ole, "reporte.xls", "xls"),
            (ole, "reporte.xlsx", "xls"),
            (b"anything", "reporte.xls", "xls"),
            (ods, "reporte.ods", "ods"),
            (ods, "reporte.xlsx", "ods"),
        ):
            with self.subTest(name=name, reason=reason):
                with self.assertRaises(tabular.TabularError) as caught:
                    tabular.read(data, name)
                self.assertEqual(caught.exception.reason, reason)


@tagged("post_install", "-at_install", "micro_base_tools")
class TestParseNumber(BaseCase):
    def test_numbers(self):
        self.assertEqual(tabular.parse_number("8000.50"), 8000.5)
        self.assertEqual(tabular.parse_number(" -3 "), -3.0)
        self.assertEqual(tabular.parse_number("12", int), 12)
        self.assertEqual(tabular.parse_number("12.0", int), 12)
        self.assertEqual(tabular.parse_number("1e3", int), 1000)
        self.assertEqual(tabular.parse_number("0.10", decimal.Decimal), decimal.Decimal("0.10"))
        self.assertEqual(tabular.parse_number("999999999999999.99"), 999999999999999.99)

    def test_refused(self):
        cases = [
            ("abc", float, "format"),
            ("", float, "format"),
            ("1,5", float, "format"),
            ("1.000,50", float, "format"),
            ("1e309", float, "range"),
            ("1e309", decimal.Decimal, "range"),
            ("-1e309", float, "range"),
            ("1e16", float, "range"),
            ("inf", float, "finite"),
            ("-Infinity", float, "finite"),
            ("nan", float, "finite"),
            ("NaN", int, "finite"),
            ("12.7", int, "integer"),
            ("2147483648", int, "range"),
            ("99999999999999999999", int, "range"),
        ]
        for text, kind, reason in cases:
            with self.subTest(text=text, kind=kind):
                with self.assertRaises(tabular.NumberError) as caught:
                    tabular.parse_number(text, kind)
                self.assertEqual(caught.exception.reason, reason)
                self.assertEqual(caught.exception.value, text.strip())

    def test_maximum(self):
        self.assertEqual(tabular.parse_number("100", maximum=100), 100.0)
        with self.assertRaises(tabular.NumberError) as caught:
            tabular.parse_number("100.01", maximum=100)
        self.assertEqual(caught.exception.maximum, 100)


def _zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _unzip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
