"""Reading the CSV and XLSX files users send (pure Python, no ORM).

One reader for every import of the suite. It takes the bytes as uploaded and reads what
real users send:

- CSV in UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text"), or
  Windows-1252 / Latin-1 (Excel's "CSV" on a Spanish Windows); separated by ``,``, ``;``
  or a tab (the separator of the header line wins);
- XLSX workbooks from Excel, LibreOffice or any library (shared or inline strings, with
  or without a right ``dimension``): the first worksheet, cached values of formulas.

The kind is told by the content (an XLSX is a ZIP archive), not by the file name, so a
workbook named ``.csv`` is still read. The first non-blank line is the header; its names
are stripped and lower-cased; blank lines are skipped; each row keeps the line number it
has in the file (header = 1 when it is the first line), for the error reports.

A file that cannot be read raises :class:`TabularError`, whose ``reason`` says why in one
line; :func:`message` renders it (``gettext`` = ``env._`` translates it, from micro_base's
terms). Numbers in cells are read with :func:`parse_number`, which refuses what does not
fit a database column (not finite, too large).
"""

import base64
import binascii
import csv
import datetime
import decimal
import io
import re
import warnings
import zipfile

import openpyxl


class Term:
    """``Term._lt(template)`` returns ``template`` unchanged: the name ``_lt`` makes Odoo's
    i18n export collect it (in micro_base's terms); :func:`message` translates it."""

    @staticmethod
    def _lt(template):
        return template


#: What a file that cannot be read gets, whatever the reason.
UNREADABLE = Term._lt("The file is not a readable CSV or XLSX: %(reason)s")
#: Why a file cannot be read, by :attr:`TabularError.reason`.
REASONS = {
    "empty": Term._lt("it is empty."),
    "binary": Term._lt("it is not text (save the sheet as CSV or XLSX and send that file)."),
    "xlsx": Term._lt("the workbook is damaged or is not an Excel workbook."),
    "xls": Term._lt(
        "it is an Excel 97-2003 (.xls) or a password-protected workbook: save it as .xlsx "
        "without password, or as CSV."
    ),
    "ods": Term._lt("it is an OpenDocument spreadsheet (.ods): save it as .xlsx or as CSV."),
    "no_sheet": Term._lt("the workbook has no worksheet."),
    "base64": Term._lt("it was not sent base64-encoded, as a file field expects."),
    "csv": Term._lt("the CSV is malformed (e.g. a quote never closed or a huge cell)."),
}

#: Largest amount read (and below it, cents stay exact in a double): 10^15.
MAX_AMOUNT = 10**15
#: Largest whole number read: PostgreSQL's ``integer`` column.
MAX_INTEGER = 2**31 - 1

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SEPARATORS = (",", ";", "\t")
# Control characters that never occur in a text file (tab, line and form feeds excepted).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class TabularError(Exception):
    """A file that cannot be read as CSV or XLSX: ``reason`` is a key of :data:`REASONS`,
    ``params`` fill its placeholders (``detail``: what the parser said, for the logs and
    the developer, not shown to the user)."""

    def __init__(self, reason, **params):
        self.reason = reason
        self.params = params
        super().__init__(message(self))


class NumberError(ValueError):
    """A cell that is not a number the suite can store: ``reason`` is ``format`` (not a
    number), ``integer`` (not a whole number), ``finite`` (infinite or NaN) or ``range``
    (too large; ``maximum`` the largest accepted)."""

    def __init__(self, reason, value, maximum=None):
        self.reason = reason
        self.value = value
        self.maximum = maximum
        super().__init__(f"{value!r}: {reason}")


class Row(dict):
    """A row: column name -> stripped text (``""`` when empty); ``line`` its line in the
    file (its row number in a workbook)."""

    line = 0

    def __init__(self, values, line):
        super().__init__(values)
        self.line = line


class Table:
    """``header``: the column names (stripped, lower-cased, in the file's order);
    ``rows``: the non-blank rows after the header (:class:`Row`); ``kind``: ``csv`` or
    ``xlsx``; ``encoding``: the CSV's text encoding (``None`` for a workbook)."""

    def __init__(self, header, rows, kind, encoding=None):
        self.header = header
        self.rows = rows
        self.kind = kind
        self.encoding = encoding

    def missing(self, columns):
        """The names of ``columns`` absent from the header, in the order given."""
        return [column for column in columns if column not in self.header]


def _plain(template, **params):
    return template % params if params else template


def message(error, gettext=_plain):
    """The one line telling why ``error`` (a :class:`TabularError`) could not be read,
    rendered by ``gettext(template, **params)`` (``env._`` translates it)."""
    reason = gettext(REASONS[error.reason], **error.params)
    return gettext(UNREADABLE, reason=reason)


