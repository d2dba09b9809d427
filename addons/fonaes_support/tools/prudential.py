"""Prudential and portfolio rules of FONAES Anexo XI and Anexo XII-1 for ESF and trusts.

Pure functions (no ORM). The provisioning table itself is data
(``data/fonaes_provision_bucket_data.xml``, Anexo XI §1.b); the callers pass it in as
``(lower_bound_days, percentage)`` pairs. The other figures of the annexes are the
constants below, each with its section. Days past due come from
:func:`odoo.addons.micro_base.tools.loan.days_past_due` (days since the first unpaid
installment, Anexo XI §1.a).
"""

from decimal import Decimal

from odoo.addons.micro_base.tools import periods
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
# "El límite de crédito máximo que se podrá otorgar a una persona física o moral, será del
# 7 (siete) por ciento del capital contable del Intermediario. El límite de crédito máximo
# para una persona moral o entidad para-financiera será del 14 (catorce) por ciento del
# capital contable del intermediario." A legal entity (persona moral) is named in both
# sentences: the company chooses the reading (res.company.fonaes_single_borrower_reading),
# the stricter one by default.
SINGLE_BORROWER_INDIVIDUAL_PCT = Decimal(7)  # persona física (with "riesgo común")
SINGLE_BORROWER_ENTITY_PCT = Decimal(14)  # persona moral o entidad para-financiera
READING_STRICT = "strict"  # 7 % for every borrower, legal entities included
READING_ENTITY = "entity"  # 14 % for legal entities and para-financial entities
SINGLE_BORROWER_READINGS = [
    (READING_STRICT, "7 % for every borrower, legal entities included (first sentence)"),
    (READING_ENTITY, "14 % for legal and para-financial entities (second sentence)"),
]
# Anexo XI §2.a.1: automatic authorization while the person's loans (with dependents)
# do not exceed 4,000 UDIS.
AUTOMATIC_AUTHORIZATION_UDIS = Decimal(4000)
# Anexo XI §4.a: capital charge of 10 % of the portfolio net of provisions; 100 % for
# operations made against the rules.
CAPITAL_CHARGE_PCT = Decimal(10)
CAPITAL_CHARGE_AGAINST_RULES_PCT = Decimal(100)
# Anexo XI §5 "Lineamientos en materia de coeficiente de liquidez (Intermediarios
# Captadores)": liquid position of at least 10 % of the liabilities due within 30 days, held
# in sight deposits maturing in under 30 days; only for the intermediaries that take
# deposits (res.partner.fonaes_takes_deposits).
LIQUIDITY_PCT = Decimal(10)
SHORT_TERM_LIABILITY_DAYS = 30
# Anexo XII-1, "Traspaso a cartera vencida", last paragraph: a renewed credit whose
# borrower did not pay on time the accrued interest and 25 % of the original amount is past
# due until sustained payment and until that interest and share are paid.
RENEWAL_PAID_PCT = Decimal(25)


def rating_date(day):
    """The month-end a rating run on ``day`` rates at: the last day of a calendar month on
    or before ``day`` (Anexo XI §1: "con cifras al último día de cada mes calendario")."""
    if periods.month_end(day) == day:
        return day
    return periods.previous_month_end(day)


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


def provision_amount_sql(balance, deposit, pct, extra_pct):
    """:func:`provision_amount` as an SQL expression over the columns or parameters named
    by the arguments (the month-end run rates hundreds of thousands of loans in one query):
    the reserve of one loan, in cents, at most its balance (Anexo XI §1)."""
    return (
        f"LEAST(ROUND(GREATEST({balance} - {deposit}, 0) * ({pct})::numeric / 100"
        f" + {balance} * ({extra_pct})::numeric / 100, 2), {balance})"
    )


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
    renewal_held=False,
):
    """Current or past-due state of a loan at a cut-off (Anexo XII-1).

    * A loan whose arrears reach its kind's threshold (or whose borrower is bankrupt) is
      past due.
    * A renewed credit held past due by :func:`renewal_held_past_due` (``renewal_held``)
      is past due whatever its days.
    * A past-due loan goes back to current once everything owed is paid (no days past due);
      a past-due loan that was restructured or renewed stays past due until sustained
      payment: ``consecutive_on_time`` installments paid on time reach
      :func:`sustained_payment_installments` of its ``period_days``.

    :return: :data:`STATE_CURRENT` or :data:`STATE_PAST_DUE`
    """
    if triggers_past_due(kind, principal_days, interest_days, bankrupt) or renewal_held:
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


def single_borrower_limit(equity, legal_entity, reading=READING_STRICT):
    """Maximum exposure to one borrower (Anexo XI §3): 7 % of equity for an individual
    (with its common risk); for a legal entity 7 % under the strict ``reading``
    (:data:`READING_STRICT`, "persona física o moral"), 14 % under
    :data:`READING_ENTITY` ("persona moral o entidad para-financiera").
    Returns ``(pct, limit)``."""
    if reading not in (READING_STRICT, READING_ENTITY):
        raise ValueError(f"Unknown reading of Anexo XI §3 {reading!r}.")
    pct = SINGLE_BORROWER_INDIVIDUAL_PCT
    if legal_entity and reading == READING_ENTITY:
        pct = SINGLE_BORROWER_ENTITY_PCT
    return pct, money(to_decimal(equity) * pct / HUNDRED)


