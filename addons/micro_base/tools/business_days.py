"""Business-day arithmetic for legal deadlines.

A deadline of "N business days after D" (días hábiles) counts the business days that
follow D: D itself is not counted, weekends and official non-working days are skipped,
and the result is always a business day. This is how the rules the suite encodes count
their deadlines (Reglas de Operación PRONAFIM 2016, §IX.2.e: official non-working days
suspend the terms; Reglas de Operación FONAES 2005, §6.3.1 fracciones II, V.b and VI and
§6.3.2: its terms in "días hábiles" — 45 to notify a decision, 15 and 30 around a
dictamen de improcedencia, 10 to formalize, 45 to prove the use of the resources).
"""

import datetime

#: ISO weekday numbers (Monday = 0) that are not worked by default.
DEFAULT_WEEKEND = frozenset({5, 6})


def is_business_day(day, non_working_dates=frozenset(), weekend=DEFAULT_WEEKEND):
    """Whether ``day`` is neither a weekend day nor an official non-working date."""
    return day.weekday() not in weekend and day not in non_working_dates


def add_business_days(start, days, non_working_dates=frozenset(), weekend=DEFAULT_WEEKEND):
    """Return the date ``days`` business days after ``start``.

    :param datetime.date start: the day the term starts from (not counted)
    :param int days: number of business days, ``>= 0``; ``0`` returns ``start``
    :param non_working_dates: set of :class:`datetime.date` that are not worked
    :param weekend: weekday numbers (Monday = 0) that are not worked
    :raises ValueError: on a negative number of days or a calendar with no working day
    """
    if days < 0:
        raise ValueError(f"A term in business days cannot be negative ({days}).")
    if len(set(weekend)) >= 7:
        raise ValueError("The calendar has no working day in the week.")
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_business_day(day, non_working_dates, weekend):
            remaining -= 1
    return day


def business_days_between(start, end, non_working_dates=frozenset(), weekend=DEFAULT_WEEKEND):
    """Number of business days after ``start`` up to and including ``end``.

    It is the inverse of :func:`add_business_days`:
    ``business_days_between(d, add_business_days(d, n)) == n``. Negative when ``end``
    is before ``start``.
    """
    if end < start:
        return -business_days_between(end, start, non_working_dates, weekend)
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_business_day(day, non_working_dates, weekend):
            count += 1
    return count
