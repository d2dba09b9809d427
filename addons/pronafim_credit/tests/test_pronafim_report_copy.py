"""The monthly report's CSV loaded by the database as it is (issue 20): the file's body goes
into the temporary table with one COPY, without reading its rows in Python, and the import
gives the records and the per-line messages of the rules on the rows tabular.read reads;
a file whose rows the database cannot prove to be one per line is read in Python, as
before, with the same outcome."""

import decimal
from unittest import mock

from odoo.tests import tagged

from odoo.addons.micro_base.tools import tabular

from .test_borrower_report_tools import MAN, MINOR, WOMAN, curp
from .test_pronafim_imports import COLUMNS, _csv
from .test_pronafim_report_import import ReportImportCase


@tagged("post_install", "-at_install")
class TestReportCopiedAsItIs(ReportImportCase):
    def _import(self, content, copied):
        """Import ``content``; assert that it went through COPY as it is (``copied``) or
        through tabular.read, and that the outcome is the rules' on tabular.read's rows:
        the same error log, or the same micro-credits."""
        records, log = self._expected(content)
        report = self._report(content)
        with mock.patch.object(tabular, "read", wraps=tabular.read) as read:
            imported = report.action_import()
        self.assertEqual(not read.called, copied, "the path taken")
        self.assertEqual(report.error_log or "", log)
        self.assertEqual(imported, not log)
        if not log:
            self.assertEqual(self._values(report), self._expected_values(records))
        return report

    def _rows(self):
        return [
            self._row(WOMAN, "María Núñez"),
            self._row(MAN, "José Peña", trained="no", municipality="20001"),
            self._row(curp("HEGM750203MDFRRS0"), "Exponente", amount="8e3"),
        ]

    def test_plain_file_copied_with_the_rules_records_and_messages(self):
        report = self._import(_csv(COLUMNS, self._rows()), copied=True)
        self.assertEqual(report.row_count, 3)
        bad = [*self._rows(), self._row(MINOR, "Menor"), self._row(WOMAN, "Duplicado")]
        self._import(_csv(COLUMNS, bad), copied=True)

    def test_cells_with_spaces_around_are_stripped_as_read_strips_them(self):
        rows = [
            self._row(f" {WOMAN} ", "María Núñez\u00a0", municipality=" 09003"),
            self._row(MAN, "\tJosé Peña", line=f"{self.line.name} ", trained=" no "),
            self._row(curp("HEGM750203MDFRRS0"), "Exponente", amount=" 8000 ", workers="1 "),
            # Plain but for the name's end, its start.
            self._row(curp("HEGN750203MDFRRS0"), "Fin del nombre\u00a0"),
            self._row(curp("HEGO750203MDFRRS0"), " Inicio del nombre"),
        ]
        report = self._import(_csv(COLUMNS, rows), copied=True)
        self.assertEqual(
            sorted(report.sudo().microcredit_ids.mapped("name")),
            ["Exponente", "Fin del nombre", "Inicio del nombre", "José Peña", "María Núñez"],
        )
        # A name of spaces is empty; the same CURP once stripped is a duplicate.
        rows += [self._row(curp("RAMA800101HDFMMS0"), "  "), self._row(f"{MAN} ", "Otra")]
        self._import(_csv(COLUMNS, rows), copied=True)

    def test_blank_rows_skipped_with_the_lines_of_the_file(self):
        blank = [""] * len(COLUMNS)
        spaces = [" "] * len(COLUMNS)
        rows = [self._row(WOMAN), blank, spaces, self._row(MINOR, "Menor"), blank]
        report = self._import(_csv(COLUMNS, rows), copied=True)
        self.assertTrue(report.error_log.startswith("Line 5: borrower under 18"))
        report = self._import(_csv(COLUMNS, [blank, spaces]), copied=True)
        self.assertEqual(report.error_log, "Line 1: the file has no rows")

    def test_other_columns_separators_and_encodings(self):
        # A column the report does not have, one without a name, one named twice (the
        # last one counts), in another order.
        header = ["Notas", *reversed(COLUMNS), "", "NAME"]
        rows = [["x", *reversed(row), "y", f"Nombre {n}"] for n, row in enumerate(self._rows())]
        self._import(_csv(header, rows), copied=True)
        rows.append(["", *reversed(self._row(MINOR, "Menor")), "", "Menor"])
        self._import(_csv(header, rows), copied=True)
        for separator, encoding in ((";", "cp1252"), ("\t", "utf-8-sig"), (",", "utf-16")):
            with self.subTest(separator=separator, encoding=encoding):
                content = _csv(COLUMNS, self._rows(), separator, encoding)
                self._import(content, copied=True)
        # Quoted cells (a separator and a quote inside), quoted the plain way.
        content = _csv(COLUMNS, self._rows()).replace(
            b"Jos\xc3\xa9 Pe\xc3\xb1a", '"Peña, José ""Pepe"""'.encode()
        )
        report = self._import(content, copied=True)
        self.assertIn('Peña, José "Pepe"', report.sudo().microcredit_ids.mapped("name"))

    def test_numbers_and_dates_at_the_edges_of_the_plain_form(self):
        """What SQL proves clean (digits, at most 11 and 4 decimals; whole numbers of at
        most 9 digits; YYYY-MM-DD) and what it leaves to the rules give the rules'
        records, then the rules' messages."""
        edges = [
            {"amount": "12345678901.1234"},
            {"amount": "99999999999999.9999"},
            {"amount": "123456789012", "rate": "0.0001"},
            {"amount": "1.23456", "rate": "45.00000"},
            {"amount": ".5", "rate": "5."},
            {"amount": "0012", "term_months": "012"},
            {"term_months": "123456789", "activity": "industry", "workers": "15"},
            {"term_months": "1234567890"},
            {"amount": "１２", "date": "2026-10-31"},
        ]
        rows = [
            self._row(curp(f"HEG{chr(65 + n)}750203HDFRRS0"), f"Borde {n}", **values)
            for n, values in enumerate(edges)
        ]
        report = self._import(_csv(COLUMNS, rows), copied=True)
        # The amount stored is the one the rules read (float(Decimal(text))), digit for digit.
        self.env.cr.execute(
            "SELECT name, amount::text FROM pronafim_microcredit WHERE report_id = %s",
            [report.id],
        )
        stored = dict(self.env.cr.fetchall())
        cells = {row[1]: row[COLUMNS.index("amount")] for row in rows}
        self.assertEqual(
            {name: decimal.Decimal(amount) for name, amount in stored.items()},
            {
                name: decimal.Decimal(repr(tabular.parse_number(cells[name], float)))
                for name in stored
            },
        )
        bad = [
            {"amount": "1e400"},
            {"rate": "+4"},
            {"workers": "0"},
            {"workers": "٣"},
            {"date": "2026-10-32"},
            {"date": "2026-1-05"},
            {"date": "2026/10/05"},
            {"date": "٢٠٢٦-10-05"},
            {"date": "2026-11-01"},
        ]
        rows += [
            self._row(curp(f"HIG{chr(65 + n)}750203HDFRRS0"), f"Mal {n}", **values)
            for n, values in enumerate(bad)
        ]
        report = self._import(_csv(COLUMNS, rows), copied=True)
        self.assertEqual(report.state, "error")

    def test_rows_not_one_per_line_are_read_in_python(self):
        lines = _csv(COLUMNS, [*self._rows(), self._row(MINOR, "Menor")]).split(b"\r\n")
        cases = {
            # a cell over two lines: the lines after it are numbered as the file has them
            "quoted line break": lines[:2] + [lines[2].replace(b"Jos", b'"Jo\r\ns"')] + lines[3:],
            "blank line": lines[:2] + [b""] + lines[2:],
            "short row": lines[:2] + [b",".join(lines[2].split(b",")[:5])] + lines[3:],
            "COPY's end marker": lines[:2] + [b"\\."] + lines[2:],
            "a quote inside a cell": [lines[0], lines[1].replace(b"Mar", b'M"ar'), *lines[2:]],
        }
        for label, parts in cases.items():
            with self.subTest(label):
                report = self._import(b"\r\n".join(parts), copied=False)
                self.assertEqual(report.state, "error")
        # Lines ended by a bare carriage return (old Mac files) are read in Python.
        self._import(_csv(COLUMNS, self._rows()).replace(b"\r\n", b"\r"), copied=False)
