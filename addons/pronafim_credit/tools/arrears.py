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


def moratory_charge(amount_due, rate_table, start, end, multiplier, day_basis=DAY_BASIS):
    """Moratory interest on ``amount_due`` for the days from ``start`` to ``end``.

    ``amount due x multiplier x sum(ordinary rate in force that day) / 100 / day_basis``,
    rounded once to cents half up (the same formula as the daily run's SQL).

    :param rate_table: ``(date_from, ordinary annual rate %)`` pairs (CETES + margin)
    :raises ValueError: on a negative amount or when no rate is in force on ``start``
    """
    amount = to_decimal(amount_due)
    if amount < 0:
        raise ValueError(f"The overdue amount cannot be negative ({amount_due}).")
    rate_days = sum(
        (days * to_decimal(rate) for days, rate in rate_segments(rate_table, start, end)),
        to_decimal(0),
    )
    return money(amount * rate_days * to_decimal(multiplier) / 100 / day_basis)
