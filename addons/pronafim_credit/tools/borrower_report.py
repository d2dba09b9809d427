"""Validation of an IMF's monthly micro-borrower report (§IV.1, §II, Anexo 3).

Pure Python (no ORM): rows come as dicts keyed by the column names of :data:`COLUMNS`,
as :func:`odoo.addons.micro_base.tools.tabular.read` reads them from the CSV or XLSX the
institution sends; lookups (credit lines, municipalities) are plain dicts given by the
caller. Every bad row is reported with its line number (the header is line 1) and every
reason found.

A reason is a ``(template, params)`` pair: an English template with ``%(name)s``
placeholders, marked with ``Term._lt`` so that the i18n export collects it, and rendered
by :func:`render` (the model passes ``env._`` to render it in the user's language).
"""

import datetime
import re

from stdnum.mx import curp as mx_curp

from odoo.addons.micro_base.tools import identity, tabular

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


class Term:
    """``Term._lt(template)`` returns ``template`` unchanged. The name ``_lt`` makes Odoo's
    i18n export collect the template (its extractor looks for ``_lt(...)`` calls), so the
    model can translate it with ``env._`` when it renders a reason (see :func:`render`)."""

    @staticmethod
    def _lt(template):
        return template


# Reasons of micro_base.tools.identity.IdentityError for a CURP, by reason code.
CURP_REASONS = {
    "empty": Term._lt("CURP is empty"),
    "checksum": Term._lt("CURP %(value)s: its check digit is wrong"),
    "length": Term._lt("CURP %(value)s: it has the wrong length"),
    "format": Term._lt("CURP %(value)s: it has the wrong format"),
    "component": Term._lt("CURP %(value)s: a part of it is invalid (e.g. the date or the state)"),
}
CURP_INVALID = Term._lt("CURP %(value)s is not valid")


# Reasons of a bad row (templates for render), by code.
REASONS = {
    "missing_columns": Term._lt("missing columns: %(columns)s"),
    "no_rows": Term._lt("the file has no rows"),
    "name_empty": Term._lt("name is empty"),
    "date_month": Term._lt("date %(date)s is not in %(month)s"),
    "under_age": Term._lt("borrower under %(age)s on %(date)s (§IV.1.b)"),
    "date_format": Term._lt("date %(date)r is not YYYY-MM-DD"),
    "not_positive": Term._lt("%(column)s %(value)s must be positive"),
    "not_number": Term._lt("%(column)s %(value)r is not a number"),
    "not_integer": Term._lt("%(column)s %(value)r is not a whole number"),
    "not_finite": Term._lt("%(column)s %(value)r is not a finite number"),
    "too_large": Term._lt("%(column)s %(value)s is too large (at most %(max)s)"),
    "line_unknown": Term._lt("credit line %(line)r is not a formalized line of the IMF"),
    "municipality_unknown": Term._lt("municipality %(code)r is not in the catalog"),
    "activity_unknown": Term._lt("activity %(activity)r is not industry, commerce or services"),
    "workers_range": Term._lt(
        "%(workers)s workers: an economic unit in %(activity)s has 1 to %(max)s (§II)"
    ),
    "not_flag": Term._lt("%(column)s %(value)r is not yes/no"),
    "over_indebted": Term._lt("over-indebted borrowers are not eligible (§IV.1.e)"),
    "duplicate": Term._lt("same CURP and line as line %(other)s"),
}


def _plain(template, **params):
    return template % params if params else template


# The checks of python-stdnum's ``mx.curp.validate`` (format, name and state tables, sex,
# birth date, check digit) on a CURP already in its compact form, without its per-call
# cleaning: the fast path of :func:`validate_rows`. A CURP it does not accept goes
# through ``identity.validate`` (python-stdnum), which gives the reason.
_CURP_FORMAT = re.compile(r"[A-Z]{4}[0-9]{6}[A-Z]{6}[0-9A-Z][0-9]")
_CURP_VALUES = {char: index for index, char in enumerate("0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ")}
_CURP_WEIGHTS = tuple(range(18, 1, -1))
_CURP_BLACKLIST = frozenset(mx_curp._name_blacklist)
_CURP_STATES = frozenset(mx_curp._valid_states)


def curp_fast(value):
    """``(sex, birth date)`` of ``value`` when it is a valid CURP written in its compact
    form (what python-stdnum accepts unchanged), else ``None``."""
    if (
        len(value) != 18
        or not _CURP_FORMAT.fullmatch(value)
        or value[:4] in _CURP_BLACKLIST
        or value[11:13] not in _CURP_STATES
    ):
        return None
    sex = CURP_SEX.get(value[10])
    check = sum(
        _CURP_VALUES[char] * weight for char, weight in zip(value, _CURP_WEIGHTS, strict=False)
    )
    if sex is None or value[17] != str((10 - check % 10) % 10):
        return None
    year = int(value[4:6]) + (1900 if value[16].isdigit() else 2000)
    try:
        return sex, datetime.date(year, int(value[6:8]), int(value[8:10]))
    except ValueError:
        return None


def render(reasons, gettext=_plain):
    """The reasons of one row as one text, each rendered with ``gettext(template, **params)``."""
    return "; ".join(gettext(template, **params) for template, params in reasons)


#: Reasons of :class:`tabular.NumberError`, by its reason.
NUMBER_REASONS = {
    "format": "not_number",
    "integer": "not_integer",
    "finite": "not_finite",
    "range": "too_large",
}


