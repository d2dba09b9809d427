"""What a credit line can dispose of on a date (Reglas de Operación PRONAFIM 2016, §VIII.1).

Pure Python, no ORM. The rules' table of §VIII.1.A (and §VIII.1.B.i) sets a "Plazo máximo
de disposición del total de la línea autorizada: Hasta 6 meses" (the credit type's
``disposal_window_months``) and a "Plazo del crédito ... sin que exceda de 36 meses"; and
§VIII.1.A defines the revolving credit as the one "que permite su revolvencia durante la
vigencia del contrato, con base en la disponibilidad del crédito que se deriva de los pagos
realizados". Hence:

* the window limits the *first* draws of the authorized amount: a simple line disposes only
  within it, up to the authorized amount less what it disposed (unchanged);
* within the window a revolving line disposes up to the authorized amount less the
  principal outstanding (disposed less principal repaid);
* after the window, and until the end of the contract's term (formalization + the line's
  term in months), a revolving line re-draws principal repaid: up to what it disposed within
  the window (at most the authorized amount) less the principal outstanding. The part of the
  authorized amount never disposed within the window is not disposable any more (decision:
  every disposal dated within the window counts towards "la disposición del total");
* after the term nothing is disposed.
"""

from collections import namedtuple

from odoo.addons.micro_base.tools.loan import ZERO, add_months, money, to_decimal

#: The phases of a line on a date.
BEFORE = "before"  # before its formalization: no disposal
WINDOW = "window"  # within the disposal window (or a line without one)
REVOLVING = "revolving"  # after the window, within the term: re-draws of repaid principal
CLOSED = "closed"  # after the window (simple line) or after the term (revolving line)

Availability = namedtuple("Availability", "phase amount ceiling window_end term_end outstanding")


def window_end(date_formalized, window_months):
    """Last day of the disposal window, or ``None`` when the table sets none (0 months)."""
    if not date_formalized or not window_months:
        return None
    return add_months(date_formalized, window_months)


def term_end(date_formalized, term_months):
    """Last day of the contract's term (formalization + term in months)."""
    if not date_formalized or not term_months:
        return None
    return add_months(date_formalized, term_months)


def availability(
    authorized,
    disposals,
    principal_repaid,
    on,
    *,
    date_formalized,
    window_months,
    term_months,
    revolving,
):
    """What the line can dispose of on ``on``.

    :param authorized: the authorized amount of the line
    :param disposals: ``(date, amount)`` pairs of the line's disposals
    :param principal_repaid: principal repaid on all of them
    :param on: the date of the disposal asked for (``datetime.date``)
    :return: :class:`Availability`: the ``phase``, the ``amount`` that can be drawn (in
        cents; <= 0 when nothing), the ``ceiling`` it is measured against (authorized in the
        window, disposed within the window after it), the window's and the term's last days
        and the principal ``outstanding`` (a simple line: everything disposed)
    """
    authorized = money(authorized)
    disposed = sum((to_decimal(amount) for _day, amount in disposals), ZERO)
    outstanding = money(disposed - to_decimal(principal_repaid)) if revolving else money(disposed)
    w_end = window_end(date_formalized, window_months)
    t_end = term_end(date_formalized, term_months)
    drawn_in_window = money(
        sum(
            (to_decimal(amount) for day, amount in disposals if w_end is None or day <= w_end),
            ZERO,
        )
    )
    if date_formalized and on < date_formalized:
        phase, ceiling = BEFORE, ZERO
    elif w_end is None or on <= w_end:
        phase, ceiling = WINDOW, authorized
    elif revolving and t_end and on <= t_end:
        phase, ceiling = REVOLVING, min(authorized, drawn_in_window)
    else:
        phase, ceiling = CLOSED, ZERO
    amount = money(ceiling - outstanding) if phase in (WINDOW, REVOLVING) else ZERO
    return Availability(phase, amount, ceiling, w_end, t_end, outstanding)


def redraw_months(on, end):
    """Monthly installments of a re-draw on ``on`` repaid within the term ending ``end``.

    Decision (the rules are silent): a re-draw after the window is repaid by the end of the
    contract ("durante la vigencia del contrato"), in the whole months left (installment
    ``k`` due ``k`` months after ``on``, not after ``end``); at least one installment.
    """
    months = 0
    while add_months(on, months + 1) <= end:
        months += 1
    return max(months, 1)
