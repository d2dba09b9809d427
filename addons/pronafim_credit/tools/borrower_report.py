"""Validation of an IMF's monthly micro-borrower report (§IV.1, §II, Anexo 3).

Pure Python (no ORM): rows come as dicts keyed by the column names of :data:`COLUMNS`;
lookups (credit lines, municipalities) are plain dicts given by the caller. Every bad row
is reported with its line number (the header is line 1) and every reason found.

A reason is a ``(template, params)`` pair: an English template with ``%(name)s``
placeholders, marked with :func:`_lt` so that the i18n export collects it, and rendered
by :func:`render` (the model passes ``env._`` to render it in the user's language).
"""

import csv
import datetime
import io

import openpyxl

from odoo.addons.micro_base.tools import identity

COLUMNS = (
    "curp", "name", "amount", "date", "term_months", "rate", "line", "municipality",
    "activity", "workers", "trained", "over_indebted",
)  # fmt: skip
# §IV.1.b: a micro-borrower is older than 18.
MIN_AGE = 18
# §II "UNIDADES ECONÓMICAS": industry 1 to 15 workers, commerce and services 1 to 5.
MAX_WORKERS = {"industry": 15, "commerce": 5, "services": 5}
YES = {"1", "yes", "si", "sí", "true", "x"}
NO = {"0", "no", "false", ""}
# The CURP's 11th character: H (hombre) or M (mujer).
CURP_SEX = {"H": "male", "M": "female"}


def _lt(template):
    """Mark ``template`` for the translation export; it is translated when rendered."""
    return template


# Reasons of micro_base.tools.identity.IdentityError for a CURP, by reason code.
CURP_REASONS = {
    "empty": _lt("CURP is empty"),
    "checksum": _lt("CURP %(value)s: its check digit is wrong"),
    "length": _lt("CURP %(value)s: it has the wrong length"),
    "format": _lt("CURP %(value)s: it has the wrong format"),
    "component": _lt("CURP %(value)s: a part of it is invalid (e.g. the date or the state)"),
}
CURP_INVALID = _lt("CURP %(value)s is not valid")


def _plain(template, **params):
    return template % params if params else template


def render(reasons, gettext=_plain):
    """The reasons of one row as one text, each rendered with ``gettext(template, **params)``."""
    return "; ".join(gettext(template, **params) for template, params in reasons)


def read_csv(data):
    """Rows (dicts) of a CSV file given as bytes (UTF-8, optional BOM; , or ;)."""
    text = data.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;") if text else None
    reader = csv.DictReader(io.StringIO(text), dialect=dialect) if dialect else []
    return [
        {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader
    ]


def read_xlsx(data):
    """Rows (dicts) of the first sheet of an XLSX file given as bytes."""
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip().lower() for h in next(rows, [])]
    result = []
    for values in rows:
        row = {}
        for key, value in zip(header, values, strict=False):
            if isinstance(value, datetime.datetime):
                value = value.date().isoformat()
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            row[key] = "" if value is None else str(value).strip()
        result.append(row)
    return result


def _flag(value):
    value = (value or "").strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(value)


