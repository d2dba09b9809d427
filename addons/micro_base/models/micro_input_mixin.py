"""Values checked where they enter (issue 16): every wrong value gets a clear error naming
the field, the value and the rule; nothing invalid is stored.

Two layers, both giving a :class:`~odoo.exceptions.ValidationError`:

* **Shape** (:func:`check_values`, run by the mixin's ``create``/``write`` before Odoo
  converts anything): a value Odoo would crash on (``'abc'`` for a number, ``2026-02-30``
  for a date, a choice that does not exist: a raw ``ValueError``) or silently misread (a
  list or a text given to a many2one is stored as *empty*; ``12.7`` given to a whole number
  is truncated to ``12``; ``1e309`` is infinite).
* **Rule** (:meth:`MicroInputMixin._micro_check_range`,
  :meth:`MicroInputMixin._micro_check_not_future`, called from each model's
  ``@api.constrains``): the range the official document gives, cited in the message.

Usage::

    class MdCycle(models.Model):
        _name = "md.cycle"
        _inherit = ["micro.input.mixin"]

        @api.constrains("week_count")
        def _check_week_count(self):
            self._micro_check_range(["week_count"], low=1, source=CYCLE_SOURCE)

A model whose fields are mostly Odoo's own (``res.partner``) limits the shape check to its
program fields with :meth:`_micro_input_field_names`.
"""

import datetime

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import MissingError, ValidationError
from odoo.models import BaseModel, NewId

from ..tools import inputs

#: Field types whose values are checked for their shape, with the kind of
#: :func:`~odoo.addons.micro_base.tools.inputs.problem` that says what is wrong.
CHECKED_TYPES = (
    "many2one", "integer", "float", "monetary", "date", "datetime", "selection",
    "one2many", "many2many", "binary", "char", "text", "html",
)  # fmt: skip
#: How long a value is shown in a refusal (a huge text is cut).
SHOWN_LENGTH = 60
KINDS = {
    "many2one": inputs.ID,
    "integer": inputs.INTEGER,
    "float": inputs.NUMBER,
    "monetary": inputs.NUMBER,
    "date": inputs.DATE,
}


def value_problem(field, value, record):
    """``(what the value is not, the rule it breaks)`` (translated phrases) for ``value`` of
    ``field``, or ``None`` if Odoo can store it as given (empty values always can:
    ``required`` says the rest)."""
    env = record.env
    if value is None or value is False or (isinstance(value, str) and not value):
        return None
    if field.type == "many2one":
        if isinstance(value, NewId):
            return None
        if isinstance(value, BaseModel):
            if value._name == field.comodel_name and len(value) <= 1:
                return None
        elif not inputs.problem(inputs.ID, value):
            return None
        return (
            env._("is not the id of a record"),
            env._(
                "expected the id of one record of %s",
                env["ir.model"].sudo()._get(field.comodel_name).name or field.comodel_name,
            ),
        )
    if field.type == "integer":
        if inputs.problem(inputs.INTEGER, value):
            return env._("is not a whole number"), env._("expected a whole number")
        return None
    if field.type in ("float", "monetary"):
        if inputs.problem(inputs.NUMBER, value):
            return env._("is not a number"), env._("expected a finite number")
        return None
    if field.type == "date":
        if inputs.problem(inputs.DATE, value):
            return (
                env._("is not a valid date"),
                env._("expected a date that exists in the calendar (YYYY-MM-DD)"),
            )
        return None
    if field.type == "datetime":
        if isinstance(value, datetime.datetime):
            return None
        try:
            fields.Datetime.to_datetime(value)
        except (ValueError, TypeError):
            return (
                env._("is not a valid date and time"),
                env._("expected a date and time (YYYY-MM-DD HH:MM:SS)"),
            )
        return None
    if field.type in ("one2many", "many2many"):
        if inputs.problem(inputs.X2MANY, value):
            return (
                env._("is not a list of records"),
                env._(
                    "expected the ids of records of %s, or the commands of Odoo's external API",
                    env["ir.model"].sudo()._get(field.comodel_name).name or field.comodel_name,
                ),
            )
        return None
    if field.type in ("char", "text", "html"):
        # A number is written as its text (as Odoo does); a list or a dictionary would be
        # stored as its Python spelling, or crash the field's own code.
        if isinstance(value, list | tuple | set) or (
            isinstance(value, dict) and not field.translate  # a translated field's languages
        ):
            return env._("is not a text"), env._("expected a text")
        return None
    if field.type == "binary":
        if inputs.problem(inputs.BINARY, value):
            return env._("is not a file"), env._("expected the file's content base64-encoded")
        return None
    if field.type == "selection":
        allowed = field.get_values(env)
        if value in allowed:
            return None
        labels = dict(field._description_selection(env))
        choices = ", ".join(f"{key} ({labels.get(key, key)})" for key in allowed)
        return env._("is not one of the choices"), env._("expected one of: %s", choices)
    return None


