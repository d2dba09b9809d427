from odoo import models
from odoo.exceptions import UserError


class PronafimStepMixin(models.AbstractModel):
    """:class:`pronafim.workflow.mixin` extended to the other fields a record's steps set.

    Besides the status, the steps write dates, amounts and evidence (an approval's amount
    counted in the envelope, the IP of an electronic acceptance, the date a complaint was
    answered): written by hand they would skip the steps' checks or forge the trace. The
    models list them in ``_step_fields``; the steps write them with ``_workflow_write``.
    """

    _name = "pronafim.step.mixin"
    _inherit = ["pronafim.workflow.mixin"]
    _description = "Fields Set Only by Their Steps"

    #: Field names, besides ``state``, that only the record's steps write (override hook).
    _step_fields = ()

    def write(self, vals):
        if not (self.env.su or self.env.context.get("pronafim_workflow")):
            by_hand = [name for name in self._step_fields if name in vals]
            if by_hand:
                raise UserError(
                    self.env._(
                        "%(model)s: %(fields)s change only through its steps.",
                        model=self.env["ir.model"]._get(self._name).name,
                        fields=", ".join(
                            self._fields[name]._description_string(self.env) for name in by_hand
                        ),
                    )
                )
        return super().write(vals)