def read(data, filename=""):
    """The :class:`Table` of a CSV or XLSX file given as bytes.

    :param filename: the name it was sent with; only used to tell a workbook that is not
        a ZIP (``.xls``, ``.xlsx``, ``.ods``) from a text file
    :raise TabularError: when the file cannot be read
    """
    data = bytes(data or b"")
    name = (filename or "").lower()
    if data.startswith(_ZIP_MAGIC):
        return _read_zip(data)
    if data.startswith(_OLE_MAGIC) or name.endswith(".xls"):
        raise TabularError("xls")
    if name.endswith(".ods"):
        raise TabularError("ods")
    if name.endswith((".xlsx", ".xlsm")) and data.strip():
        raise TabularError("xlsx", detail="not a ZIP archive")
    return _read_csv(data)


def b64decode(value):
    """The bytes of a file sent base64-encoded (as Odoo's binary fields hold it), decoded
    as Odoo decodes it; ``b""`` for no file.

    :raise TabularError: ``base64`` when it is not base64 (e.g. sent raw over the API)
    """
    try:
        return base64.b64decode(value or b"")
    except (binascii.Error, ValueError, TypeError):
        raise TabularError("base64") from None


def decode(data):
    """``(text, encoding)`` of the bytes of a text file: UTF-8 (BOM or not) and UTF-16
    (with BOM) first, then Windows-1252, then Latin-1 (which decodes any byte)."""
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ("utf-8-sig",)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252", "latin-1")
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TabularError("binary")


def _separator(line):
    """The separator of a header ``line``: the one of :data:`_SEPARATORS` found most often
    outside double quotes (``,`` when none is)."""
    counts = dict.fromkeys(_SEPARATORS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _table(records, kind, encoding=None):
    """:class:`Table` of ``records``: iterable of ``(line, [text, ...])``."""
    header, rows = None, []
    for line, values in records:
        values = [value.strip() for value in values]
        if not any(values):
            continue
        if header is None:
            header = [value.lower() for value in values]
            continue
        values += [""] * (len(header) - len(values))
        rows.append(Row({k: v for k, v in zip(header, values, strict=False) if k}, line))
    if header is None:
        raise TabularError("empty")
    return Table([name for name in header if name], rows, kind, encoding)


def _read_csv(data):
    text, encoding = decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise TabularError("empty")
    if _BINARY.search(text):
        raise TabularError("binary")
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first))

    def records():
        start = 1
        for values in reader:
            yield start, values
            start = reader.line_num + 1

    try:
        return _table(records(), "csv", encoding)
    except csv.Error as exc:
        raise TabularError("csv", detail=str(exc)) from None


