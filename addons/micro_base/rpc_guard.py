"""The suite's workflow steps called through Odoo's external API (issue 16).

A step (a button method ``action_*``) called by an external client with arguments it
does not take, or on no record, ends in Python's ``TypeError`` ("takes 1 positional
argument but 2 were given") or in ``ensure_one``'s ``ValueError`` ("Expected singleton"):
a raw error on the wire. Odoo's dispatch of ``execute_kw`` (``odoo.api.call_kw``, looked
up by ``odoo.service.model`` at each call) offers no hook, so this module wraps it: for
the ``action_*`` methods written in the suite's addons only, the call is checked against
the method's signature before it runs and refused with a ``UserError`` naming the step
and what was wrong. Everything else goes to Odoo's ``call_kw`` unchanged.
"""

import inspect

import odoo.api
from odoo.exceptions import UserError

#: The addons whose steps are guarded (their methods' Python modules).
SUITE_ADDONS = (
    "micro_base",
    "micro_base_account",
    "md_micronegocios",
    "pronafim_credit",
    "fonaes_support",
)
_PREFIXES = tuple(f"odoo.addons.{addon}." for addon in SUITE_ADDONS)


def _is_guarded(function, name):
    return name.startswith("action_") and getattr(function, "__module__", "").startswith(_PREFIXES)


def _is_id(value):
    return type(value) is int and 0 < value < 2**31


def check_step_call(model, name, args, kwargs):
    """Raise a :class:`UserError` when the external call ``model.name(*args, **kwargs)``
    of a suite step cannot run: no records, ids that are not ids, or arguments the step
    does not take."""
    function = getattr(type(model), name, None)
    if function is None or not _is_guarded(function, name):
        return
    if getattr(function, "_api", None):
        return  # @api.model: no records
    env = model.env
    ids = args[0] if args else None
    if isinstance(ids, int) and not isinstance(ids, bool):
        ids = [ids]
    if not isinstance(ids, list | tuple) or not ids or not all(_is_id(i) for i in ids):
        raise UserError(
            env._(
                "%(step)s of %(model)s: %(ids)r is not a list of record ids; expected the ids "
                "of the records the step acts on.",
                step=name,
                model=model._name,
                ids=args[0] if args else None,
            )
        )
    kwargs = {key: value for key, value in (kwargs or {}).items() if key != "context"}
    try:
        inspect.signature(function).bind(model, *args[1:], **kwargs)
    except TypeError:
        given = [repr(arg) for arg in args[1:]] + [f"{k}={v!r}" for k, v in kwargs.items()]
        raise UserError(
            env._(
                "%(step)s of %(model)s does not take the arguments %(args)s; call it with the "
                "record ids only.",
                step=name,
                model=model._name,
                args=", ".join(given) or "()",
            )
        ) from None


_odoo_call_kw = odoo.api.call_kw


def call_kw(model, name, args, kwargs):
    """Odoo's ``call_kw``, after :func:`check_step_call`."""
    check_step_call(model, name, args, kwargs)
    return _odoo_call_kw(model, name, args, kwargs)


if getattr(odoo.api.call_kw, "__module__", None) != __name__:
    odoo.api.call_kw = call_kw
