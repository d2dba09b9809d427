from odoo import models
from odoo.exceptions import UserError


class PronafimWorkflowMixin(models.AbstractModel):
    """A status set only by the record's steps (buttons, scheduled actions): writing it by
    hand would skip their checks (quorum, authorized amount) or open the delete guards."""

    _name = "pronafim.workflow.mixin"
    _description = "Status Changed Only by Its Steps"

    def write(self, vals):
        if "state" in vals and not (self.env.su or self.env.context.get("pronafim_workflow")):
            raise UserError(
                self.env._(
                    "The status of a %s changes only through its steps.",
                    self.env["ir.model"]._get(self._name).name,
                )
            )
        return super().write(vals)

    def _workflow_write(self, vals):
        return self.with_context(pronafim_workflow=True).write(vals)
