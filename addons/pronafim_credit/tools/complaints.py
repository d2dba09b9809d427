"""CONDUSEF "Gestión Electrónica" complaints exchange: file layouts, terms, figures (no ORM).

Source: seed ``002_b1ae2ff5ad84c523`` (CONDUSEF-ASOFOM agreement). §3: the specialized
units (UNE) learn every day of the complaints and inquiries CONDUSEF receives, "la
transferencia de datos será diaria, automatizada"; §7: since May 2007, 518,838 matters,
57 % resolved in favor of the user with a national response time of 17 business days,
against 31 % and 53 days before.

Incoming file (one a day, UTF-8 CSV, comma separated, header line first; columns in any
order, all required). It is read with :func:`odoo.addons.micro_base.tools.tabular.read`,
so a Windows-1252 / Latin-1 CSV, a ``;`` separator or an XLSX workbook are read as well:

    folio            regulator's folio, unique
    kind             ``complaint`` (reclamación) or ``inquiry`` (consulta)
    institution      name of the financial institution, as registered in Odoo
    user_name        the user of financial services who complains
    product          financial product concerned
    reason           reason of the complaint
    amount_claimed   amount claimed in MXN, ``.`` as decimal separator, >= 0 and at most
                     10^15 (may be empty)
    date_received    date CONDUSEF received it, ``YYYY-MM-DD``

Outgoing file (responses of a day, same format): ``folio, date_answered, outcome
(in_favor / not_in_favor), business_days, response``.
"""

import csv
import datetime
import io
from decimal import Decimal

from odoo.addons.micro_base.tools import tabular

#: Seed 002, §7: "tiempo de respuesta a nivel nacional de 17 días hábiles". The seed gives
#: no legal term; the desk's due date is this national response time, in business days on
#: the MX official calendar.
RESPONSE_TERM_BUSINESS_DAYS = 17
#: Warn the officer this many business days before the due date (desk setting: the seed
#: gives none).
WARNING_BUSINESS_DAYS = 2
#: Seed 002, §7: the electronic process's figures, and the ones before it.
SEED_AVERAGE_BUSINESS_DAYS = 17
SEED_AVERAGE_BUSINESS_DAYS_BEFORE = 53
SEED_PCT_IN_FAVOR = 57
SEED_PCT_IN_FAVOR_BEFORE = 31

INCOMING_COLUMNS = (
    "folio", "kind", "institution", "user_name", "product", "reason", "amount_claimed",
    "date_received",
)  # fmt: skip
REQUIRED_VALUES = ("folio", "kind", "institution", "user_name", "product", "reason",
                   "date_received")  # fmt: skip
KINDS = ("complaint", "inquiry")
OUTGOING_COLUMNS = ("folio", "date_answered", "outcome", "business_days", "response")


def parse_incoming(table):
    """Parse an incoming complaints file.

    :param table: the file as read by :func:`tabular.read` (a :class:`tabular.Table`)
    :return: ``(rows, errors, missing_columns)``. ``rows`` are dicts with the columns
        typed (``amount_claimed`` a Decimal, ``date_received`` a date) and ``line``, the
        file's line number (header = 1). ``errors`` are ``(line, code, params)`` with code
        ``empty`` (``column``), ``kind`` (``value``), ``date`` (``value``), ``amount``
        (``value``: not a finite number >= 0), ``amount_range`` (``value``: above
        :data:`tabular.MAX_AMOUNT`) or ``duplicate`` (``folio``, ``first_line``).
        ``missing_columns`` lists the header's absent columns (then no row is read).
    """
    missing = table.missing(INCOMING_COLUMNS)
    if missing:
        return [], [], missing
    rows, errors, seen = [], [], {}
    for raw in table.rows:
        index = raw.line
        values = {k: raw.get(k, "") for k in INCOMING_COLUMNS}
        row_errors = [(index, "empty", {"column": c}) for c in REQUIRED_VALUES if not values[c]]
        if values["kind"] and values["kind"] not in KINDS:
            row_errors.append((index, "kind", {"value": values["kind"]}))
        if values["date_received"]:
            try:
                values["date_received"] = datetime.date.fromisoformat(values["date_received"])
            except ValueError:
                row_errors.append((index, "date", {"value": values["date_received"]}))
        try:
            amount = tabular.parse_number(values["amount_claimed"] or "0", Decimal)
            if amount < 0:
                raise tabular.NumberError("format", values["amount_claimed"])
            values["amount_claimed"] = amount
        except tabular.NumberError as exc:
            code = "amount_range" if exc.reason == "range" else "amount"
            row_errors.append((index, code, {"value": values["amount_claimed"]}))
        folio = values["folio"]
        if folio and folio in seen:
            row_errors.append((index, "duplicate", {"folio": folio, "first_line": seen[folio]}))
        seen.setdefault(folio, index)
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append({**values, "line": index})
    return rows, errors, []


def format_outgoing(responses):
    """CSV text of the day's responses: iterable of dicts keyed by ``OUTGOING_COLUMNS``."""
    out = io.StringIO()
    writer = csv.DictWriter(out, OUTGOING_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for response in responses:
        writer.writerow({k: response[k] for k in OUTGOING_COLUMNS})
    return out.getvalue()


def response_figures(answered):
    """The seed's two figures over answered matters.

    :param answered: iterable of ``(business_days, in_favor)`` pairs
    :return: ``(average_business_days, pct_in_favor)`` rounded to one decimal, ``(0, 0)``
        when nothing was answered
    """
    answered = list(answered)
    if not answered:
        return 0.0, 0.0
    average = sum(days for days, _favor in answered) / len(answered)
    pct = 100 * sum(1 for _days, favor in answered if favor) / len(answered)
    return round(average, 1), round(pct, 1)


def due_status(today, due_date, business_days_left):
    """``lapsed`` after the due date, ``lapsing`` within the warning, otherwise ``ok``."""
    if today > due_date:
        return "lapsed"
    if business_days_left <= WARNING_BUSINESS_DAYS:
        return "lapsing"
    return "ok"
