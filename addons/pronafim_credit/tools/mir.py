"""Periods and progress of the program's results matrix (MIR) indicators (seed 001 §XIII).

Pure Python (no ORM). §XIII says the program is evaluated by measuring the indicators of
the "Matriz de Indicadores para Resultados" of the fiscal year, included in the rules;
the text we have stops before the matrix, so no indicator, target or figure lives here:
staff enter them. This module only knows calendar periods and percentages.
"""

from odoo.addons.micro_base.tools import periods

# Frequencies of measurement of an indicator: months per period.
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
# Highest value of an indicator measured in percent (a share of a total).
MAX_PERCENT = 100.0


def period_bounds(day, frequency):
    """First and last day of the ``frequency`` period (calendar month, quarter or year)
    containing ``day``."""
    return periods.period_bounds(day, FREQUENCY_MONTHS[frequency])


def period_label(start, frequency):
    """``2026-10`` (month), ``2026-Q4`` (quarter) or ``2026`` (year)."""
    if frequency == "monthly":
        return f"{start:%Y-%m}"
    if frequency == "quarterly":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}"


def target_reached_pct(value, target):
    """Percent of the target reached; ``0.0`` when there is no positive target."""
    if not target or target <= 0:
        return 0.0
    return value * 100.0 / target


def target_errors(unit, baseline, target):
    """Why a baseline / target pair is not acceptable for ``unit`` (``percent``,
    ``number``, ``amount``): a list of reason codes, empty when it is fine.

    ``target_not_positive``: the target must be above zero (progress is value / target);
    ``negative_baseline``: a baseline is never negative (every measure counts or sums);
    ``percent_over_100``: a share cannot exceed 100 %.
    """
    errors = []
    if target is None or target <= 0:
        errors.append("target_not_positive")
    if baseline is not None and baseline < 0:
        errors.append("negative_baseline")
    if unit == "percent" and any(v is not None and v > MAX_PERCENT for v in (baseline, target)):
        errors.append("percent_over_100")
    return errors
