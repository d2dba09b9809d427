"""Moratory interest at the rate in force (§VIII.1.A, §VIII.1.B.i, §VIII.3).

Pure Python, no ORM. The rules set the ordinary rate as "CETES más un margen establecido
por el COMITÉ TÉCNICO" (strategic simple: "CETES sin puntos adicionales") and the
moratory rate as "2 veces la ordinaria"; they publish no rate figures, so CETES is a dated
table kept by the program (spec §3: "each period's rate is the one in force"). An
overdue amount therefore bears, for each day late, twice the ordinary rate in force that
day — not the rate of the disposal's date.
"""

import datetime

from odoo.addons.micro_base.tools.loan import money, to_decimal

DAY_BASIS = 360


def rate_segments(rate_table, start, end):
    """Split ``[start, end)`` by the rates in force: ``[(days, annual rate %), ...]``.

    :param rate_table: ``(date_from, annual rate %)`` pairs, any order; each rate is in
        force from its date until the next one
    :raises ValueError: when no rate is in force on ``start``
    """
    table = sorted(rate_table)
    if start >= end:
        return []
    if not table or table[0][0] > start:
        raise ValueError(f"no rate in force on {start}")
    segments = []
    for index, (date_from, rate) in enumerate(table):
        date_to = table[index + 1][0] if index + 1 < len(table) else datetime.date.max
        low, high = max(date_from, start), min(date_to, end)
        if low < high:
            segments.append(((high - low).days, rate))
    return segments


def moratory_amount(amount_due, rate_days, multiplier, day_basis=DAY_BASIS):
    """The moratory formula, its one home (the daily run's SQL only sums ``rate_days``).

    ``amount due x multiplier x rate_days / 100 / day_basis``, rounded once to cents half
    up, where ``rate_days`` is the sum over the days late of the ordinary annual rate (%)
    in force each day (§VIII.1.A "Tasa de interés moratoria: 2 veces la ordinaria":
    ``multiplier`` is ``rules.MORATORY_MULTIPLIER``).

    :raises ValueError: on a negative amount
    """
    amount = to_decimal(amount_due)
    if amount < 0:
        raise ValueError(f"The overdue amount cannot be negative ({amount_due}).")
    return money(amount * to_decimal(rate_days) * to_decimal(multiplier) / 100 / day_basis)


def rate_days(rate_table, start, end):
    """Sum over the days from ``start`` to ``end`` of the rate (%) in force each day."""
    return sum(
        (days * to_decimal(rate) for days, rate in rate_segments(rate_table, start, end)),
        to_decimal(0),
    )


def moratory_charge(amount_due, rate_table, start, end, multiplier, day_basis=DAY_BASIS):
    """Moratory interest on ``amount_due`` for the days from ``start`` to ``end``
    (:func:`moratory_amount` of :func:`rate_days`).

    :param rate_table: ``(date_from, ordinary annual rate %)`` pairs (CETES + margin)
    :raises ValueError: on a negative amount or when no rate is in force on ``start``
    """
    if to_decimal(amount_due) < 0:
        raise ValueError(f"The overdue amount cannot be negative ({amount_due}).")
    return moratory_amount(amount_due, rate_days(rate_table, start, end), multiplier, day_basis)
