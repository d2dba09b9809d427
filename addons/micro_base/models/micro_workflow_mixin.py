"""The suite's one workflow guard: fields that only a record's steps write.

A record that carries money or legal effect (an authorized application, a posted
disposal, a signed agreement, a filed statement) changes status only through its steps
(buttons, scheduled actions), because each step checks what the status means: the
committee's decision, the authorized amount, the evidence. Written by hand, the status or
the step's other fields would skip those checks, and the delete guards, which read the
status, would open.

How the guard decides who may write (and why no client can forge it):

* A plain ``write``/``create`` as any user (what the web client and every external API
  call do) may not touch the status or the fields listed in ``_workflow_step_fields``
  (create: only their default value), nor any field frozen in the record's current status
  (``_workflow_frozen``).
* A step writes them with :meth:`_workflow_write`, which first checks, as the acting user,
  the step's group (``group=``) or else the user's own write access to the records (access
  rights and record rules), then writes in superuser mode. An external client cannot obtain
  superuser mode: ``sudo()`` exists only in server code. The acting user stays the author
  of the tracking (``sudo()`` keeps ``env.user``). No context key unlocks anything.
* Deleting is allowed only in ``_workflow_unlink_states`` (when set), whoever asks.

Configured by class attributes, as OCA ``base_tier_validation`` configures
``tier.validation``::

    class PronafimCreditDisposal(models.Model):
        _name = "pronafim.credit.disposal"
        _inherit = ["micro.workflow.mixin"]
        _workflow_step_fields = ("move_id", "posted_date")
        _workflow_frozen = {"posted": "__all__"}
        _workflow_unlink_states = ("draft",)
"""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

ALL = "__all__"
#: Fields any record keeps writable whatever its status (chatter and activities).
_ALWAYS_FREE_PREFIXES = ("message_", "activity_", "website_message", "rating_")


def check_entries_not_held(moves):
    """Refuse to reset or cancel by hand a journal entry posted by a record's step.

    Called by the accounting addons' ``account.move`` (micro_base does not depend on
    ``account``) before ``button_draft``/``button_cancel``; superuser code (a step) passes.
    """
    env = moves.env
    if env.su or not moves:
        return
    registry = env.registry
    for name in registry.descendants(["micro.workflow.mixin"], "_inherit"):
        Model = env[name]
        if Model._abstract or not Model._workflow_entry_fields:
            continue
        for fname in Model._workflow_entry_fields:
            holder = Model.sudo().search([(fname, "in", moves.ids)], limit=1)
            if holder:
                raise UserError(
                    env._(
                        "%(entry)s was posted by %(model)s %(record)s: it is corrected only "
                        "through that record's cancelling or reversing step, not reset by hand.",
                        entry=holder[fname].filtered(lambda m: m in moves)[:1].display_name,
                        model=Model._workflow_model_label(),
                        record=holder.display_name,
                    )
                )


