"""tabular.csv_source: a CSV whose body the database can load as it is (issue 20), or
``None`` when the file must be read in Python (tabular.read)."""

import csv

from odoo.tests import BaseCase, tagged

from odoo.addons.micro_base.tools import tabular


@tagged("post_install", "-at_install", "micro_base_tools")
class TestCsvSource(BaseCase):
    def test_plain_file(self):
        source = tabular.csv_source(b"CURP; Name \r\nA;Ana\r\nB;Bea\r\n", "reporte.csv")
        self.assertEqual(source.header, ["curp", "name"])
        self.assertEqual(source.delimiter, ";")
        self.assertEqual(source.body, b"A;Ana\nB;Bea\n")
        self.assertEqual(source.lines, 2)
        self.assertEqual(source.encoding, "utf-8")
        # No line end after the last row; no rows.
        self.assertEqual(tabular.csv_source(b"a,b\n1,2").lines, 1)
        self.assertEqual(tabular.csv_source(b"a,b\n").lines, 0)

    def test_encodings_are_sent_as_utf8(self):
        for encoding in ("cp1252", "utf-8-sig", "utf-16"):
            with self.subTest(encoding):
                source = tabular.csv_source("nombre\tmonto\nPeña\t5\n".encode(encoding))
                self.assertEqual(source.body, "Peña\t5\n".encode())
                self.assertEqual(source.delimiter, "\t")

    def test_nameless_and_repeated_columns_kept_in_place(self):
        source = tabular.csv_source(b"a,,A\n1,2,3\n")
        self.assertEqual(source.header, ["a", "", "a"])
        self.assertEqual(source.names(), ["a", "a"])

    def test_plainly_quoted_cells(self):
        data = b'"name, full",amount\n"Pe\xc3\xb1a, Jos\xc3\xa9 ""Pepe""",10\n"",5\n'
        source = tabular.csv_source(data)
        self.assertEqual(source.header, ["name, full", "amount"])
        self.assertEqual(source.lines, 2)

    def test_files_read_in_python(self):
        # A small field limit (Odoo's base_import raises it), as in test_malformed_csv.
        limit = csv.field_size_limit(1_000)
        self.addCleanup(csv.field_size_limit, limit)
        limit = 1_000
        cases = {
            "workbook": (b"PK\x03\x04" + bytes(64), "reporte.csv"),
            "old workbook name": (b"a,b\n1,2\n", "reporte.xls"),
            "empty": (b"", "reporte.csv"),
            "blank": (b"\r\n  \r\n", "reporte.csv"),
            "binary": (b"a,b\n\x00\x01,2\n", "reporte.csv"),
            "header after a blank line": (b"\na,b\n1,2\n", ""),
            "header of blank cells": (b" , \na,b\n1,2\n", ""),
            "bare carriage return": (b"a,b\r1,2\r", ""),
            "quote inside a cell": (b'a,b\nx"y,2\n', ""),
            "quote after a space": (b'a,b\n "x",2\n', ""),
            "cell over two lines": (b'a,b\n"x\ny",2\n', ""),
            "quote never closed": (b'a,b\n"x,2\n', ""),
            "line longer than the field limit": (b"a,b\n" + b"x" * (limit + 1) + b",2\n", ""),
        }
        for label, (data, name) in cases.items():
            with self.subTest(label):
                self.assertIsNone(tabular.csv_source(data, name))

    def test_whitespace_is_what_strip_removes(self):
        every = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())
        self.assertEqual(tabular.WHITESPACE, every)
        self.assertEqual(f"{tabular.WHITESPACE}x{tabular.WHITESPACE}".strip(), "x")
