"""Loan arithmetic shared by the programs: monthly schedules, moratory interest, payment
allocation, days past due and ageing.

The rules encoded here come from the PRONAFIM Reglas de Operación, §VIII.1 and §VIII.3
(credit lines: monthly amortization, optional grace on capital, ordinary rate CETES plus a
margin, moratory rate twice the ordinary one), and serve the FONAES revolving repayment
(§4.4, interest-free unless the ESC sets a rate) and the ESF portfolio rules (Anexo XI:
provisioning by days past due since the first unpaid installment). The figures themselves
(rates, multipliers, ageing buckets, allocation order) are settings of the callers.

Conventions
-----------
* Money is :class:`decimal.Decimal` rounded to cents with ``ROUND_HALF_UP``; ``int``,
  ``float`` and ``Decimal`` inputs are accepted (a float goes through ``str`` so that
  ``0.1`` means one tenth, not its binary approximation).
* Rates are annual fractions (``0.12`` is 12 %).
* Interest of a period is ``balance * rate * days / day_basis`` with the actual number of
  days of the period and ``day_basis = 360`` by default: the *actual/360* convention of
  Mexican banking (interest "sobre saldos insolutos", rate divided by 360, times the days
  elapsed), which is how CETES-referenced credits are accrued. ``day_basis=None`` switches
  to twelve equal months (``rate / 12`` per installment), the usual convention of
  micro-credit products quoted as a monthly rate.
* Interest is rounded to cents per installment; the last installment takes the principal
  left, so the principal of a schedule always sums exactly to the amount lent.
"""

import bisect
import calendar
import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

#: Default allocation order of a payment (PRONAFIM credit lines: moratory interest first,
#: then ordinary interest, then principal). Callers keep the order as a setting.
DEFAULT_ALLOCATION_ORDER = ("moratory", "interest", "principal")

METHODS = ("level_principal", "annuity")


@dataclasses.dataclass(frozen=True)
class Installment:
    """One installment of a repayment schedule.

    ``payment`` is ``principal + interest``; ``balance_after`` is the principal still owed
    once this installment is paid.
    """

    number: int
    due_date: datetime.date
    principal: Decimal
    interest: Decimal
    payment: Decimal
    balance_after: Decimal


