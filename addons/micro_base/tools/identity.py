"""Identity numbers of people and organizations in Mexico and Colombia.

Validation relies on ``python-stdnum`` wherever it has a validator (CURP, RFC, NIT).
Colombian cédulas (CC, CE) and the PPT carry no check digit: only their form is
checked (digits only, length range below).
"""

import datetime

from stdnum import exceptions as stdnum_exceptions
from stdnum.co import nit as co_nit
from stdnum.mx import curp as mx_curp
from stdnum.mx import rfc as mx_rfc

#: Document types: code -> (label, country code)
DOCUMENT_TYPES = {
    "curp": ("CURP", "MX"),
    "rfc": ("RFC", "MX"),
    "nit": ("NIT", "CO"),
    "cc": ("Citizenship ID card (CC)", "CO"),
    "ce": ("Foreigner ID card (CE)", "CO"),
    "ppt": ("Temporary Protection Permit (PPT)", "CO"),
}

#: Length ranges of the documents that have no check digit (digits only).
DIGIT_ONLY_LENGTHS = {
    "cc": (3, 10),
    "ce": (3, 10),
    "ppt": (6, 10),
}


#: Why a number is refused: reason code -> English explanation (the models translate it).
REASONS = {
    "unknown_type": "unknown document type",
    "empty": "it is empty",
    "checksum": "its check digit is wrong",
    "length": "it has the wrong length",
    "format": "it has the wrong format",
    "component": "a part of it is invalid (e.g. the date or the state)",
    "digits": "it must have {low} to {high} digits and nothing else",
}


class IdentityError(ValueError):
    """An identity number that does not pass its document type's rule.

    ``reason`` is a key of :data:`REASONS`; ``value`` the normalized number; ``label``
    the document type's name; ``params`` fill the reason's placeholders.
    """

    def __init__(self, reason, value, label, **params):
        self.reason = reason
        self.value = value
        self.label = label
        self.params = params
        super().__init__(f"{value!r} is not a valid {label}: {REASONS[reason].format(**params)}")


_STDNUM_REASONS = [
    (stdnum_exceptions.InvalidChecksum, "checksum"),
    (stdnum_exceptions.InvalidLength, "length"),
    (stdnum_exceptions.InvalidComponent, "component"),
    (stdnum_exceptions.InvalidFormat, "format"),
]


#: Document types python-stdnum validates, with its module for each.
STDNUM_MODULES = {"curp": mx_curp, "rfc": mx_rfc, "nit": co_nit}


def compact(doc_type, number):
    """Return ``number`` without spaces, dots and dashes, upper-cased."""
    value = (number or "").strip()
    if doc_type in STDNUM_MODULES:
        return STDNUM_MODULES[doc_type].compact(value)
    return value.replace(" ", "").replace(".", "").replace("-", "").upper()


def validate(doc_type, number):
    """Validate ``number`` as a document of ``doc_type`` and return it normalized.

    :raises IdentityError: with a message naming the document type, the value and the
        reason.
    """
    if doc_type not in DOCUMENT_TYPES:
        raise IdentityError("unknown_type", number, str(doc_type))
    label = DOCUMENT_TYPES[doc_type][0]
    value = compact(doc_type, number)
    if not value:
        raise IdentityError("empty", value, label)
    if doc_type in STDNUM_MODULES:
        try:
            return STDNUM_MODULES[doc_type].validate(value)
        except stdnum_exceptions.ValidationError as exc:
            reason = next((r for cls, r in _STDNUM_REASONS if isinstance(exc, cls)), "format")
            raise IdentityError(reason, value, label) from exc
    low, high = DIGIT_ONLY_LENGTHS[doc_type]
    if not value.isdigit() or not low <= len(value) <= high:
        raise IdentityError("digits", value, label, low=low, high=high)
    return value


def format_number(doc_type, number):
    """Return ``number`` in its usual printed form (NIT with its check digit dash)."""
    if doc_type == "nit":
        return co_nit.format(number)
    return compact(doc_type, number)


def curp_birth_date(curp):
    """Birth date encoded in a valid CURP."""
    return mx_curp.get_birth_date(curp)


def age_on(birth_date, on_date=None):
    """Age in whole years on ``on_date`` (today by default)."""
    on_date = on_date or datetime.date.today()
    years = on_date.year - birth_date.year
    if (on_date.month, on_date.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
