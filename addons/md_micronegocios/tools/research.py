"""Pseudonyms and coarsened values of the research export (spec md_micronegocios §7:
"a pseudonymized dataset (no names, documents, phones, e-mails, addresses; stable
pseudonymous ids)"). No ORM: the secret comes from the caller."""

import hashlib
import hmac

#: Age bands that replace birth dates in the dataset (upper bound excluded).
AGE_BANDS = ((18, 25), (25, 35), (35, 45), (45, 55), (55, 65), (65, None))


def pseudonym(secret, kind, record_id):
    """A stable pseudonymous id of ``record_id`` of ``kind`` ("case", "plan"...): the
    HMAC-SHA256 of both under ``secret``, 16 hex digits. The same record always gets the
    same pseudonym while the secret is kept; nobody without the secret can link it back."""
    if not secret:
        raise ValueError("The research export needs its secret.")
    message = f"{kind}:{record_id}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:16]


def age_band(birth_date, on_date):
    """The age band ("25-34", "65+") of someone born on ``birth_date`` at ``on_date``."""
    if not birth_date or not on_date:
        return ""
    age = (
        on_date.year
        - birth_date.year
        - ((on_date.month, on_date.day) < (birth_date.month, birth_date.day))
    )
    for low, high in AGE_BANDS:
        if age >= low and (high is None or age < high):
            return f"{low}+" if high is None else f"{low}-{high - 1}"
    return f"<{AGE_BANDS[0][0]}"
