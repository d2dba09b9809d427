from odoo import models

from odoo.addons.micro_base.models.micro_workflow_mixin import check_entries_not_held


class AccountMove(models.Model):
    """An entry posted by a program step (see each program model's ``_workflow_entry_fields``)
    is corrected by that record's reversing step, never reset to draft by hand."""

    _inherit = "account.move"

    def button_draft(self):
        check_entries_not_held(self)
        return super().button_draft()

    def button_cancel(self):
        check_entries_not_held(self)
        return super().button_cancel()
