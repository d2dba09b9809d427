from odoo import api, models
from odoo.exceptions import UserError


class MicroReferenceMixin(models.AbstractModel):
    """A dated reference row (a published rate or value, a monthly figure) in force from
    its date until the next row's.

    Its inputs are checked against the official ranges (``micro.input.mixin``: the model's
    ``_input_ranges`` are also its stored-record constraint), every change is traced in
    the chatter, and the row in force on a day is looked up in one place
    (:meth:`_reference_at`). The model sets:

    - ``_reference_date``: its date field (``_order`` is that field, newest first);
    - ``_reference_manager_group`` (optional): only that group (or the superuser) corrects
      a recorded row, refused with :meth:`_reference_manager_message`;
    - :meth:`_reference_deleted_message` (optional): the trace a deleted row leaves on the
      newest row that remains.
    """

    _name = "micro.reference.mixin"
    _description = "Dated Reference Row"
    _inherit = ["mail.thread", "micro.input.mixin"]

    _reference_date = "date"
    _reference_manager_group = None

    def write(self, vals):
        """Correcting a recorded row is the manager's (traced in the chatter)."""
        group = self._reference_manager_group
        if group:
            self.check_access("write")
            if not self.env.su and not self.env.user.has_group(group):
                raise UserError(self._reference_manager_message())
        return super().write(vals)

    def _reference_manager_message(self):
        return self.env._("Only the program manager corrects a recorded reference row.")

    def _reference_deleted_message(self):
        """The chatter note a deleted row leaves (``None``: no note)."""
        return None

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_trace(self):
        """A deleted row leaves its trace on the newest row that remains."""
        other = self.search(
            [("id", "not in", self.ids)], order=f"{self._reference_date} desc", limit=1
        )
        if not other:
            return
        for record in self:
            body = record._reference_deleted_message()
            if body:
                other.message_post(body=body)

    @api.model
    def _reference_at(self, day):
        """The row in force on ``day``: the newest dated on or before it (may be empty)."""
        date_field = self._reference_date
        return self.search([(date_field, "<=", day)], order=f"{date_field} desc", limit=1)