def renewal_settled_at_renewal(original_amount, paid_before, interest_paid_before):
    """Whether the borrower of a renewed credit had paid on time, when it was renewed, the
    accrued interest and :data:`RENEWAL_PAID_PCT` % of the original amount (Anexo XII-1):
    then the general rules apply to the renewed credit."""
    required = money(to_decimal(original_amount) * RENEWAL_PAID_PCT / HUNDRED)
    return bool(interest_paid_before) and money(paid_before) >= required


def renewal_held_past_due(
    original_amount,
    paid_before,
    interest_paid_before,
    repaid_since=0,
    interest_unpaid=0,
    consecutive_on_time=0,
    period_days=30,
):
    """Whether a renewed credit counts as past due (Anexo XII-1, "Traspaso a cartera
    vencida", last paragraph: "Los créditos renovados en los cuales el acreditado no liquide
    en tiempo los intereses devengados y el 25% del monto original del crédito ... serán
    considerados como vencidos en tanto no exista evidencia de pago sostenido y se liquiden
    los intereses devengados y el porcentaje del monto señalados").

    :param original_amount: original amount of the credit renewed
    :param paid_before: principal of it the borrower had paid on time at the renewal
    :param bool interest_paid_before: the accrued interest was paid on time at the renewal
    :param repaid_since: principal repaid of the renewed credit since
    :param interest_unpaid: interest of the renewed credit fallen due and not paid
    :param int consecutive_on_time: installments paid on time in a row (sustained payment)
    :param int period_days: days an installment covers (see
        :func:`sustained_payment_installments`)
    :return: ``False`` when it was renewed with the interest and the 25 % paid, or once
        both are paid and the payment is sustained; ``True`` until then
    """
    if renewal_settled_at_renewal(original_amount, paid_before, interest_paid_before):
        return False
    required = money(to_decimal(original_amount) * RENEWAL_PAID_PCT / HUNDRED)
    paid = money(to_decimal(paid_before) + to_decimal(repaid_since)) >= required
    settled = paid and to_decimal(interest_unpaid) <= 0
    sustained = consecutive_on_time >= sustained_payment_installments(period_days)
    return not (settled and sustained)


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


# The schedules of the loans are monthly: an installment covers 30 days (Anexo XII-1, "Pago
# sostenido" compares the period of the installments with 60 days); a single payment
# covers the whole term.
INSTALLMENT_PERIOD_DAYS = 30


def classify_position(terms, pos, previous_state):
    """Complete ``pos`` (the figures of :func:`loan_position`) with the loan's state, days
    past due and balances (Anexo XI §1.a, Anexo XII-1); the month-end run calls it with
    positions computed in SQL. Accrual stops when past due: the interest fallen due and not
    collected goes to ``memo_interest`` (cuentas de orden) instead of the receivable.

    :param dict terms: ``loan_kind``, ``months``, ``restructured``, ``bankrupt``; for a
        renewed credit also ``amount`` and ``renewal``, a dict with the
        ``original_amount``, ``paid_before`` and ``interest_paid_before`` of
        :func:`renewal_held_past_due`
    """
    kind = terms["loan_kind"]
    period = INSTALLMENT_PERIOD_DAYS
    if kind == KIND_SINGLE_PAYMENT:
        period = INSTALLMENT_PERIOD_DAYS * terms["months"]
    renewal = terms.get("renewal")
    held = bool(renewal) and renewal_held_past_due(
        renewal["original_amount"],
        renewal["paid_before"],
        renewal["interest_paid_before"],
        to_decimal(terms["amount"]) - pos["principal_balance"],
        pos["interest_unpaid"],
        pos.get("consecutive_on_time", 0),
        period,
    )
    state = classify(
        kind,
        pos["principal_days"],
        pos["interest_days"],
        previous_state,
        terms["restructured"],
        pos.get("consecutive_on_time", 0),
        period,
        terms["bankrupt"],
        held,
    )
    pos["state"] = state
    pos["days"] = max(pos["principal_days"], pos["interest_days"])
    past_due = state == STATE_PAST_DUE
    pos["memo_interest"] = pos["interest_unpaid"] if past_due else 0
    pos["accrued_interest"] = 0 if past_due else pos["interest_unpaid"]
    pos["balance"] = pos["principal_balance"] + pos["accrued_interest"]
    return pos


def position(terms, installments, payments, as_of, previous_state):
    """Position of a loan on ``as_of`` from its ``terms`` (see :func:`classify_position`),
    ``installments`` and ``payments`` (see :func:`loan_position`): days past due,
    balances and current/past-due state (Anexo XI §1.a, Anexo XII-1)."""
    return classify_position(terms, loan_position(installments, payments, as_of), previous_state)