class MicroWorkflowMixin(models.AbstractModel):
    _name = "micro.workflow.mixin"
    _description = "Fields Set Only by the Record's Steps"

    #: Field holding the record's status (override hook).
    _workflow_state_field = "state"
    #: Fields, besides the status, that only the record's steps write (override hook).
    _workflow_step_fields = ()
    #: ``{status: field names or "__all__"}``: fields nobody writes by hand once the record
    #: is in that status; ``"__all__"`` freezes every stored field but
    #: ``_workflow_free_fields`` and the chatter's (override hook).
    _workflow_frozen = {}
    #: Fields writable by hand in every status, even under ``"__all__"`` (override hook).
    _workflow_free_fields = ()
    #: Statuses from which a record may be deleted; ``None`` leaves deletion to the model
    #: (override hook).
    _workflow_unlink_states = None
    #: Fields holding journal entries (``account.move``) that the record's steps post: such
    #: an entry is corrected only by the record's cancelling or reversing step, never reset
    #: to draft by hand (accounting addons call :func:`check_entries_not_held`).
    _workflow_entry_fields = ()

    # ---- HELPERS ----

    def _workflow_guarded_fields(self):
        """Names of the fields a plain write may never set: the status and the step fields
        (a model without a status field guards its step fields only)."""
        return {self._workflow_state_field, *self._workflow_step_fields} & set(self._fields)

    def _workflow_frozen_fields(self, state):
        """Names of the fields frozen in ``state``."""
        frozen = self._workflow_frozen.get(state)
        if not frozen:
            return set()
        if frozen == ALL:
            return {
                name
                for name, field in self._fields.items()
                if field.store
                and not field.compute
                and not field.related
                and name not in models.MAGIC_COLUMNS
                and not name.startswith(_ALWAYS_FREE_PREFIXES)
                and name not in self._workflow_free_fields
            }
        return set(frozen) - set(self._workflow_free_fields)

    def _workflow_labels(self, names):
        return ", ".join(
            self._fields[name]._description_string(self.env) for name in sorted(names)
        )

    def _workflow_model_label(self):
        return self.env["ir.model"]._get(self._name).name

    def _workflow_state_label(self, record):
        field = self._fields[self._workflow_state_field]
        value = record[self._workflow_state_field]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        return value

    def _workflow_check_vals(self, vals):
        """Refuse a plain write (not a step) that sets a guarded or a frozen field."""
        by_hand = self._workflow_guarded_fields() & set(vals)
        if by_hand:
            raise UserError(
                self.env._(
                    "%(model)s: %(fields)s change only through the record's steps (its "
                    "buttons), which check what the change means.",
                    model=self._workflow_model_label(),
                    fields=self._workflow_labels(by_hand),
                )
            )
        if not self._workflow_frozen:
            return
        state_field = self._workflow_state_field
        for record in self:
            frozen = self._workflow_frozen_fields(record[state_field]) & set(vals)
            if frozen:
                raise UserError(
                    self.env._(
                        "%(model)s %(record)s is %(state)s: %(fields)s can no longer change; "
                        "correct it through its cancelling or reversing step.",
                        model=self._workflow_model_label(),
                        record=record.display_name,
                        state=self._workflow_state_label(record),
                        fields=self._workflow_labels(frozen),
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            guarded = self._workflow_guarded_fields()
            given = set().union(*(set(vals) & guarded for vals in vals_list))
            defaults = self.default_get(list(given)) if given else {}
            for vals in vals_list:
                forged = {
                    name
                    for name in set(vals) & guarded
                    if vals[name] != defaults.get(name) and (vals[name] or defaults.get(name))
                }
                if forged:
                    raise UserError(
                        self.env._(
                            "%(model)s: %(fields)s are set only by the record's steps; a new "
                            "record starts without them.",
                            model=self._workflow_model_label(),
                            fields=self._workflow_labels(forged),
                        )
                    )
        return super().create(vals_list)

    def copy_data(self, default=None):
        """A copy starts as a new record: without the status and the step fields."""
        vals_list = super().copy_data(default=default)
        kept = set(default or ())
        for vals in vals_list:
            for name in self._workflow_guarded_fields() - kept:
                vals.pop(name, None)
        return vals_list

    def write(self, vals):
        if not self.env.su:
            self._workflow_check_vals(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_workflow_state(self):
        if self._workflow_unlink_states is None:
            return
        for record in self:
            if record[self._workflow_state_field] not in self._workflow_unlink_states:
                raise UserError(
                    self.env._(
                        "%(model)s %(record)s is %(state)s: it cannot be deleted; cancel or "
                        "reverse it through its steps.",
                        model=self._workflow_model_label(),
                        record=record.display_name,
                        state=self._workflow_state_label(record),
                    )
                )

    # ---- STEPS ----

    def _workflow_check_group(self, *groups):
        """Refuse the step unless the acting user holds one of ``groups`` (xml ids)."""
        if self.env.su or any(self.env.user.has_group(group) for group in groups):
            return
        names = ", ".join(self.env.ref(group).sudo().full_name for group in groups)
        raise AccessError(
            self.env._(
                "%(model)s: this step is for %(groups)s.",
                model=self._workflow_model_label(),
                groups=names,
            )
        )

    def _workflow_check_state(self, *states):
        """Refuse the step on a record that is not in one of ``states``."""
        field = self._fields[self._workflow_state_field]
        for record in self:
            if record[self._workflow_state_field] not in states:
                labels = dict(field._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "%(model)s %(record)s is %(state)s; this step needs it %(needed)s.",
                        model=self._workflow_model_label(),
                        record=record.display_name,
                        state=self._workflow_state_label(record),
                        needed=self.env._(" or ").join(labels.get(s, s) for s in states),
                    )
                )

    def _workflow_write(self, vals, group=None):
        """Write ``vals`` as a step: the only path to the guarded and frozen fields.

        The caller has checked the record's status. The acting user must hold ``group``
        (an xml id, or a tuple of them) when given, and otherwise write access (access
        rights and record rules) to the records; the write itself is done in superuser mode,
        which no external client can obtain, and the tracking keeps the acting user as
        author.
        """
        if not self.env.su:
            if group:
                self._workflow_check_group(*((group,) if isinstance(group, str) else group))
            else:
                self.check_access("write")
        return self.sudo().write(vals)

    def _workflow_create(self, vals_list, group=None):
        """Create records whose guarded fields a step sets (e.g. a posted line of a step).

        Same rule as :meth:`_workflow_write`: the step's ``group`` or the user's create
        access; returns the records in the caller's environment.
        """
        if not self.env.su:
            if group:
                self._workflow_check_group(*((group,) if isinstance(group, str) else group))
            else:
                self.check_access("create")
        return self.sudo().create(vals_list).with_env(self.env)
