"""Prudential and portfolio rules of FONAES Anexo XI and Anexo XII-1 for ESF and trusts.

Pure functions (no ORM). The provisioning table itself is data
(``data/fonaes_provision_bucket_data.xml``, Anexo XI §1.b); the callers pass it in as
``(lower_bound_days, percentage)`` pairs. The other figures of the annexes are the
constants below, each with its section. Days past due come from
:func:`odoo.addons.micro_base.tools.loan.days_past_due` (days since the first unpaid
installment, Anexo XI §1.a).
"""

from decimal import Decimal

from odoo.addons.micro_base.tools.loan import (
    ZERO,
    ageing_bucket,
    days_past_due,
    money,
    to_decimal,
)

HUNDRED = Decimal(100)

# ---- Anexo XII-1 "Traspaso a cartera vencida": the four loan kinds ----
KIND_SINGLE_PAYMENT = "single_payment"  # 2.a pago único de principal e intereses
KIND_SINGLE_PRINCIPAL = "single_principal"  # 2.b principal al vencimiento, intereses periódicos
KIND_PERIODIC = "periodic"  # 2.c pagos periódicos parciales de principal e intereses
KIND_REVOLVING = "revolving"  # 2.d créditos revolventes
LOAN_KINDS = [
    (KIND_SINGLE_PAYMENT, "Single payment of principal and interest at maturity"),
    (KIND_SINGLE_PRINCIPAL, "Single principal payment with periodic interest"),
    (KIND_PERIODIC, "Periodic payments of principal and interest"),
    (KIND_REVOLVING, "Revolving"),
]
# Anexo XII-1, "Traspaso a cartera vencida" 2.a: 30 or more days late.
SINGLE_PAYMENT_PAST_DUE_DAYS = 30
# 2.b: interest 90 or more days late, or principal 30 or more days late.
SINGLE_PRINCIPAL_INTEREST_PAST_DUE_DAYS = 90
SINGLE_PRINCIPAL_PRINCIPAL_PAST_DUE_DAYS = 30
# 2.c: 90 or more days late.
PERIODIC_PAST_DUE_DAYS = 90
# 2.d: 60 or more days late.
REVOLVING_PAST_DUE_DAYS = 60

# Anexo XII-1, "Pago sostenido": three consecutive installments when they cover periods
# shorter than 60 days, one when they cover longer periods.
SUSTAINED_PAYMENT_SHORT_PERIOD_DAYS = 60
SUSTAINED_PAYMENT_SHORT_INSTALLMENTS = 3
SUSTAINED_PAYMENT_LONG_INSTALLMENTS = 1

STATE_CURRENT = "current"  # cartera vigente
STATE_PAST_DUE = "past_due"  # cartera vencida

# ---- Anexo XI §3 "Diversificación de activos en las operaciones" ----
SINGLE_BORROWER_INDIVIDUAL_PCT = Decimal(7)  # persona física (with "riesgo común")
SINGLE_BORROWER_ENTITY_PCT = Decimal(14)  # persona moral o entidad para-financiera
# Anexo XI §2.a.1: automatic authorization while the person's loans (with dependents)
# do not exceed 4,000 UDIS.
AUTOMATIC_AUTHORIZATION_UDIS = Decimal(4000)
# Anexo XI §4.a: capital charge of 10 % of the portfolio net of provisions; 100 % for
# operations made against the rules.
CAPITAL_CHARGE_PCT = Decimal(10)
CAPITAL_CHARGE_AGAINST_RULES_PCT = Decimal(100)
# Anexo XI §5: liquid position of at least 10 % of the liabilities due within 30 days,
# held in sight deposits maturing in under 30 days.
LIQUIDITY_PCT = Decimal(10)
SHORT_TERM_LIABILITY_DAYS = 30


def provision_pct(days, table):
    """Provision percentage of Anexo XI §1.b for ``days`` past due.

    :param int days: days since the first unpaid installment (>= 0)
    :param table: ``(lower_bound_days, percentage)`` pairs, e.g. ``((0, 1), (1, 4), ...)``
    :return: the percentage as a :class:`Decimal`
    """
    return to_decimal(ageing_bucket(days, list(table)))


