"""Periods of the programs' reports (months, quarters, the month just closed), on top of
``odoo.tools.date_utils``: one home for the suite's period maths (issue 19)."""

import datetime

from odoo.tools import date_utils


def month_start(day):
    """First day of ``day``'s month."""
    return date_utils.start_of(day, "month")


def month_end(day):
    """Last day of ``day``'s month."""
    return date_utils.end_of(day, "month")


def previous_month_end(day):
    """Last day of the month before ``day``'s (the month just closed)."""
    return month_start(day) - datetime.timedelta(days=1)


def quarter_end(year, quarter):
    """Last day of ``quarter`` (1-4) of ``year``."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter} is not 1-4")
    return month_end(datetime.date(year, quarter * 3, 1))


def period_bounds(day, months):
    """First and last day of the period of ``months`` months (1, 3, 6 or 12, counted from
    January) that contains ``day``."""
    if months not in (1, 2, 3, 4, 6, 12):
        raise ValueError(f"a period of {months} months does not divide the year")
    first_month = (day.month - 1) // months * months + 1
    start = datetime.date(day.year, first_month, 1)
    return start, month_end(datetime.date(day.year, first_month + months - 1, 1))
