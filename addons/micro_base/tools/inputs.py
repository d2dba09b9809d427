"""Parse what a client sends before the ORM converts it (issue 16).

The ORM turns ``"abc"`` into a raw ``ValueError``, ``"2026-02-30"`` into "day is out of
range" and silently truncates ``12.7`` months to 12. These functions say what is wrong
with a value so that the model refuses it naming the field; no ORM import. Used by
``micro.input.mixin`` (``models/micro_input_mixin.py``).
"""

import datetime
import math

DATE, NUMBER, INTEGER, ID = "date", "number", "integer", "id"


def problem(kind, value):
    """None when ``value`` is acceptable for ``kind``, else the kind it failed."""
    if value is False or value is None:
        return None  # unset: the required flag (or the rule) decides
    if kind == ID:  # a many2one: one record's id (or one record), nothing else
        if hasattr(value, "_ids"):
            return None if len(value) <= 1 else ID
        return None if type(value) is int and 0 < value < 2**31 else ID
    if kind == DATE:
        if isinstance(value, datetime.date):
            return None
        if not isinstance(value, str):
            return DATE
        try:  # exactly what the ORM does with a text (fields.Date.to_date)
            datetime.datetime.strptime(value[:10], "%Y-%m-%d")
        except ValueError:
            return DATE
        return None
    if isinstance(value, bool):
        return kind
    if kind == INTEGER and isinstance(value, str):
        try:  # the ORM reads a text with int(): "12" is 12, "12.0" and "1e3" crash
            value = int(value)
        except ValueError:
            return INTEGER
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return kind
    if not isinstance(value, int | float) or not math.isfinite(value):
        return kind
    if kind == INTEGER and (value != int(value) or abs(value) >= 2**31):
        return INTEGER  # truncated by the ORM, or beyond the database's integer
    return None


def outside(value, low=None, high=None, strict_low=False):
    """True when the number ``value`` breaks ``low`` (strictly above it when
    ``strict_low``) or ``high``."""
    if value is None or value is False:
        return False
    if low is not None and (value <= low if strict_low else value < low):
        return True
    return high is not None and value > high