def provision_amount(balance, pct, blocked_deposit=0, extra_pct=0):
    """Preventive reserve of one loan (Anexo XI §1).

    ``pct`` applies to the balance not covered by a blocked deposit of the borrower
    (reduction FONAES may authorize, Anexo XI §1, last paragraph); ``extra_pct`` is an
    additional reserve FONAES ordered for the intermediary (Anexo XI §1, "reservas
    preventivas adicionales"), on the whole balance. The total never exceeds the balance.

    :return: ``(base, reserve)`` in cents: the balance provisioned at ``pct`` and the reserve
    """
    balance = money(balance)
    if balance < 0:
        raise ValueError(f"A loan balance cannot be negative ({balance}).")
    deposit = money(blocked_deposit)
    if deposit < 0:
        raise ValueError(f"A blocked deposit cannot be negative ({deposit}).")
    base = max(balance - deposit, ZERO)
    reserve = money(base * to_decimal(pct) / HUNDRED + balance * to_decimal(extra_pct) / HUNDRED)
    return base, min(reserve, balance)


def triggers_past_due(kind, principal_days, interest_days=0, bankrupt=False):
    """Whether a loan's arrears move it to past-due portfolio (Anexo XII-1, "Traspaso a
    cartera vencida").

    :param str kind: one of :data:`LOAN_KINDS`
    :param int principal_days: days past due of the oldest unpaid principal (for the kinds
        that do not separate principal and interest: of the oldest unpaid installment)
    :param int interest_days: days past due of the oldest unpaid interest (kind 2.b)
    :param bool bankrupt: borrower declared in concurso mercantil (point 1)
    """
    if bankrupt:
        return True
    if kind == KIND_SINGLE_PAYMENT:
        return max(principal_days, interest_days) >= SINGLE_PAYMENT_PAST_DUE_DAYS
    if kind == KIND_SINGLE_PRINCIPAL:
        return (
            interest_days >= SINGLE_PRINCIPAL_INTEREST_PAST_DUE_DAYS
            or principal_days >= SINGLE_PRINCIPAL_PRINCIPAL_PAST_DUE_DAYS
        )
    if kind == KIND_PERIODIC:
        return max(principal_days, interest_days) >= PERIODIC_PAST_DUE_DAYS
    if kind == KIND_REVOLVING:
        return max(principal_days, interest_days) >= REVOLVING_PAST_DUE_DAYS
    raise ValueError(f"Unknown loan kind {kind!r}.")


def sustained_payment_installments(period_days):
    """Installments paid on time that prove sustained payment (Anexo XII-1, "Pago
    sostenido"): 3 for periods shorter than 60 days, 1 otherwise."""
    if period_days < SUSTAINED_PAYMENT_SHORT_PERIOD_DAYS:
        return SUSTAINED_PAYMENT_SHORT_INSTALLMENTS
    return SUSTAINED_PAYMENT_LONG_INSTALLMENTS


def classify(
    kind,
    principal_days,
    interest_days=0,
    previous_state=STATE_CURRENT,
    restructured=False,
    consecutive_on_time=0,
    period_days=30,
    bankrupt=False,
):
    """Current or past-due state of a loan at a cut-off (Anexo XII-1).

    * A loan whose arrears reach its kind's threshold (or whose borrower is bankrupt) is
      past due.
    * A past-due loan goes back to current once everything owed is paid (no days past due);
      a past-due loan that was restructured or renewed stays past due until sustained
      payment: ``consecutive_on_time`` installments paid on time reach
      :func:`sustained_payment_installments` of its ``period_days``.

    :return: :data:`STATE_CURRENT` or :data:`STATE_PAST_DUE`
    """
    if triggers_past_due(kind, principal_days, interest_days, bankrupt):
        return STATE_PAST_DUE
    if previous_state != STATE_PAST_DUE:
        return STATE_CURRENT
    if restructured:
        if consecutive_on_time >= sustained_payment_installments(period_days):
            return STATE_CURRENT
        return STATE_PAST_DUE
    if principal_days == 0 and interest_days == 0:
        return STATE_CURRENT
    return STATE_PAST_DUE


def single_borrower_limit(equity, legal_entity):
    """Maximum exposure to one borrower (Anexo XI §3): 7 % of equity for an individual
    (with its common risk), 14 % for a legal entity. Returns ``(pct, limit)``."""
    pct = SINGLE_BORROWER_ENTITY_PCT if legal_entity else SINGLE_BORROWER_INDIVIDUAL_PCT
    return pct, money(to_decimal(equity) * pct / HUNDRED)


