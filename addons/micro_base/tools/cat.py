"""Costo Anual Total (CAT) and the other cost disclosures of a micro-credit product.

PRONAFIM Reglas de Operación §XI.k: accredited IMF present the CAT they charge to
micro-borrowers "de acuerdo a la metodología citada en la Circular 21-2009 del Banco de
México" (DOF 4 September 2009, compiled text at
http://anterior.banxico.org.mx/disposiciones/normativa/circular-21-2009/). That methodology
defines the CAT as the annual rate ``i``, expressed as a percentage, that equates what the
lender disburses with what the borrower pays, both discounted to the contract date:

    Σ_j A_j / (1 + i)^t_j  =  Σ_k B_k / (1 + i)^s_k

``A_j`` the disposals, ``B_k`` the payments (principal, interest, commissions and every other
cost charged to the borrower), ``t_j`` and ``s_k`` the time from the contract date in years
and fractions of a year — for payments at a regular frequency, ``k / periods per year``
(12 monthly, 24 semi-monthly, 26 every fourteen days, 52 weekly). The CAT is published as a
percentage with one decimal.

§XI.j asks the IMF to state the monthly rate on global balances and the payment including
all costs and commissions per 1,000 pesos lent: :func:`monthly_flat_rate` and
:func:`payment_per_thousand`.

The equation is solved in floating point (Newton's method, bisection when a Newton step
leaves the bracket), then rounded; no third-party library is needed.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from .loan import money, to_decimal

#: Decimals of the published CAT (Banxico Circular 21/2009: a percentage with one decimal).
CAT_DECIMALS = 1

#: Bounds of the annual rate searched, as fractions: a rate above 10^7 % a year is no
#: credit product, and -100 % is the limit of the formula.
_LOWEST_RATE = -0.99
_HIGHEST_RATE = 1e5


def _normalize_flows(cashflows, periods_per_year):
    """``(t_years, amount)`` pairs from amounts at regular periods or explicit pairs."""
    flows = []
    period = 0  # regular flows are numbered among themselves, pairs aside
    for flow in cashflows:
        if isinstance(flow, tuple | list):
            when, amount = flow
            when = float(when)
        else:
            if not periods_per_year or periods_per_year <= 0:
                raise ValueError("Regular cash flows need a positive number of periods a year.")
            period += 1
            when, amount = period / float(periods_per_year), flow
        if when < 0:
            raise ValueError(f"A cash flow cannot precede the contract (t = {when} years).")
        flows.append((when, float(to_decimal(amount))))
    return flows


def _present_value(flows, rate):
    return sum(amount * (1.0 + rate) ** -when for when, amount in flows)


def _derivative(flows, rate):
    return sum(-when * amount * (1.0 + rate) ** (-when - 1.0) for when, amount in flows)


def solve_annual_rate(amount, cashflows, periods_per_year=12, upfront_costs=0):
    """Annual rate ``i`` (a fraction, not rounded) with ``amount = Σ flow / (1 + i)^t``.

    :param amount: amount disbursed at the contract date (> 0)
    :param cashflows: the borrower's payments, either amounts at regular periods (the
        ``j``-th amount, from 1, falls ``j / periods_per_year`` years after the contract) or
        ``(t_in_years, amount)`` pairs; both kinds may be mixed (pairs do not shift the
        numbering of the regular amounts)
    :param periods_per_year: frequency of the regular payments (12 for monthly)
    :param upfront_costs: costs the borrower pays at the contract date (opening commission,
        investigation fee...): they reduce what the borrower actually receives
    :raises ValueError: on a non-positive net amount, no payment, a negative payment, or
        payments that cannot repay the amount at any rate above -100 %
    """
    net = float(to_decimal(amount)) - float(to_decimal(upfront_costs))
    if to_decimal(amount) <= 0:
        raise ValueError(f"The amount lent must be positive ({amount}).")
    if net <= 0:
        raise ValueError("The costs paid at the contract date swallow the whole amount lent.")
    flows = _normalize_flows(cashflows, periods_per_year)
    if not flows:
        raise ValueError("The CAT needs at least one payment.")
    if any(flow_amount < 0 for _when, flow_amount in flows):
        raise ValueError("Payments of the borrower cannot be negative.")
    # Payments at t = 0 are costs at signing: same effect as upfront costs.
    net -= sum(flow_amount for when, flow_amount in flows if when == 0)
    flows = [(when, flow_amount) for when, flow_amount in flows if when > 0]
    if net <= 0 or not flows:
        raise ValueError("The costs paid at the contract date swallow the whole amount lent.")

    def excess(rate):
        # Decreasing in ``rate``: positive payments discounted more as the rate grows.
        return _present_value(flows, rate) - net

    low, high = _LOWEST_RATE, 1.0
    while excess(high) > 0:
        if high >= _HIGHEST_RATE:
            raise ValueError("The payments imply an annual cost beyond any credit product.")
        low, high = high, high * 10
    if excess(low) < 0:
        raise ValueError("The payments do not repay the amount lent at any rate.")
    rate = 0.1 if low < 0.1 < high else (low + high) / 2
    for _iteration in range(200):
        value = excess(rate)
        if abs(value) < 1e-9 * max(net, 1.0):
            return rate
        if value > 0:
            low = rate
        else:
            high = rate
        slope = _derivative(flows, rate)
        candidate = rate - value / slope if slope else None
        if candidate is None or not (low < candidate < high) or math.isnan(candidate):
            candidate = (low + high) / 2
        if abs(candidate - rate) < 1e-14:
            return candidate
        rate = candidate
    return rate


def cat(amount, cashflows, periods_per_year=12, *, upfront_costs=0, decimals=CAT_DECIMALS):
    """CAT in percent, rounded half up to one decimal as Banco de México publishes it.

    ``cat(10000, [888.49] * 12, 12)`` is the CAT of 10,000 repaid in twelve monthly
    payments of 888.49 (12 % nominal, no other cost): ``Decimal("12.7")``, the effective
    annual rate of 1 % a month. See :func:`solve_annual_rate` for the arguments; costs paid
    at signing go in ``upfront_costs`` or as ``(0, cost)`` pairs, and periodic costs
    (commissions, insurance premiums, their VAT) belong in the payments.

    :return: :class:`Decimal` percentage, e.g. ``Decimal("95.7")``
    """
    rate = solve_annual_rate(amount, cashflows, periods_per_year, upfront_costs)
    quantum = Decimal(1).scaleb(-decimals)
    return (Decimal(repr(rate)) * 100).quantize(quantum, rounding=ROUND_HALF_UP)


def effective_annual_rate(nominal_annual_rate, periods_per_year=12):
    """Effective annual rate of a nominal rate compounded ``periods_per_year`` times.

    The CAT of a credit with no cost but its interest, repaid at that frequency.
    """
    nominal = float(to_decimal(nominal_annual_rate))
    return (1.0 + nominal / periods_per_year) ** periods_per_year - 1.0


def _months_of_term(cashflows, periods_per_year):
    flows = _normalize_flows(cashflows, periods_per_year)
    if not flows:
        raise ValueError("The disclosure needs at least one payment.")
    return max(when for when, _amount in flows) * 12, flows


def payment_per_thousand(amount, cashflows, periods_per_year=12, *, upfront_costs=0):
    """Monthly payment, including all costs and commissions, per 1,000 pesos lent (§XI.j).

    Everything the borrower pays (payments plus costs at signing) spread over the months of
    the term, for each 1,000 pesos: for a monthly product with level payments and no other
    cost it is ``payment * 1000 / amount``; weekly or semi-monthly payments are brought to
    their monthly equivalent. Rounded to cents.
    """
    amount = to_decimal(amount)
    if amount <= 0:
        raise ValueError(f"The amount lent must be positive ({amount}).")
    months, flows = _months_of_term(cashflows, periods_per_year)
    if months <= 0:
        raise ValueError("The payments must fall after the contract date.")
    total = sum(Decimal(repr(flow_amount)) for _when, flow_amount in flows)
    total += to_decimal(upfront_costs)
    return money(total / Decimal(repr(months)) * 1000 / amount)


def monthly_flat_rate(amount, cashflows, periods_per_year=12, *, upfront_costs=0):
    """Monthly rate on global balances ("tasa mensual sobre saldos globales", §XI.j).

    The total cost of the credit (all payments and costs minus the amount lent) as a share
    of the amount lent, per month of the term: a fraction, e.g. ``0.035`` for 3.5 % a month.
    """
    amount = to_decimal(amount)
    if amount <= 0:
        raise ValueError(f"The amount lent must be positive ({amount}).")
    months, flows = _months_of_term(cashflows, periods_per_year)
    if months <= 0:
        raise ValueError("The payments must fall after the contract date.")
    total = sum(Decimal(repr(flow_amount)) for _when, flow_amount in flows)
    total += to_decimal(upfront_costs)
    return (total - amount) / amount / Decimal(repr(months))