def field_label(record, name):
    return record._fields[name].get_description(record.env)["string"]


def check_values(records, vals, names=None):
    """Raise a :class:`ValidationError` for the first value of ``vals`` (one ``create`` or
    ``write`` dictionary of ``records``' model) Odoo would crash on or misread.

    ``names``: the field names checked (default: every field of a checked type)."""
    for name, value in vals.items():
        field = records._fields.get(name)
        if field is None or field.type not in CHECKED_TYPES or (names and name not in names):
            continue
        problem = value_problem(field, value, records)
        if problem:
            shown = repr(value)  # a text shows quoted, a list as a list
            if len(shown) > SHOWN_LENGTH:
                shown = shown[: SHOWN_LENGTH - 1] + "…"
            raise ValidationError(
                records.env._(
                    "%(field)s: %(value)s %(problem)s: %(rule)s.",
                    field=field_label(records, name),
                    value=shown,
                    problem=problem[0],
                    rule=problem[1],
                )
            )


class MicroInputMixin(models.AbstractModel):
    """Shape check of every incoming value and range checks with the rule's source.

    Optional class attributes, declared by the model:

    - ``_input_required``: fields a ``create`` must give, refused before anything reads
      them (a model's own ``create`` that reads ``vals`` first calls
      :meth:`_micro_check_input` itself);
    - ``_input_unchecked``: fields left out of the shape check because the model checks
      them itself first, with its own message;
    - ``_input_ranges``: ``{field: (low, high, strict_low, source)}`` (``None`` for no
      bound; ``source``: the official document and section). Checked on the values sent,
      before Odoo stores anything, and on the stored records by this mixin's constraint
      (:meth:`_micro_check_input_ranges`). Dates compare to ``datetime.date`` bounds.
    """

    _name = "micro.input.mixin"
    _description = "Checked Input (suite mixin)"
    _input_required = ()
    _input_ranges = {}
    #: Fields whose incoming values the model checks itself, with its own message (e.g.
    #: an import's file: "the file is not a readable CSV or XLSX: ...").
    _input_unchecked = ()

    @api.model
    def _micro_input_field_names(self):
        """Field names whose incoming values are shape-checked; ``None``: all of them.
        Override on models whose other fields are Odoo's own."""
        return None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)
        # The labels of the many2one fields given an id, read now: once the database has
        # refused an id, the transaction takes no more queries.
        labels = {
            name: field_label(self, name)
            for vals in vals_list
            for name, value in vals.items()
            if type(value) is int
            and name in self._fields
            and self._fields[name].type == "many2one"
        }
        try:
            return super().create(vals_list)
        except psycopg2.errors.ForeignKeyViolation as exc:
            # An id of no record (the database's foreign key refuses it; checking every
            # id first would cost a query per field): named like the other refusals
            # instead of Odoo's "another model requires the record being deleted".
            self._micro_raise_missing_id(exc, vals_list, labels)
            raise
        except MissingError:
            # A create that reads a record it was given the id of (e.g. its parent's
            # status) before inserting: the field and the id named when that is the case.
            for vals in vals_list:
                self._micro_check_ids_exist(vals)
            raise

    def write(self, vals):
        self._micro_check_input(vals)
        if not self.env.su:
            # A user's (or an external client's) write: an id of no record is refused
            # before the database sees it (the steps write as superuser, their ids read
            # from records).
            self._micro_check_ids_exist(vals)
        return super().write(vals)

    def _micro_missing_id_error(self, label, value):
        return ValidationError(
            self.env._(
                "%(field)s: %(value)s does not exist: expected the id of an existing record.",
                field=label,
                value=value,
            )
        )

    def _micro_check_ids_exist(self, vals):
        """Raise a :class:`ValidationError` for a many2one id of ``vals`` that is no
        record's."""
        if not isinstance(vals, dict):
            return
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type != "many2one" or type(value) is not int:
                continue
            Comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
            record = Comodel.browse(value)
            # A record this transaction has read from the database exists (an unlinked
            # one leaves the cache): no query for it, so that writes with ids the caller
            # just read (e.g. CRM's lead assignment) cost what they cost without the check.
            known = Comodel._log_access and self.env.cache.contains(
                record, Comodel._fields["write_date"]
            )
            if not known and not record.exists():
                raise self._micro_missing_id_error(field_label(self, name), value)

    def _micro_raise_missing_id(self, exc, vals_list, labels):
        """Turn the foreign-key refusal ``exc`` of a ``create`` into the refusal naming the
        field and the id (when the constraint is one of this model's many2one fields given
        an id); no query (the transaction is aborted)."""
        constraint = getattr(exc.diag, "constraint_name", None) or ""
        prefix, suffix = f"{self._table}_", "_fkey"
        if not (constraint.startswith(prefix) and constraint.endswith(suffix)):
            return
        name = constraint[len(prefix) : -len(suffix)]
        values = sorted({vals.get(name) for vals in vals_list if type(vals.get(name)) is int})
        if name in labels and values:
            raise self._micro_missing_id_error(labels[name], ", ".join(map(str, values))) from None

    def _micro_check_input(self, vals, creating=False):
        """Raise a :class:`ValidationError` naming the field for a missing (on ``create``),
        malformed or out-of-range value of ``vals``."""
        if not isinstance(vals, dict):
            raise ValidationError(self.env._("The values must be a dictionary of fields."))
        if creating:
            for name in self._input_required:
                value = vals.get(name)
                if value is None or value is False or value == "":
                    raise ValidationError(
                        self.env._("%(field)s is required.", field=field_label(self, name))
                    )
        names = self._micro_input_field_names()
        if self._input_unchecked:
            names = (names or set(self._fields)) - set(self._input_unchecked)
        check_values(self, vals, names)
        for name, (low, high, strict_low, source) in self._input_ranges.items():
            value = vals.get(name)
            if value is None or value is False or value == "":
                continue
            if self._fields[name].type == "date":
                value = fields.Date.to_date(value)
            elif isinstance(value, str):
                value = float(value)
            rule = self._micro_range_rule(value, low, high, strict_low)
            if rule:
                # A row typed in an editable list has no record yet: name it by its kind.
                record_name = self._micro_input_new_record_name(vals) if creating else None
                self[:1]._micro_raise(name, value, rule, source, record_name=record_name)

    def _micro_taken_keys(self, vals_list, key_fields, records=None):
        """The rows of ``vals_list`` whose key (the values of ``key_fields``, all set)
        another record already holds or an earlier row repeats: a unique index's refusal
        found before the database answers with no row named, so that the model names it.
        ``records``: the records a ``write`` of ``vals_list[0]`` changes (their values fill
        the fields it does not give); a ``create`` by default. Yields ``(vals, record,
        key)``, ``record`` empty for a new row and ``key`` the values in ``key_fields``
        order (many2one fields as records)."""
        seen = set()
        for vals in vals_list:
            for record in records if records is not None else [self.browse()]:
                key = []
                for name in key_fields:
                    value = vals[name] if name in vals else record[name]
                    field = self._fields[name]
                    if field.type == "many2one":
                        value = self.env[field.comodel_name].browse(
                            value.id if isinstance(value, models.BaseModel) else value
                        )
                    key.append(value)
                if not all(key):
                    continue
                ids = tuple(v.id if isinstance(v, models.BaseModel) else v for v in key)
                taken = ids in seen or self.sudo().search_count(
                    [(name, "=", value) for name, value in zip(key_fields, ids, strict=True)]
                    + [("id", "not in", record.ids)],
                    limit=1,
                )
                seen.add(ids)
                if taken:
                    yield vals, record, key

    @api.constrains(lambda self: tuple(self._input_ranges))
    def _micro_check_input_ranges(self):
        """Every range of ``_input_ranges`` on the stored records."""
        for name, (low, high, strict_low, source) in self._input_ranges.items():
            self._micro_check_range([name], low, high, source, strict_low)

    def _micro_range_rule(self, value, low=None, high=None, strict_low=False):
        """The rule ``value`` breaks (a translated phrase), or ``None``."""
        if not inputs.outside(value, low, high, strict_low):
            return None
        if low is not None and high is not None:
            return self.env._("it must be between %(low)s and %(high)s", low=low, high=high)
        if strict_low:
            return self.env._("it must be greater than %s", low)
        if isinstance(low, datetime.date):
            return self.env._("it must be on or after %s", low)
        if low == 0:
            return self.env._("it must be at least 0; it cannot be negative")
        if low is not None:
            return self.env._("it must be at least %s", low)
        return self.env._("it must be at most %s", high)

    def _micro_check_range(self, names, low=None, high=None, source=None, strict_low=False):
        """Refuse a value of ``names`` outside ``[low, high]`` (``(low, high]`` with
        ``strict_low``), naming the field, the record, the value, the rule and ``source``
        (the official document and section the rule comes from)."""
        for record in self:
            for name in names:
                rule = record._micro_range_rule(record[name], low, high, strict_low)
                if rule:
                    record._micro_raise(name, record[name], rule, source)

    def _micro_check_not_future(self, names, source=None):
        """Refuse a date of ``names`` after today (a birth, a consent, a date that has
        happened)."""
        today = fields.Date.context_today(self)
        for record in self:
            for name in names:
                value = record[name]
                if isinstance(value, datetime.datetime):
                    value = value.date()
                if value and value > today:
                    record._micro_raise(
                        name,
                        value,
                        self.env._("it cannot be later than today (%s)", today),
                        source,
                    )

    def _micro_input_record_name(self):
        """How the refusal names the record (override where ``display_name`` says little)."""
        self.ensure_one()
        return self.display_name

    @api.model
    def _micro_input_new_record_name(self, vals, name=None):
        """How a refusal on ``create`` names the record not stored yet (a row typed in an
        editable list, a record sent through the external API): its kind, with its name
        (``name``, by default the ``_rec_name`` of ``vals``) when it has one, e.g.
        "a new record of FONAES Roster Member («Ana»)"."""
        kind = self.env["ir.model"].sudo()._get(self._name).name or self._description
        if name is None and self._rec_name:
            name = vals.get(self._rec_name)
        if isinstance(name, str) and name.strip():
            return self.env._(
                "a new record of %(kind)s («%(name)s»)", kind=kind, name=name.strip()
            )
        return self.env._("a new record of %s", kind)

    def _micro_raise(self, name, value, rule, source=None, record_name=None):
        """The suite's one message for a value that breaks a rule (``record_name``: how to
        name the record, by default :meth:`_micro_input_record_name`)."""
        message = self.env._(
            "%(field)s of %(record)s: %(value)s is not allowed: %(rule)s.",
            field=field_label(self, name),
            record=record_name
            or (len(self) == 1 and self._micro_input_record_name())
            or self.env._("the new record"),
            value=value,
            rule=rule,
        )
        if source:
            message = self.env._("%(message)s (%(document)s)", message=message, document=source)
        raise ValidationError(message)