def to_decimal(value):
    """``value`` (int, float, str or Decimal) as an exact :class:`Decimal`."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


def money(value):
    """``value`` rounded to cents, half up."""
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(day, months):
    """The same day ``months`` months later, clamped to the end of a shorter month.

    ``add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)``. Counting always from the
    original day keeps the schedule anchored: the third month after January 31 is April 30,
    not April 28.
    """
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last))


def period_rate(annual_rate, start, end, day_basis=360):
    """The rate of the period ``start`` → ``end`` (a fraction, not rounded).

    ``annual_rate * days / day_basis`` on the actual days elapsed, or ``annual_rate / 12``
    when ``day_basis`` is ``None`` (one month of twelve equal ones).
    """
    rate = to_decimal(annual_rate)
    if day_basis is None:
        return rate / 12
    return rate * (end - start).days / day_basis


def rate_in_force(rate_table, day):
    """The rate of ``rate_table`` in force on ``day``.

    :param rate_table: iterable of ``(effective_date, annual_rate)`` pairs, such as the
        dated table of CETES rates plus the line's margin; the rate in force is the one
        with the latest effective date on or before ``day``
    :raises ValueError: when no rate of the table is in force yet on ``day``
    """
    table = sorted(rate_table)
    dates = [effective for effective, _rate in table]
    index = bisect.bisect_right(dates, day)
    if not index:
        raise ValueError(f"No rate of the table is in force on {day.isoformat()}.")
    return table[index - 1][1]


def _check_schedule_arguments(principal, annual_rate, months, grace_months, method, day_basis):
    if months < 1:
        raise ValueError(f"A schedule needs at least one installment (months = {months}).")
    if grace_months < 0:
        raise ValueError(f"The grace period cannot be negative ({grace_months} months).")
    if grace_months >= months:
        raise ValueError(
            f"The grace period on capital ({grace_months} months) must be shorter than the "
            f"term ({months} months)."
        )
    if principal <= 0:
        raise ValueError(f"The principal must be positive ({principal}).")
    if annual_rate is not None and annual_rate < 0:
        raise ValueError(f"The interest rate cannot be negative ({annual_rate}).")
    if method not in METHODS:
        raise ValueError(f"Unknown amortization method {method!r}: use one of {METHODS}.")
    if day_basis is not None and day_basis <= 0:
        raise ValueError(f"The day basis must be positive ({day_basis}).")


def _level_payment(balance, rates):
    """Payment ``P`` that repays ``balance`` over periods of the given rates, exactly.

    Solves ``B_k = B_(k-1) * (1 + r_k) - P`` with ``B_n = 0``:
    ``P = B_0 * Π(1 + r_k) / Σ_k Π_(j > k)(1 + r_j)``. With equal rates it is the usual
    annuity formula ``B r / (1 - (1 + r)^-n)``; with actual/360 periods of unequal length
    it still gives one level payment.
    """
    growth = Decimal(1)
    denominator = Decimal(0)
    for rate in reversed(rates):
        denominator += growth
        growth *= 1 + rate
    return balance * growth / denominator


def monthly_schedule(
    principal,
    annual_rate,
    months,
    start_date,
    grace_months=0,
    method="level_principal",
    day_basis=360,
    *,
    rate_table=None,
):
    """Monthly repayment schedule of a loan disbursed on ``start_date``.

    Installment ``k`` falls due ``k`` months after ``start_date`` (same day of the month,
    clamped to the month's last day). The first ``grace_months`` installments pay interest
    only (grace on capital, PRONAFIM §VIII.1 "plazo de gracia para capital"); the principal
    is then repaid over the remaining ``months - grace_months`` installments:

    * ``"level_principal"``: equal capital each month (rounded to cents; the last
      installment takes the rest), interest decreasing with the balance;
    * ``"annuity"``: level payment (principal + interest) computed exactly for the period
      rates of the schedule; the last installment absorbs the rounding of the interest.

    Interest of each installment is charged on the principal outstanding during its
    period: ``balance * annual_rate * days / day_basis`` (actual/360 by default) or
    ``balance * annual_rate / 12`` when ``day_basis`` is ``None``.

    :param principal: amount disbursed (> 0)
    :param annual_rate: ordinary annual rate as a fraction (0 for interest-free repayment);
        ignored when ``rate_table`` is given
    :param int months: number of monthly installments (>= 1)
    :param datetime.date start_date: disbursement date, start of the first period
    :param int grace_months: leading installments without capital (< ``months``)
    :param str method: ``"level_principal"`` or ``"annuity"``
    :param day_basis: days of the year of the rate (360), or ``None`` for twelve equal months
    :param rate_table: optional ``(effective_date, annual_rate)`` pairs (e.g. CETES +
        margin); each period bears the rate in force on its first day. With ``"annuity"``
        the payment is computed anew, over the installments left, whenever the rate
        changes (the rate in force is assumed to stay, as nothing else is known yet).
    :return: list of :class:`Installment`
    :raises ValueError: on months < 1, a grace period not shorter than the term, a
        non-positive principal, a negative rate or an unknown method
    """
    principal = to_decimal(principal)
    if rate_table is not None:
        rate_table = [(effective, to_decimal(rate)) for effective, rate in rate_table]
        for _effective, rate in rate_table:
            if rate < 0:
                raise ValueError(f"The interest rate cannot be negative ({rate}).")
        annual_rate = None
    elif annual_rate is None:
        raise ValueError("An interest rate (0 for none) or a rate table is required.")
    else:
        annual_rate = to_decimal(annual_rate)
    _check_schedule_arguments(principal, annual_rate, months, grace_months, method, day_basis)
    principal = money(principal)

    dates = [add_months(start_date, k) for k in range(months + 1)]
    if rate_table is not None:
        annual_rates = [rate_in_force(rate_table, dates[k]) for k in range(months)]
    else:
        annual_rates = [annual_rate] * months
    rates = [
        period_rate(annual_rates[k], dates[k], dates[k + 1], day_basis) for k in range(months)
    ]
    amortizing = months - grace_months
    level_capital = money(principal / amortizing)

    installments = []
    balance = principal
    payment = None
    for k in range(months):
        number = k + 1
        interest = money(balance * rates[k])
        if k < grace_months:
            capital = ZERO
        elif number == months:
            capital = balance
        elif method == "level_principal":
            capital = min(level_capital, balance)
        else:
            if payment is None or annual_rates[k] != annual_rates[k - 1]:
                # The rate in force now is assumed for the periods left: nothing else is
                # known yet of a floating rate.
                remaining = [
                    period_rate(annual_rates[k], dates[j], dates[j + 1], day_basis)
                    for j in range(k, months)
                ]
                payment = money(_level_payment(balance, remaining))
            capital = min(max(payment - interest, ZERO), balance)
        balance -= capital
        installments.append(
            Installment(
                number=number,
                due_date=dates[number],
                principal=capital,
                interest=interest,
                payment=capital + interest,
                balance_after=balance,
            )
        )
    return installments


def moratory_interest(overdue_amount, ordinary_annual_rate, days, multiplier=2, day_basis=360):
    """Moratory interest on ``overdue_amount`` for ``days`` days late, in cents.

    ``overdue * ordinary rate * multiplier * days / day_basis``: the moratory rate is a
    multiple of the ordinary one (PRONAFIM §VIII.1, §VIII.3: "2 veces la ordinaria").

    :raises ValueError: on a negative amount, rate, multiplier or number of days
    """
    amount = to_decimal(overdue_amount)
    rate = to_decimal(ordinary_annual_rate)
    multiplier = to_decimal(multiplier)
    if amount < 0:
        raise ValueError(f"The overdue amount cannot be negative ({overdue_amount}).")
    if rate < 0 or multiplier < 0:
        raise ValueError(
            f"The moratory rate cannot be negative ({ordinary_annual_rate} * {multiplier})."
        )
    if days < 0:
        raise ValueError(f"The number of days late cannot be negative ({days}).")
    if not day_basis or day_basis <= 0:
        raise ValueError(f"The day basis must be positive ({day_basis}).")
    return money(amount * rate * multiplier * days / day_basis)


def allocate_payment(amount, due, order=DEFAULT_ALLOCATION_ORDER):
    """Split a payment over the components owed, in the caller's order.

    :param amount: amount paid (>= 0)
    :param due: mapping component → amount owed, e.g.
        ``{"moratory": 12.5, "interest": 1000, "principal": 10000}``; every component must
        appear in ``order`` (a component the order does not place would silently receive
        nothing)
    :param order: component names, first served first (PRONAFIM: moratory, interest,
        principal — a setting of the credit line)
    :return: ``(applied, remainder)``: ``applied`` maps every component of ``order`` to the
        amount applied to it (in that order); ``remainder`` is what is left once everything
        owed is covered (an overpayment the caller decides about)
    :raises ValueError: on a negative amount or amount owed, or a component not in ``order``
    """
    remaining = money(amount)
    if remaining < 0:
        raise ValueError(f"A payment cannot be negative ({amount}).")
    if len(set(order)) != len(order):
        raise ValueError(f"The allocation order names a component twice: {tuple(order)}.")
    unknown = sorted(set(due) - set(order))
    if unknown:
        raise ValueError(
            f"Components owed but missing from the allocation order {tuple(order)}: "
            f"{', '.join(unknown)}."
        )
    applied = {}
    for component in order:
        owed = money(due.get(component, 0))
        if owed < 0:
            raise ValueError(f"The amount owed for {component} cannot be negative ({owed}).")
        share = min(owed, remaining)
        applied[component] = share
        remaining -= share
    return applied, remaining


def days_past_due(installments_unpaid_due_dates, as_of):
    """Days elapsed since the oldest unpaid due date before ``as_of`` (0 if none is late).

    An installment is late the day after its due date: on the due date itself it is still
    current (0 days), the next day it is 1 day past due. This is the count of the ESF
    provisioning table (FONAES Anexo XI: days since the first unpaid installment).

    :param installments_unpaid_due_dates: due dates of the installments not fully paid
    :param datetime.date as_of: the day of the valuation
    """
    overdue = [due for due in installments_unpaid_due_dates if due < as_of]
    if not overdue:
        return 0
    return (as_of - min(overdue)).days


def ageing_bucket(days, buckets):
    """Label of the bucket ``days`` falls in.

    :param int days: days past due (>= the lowest bound)
    :param buckets: ``(lower_bound, label)`` pairs in any order, e.g.
        ``((0, "current"), (1, "1-30"), (31, "31-60"), (61, "61+"))``; the bucket is the one
        whose lower bound is the greatest bound ``<= days``
    :raises ValueError: on no bucket, duplicate bounds, or ``days`` below every bound
    """
    ordered = sorted(buckets, key=lambda bucket: bucket[0])
    if not ordered:
        raise ValueError("No ageing buckets are configured.")
    bounds = [bound for bound, _label in ordered]
    if len(set(bounds)) != len(bounds):
        raise ValueError(f"Two ageing buckets start at the same day: {bounds}.")
    index = bisect.bisect_right(bounds, days)
    if not index:
        raise ValueError(f"{days} days past due is below the first ageing bucket ({bounds[0]}).")
    return ordered[index - 1][1]
