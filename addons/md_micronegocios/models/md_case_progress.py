from odoo import models


class MdPlan(models.Model):
    """An attention plan's facts move its case on the board (issue 17): approved
    (designed), in follow-up, completed."""

    _inherit = "md.plan"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            self.lead_id._md_advance()
        return res