def automatic_authorization(exposure_pesos, udi_value):
    """Whether a loan may be authorized automatically (Anexo XI §2.a.1).

    :param exposure_pesos: the person's total loans with this one, dependents included
    :param udi_value: value of the UDI on the grant date (pesos)
    :return: ``(allowed, exposure_in_udis)``
    """
    udi_value = to_decimal(udi_value)
    if udi_value <= 0:
        raise ValueError(f"The UDI value must be positive ({udi_value}).")
    udis = to_decimal(exposure_pesos) / udi_value
    return udis <= AUTOMATIC_AUTHORIZATION_UDIS, udis.quantize(Decimal("0.01"))


def capital_requirement(net_portfolio, against_rules_portfolio=0, additional=0):
    """Capital requirement for credit risk (Anexo XI §4.a), in cents: 10 % of the
    portfolio net of provisions, the part granted against the rules at 100 %, plus the
    ``additional`` capital FONAES required of the intermediary (§4.a, last paragraph: no
    figure in the rules, FONAES sets it case by case)."""
    net = to_decimal(net_portfolio)
    irregular = to_decimal(against_rules_portfolio)
    extra = to_decimal(additional)
    if extra < 0:
        raise ValueError(f"An additional capital requirement cannot be negative ({extra}).")
    return money(
        (net - irregular) * CAPITAL_CHARGE_PCT / HUNDRED
        + irregular * CAPITAL_CHARGE_AGAINST_RULES_PCT / HUNDRED
        + extra
    )


def liquidity_requirement(short_term_liabilities):
    """Minimum sight deposits (Anexo XI §5): 10 % of the liabilities due within 30 days."""
    return money(to_decimal(short_term_liabilities) * LIQUIDITY_PCT / HUNDRED)


def _cents(value):
    """``value`` (float, int or Decimal) in integer cents, rounded."""
    return int(round(value * 100))


def loan_position(installments, payments, as_of):
    """State of a loan's installments on ``as_of`` from its schedule and payments.

    Payments made on or before ``as_of`` go to the oldest installment not fully paid,
    interest first, then principal (the order of micro_base ``allocate_payment`` with
    ``("interest", "principal")``); what is left goes to the next installment. Computed on
    cumulative sums in integer cents: installment ``k`` is paid once the payments add up to
    everything due through ``k``.

    :param installments: ``(due_date, principal, interest)`` rows, in due-date order
    :param payments: ``(date, amount)`` rows, any order
    :return: dict with ``principal_days`` / ``interest_days`` (days past due of the oldest
        unpaid principal / interest, Anexo XI §1.a), ``principal_balance`` (principal not
        repaid), ``interest_unpaid`` (interest fallen due and not collected),
        ``consecutive_on_time`` (installments fallen due most recently, in a row, paid in
        full on or before their due date: the sustained payment of Anexo XII-1) and
        ``overpaid`` (payments beyond everything scheduled)
    """
    paid = sorted((day, _cents(amount)) for day, amount in payments if day <= as_of)
    for _day, amount in paid:
        if amount < 0:
            raise ValueError(f"A payment cannot be negative ({amount / 100}).")
    total_paid = sum(amount for _day, amount in paid)
    cumulative = []  # (date, paid so far) after each payment
    running = 0
    for day, amount in paid:
        running += amount
        cumulative.append((day, running))
    before = 0  # everything due before installment k
    settled = 0  # index in ``cumulative`` of the first payment that could settle it
    principal_left = 0
    interest_unpaid = 0
    principal_unpaid_due, interest_unpaid_due = [], []
    paid_on = []
    for due, principal, interest in installments:
        principal, interest = _cents(principal), _cents(interest)
        covered = total_paid - before  # paid towards this installment and later ones
        interest_paid = min(max(covered, 0), interest)
        principal_paid = min(max(covered - interest, 0), principal)
        principal_left += principal - principal_paid
        if interest_paid < interest:
            interest_unpaid_due.append(due)
            if due <= as_of:
                interest_unpaid += interest - interest_paid
        if principal_paid < principal:
            principal_unpaid_due.append(due)
        before += principal + interest
        while settled < len(cumulative) and cumulative[settled][1] < before:
            settled += 1
        paid_on.append((due, cumulative[settled][0] if settled < len(cumulative) else None))
    on_time = 0
    for due, day in reversed([row for row in paid_on if row[0] <= as_of]):
        if day is None or day > due:
            break
        on_time += 1
    return {
        "principal_days": days_past_due(principal_unpaid_due, as_of),
        "interest_days": days_past_due(interest_unpaid_due, as_of),
        "principal_balance": Decimal(principal_left) / 100,
        "interest_unpaid": Decimal(interest_unpaid) / 100,
        "consecutive_on_time": on_time,
        "overpaid": Decimal(max(total_paid - before, 0)) / 100,
    }
