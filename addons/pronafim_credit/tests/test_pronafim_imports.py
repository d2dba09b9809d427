"""The program's imports (micro-borrower reports, CONDUSEF complaint files) read what real
users send, and refuse a file they cannot read with one clear line, creating nothing."""

import base64
import datetime
import io
import os

import xlsxwriter

from odoo.exceptions import UserError
from odoo.http import Request
from odoo.tests import HttpCase, tagged
from odoo.tools.misc import mute_logger

from .common import GROUP, PronafimCase
from .test_borrower_report_tools import MAN, WOMAN

D = datetime.date
UNREADABLE = "The file is not a readable CSV or XLSX: "
COLUMNS = [
    "curp", "name", "amount", "date", "term_months", "rate", "line", "municipality",
    "activity", "workers", "trained", "over_indebted",
]  # fmt: skip
COMPLAINT_COLUMNS = [
    "folio", "kind", "institution", "user_name", "product", "reason", "amount_claimed",
    "date_received",
]  # fmt: skip


def _csv(header, rows, separator=",", encoding="utf-8"):
    lines = [separator.join(header), *(separator.join(str(v) for v in row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def _xlsx(header, rows):
    """A workbook with shared strings, as Excel and LibreOffice save it."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Hoja1")
    sheet.write_row(0, 0, header)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    book.close()
    return buffer.getvalue()


#: Files no import can read: (label, file name, content).
UNREADABLE_FILES = [
    ("random bytes as XLSX", "reporte.xlsx", os.urandom(4096)),
    ("random bytes as CSV", "reporte.csv", bytes(range(256)) + os.urandom(1024)),
    ("truncated workbook", "reporte.xlsx", b"PK\x03\x04" + os.urandom(1024)),
    ("old Excel workbook", "reporte.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
    ("blank CSV", "reporte.csv", b"\xef\xbb\xbf\r\n  \r\n"),
]
#: What storing and refusing such files logs: Odoo's mimetype guess failing on a broken
#: ZIP (a warning), and the refusals returned to the RPC client (odoo.http warnings).
QUIET = ("odoo.http", "odoo.tools.mimetypes.guess_mimetype", "py.warnings")


class ImportCase(PronafimCase):
    """An IMF with a formalized line and two municipalities; the complaints officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Muni = cls.env["pronafim.municipality"]
        Muni.create({"code": "09003", "name": "Coyoacán", "population": 614_447})
        Muni.create({"code": "20001", "name": "Abejones", "population": 1_000})
        cls.line = cls._formalized_line()
        cls.officer = cls._new_user("pr_imp_une", GROUP % "complaints_officer")

    def _row(self, curp, name="Persona", **values):
        row = {
            "curp": curp, "name": name, "amount": "8000.50", "date": "2026-10-05",
            "term_months": "12", "rate": "40", "line": self.line.name,
            "municipality": "09003", "activity": "services", "workers": "1",
            "trained": "sí", "over_indebted": "no",
        }  # fmt: skip
        row.update(values)
        return [row[column] for column in COLUMNS]

    def _complaint_row(self, folio, user_name="Luis Pérez", amount="1500.50"):
        return [folio, "complaint", self.imf.name, user_name, "Crédito simple",
                "Cobro indebido", amount, "2026-11-02"]  # fmt: skip

    def _counts(self):
        return (
            self.env["pronafim.microcredit"].sudo().search_count([]),
            self.env["pronafim.complaint"].sudo().search_count([]),
        )


@tagged("post_install", "-at_install")
class TestBorrowerReportImport(ImportCase):
    def _report(self, user, content, filename):
        return (
            self.env["pronafim.borrower.report"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.imf.id,
                    "month": D(2026, 10, 1),
                    "file": base64.b64encode(content),
                    "filename": filename,
                }
            )
        )

    def test_excel_csv_windows_1252_semicolon(self):
        """Excel's "CSV" on a Spanish Windows: Windows-1252, ``;``, CRLF, accents."""
        content = _csv(
            COLUMNS,
            [self._row(WOMAN, "María Núñez"), self._row(MAN, "José Peña", trained="no")],
            ";",
            "cp1252",
        )
        for user in (self.portal, self.analyst):
            with self.subTest(user=user.login):
                report = self._report(user, content, "octubre.csv")
                self.assertTrue(report.action_import(), report.error_log)
                self.assertEqual(report.state, "done")
                self.assertEqual(
                    sorted(report.sudo().microcredit_ids.mapped("name")),
                    ["José Peña", "María Núñez"],
                )

    def test_utf8_bom_and_workbook(self):
        rows = [self._row(WOMAN, "María Núñez"), self._row(MAN, "José Peña")]
        for filename, content in (
            ("octubre.csv", b"\xef\xbb\xbf" + _csv(COLUMNS, rows)),
            ("octubre.xlsx", _xlsx(COLUMNS, rows)),
        ):
            with self.subTest(filename=filename):
                report = self._report(self.portal, content, filename)
                self.assertTrue(report.action_import(), report.error_log)
                self.assertEqual(report.sudo().row_count, 2)
                self.assertIn("María Núñez", report.sudo().microcredit_ids.mapped("name"))

    @mute_logger(*QUIET)
    def test_unreadable_files_refused_in_one_line_nothing_created(self):
        before = self._counts()
        for label, filename, content in UNREADABLE_FILES:
            for user in (self.portal, self.analyst):
                with self.subTest(label, user=user.login):
                    report = self._report(user, content, filename)
                    with self.assertRaisesMessage(UserError, UNREADABLE) as caught:
                        report.action_import()
                    message = str(caught.exception)
                    self.assertTrue(message.startswith(UNREADABLE), message)
                    self.assertNotIn("\n", message)
                    self.assertNotIn("Traceback", message)
                    self.assertEqual(report.sudo().state, "draft")
                    self.assertEqual(self._counts(), before)

    def test_header_only_and_bad_numbers_reported_per_line(self):
        report = self._report(self.analyst, _csv(COLUMNS, []), "vacio.csv")
        self.assertFalse(report.action_import())
        self.assertEqual(report.error_log, "Line 1: the file has no rows")
        content = _csv(
            COLUMNS,
            [
                self._row(WOMAN),
                self._row(MAN, amount="1e309"),
                self._row(MAN, amount="NaN", line="x"),
                self._row(WOMAN, term_months="12.7", workers="99999999999"),
            ],
            ";",
        )
        report = self._report(self.analyst, content, "octubre.csv")
        self.assertFalse(report.action_import())
        self.assertEqual(report.state, "error")
        lines = report.error_log.splitlines()
        self.assertEqual([line.split(":")[0] for line in lines], ["Line 3", "Line 4", "Line 5"])
        self.assertIn("amount 1e309 is too large", lines[0])
        self.assertIn("amount 'NaN' is not a finite number", lines[1])
        self.assertIn("term_months '12.7' is not a whole number", lines[2])
        self.assertIn("workers 99999999999 is too large", lines[2])
        self.assertFalse(report.microcredit_ids)


@tagged("post_install", "-at_install")
class TestComplaintFileImport(ImportCase):
    def _file(self, content, filename):
        return (
            self.env["pronafim.complaint.file"].with_user(self.officer)._receive(content, filename)
        )

    def test_excel_csv_windows_1252_semicolon_and_workbook(self):
        rows = [self._complaint_row("F-L1"), self._complaint_row("F-L2", "Íñigo Muñoz")]
        for filename, content in (
            ("condusef.csv", _csv(COMPLAINT_COLUMNS, rows, ";", "cp1252")),
            ("condusef.xlsx", _xlsx(COMPLAINT_COLUMNS, [self._complaint_row("F-X1")])),
        ):
            with self.subTest(filename=filename):
                file = self._file(content, filename)
                file.action_import()
                self.assertEqual(file.state, "imported", file.error_report)
        names = self.env["pronafim.complaint"].search([("name", "like", "F-")])
        self.assertEqual(
            sorted(names.mapped("user_name")), ["Luis Pérez", "Luis Pérez", "Íñigo Muñoz"]
        )

    @mute_logger(*QUIET)
    def test_unreadable_files_left_in_error_in_one_line(self):
        before = self._counts()
        for label, filename, content in UNREADABLE_FILES:
            with self.subTest(label):
                file = self._file(content, filename)
                file.action_import()
                self.assertEqual(file.state, "error")
                self.assertTrue(file.error_report.startswith(UNREADABLE), file.error_report)
                self.assertNotIn("\n", file.error_report)
                self.assertFalse(file.complaint_ids)
        self.assertEqual(self._counts(), before)

    def test_overflowing_amount_reported_on_its_line(self):
        content = _csv(
            COMPLAINT_COLUMNS,
            [
                self._complaint_row("F-O1"),
                self._complaint_row("F-O2", amount="1e309"),
                self._complaint_row("F-O3", amount="inf"),
            ],
        )
        file = self._file(content, "condusef.csv")
        file.action_import()
        self.assertEqual(file.state, "error")
        self.assertEqual(
            file.error_report.splitlines(),
            [
                "Line 3: amount claimed 1e309 is too large (at most 1,000,000,000,000,000).",
                "Line 4: amount claimed 'inf' is not a number >= 0.",
            ],
        )
        self.assertFalse(self.env["pronafim.complaint"].search([("name", "like", "F-O")]))


@tagged("post_install", "-at_install")
class TestImportsFromOutside(ImportCase, HttpCase):
    """The same files sent through Odoo's external API (``execute_kw`` over ``/jsonrpc``,
    logged in as the uploading user) and through the IMF portal's upload form."""

    def _send_report(self, user, content, filename):
        answer = self._execute_kw(
            user,
            "pronafim.borrower.report",
            "create",
            [
                {
                    "partner_id": self.imf.id,
                    "month": "2026-10-01",
                    "file": base64.b64encode(content).decode(),
                    "filename": filename,
                }
            ],
        )
        self.assertNotIn("error", answer, answer)
        report_id = answer["result"]
        return report_id, self._execute_kw(
            user, "pronafim.borrower.report", "action_import", [[report_id]]
        )

    @mute_logger(*QUIET)
    def test_borrower_report_over_jsonrpc(self):
        before = self._counts()
        for label, filename, content in UNREADABLE_FILES:
            for user in (self.portal, self.analyst):
                with self.subTest(label, user=user.login):
                    _report_id, answer = self._send_report(user, content, filename)
                    self.assertIn("error", answer)
                    error = answer["error"]["data"]
                    self.assertIn(
                        error["name"],
                        ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError"),
                        error,
                    )
                    self.assertTrue(error["message"].startswith(UNREADABLE), error)
                    self.assertNotIn("\n", error["message"])
                    self.assertEqual(self._counts(), before)
        latin1 = _csv(COLUMNS, [self._row(WOMAN, "María Núñez")], ";", "cp1252")
        report_id, answer = self._send_report(self.portal, latin1, "octubre.csv")
        self.assertEqual(answer.get("result"), True, answer)
        report = self.env["pronafim.borrower.report"].browse(report_id)
        self.assertEqual(report.microcredit_ids.name, "María Núñez")

    @mute_logger(*QUIET)
    def test_complaint_file_over_jsonrpc(self):
        content = _csv(
            COMPLAINT_COLUMNS,
            [self._complaint_row("F-J1", "Íñigo Muñoz"), self._complaint_row("F-J2")],
            ";",
            "cp1252",
        )
        bad = _csv(COMPLAINT_COLUMNS, [self._complaint_row("F-J3", amount="1e309")])
        results = {}
        for name, data in (("good.csv", content), ("bad.xlsx", os.urandom(512)), ("big", bad)):
            answer = self._execute_kw(
                self.officer,
                "pronafim.complaint.file",
                "create",
                [{"name": name, "datas": base64.b64encode(data).decode()}],
            )
            self.assertNotIn("error", answer, answer)
            file_id = answer["result"]
            answer = self._execute_kw(
                self.officer, "pronafim.complaint.file", "action_import", [[file_id]]
            )
            self.assertNotIn("error", answer, answer)
            results[name] = self.env["pronafim.complaint.file"].browse(file_id)
        self.assertEqual(results["good.csv"].state, "imported", results["good.csv"].error_report)
        self.assertEqual(
            sorted(results["good.csv"].complaint_ids.mapped("user_name")),
            ["Luis Pérez", "Íñigo Muñoz"],
        )
        self.assertEqual(results["bad.xlsx"].state, "error")
        self.assertTrue(results["bad.xlsx"].error_report.startswith(UNREADABLE))
        self.assertEqual(results["big"].state, "error")
        self.assertIn("Line 2: amount claimed 1e309 is too large", results["big"].error_report)
        self.assertFalse(results["big"].complaint_ids)

    @mute_logger(*QUIET)
    def test_file_not_base64_over_jsonrpc(self):
        """A client sending the file raw instead of base64 gets the one line too."""
        Report = self.env["pronafim.borrower.report"].sudo()
        File = self.env["pronafim.complaint.file"].sudo()
        before = (Report.search_count([]), File.search_count([]))
        calls = [
            (self.portal, "pronafim.borrower.report", "file",
             {"partner_id": self.imf.id, "month": "2026-10-01", "filename": "r.csv"}),
            (self.analyst, "pronafim.borrower.report", "file",
             {"partner_id": self.imf.id, "month": "2026-10-01", "filename": "r.csv"}),
            (self.officer, "pronafim.complaint.file", "datas", {"name": "raw.csv"}),
        ]  # fmt: skip
        for user, model, field, vals in calls:
            for raw in ("abc", "curp;name\nGOMA850101MDFRRN01;María"):
                with self.subTest(model=model, user=user.login, raw=raw):
                    answer = self._execute_kw(user, model, "create", [{**vals, field: raw}])
                    self.assertIn("error", answer)
                    error = answer["error"]["data"]
                    self.assertEqual(error["name"], "odoo.exceptions.UserError", error)
                    self.assertEqual(
                        error["message"],
                        UNREADABLE + "it was not sent base64-encoded, as a file field expects.",
                    )
        self.assertEqual((Report.search_count([]), File.search_count([])), before)

    def _upload(self, content, filename, month="2026-10"):
        return self.url_open(
            "/my/pronafim/reports",
            data={"month": month, "csrf_token": Request.csrf_token(self)},
            files={"file": (filename, content, "text/csv")},
        )

    @mute_logger(*QUIET)
    def test_portal_upload_form(self):
        self.authenticate(self.portal.login, self.portal.login)
        Report = self.env["pronafim.borrower.report"]
        before = Report.search_count([])
        latin1 = _csv(COLUMNS, [self._row(WOMAN, "María Núñez")], ";", "cp1252")
        response = self._upload(latin1, "octubre.csv")
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("/my/pronafim/reports/", response.url)
        report = Report.search([], order="id desc", limit=1)
        self.assertEqual(report.state, "done")
        self.assertEqual(report.microcredit_ids.name, "María Núñez")
        for label, filename, content in UNREADABLE_FILES:
            with self.subTest(label):
                response = self._upload(content, filename)
                self.assertEqual(response.status_code, 200, response.text[:500])
                self.assertIn(UNREADABLE, response.text)
                self.assertNotIn("Traceback", response.text)
                self.assertEqual(Report.search_count([]), before + 1, "nothing is left behind")
        response = self._upload(latin1, "octubre.csv", month="octubre")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Give the month (YYYY-MM)", response.text)
