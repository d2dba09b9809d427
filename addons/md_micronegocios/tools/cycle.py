"""Weeks of a program cycle.

The program runs by semester cycles of 16 weeks (bulletin 004, "Durante el semestre se
destinan 16 semanas"); the observatory cuts every figure by cycle week, week 1 being the
week of the cycle's start date (bulletin 004: "Semana No. 4 (1 a 6 de Marzo)" of 2021-1,
so week 1 of 2021-1 starts on 8 February 2021).
"""

import datetime

#: Weeks in a cycle (bulletin 004, program description).
CYCLE_WEEKS = 16


def cycle_week(start, day):
    """Week number of ``day`` in a cycle starting on ``start`` (1-based).

    Weeks run Monday to Sunday; week 1 is the calendar week containing ``start``. Days
    before the start give 0 or less: callers decide what to do with them.
    """
    if isinstance(day, datetime.datetime):
        day = day.date()
    start_monday = start - datetime.timedelta(days=start.weekday())
    return (day - start_monday).days // 7 + 1


def cycle_end(start, weeks=CYCLE_WEEKS):
    """Last day (Sunday) of a cycle of ``weeks`` weeks starting on ``start``."""
    start_monday = start - datetime.timedelta(days=start.weekday())
    return start_monday + datetime.timedelta(weeks=weeks, days=-1)
