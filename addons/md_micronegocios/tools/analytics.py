"""Shapes of the program's figures (spec md_micronegocios §7), with no ORM: the report
model feeds grouped counts from SQL, these helpers add totals and percentages the way the
bulletin prints them (whole percentages, halves rounded up: 92.52 % -> 93 %)."""

from decimal import ROUND_HALF_UP, Decimal


def percent(part, whole):
    """``part`` as a whole percentage of ``whole`` (0 when ``whole`` is 0)."""
    if not whole:
        return 0
    value = Decimal(part) * 100 / Decimal(whole)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def crosstab(counts, rows, cols):
    """A table of ``counts[(row, col)]`` with row and column totals.

    :returns: ``{"cells": {row: [n per col]}, "row_totals": {row: n},
               "col_totals": [n per col], "total": n, "col_percent": [% per col]}``
    """
    cells = {row: [counts.get((row, col), 0) for col in cols] for row in rows}
    row_totals = {row: sum(values) for row, values in cells.items()}
    col_totals = [sum(cells[row][i] for row in rows) for i in range(len(cols))]
    total = sum(col_totals)
    return {
        "cells": cells,
        "row_totals": row_totals,
        "row_percent": {row: percent(n, total) for row, n in row_totals.items()},
        "col_totals": col_totals,
        "col_percent": [percent(n, total) for n in col_totals],
        "total": total,
    }


def cumulative_by_week(counts, weeks):
    """Running totals: ``{week: n registered up to that week}`` from ``{week: n}``."""
    running, result = 0, {}
    for week in weeks:
        running += counts.get(week, 0)
        result[week] = running
    return result