def _cell(value):
    """The text of a workbook cell's value (dates as ``YYYY-MM-DD``)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < MAX_AMOUNT:
        return str(int(value))
    return str(value)


def _read_zip(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise TabularError("ods")
    except zipfile.BadZipFile as exc:
        raise TabularError("xlsx", detail=str(exc)) from None
    try:
        with warnings.catch_warnings():
            # e.g. "Workbook contains no default style": the values are read all the same.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise TabularError("no_sheet")
                sheet = book.worksheets[0]
                # Some writers leave a wrong <dimension> (e.g. "A1"): read every row anyway.
                sheet.reset_dimensions()
                records = [
                    (number, [_cell(value) for value in values])
                    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
                ]
            finally:
                book.close()
    except TabularError:
        raise
    except Exception as exc:
        # Whatever a damaged workbook makes openpyxl (zipfile, lxml) raise.
        raise TabularError("xlsx", detail=type(exc).__name__) from None
    return _table(records, "xlsx")


def parse_number(text, kind=float, maximum=None):
    """The number written in ``text`` (a cell's text), as ``kind`` (``float``, ``int`` or
    ``decimal.Decimal``); ``.`` is the decimal separator.

    :param maximum: the largest absolute value accepted; default :data:`MAX_INTEGER` for
        ``int``, :data:`MAX_AMOUNT` otherwise
    :raise NumberError: not a number, not whole (``int``), not finite, or too large
    """
    if maximum is None:
        maximum = MAX_INTEGER if kind is int else MAX_AMOUNT
    value = (text if isinstance(text, str) else str(text)).strip()
    try:
        number = decimal.Decimal(value)
    except (decimal.InvalidOperation, ValueError):
        raise NumberError("format", value) from None
    if not number.is_finite():
        raise NumberError("finite", value)
    if abs(number) > maximum:
        raise NumberError("range", value, maximum)
    if kind is int:
        if number != number.to_integral_value():
            raise NumberError("integer", value)
        return int(number)
    if kind is decimal.Decimal:
        return number
    return float(number)


# ---- CSV bodies the database can load as they are (issue 20) ----

#: What ``str.strip()`` removes (the characters of ``str.isspace``): a cell is stripped of
#: these, e.g. with PostgreSQL's ``btrim(cell, WHITESPACE)``, to read as :func:`read` does.
WHITESPACE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
# Every byte but the control characters of _BINARY.
_TEXT_BYTES = bytes(code for code in range(256) if not _BINARY.match(chr(code)))
# Line breaks of str.splitlines() that the csv module and COPY take for plain characters.
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


class CsvSource:
    """A CSV file that PostgreSQL's ``COPY ... FROM STDIN WITH (FORMAT csv, DELIMITER
    delimiter)`` reads as :func:`read` does, one row per line (see :func:`csv_source`).

    ``header``: the header's names, stripped and lower-cased, one per column of the file
    (``""`` for a column without a name, which :func:`read` leaves out); ``delimiter``:
    the separator; ``body``: the lines after the header (line 2 on), in UTF-8; ``lines``:
    how many lines ``body`` has; ``encoding``: the file's text encoding. A row read from
    line ``n`` of ``body`` (1 = its first) is line ``n + 1`` of the file. Its cells are not
    stripped yet (strip them of :data:`WHITESPACE`, as :func:`read` does), and rows whose
    cells are all blank are rows :func:`read` skips; ``blank_rows`` is ``False`` when the
    body has no such row (no line of only separators, quotes and white space).
    """

    def __init__(self, header, delimiter, body, lines, encoding, blank_rows=True):
        self.header = header
        self.delimiter = delimiter
        self.body = body
        self.lines = lines
        self.encoding = encoding
        self.blank_rows = blank_rows

    def names(self):
        """The column names as :attr:`Table.header` has them (nameless columns left out)."""
        return [name for name in self.header if name]


def _csv_line_pattern(delimiter):
    """Regex of one line whose quoted cells are all plainly quoted (a quote opens a cell
    and closes it before the next separator, quotes inside doubled): the quoting the csv
    module and COPY read alike."""
    sep = re.escape(delimiter)
    cell = f'(?:"(?:[^"]|"")*"|[^"{sep}]*)'
    return re.compile(f"{cell}(?:{sep}{cell})*")


def csv_source(data, filename=""):
    """The :class:`CsvSource` of ``data`` (bytes of a file) when it is a CSV that the
    database can load as it is with the same rows, cells and line numbers as
    :func:`read` gives; ``None`` otherwise (then :func:`read` it): a workbook, a file
    :func:`read` refuses, a header not on the first line, a bare carriage return, a cell
    quoted in another way than plainly or over several lines, a line longer than the csv
    module's field limit. It never raises. Whether each row is on one line is left to
    the database: load the body, then compare the rows loaded with :attr:`CsvSource.lines`
    (a blank line or a row of another width makes COPY fail: read the file instead).
    """
    data = bytes(data or b"")
    name = (filename or "").lower()
    if data.startswith((*_ZIP_MAGIC, _OLE_MAGIC)) or name.endswith(
        (".xls", ".xlsx", ".xlsm", ".ods")
    ):
        return None
    try:
        text, encoding = decode(data)
    except TabularError:
        return None
    text = text.lstrip("\ufeff")
    if not text or text.isspace():
        return None
    # The control characters of _BINARY are these bytes in UTF-8, Windows-1252 and
    # Latin-1 (and nothing else is): deleting every other byte is quicker than a search.
    if _BINARY.search(text) if encoding == "utf-16" else data.translate(None, _TEXT_BYTES):
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    body = "" if end < 0 else text[end + 1 :]
    if not first.strip() or _OTHER_BREAKS.search(first):
        return None
    delimiter = _separator(first)
    pattern = _csv_line_pattern(delimiter)
    limit = csv.field_size_limit()
    lines = [first]
    if len(text) > limit or '"' in body:
        lines += body.split("\n")
        if max(map(len, lines)) > limit:
            return None
    if any(not pattern.fullmatch(line) for line in lines if '"' in line):
        return None
    try:
        header = next(csv.reader([first], delimiter=delimiter))
        payload = body.encode("utf-8")
    except (csv.Error, StopIteration, UnicodeEncodeError):
        return None
    header = [value.strip().lower() for value in header]
    if not any(header):
        return None
    lines = body.count("\n") + (1 if body and not body.endswith("\n") else 0)
    spaces = WHITESPACE.replace("\n", "")
    blank = re.compile(f"^[{re.escape(delimiter + chr(34) + spaces)}]*$", re.MULTILINE)
    # Up to the last line's end: after it, no line.
    blank_rows = bool(body) and bool(blank.search(body, 0, len(body) - body.endswith("\n")))
    return CsvSource(header, delimiter, payload, lines, encoding, blank_rows=blank_rows)
