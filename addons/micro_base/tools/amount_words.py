"""Amounts in Spanish words, in the Mexican legal form "… PESOS 00/100 M.N.".

Contracts and agreements print amounts "en número y letra": e.g. 10,000.00 is
"DIEZ MIL PESOS 00/100 M.N.", 1,000,000.00 is "UN MILLÓN DE PESOS 00/100 M.N.".
Spanish cardinals come from ``num2words``; the apocope before a noun ("veintiún mil",
"un peso") is applied here because ``num2words`` returns the bare cardinal ("veintiuno").
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from num2words import num2words

_APOCOPE_BEFORE = re.compile(r"\b(veinti)?uno(?= (mil|millón|millones|billón|billones)\b)")
_APOCOPE_END = re.compile(r"\b(veinti)?uno$")


def _apocope(match):
    return "veintiún" if match.group(1) else "un"


def cardinal_es(number):
    """Spanish cardinal of the integer ``number`` as it stands before a masculine noun."""
    words = num2words(int(number), lang="es")
    words = _APOCOPE_BEFORE.sub(_apocope, words)
    return _APOCOPE_END.sub(_apocope, words)


def amount_to_words_mxn(amount):
    """Return ``amount`` (pesos) as "<WORDS> PESOS <cc>/100 M.N." in upper case.

    :raises ValueError: on a negative amount.
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError(f"Cannot write a negative amount in words ({amount}).")
    pesos = int(value)
    cents = int((value - pesos) * 100)
    words = cardinal_es(pesos) if pesos else "cero"
    unit = "peso" if pesos == 1 else "pesos"
    # "un millón de pesos", "dos millones de pesos" but "un millón cien pesos"
    if pesos and pesos % 1_000_000 == 0:
        unit = "de " + unit
    return f"{words} {unit} {cents:02d}/100 M.N.".upper()