def _number_reason(column, error):
    """The reason of a bad number in ``column`` (a :class:`tabular.NumberError`)."""
    params = {"column": column, "value": error.value}
    if error.reason == "range":
        params["max"] = f"{error.maximum:,}"
    return (REASONS[NUMBER_REASONS[error.reason]], params)


def _flag(value):
    value = (value or "").strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(value)


def file_errors(header, rows):
    """The errors of the file as a whole (line 1): a column of :data:`COLUMNS` missing
    from ``header``, or no rows (``rows``: the rows, or how many there are); ``[]`` when
    there is none."""
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [(1, [(REASONS["missing_columns"], {"columns": ", ".join(missing)})])]
    if not rows:
        return [(1, [(REASONS["no_rows"], {})])]
    return []


def validate_rows(rows, month, lines, municipalities, header=None):
    """Validate the rows of the report of ``month`` (a date, any day of the month).

    :param rows: dicts keyed by column; a row's ``line`` attribute, when it has one (see
        :class:`tabular.Row`), is its line number, otherwise the header is line 1 and the
        rows follow it
    :param header: the file's column names (default: those of the first row)
    :param lines: mapping credit line contract -> line id (the IMF's formalized lines)
    :param municipalities: mapping municipality code -> municipality id
    :return: ``(records, errors)``: ``records`` the clean values of every row (only
        meaningful when ``errors`` is empty), ``errors`` a list of ``(line_number,
        reasons)``, each reason a ``(template, params)`` pair (see :func:`render`)
    """
    if header is None:
        header = rows[0] if rows else COLUMNS
    errors = file_errors(header, rows)
    if errors:
        return [], errors
    records = []
    seen = {}
    for index, row in enumerate(rows, start=2):
        number = getattr(row, "line", index)
        reasons = []
        record = {}
        fast = curp_fast(row["curp"])
        if fast:
            curp = record["curp"] = row["curp"]
            record["sex"], birth = fast
        else:
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
            reasons.append((REASONS["name_empty"], {}))
        try:
            day = datetime.date.fromisoformat(row["date"])
            record["date"] = day
            if (day.year, day.month) != (month.year, month.month):
                reasons.append(
                    (
                        REASONS["date_month"],
                        {"date": row["date"], "month": f"{month:%m/%Y}"},
                    )
                )
            if birth and identity.age_on(birth, day) < MIN_AGE:
                reasons.append(
                    (
                        REASONS["under_age"],
                        {"age": MIN_AGE, "date": row["date"]},
                    )
                )
        except ValueError:
            reasons.append((REASONS["date_format"], {"date": row["date"]}))
        for key, kind in (("amount", float), ("rate", float), ("term_months", int)):
            try:
                record[key] = tabular.parse_number(row[key], kind)
                if record[key] <= 0:
                    reasons.append(
                        (
                            REASONS["not_positive"],
                            {"column": key, "value": row[key]},
                        )
                    )
            except tabular.NumberError as exc:
                reasons.append(_number_reason(key, exc))
        if row["line"] not in lines:
            reasons.append(
                (
                    REASONS["line_unknown"],
                    {"line": row["line"]},
                )
            )
        else:
            record["line_id"] = lines[row["line"]]
        if row["municipality"] not in municipalities:
            reasons.append(
                (
                    REASONS["municipality_unknown"],
                    {"code": row["municipality"]},
                )
            )
        else:
            record["municipality_id"] = municipalities[row["municipality"]]
        activity = row["activity"].lower()
        try:
            workers = tabular.parse_number(row["workers"], int)
        except tabular.NumberError as exc:
            workers = None
            reasons.append(_number_reason("workers", exc))
        if activity not in MAX_WORKERS:
            reasons.append(
                (
                    REASONS["activity_unknown"],
                    {"activity": row["activity"]},
                )
            )
        elif workers is not None and not 1 <= workers <= MAX_WORKERS[activity]:
            reasons.append(
                (
                    REASONS["workers_range"],
                    {"workers": workers, "activity": activity, "max": MAX_WORKERS[activity]},
                )
            )
        record["activity"], record["workers"] = activity, workers
        for key in ("trained", "over_indebted"):
            try:
                record[key] = _flag(row[key])
            except ValueError:
                reasons.append((REASONS["not_flag"], {"column": key, "value": row[key]}))
        if record.get("over_indebted"):
            reasons.append((REASONS["over_indebted"], {}))
        if curp and (curp, row["line"]) in seen:
            reasons.append((REASONS["duplicate"], {"other": seen[curp, row["line"]]}))
        elif curp:
            seen[curp, row["line"]] = number
        if reasons:
            errors.append((number, reasons))
        else:
            records.append(record)
    return records, errors


def figures(row):
    """Spec §5 figures of a set of reported micro-credits from their aggregates.

    :param row: mapping with ``count``, ``women``, ``rural``, ``priority``, ``special``,
        ``trained`` (numbers of micro-credits) and ``average_amount``; empty = no rows
    :return: ``borrower_count``, ``women_pct``, ``rural_pct``, ``priority_pct``,
        ``special_pct``, ``training_pct`` (percent of the micro-credits) and
        ``average_amount``
    """
    count = row.get("count", 0)

    def pct(key):
        return row[key] * 100 / count if count else 0.0

    return {
        "borrower_count": count,
        "women_pct": pct("women"),
        "rural_pct": pct("rural"),
        "priority_pct": pct("priority"),
        "special_pct": pct("special"),
        "training_pct": pct("trained"),
        "average_amount": float(row.get("average_amount") or 0.0),
    }
