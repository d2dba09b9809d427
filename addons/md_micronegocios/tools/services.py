"""Status of a service of the ecosystem (bulletin 004, "Servicios identificados por Ciudad").

A service is **Activo** when both hold:

1. a start month is defined (and has arrived) or the service is already open/permanent, and
2. there is a link to the call, or requirements to sign up, or contact information.

It is **Por activar** otherwise: it has no opening date yet, or its date has not arrived
(or nobody can tell the owner how to reach it).
"""

ACTIVE = "active"
TO_ACTIVATE = "to_activate"


def service_status(start_month, permanent, has_link, has_requirements, has_contact, today):
    """Return ``ACTIVE`` or ``TO_ACTIVATE`` for a service.

    :param start_month: first day of the start month (``datetime.date``) or ``None``
    :param permanent: the service is already open or permanent
    :param today: the day the status is computed for
    """
    opened = bool(permanent) or (start_month is not None and start_month <= today)
    reachable = bool(has_link or has_requirements or has_contact)
    return ACTIVE if opened and reachable else TO_ACTIVATE


def month_start(day):
    """First day of ``day``'s month (start months are stored as that day)."""
    return day.replace(day=1) if day else None
