"""Odoo's import dialog ("Import records") reads what the suite's users send (issue 16).

The dialog (``base_import.import``) guesses a CSV's encoding with ``chardet``, which takes
one short UTF-8 file in five for Latin-1, Windows-1254 or MacRoman (``Año`` is stored as
``AÃ±o``); it answers an empty file, a file with only its header or a damaged workbook
with a raw Python message (``not enough values to unpack``, ``list index out of range``,
``Unable to read file … as 'xlsx'``), and a row shorter than the header with an
``IndexError``. Here, with the encoding left empty as the dialog leaves it:

- the text is decoded as the suite's other imports decode it
  (:func:`~odoo.addons.micro_base.tools.tabular.decode`: UTF-8 with or without BOM,
  UTF-16 with BOM, else Windows-1252 as Excel writes it on a Spanish Windows);
- when Odoo's separator sniffing finds none (rows of different widths), the separator of
  the header line is used (``,``, ``;`` or tab), and short rows are completed with empty
  cells, as the suite's reader does;
- a file that cannot be read is refused with the suite's one line ("The file is not a
  readable CSV or XLSX: …"), returned as Odoo's import message, never as a traceback;
- a value that is not a date or a number is reported by ``load()`` on its row, with the
  field's label, with all the other bad rows (Odoo stops at the first one, naming the
  column by its technical name with Python's message, "day is out of range for month").

An encoding or separator the user chooses in the dialog is used as chosen.
"""

import csv
import logging

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.base_import.models.base_import import ImportValidationError

from ..tools import tabular

_logger = logging.getLogger(__name__)

_WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")


class BaseImport(models.TransientModel):
    _inherit = "base_import.import"

    def _micro_unreadable(self, reason, **params):
        """The dialog's message for a file that cannot be read (``reason``: a key of
        :data:`~odoo.addons.micro_base.tools.tabular.REASONS`)."""
        return ImportValidationError(
            tabular.message(tabular.TabularError(reason, **params), self.env._)
        )

    def _read_file(self, options):
        """The content decides, as in the suite's other imports: a ZIP or OLE archive goes
        to Odoo's workbook readers, anything else is read as CSV text, whatever its name
        or the type the browser gave (Excel on Windows sends a ``.csv`` as
        ``application/vnd.ms-excel``); a file named as a workbook that is not an archive
        is refused."""
        data = self.file or b""
        if not data.strip():
            raise self._micro_unreadable("empty")
        is_zip = data.startswith(tabular._ZIP_MAGIC)
        is_ole = data.startswith(tabular._OLE_MAGIC)
        if is_zip or is_ole:
            try:
                result = super()._read_file(options)
            except (UserError, ValueError) as error:
                # Every reader Odoo tried failed (it logged why; a reader's ValueError
                # comes through as it is): say it in one line.
                _logger.info("Import of %r refused: %s", self.file_name, error)
                raise self._micro_unreadable("xlsx" if is_zip else "xls") from None
        elif (self.file_name or "").lower().endswith(_WORKBOOK_EXTENSIONS):
            raise self._micro_unreadable("xlsx", detail="not a ZIP archive")
        else:
            result = self._read_csv(options)
        _length, rows = result
        if options.get("has_headers") and len(rows) == 1:
            raise ImportValidationError(
                self.env._(
                    "The file has only its header line: there is no row to import. Add "
                    "the rows under the header, or untick “Use first row as header”."
                )
            )
        return result

    def _read_csv(self, options):
        data = self.file or b""
        chosen = options.get("encoding")
        if data and not chosen:
            try:
                text, encoding = tabular.decode(data)
            except tabular.TabularError as error:
                raise self._micro_unreadable(error.reason) from None
            if not text.lstrip("\ufeff").strip():
                raise self._micro_unreadable("empty")
            if tabular._BINARY.search(text):
                raise self._micro_unreadable("binary")
            options["encoding"] = encoding
        try:
            return self._micro_read_csv_rows(options)
        except UnicodeDecodeError:
            raise ImportValidationError(
                self.env._(
                    "The file is not a readable CSV or XLSX: it is not text in the "
                    "encoding chosen (%(encoding)s). Leave the encoding empty to let it be "
                    "recognized, or choose the one the file was saved in.",
                    encoding=chosen,
                )
            ) from None
        except csv.Error as error:
            raise self._micro_unreadable("csv", detail=str(error)) from None

    def _micro_read_csv_rows(self, options):
        """Odoo's reading; when its sniffing found no separator (rows of different
        widths), the header line's; rows shorter than the header completed with empty
        cells."""
        guess = not options.get("separator")
        length, rows = super()._read_csv(options)
        if guess and not options.get("separator") and rows:
            text = (self.file or b"").decode(options["encoding"])
            first = next((line for line in text.splitlines() if line.strip()), "")
            separator = tabular._separator(first)
            if separator in first:
                options["separator"] = separator
                length, rows = super()._read_csv(options)
        if rows:
            width = len(rows[0])
            rows = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
        return length, rows

    def _parse_date_from_data(self, data, index, name, field_type, options):
        """Odoo's reading of a date column, row by row: a value that is not a date is left
        as written for ``load()`` to report on its row, with the field's label and the
        expected format, together with every other bad row (Odoo stops the whole file at
        the first one, naming the column by its technical name with Python's message)."""
        for line in data:
            written = line[index]
            try:
                super()._parse_date_from_data([line], index, name, field_type, options)
            except ImportValidationError:
                line[index] = written.strip()
        return None  # the rows are changed in place, as Odoo's method does

    def _parse_float_from_data(self, data, index, name, options):
        """As :meth:`_parse_date_from_data`, for a number column."""
        for line in data:
            written = line[index]
            try:
                super()._parse_float_from_data([line], index, name, options)
            except ImportValidationError:
                line[index] = written.strip()
        return None  # the rows are changed in place, as Odoo's method does
