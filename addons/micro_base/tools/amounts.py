"""Amounts as the suite shows and compares them: one home (issue 19).

``format_money`` prints an amount in the user's language with its currency (Odoo's
``format_amount``: ``$ 1,000,000.00`` for es_MX, ``$ 1.000.000,00`` for es_CO);
``compare_money`` compares two amounts at the currency's rounding (cents by default), where
the suite used to add ``0.005`` by hand."""

from odoo.tools import float_compare, float_is_zero
from odoo.tools.misc import format_amount

CENT = 0.01


def format_money(env, amount, currency=None):
    """``amount`` in ``currency`` (the company's by default) as the user reads it."""
    currency = currency or env.company.currency_id
    return format_amount(env, amount or 0.0, currency)


def compare_money(first, second, currency=None):
    """-1, 0 or 1 as ``first`` is below, equal to or above ``second`` at the currency's
    rounding (cents when no currency is given)."""
    if currency:
        return currency.compare_amounts(first, second)
    return float_compare(first, second, precision_rounding=CENT)


def money_is_zero(amount, currency=None):
    """``amount`` rounds to zero at the currency's rounding (cents by default)."""
    if currency:
        return currency.is_zero(amount)
    return float_is_zero(amount, precision_rounding=CENT)
