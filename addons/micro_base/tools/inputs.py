"""Parse what a client sends before the ORM converts it (issue 16).

The ORM turns ``"abc"`` into a raw ``ValueError``, ``"2026-02-30"`` into "day is out of
range" and silently truncates ``12.7`` months to 12. These functions say what is wrong
with a value so that the model refuses it naming the field; no ORM import. Used by
``micro.input.mixin`` (``models/micro_input_mixin.py``).
"""

import binascii
import datetime
import math

DATE, NUMBER, INTEGER, ID = "date", "number", "integer", "id"
X2MANY, BINARY = "x2many", "binary"

#: The x2many commands (``odoo.fields.Command``) and what follows the command number:
#: ``"id"`` a record id, ``"values"`` a dictionary, ``"ids"`` a list of ids, ``None``
#: anything (the unused slot).
COMMANDS = {
    0: (None, "values"),  # CREATE
    1: ("id", "values"),  # UPDATE
    2: ("id",),  # DELETE
    3: ("id",),  # UNLINK
    4: ("id",),  # LINK
    5: (),  # CLEAR
    6: (None, "ids"),  # SET
}


def _is_id(value):
    """A record id as the ORM takes it: a positive database integer, or a record not yet
    saved (``NewId``, in a form's onchange)."""
    if type(value).__name__ == "NewId":
        return True
    return type(value) is int and 0 < value < 2**31


def _command_ok(command):
    if not isinstance(command, list | tuple) or not command:
        return False
    number = command[0]  # an int, or an odoo.fields.Command (an IntEnum)
    if not isinstance(number, int) or isinstance(number, bool) or number not in COMMANDS:
        return False
    slots = COMMANDS[number]
    if len(command) - 1 < len(slots) or len(command) > 3:
        return False
    for slot, item in zip(slots, command[1:], strict=False):
        if slot == "id" and not _is_id(item):
            return False
        if slot == "values" and not isinstance(item, dict):
            return False
        if slot == "ids" and not (isinstance(item, list | tuple) and all(_is_id(i) for i in item)):
            return False
    return True


def x2many_ok(value):
    """True when ``value`` is what the ORM takes for a one2many or many2many field: a list
    (or tuple) of record ids, or a list of commands, or records."""
    if hasattr(value, "_ids"):
        return True
    if isinstance(value, tuple):
        return all(_is_id(item) for item in value)
    if not isinstance(value, list):
        return False
    if value and not isinstance(value[0], list | tuple):
        return all(_is_id(item) for item in value)
    return all(_command_ok(command) for command in value)


def binary_ok(value):
    """True when ``value`` is a file's content as the ORM takes it: base64 text or bytes
    (decoded as the ORM decodes it)."""
    if not isinstance(value, str | bytes):
        return False
    try:
        binascii.a2b_base64(value)
    except (binascii.Error, ValueError):
        return False
    return True


def problem(kind, value):
    """None when ``value`` is acceptable for ``kind``, else the kind it failed."""
    if value is False or value is None:
        return None  # unset: the required flag (or the rule) decides
    if kind == X2MANY:
        return None if x2many_ok(value) else X2MANY
    if kind == BINARY:
        return None if binary_ok(value) else BINARY
    if kind == ID:  # a many2one: one record's id (or one record), nothing else
        if hasattr(value, "_ids"):
            return None if len(value) <= 1 else ID
        return None if type(value) is int and 0 < value < 2**31 else ID
    if kind == DATE:
        if isinstance(value, datetime.date):
            return None
        if not isinstance(value, str):
            return DATE
        try:  # exactly what the ORM does with a text (fields.Date.to_date)
            datetime.datetime.strptime(value[:10], "%Y-%m-%d")
        except ValueError:
            return DATE
        return None
    if isinstance(value, bool):
        return kind
    if kind == INTEGER and isinstance(value, str):
        try:  # the ORM reads a text with int(): "12" is 12, "12.0" and "1e3" crash
            value = int(value)
        except ValueError:
            return INTEGER
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return kind
    if not isinstance(value, int | float) or not math.isfinite(value):
        return kind
    if kind == INTEGER and (value != int(value) or abs(value) >= 2**31):
        return INTEGER  # truncated by the ORM, or beyond the database's integer
    return None


def outside(value, low=None, high=None, strict_low=False):
    """True when the number ``value`` breaks ``low`` (strictly above it when
    ``strict_low``) or ``high``."""
    if value is None or value is False:
        return False
    if low is not None and (value <= low if strict_low else value < low):
        return True
    return high is not None and value > high
