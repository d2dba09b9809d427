"""Importing a file as Odoo's import dialog ("Import records") does, from outside.

For the suite's imports through ``base_import.import`` (issue 16): the tests of each
program drive the dialog's calls over HTTP as the role's own user, with the dialog's
default options, and build the files real users send (see :data:`FILES`).
"""

import io
import os
import zipfile

import openpyxl

from odoo.http import Request

#: The options Odoo 18's dialog sends (``base_import/static/src/import_model.js``,
#: ``importOptionsValues``): encoding and separator left empty for the server to guess.
DIALOG_OPTIONS = {
    "encoding": "",
    "separator": "",
    "quoting": '"',
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "has_headers": True,
    "keep_matches": False,
    "limit": 2000,
    "sheets": [],
    "sheet": "",
    "skip": 0,
    "tracking_disable": True,
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
}
CSV = "text/csv"
#: What Excel on Windows makes the browser send for a ``.csv``.
EXCEL_CSV = "application/vnd.ms-excel"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The start of the one line a file that cannot be read gets.
UNREADABLE = "The file is not a readable CSV or XLSX: "


def csv_bytes(rows, separator=",", encoding="utf-8", bom=False):
    """A CSV of ``rows`` (header first) as a spreadsheet saves it: CRLF, quoted cells
    where needed."""
    lines = []
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            if any(char in text for char in (separator, '"', "\n")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(separator.join(cells))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def openpyxl_xlsx(rows):
    """A workbook as openpyxl (and Excel) writes it, dates as date cells."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def libreoffice_xlsx(rows):
    """A workbook with the parts LibreOffice's and streaming exporters' variants keep:
    inline strings, no shared strings, no styles, no ``<dimension>``, no docProps."""

    def cell(column, number, value):
        ref = f"{chr(65 + column)}{number}"
        if value is None or value == "":
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f'<c r="{ref}"><v>{value}</v></c>'
        text = str(value).replace("&", "&amp;").replace("<", "&lt;")
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'

    sheet_rows = "".join(
        f'<row r="{n}">{"".join(cell(c, n, v) for c, v in enumerate(row))}</row>'
        for n, row in enumerate(rows, start=1)
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    ooxml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ooxml}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{ooxml}.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" '
            f'xmlns:r="{rel}"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
            f"<sheetData>{sheet_rows}</sheetData></worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode())
    return buffer.getvalue()


def good_files(rows, stem):
    """``(label, file name, mimetype, content)`` of ``rows`` (header first, text cells)
    in every form users send: UTF-8 with and without BOM, Windows-1252 from Excel (``;``
    and ``,``, sent as Excel's type), and workbooks from openpyxl and LibreOffice."""
    return [
        ("utf-8 ,", f"{stem}.csv", CSV, csv_bytes(rows)),
        ("utf-8 ;", f"{stem}.csv", CSV, csv_bytes(rows, ";")),
        ("utf-8 BOM ;", f"{stem}.csv", CSV, csv_bytes(rows, ";", bom=True)),
        ("utf-8 BOM ,", f"{stem}.csv", CSV, csv_bytes(rows, bom=True)),
        ("windows-1252 ;", f"{stem}.csv", EXCEL_CSV, csv_bytes(rows, ";", "cp1252")),
        ("windows-1252 ,", f"{stem}.csv", CSV, csv_bytes(rows, ",", "cp1252")),
        ("xlsx openpyxl", f"{stem}.xlsx", XLSX, openpyxl_xlsx(rows)),
        ("xlsx libreoffice", f"{stem}.xlsx", XLSX, libreoffice_xlsx(rows)),
    ]


def unreadable_files(stem):
    """``(label, file name, mimetype, content, expected fragment)`` of files no import
    can read."""
    return [
        ("empty", f"{stem}.csv", CSV, b"", UNREADABLE + "it is empty."),
        ("blank lines", f"{stem}.csv", CSV, b"\xef\xbb\xbf\r\n  \r\n", UNREADABLE),
        ("random bytes as xlsx", f"{stem}.xlsx", XLSX, os.urandom(2048), UNREADABLE),
        ("truncated workbook", f"{stem}.xlsx", XLSX, b"PK\x03\x04" + os.urandom(512), UNREADABLE),
        ("random bytes as csv", f"{stem}.csv", CSV, bytes(range(256)) * 4, UNREADABLE),
    ]


class ImportDialogMixin:
    """Import as the dialog does, over HTTP as the user (in an ``HttpCase`` with
    :class:`~odoo.addons.micro_base.tests.common.MicroTestMixin`)."""

    def _dialog_call(self, user, method, args, context=None, **kwargs):
        answer = self._execute_kw(
            user, "base_import.import", method, args, {"context": context or {}, **kwargs}
        )
        self.assertNotIn("error", answer, answer)
        return answer["result"]

    def _refused_rows(self, result):
        """What the dialog's test of a file with bad rows said: nothing imported, every
        error on its row. Returns the error messages by row (0: the first row of data)."""
        self.assertNotIn("import", result, "a file with bad rows is not imported")
        errors = [m for m in result["test"]["messages"] if m["type"] == "error"]
        self.assertTrue(all(m.get("rows") for m in errors), errors)
        by_row = {}
        for message in errors:
            by_row.setdefault(message["rows"]["from"], []).append(message)
        return by_row

    def _dialog_import(
        self, user, model, content, filename, mimetype=CSV, dryrun_only=False, options=None
    ):
        """The dialog's calls as ``user``: create the wizard, upload the file
        (``/base_import/set_file`` in the user's session), ``parse_preview`` with the
        default options (``options`` changes some, as the user does in the dialog),
        then ``execute_import`` of the proposed mapping, a test (``dryrun``) and, when
        the test is clean, the import.

        :returns: ``{"error": ...}`` when the preview refuses the file, else
            ``{"preview": ..., "fields": [...], "test": {...}, "import": {...}}`` (no
            ``import`` when the test reported messages or ``dryrun_only``)
        """
        context = {"lang": user.lang, "tz": user.tz, "tracking_disable": True}
        wizard_id = self._dialog_call(user, "create", [{"res_model": model}], context)
        self.authenticate(user.login, user.login + "x" * (8 - len(user.login)))
        response = self.url_open(
            "/base_import/set_file",
            data={"id": wizard_id, "csrf_token": Request.csrf_token(self)},
            files={"ufile": (filename, content, mimetype)},
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        options = {**DIALOG_OPTIONS, **(options or {})}
        preview = self._dialog_call(user, "parse_preview", [[wizard_id], options], context)
        if preview.get("error"):
            return {"error": preview["error"], "preview": preview}
        options.update(preview["options"])
        matches = preview.get("matches") or {}
        fields_ = [
            "/".join(matches[str(index)]) if matches.get(str(index)) else False
            for index in range(len(preview["headers"]))
        ]
        columns = [header.strip().lower() for header in preview["headers"]]
        result = {"preview": preview, "fields": fields_}
        args = [[wizard_id], fields_, columns, options]
        result["test"] = self._dialog_call(user, "execute_import", args, context, dryrun=True)
        if result["test"]["messages"] or dryrun_only:
            return result
        result["import"] = self._dialog_call(user, "execute_import", args, context)
        return result
