"""Bounds of the values FONAES users type, and the rule each one comes from.

Pure Python (no ORM). Each FONAES model lists its checked fields in ``_fonaes_bounds``
(``{field: (kind, section)}``) and hands them to the suite's one mechanism,
``micro.input.mixin`` (micro_base), with ``_input_ranges = input_ranges(_fonaes_bounds)``:
the mixin refuses a malformed value (``'abc'``, ``12.7`` for a whole number, a date that
does not exist) and a value out of its kind's bounds where it enters (create/write), and
again on the stored record (the model's ``@api.constrains`` calls
``_micro_check_input_ranges``); the models add a database ``CHECK`` where the invariant
is absolute. Each kind says what is allowed; each field names the section of the official
document that sets it, cited as ``"Reglas de Operación FONAES 2005, §…"``.
"""

import datetime
import math

DOC = "Reglas de Operación FONAES 2005"

# §1 Antecedentes: FONAES was created by presidential decree published in the DOF on
# 4 December 1991. A fiscal year or report year before 1991 is outside the program's
# life; budgets may be prepared one year ahead, so the upper bound is next year.
FIRST_YEAR = 1991
YEARS_AHEAD = 1
# Absolute bound kept in the database CHECKs (the Python check uses today's year + 1).
DB_LAST_YEAR = 2100

# The rules set no maximum interest rate (§4.3.1.D only asks the ESC for a positive real
# rate; Anexo XII-1 lists the rate among the restructuring terms). 100 % a year is the
# sanity bound: any rate above it is a typing error (e.g. 900 typed for 9.00).
MAX_ANNUAL_RATE = 100.0

# Anexo XI-1 "Valorización de la unidad de inversión": the UDI exists since 4 April 1995
# (value 1.0); 100 is a sanity bound far above any published value.
UDI_FIRST_DATE = datetime.date(1995, 4, 4)
MAX_UDI_VALUE = 100.0

# Oldest birth date accepted for a roster member or trust beneficiary (sanity bound).
MIN_BIRTHDATE = datetime.date(1900, 1, 1)

# Kinds of bound: (minimum, minimum is exclusive, maximum).
KIND_AMOUNT = "amount"  # >= 0
KIND_POSITIVE = "positive"  # > 0
KIND_COUNT = "count"  # integer >= 0
KIND_PCT = "pct"  # 0..100
KIND_RATE = "rate"  # 0..MAX_ANNUAL_RATE
KIND_YEAR = "year"  # FIRST_YEAR..today + YEARS_AHEAD
KIND_BIRTHDATE = "birthdate"  # MIN_BIRTHDATE..today
KIND_UDI = "udi"  # 0 < value <= MAX_UDI_VALUE
KIND_UDI_DATE = "udi_date"  # UDI_FIRST_DATE..today + 1 year
KIND_MONTHS = "months"  # 1..600 (a term in months; 50 years sanity bound)

MAX_MONTHS = 600

NUMERIC_KINDS = {
    KIND_AMOUNT,
    KIND_POSITIVE,
    KIND_COUNT,
    KIND_PCT,
    KIND_RATE,
    KIND_YEAR,
    KIND_UDI,
    KIND_MONTHS,
}
DATE_KINDS = {KIND_BIRTHDATE, KIND_UDI_DATE}
INTEGER_KINDS = {KIND_COUNT, KIND_YEAR, KIND_MONTHS}


def to_number(value, integer=False):
    """Return ``value`` as a finite float (or int), or ``None`` when it is not one.

    Booleans are not numbers here (``True`` typed for an amount is refused); ``False`` and
    ``None`` are the empty value and read as 0 like the ORM does.
    """
    if value is None or value is False:
        return 0
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    if isinstance(number, float) and not math.isfinite(number):
        return None
    if integer:
        if isinstance(number, float) and not number.is_integer():
            return None
        return int(number)
    return number


def to_date(value):
    """Return ``value`` as a ``datetime.date``, ``False`` when empty, ``None`` if invalid."""
    if value in (None, False, ""):
        return False
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def source(section):
    """The citation of ``section`` of the official document."""
    return f"{DOC}, {section}"


def bounds(kind, today):
    """``(low, high, strict_low)`` allowed for ``kind`` on ``today`` (``None``: no bound;
    ``strict_low``: the value must be greater than ``low``)."""
    if kind in (KIND_AMOUNT, KIND_COUNT):
        return 0, None, False
    if kind == KIND_POSITIVE:
        return 0, None, True
    if kind == KIND_PCT:
        return 0, 100, False
    if kind == KIND_RATE:
        return 0, MAX_ANNUAL_RATE, False
    if kind == KIND_YEAR:
        return FIRST_YEAR, today.year + YEARS_AHEAD, False
    if kind == KIND_UDI:
        return 0, MAX_UDI_VALUE, True
    if kind == KIND_MONTHS:
        return 1, MAX_MONTHS, False
    if kind == KIND_BIRTHDATE:
        return MIN_BIRTHDATE, today, False
    if kind == KIND_UDI_DATE:
        return UDI_FIRST_DATE, today + datetime.timedelta(days=366), False
    raise KeyError(kind)


def in_bounds(kind, value, today):
    """True when the (already converted) ``value`` is allowed for ``kind`` on ``today``."""
    low, high, strict_low = bounds(kind, today)
    if kind in DATE_KINDS and not value:
        return True
    if low is not None and (value <= low if strict_low else value < low):
        return False
    return high is None or value <= high


def input_ranges(table):
    """``micro.input.mixin``'s ``_input_ranges`` for ``table`` (``{field: (kind,
    section)}``), as a class attribute computing the bounds on the day they are read (a
    year, a birth date and a UDI date are bounded by today)::

        _fonaes_bounds = {"fiscal_year": (KIND_YEAR, "§4.5.1.C")}
        _input_ranges = input_rules.input_ranges(_fonaes_bounds)
    """

    def ranges(_record):
        today = datetime.date.today()
        return {
            name: (*bounds(kind, today), source(section))
            for name, (kind, section) in table.items()
        }

    return property(ranges)