def validate_rows(rows, month, lines, municipalities):
    """Validate the rows of the report of ``month`` (a date, any day of the month).

    :param lines: mapping credit line contract -> line id (the IMF's formalized lines)
    :param municipalities: mapping municipality code -> municipality id
    :return: ``(records, errors)``: ``records`` the clean values of every row (only
        meaningful when ``errors`` is empty), ``errors`` a list of ``(line_number,
        reasons)``, each reason a ``(template, params)`` pair (see :func:`render`)
    """
    missing = [c for c in COLUMNS if rows and c not in rows[0]]
    if missing:
        return [], [(1, [(_lt("missing columns: %(columns)s"), {"columns": ", ".join(missing)})])]
    if not rows:
        return [], [(1, [(_lt("the file has no rows"), {})])]
    records, errors = [], []
    seen = {}
    for number, row in enumerate(rows, start=2):
        reasons = []
        record = {}
        try:
            curp = identity.validate("curp", row["curp"])
            record["curp"] = curp
            record["sex"] = CURP_SEX[curp[10]]
            birth = identity.curp_birth_date(curp)
        except identity.IdentityError as exc:
            template = CURP_REASONS.get(exc.reason, CURP_INVALID)
            reasons.append((template, {"value": exc.value}))
            curp, birth = None, None
        record["name"] = row["name"]
        if not row["name"]:
            reasons.append((_lt("name is empty"), {}))
        try:
            day = datetime.date.fromisoformat(row["date"])
            record["date"] = day
            if (day.year, day.month) != (month.year, month.month):
                reasons.append(
                    (
                        _lt("date %(date)s is not in %(month)s"),
                        {"date": row["date"], "month": f"{month:%m/%Y}"},
                    )
                )
            if birth and identity.age_on(birth, day) < MIN_AGE:
                reasons.append(
                    (
                        _lt("borrower under %(age)s on %(date)s (§IV.1.b)"),
                        {"age": MIN_AGE, "date": row["date"]},
                    )
                )
        except ValueError:
            reasons.append((_lt("date %(date)r is not YYYY-MM-DD"), {"date": row["date"]}))
        for key, kind in (("amount", float), ("rate", float), ("term_months", int)):
            try:
                record[key] = kind(row[key])
                if record[key] <= 0:
                    reasons.append(
                        (
                            _lt("%(column)s %(value)s must be positive"),
                            {"column": key, "value": row[key]},
                        )
                    )
            except ValueError:
                reasons.append(
                    (
                        _lt("%(column)s %(value)r is not a number"),
                        {"column": key, "value": row[key]},
                    )
                )
        if row["line"] not in lines:
            reasons.append(
                (
                    _lt("credit line %(line)r is not a formalized line of the IMF"),
                    {"line": row["line"]},
                )
            )
        else:
            record["line_id"] = lines[row["line"]]
        if row["municipality"] not in municipalities:
            reasons.append(
                (
                    _lt("municipality %(code)r is not in the catalog"),
                    {"code": row["municipality"]},
                )
            )
        else:
            record["municipality_id"] = municipalities[row["municipality"]]
        activity = row["activity"].lower()
        try:
            workers = int(row["workers"])
        except ValueError:
            workers = None
            reasons.append(
                (
                    _lt("%(column)s %(value)r is not a number"),
                    {"column": "workers", "value": row["workers"]},
                )
            )
        if activity not in MAX_WORKERS:
            reasons.append(
                (
                    _lt("activity %(activity)r is not industry, commerce or services"),
                    {"activity": row["activity"]},
                )
            )
        elif workers is not None and not 1 <= workers <= MAX_WORKERS[activity]:
            reasons.append(
                (
                    _lt(
                        "%(workers)s workers: an economic unit in %(activity)s has "
                        "1 to %(max)s (§II)"
                    ),
                    {"workers": workers, "activity": activity, "max": MAX_WORKERS[activity]},
                )
            )
        record["activity"], record["workers"] = activity, workers
        for key in ("trained", "over_indebted"):
            try:
                record[key] = _flag(row[key])
            except ValueError:
                reasons.append(
                    (_lt("%(column)s %(value)r is not yes/no"), {"column": key, "value": row[key]})
                )
        if record.get("over_indebted"):
            reasons.append((_lt("over-indebted borrowers are not eligible (§IV.1.e)"), {}))
        if curp and (curp, row["line"]) in seen:
            reasons.append(
                (_lt("same CURP and line as line %(other)s"), {"other": seen[curp, row["line"]]})
            )
        elif curp:
            seen[curp, row["line"]] = number
        if reasons:
            errors.append((number, reasons))
        else:
            records.append(record)
    return records, errors
