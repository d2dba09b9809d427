from odoo import api, fields, models

from odoo.addons.micro_base.tools import periods


class PronafimMirComputeWizard(models.TransientModel):
    """Compute Period: the values of results matrix indicators for the period (month,
    quarter or year, each indicator's frequency) containing a day."""

    _name = "pronafim.mir.compute.wizard"
    _description = "Compute MIR Period"
    _inherit = ["micro.input.mixin"]

    date = fields.Date(
        string="Day of the Period",
        required=True,
        default=lambda self: periods.previous_month_end(fields.Date.context_today(self)),
        help="Each indicator is measured over its month, quarter or year containing it.",
    )
    indicator_ids = fields.Many2many(
        "pronafim.mir.indicator",
        string="Indicators",
        default=lambda self: self._default_indicators(),
    )

    @api.model
    def _default_indicators(self):
        return self.env["pronafim.mir.indicator"].search([])

    def action_compute(self):
        self.ensure_one()
        values = self.indicator_ids._compute_period(self.date)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pronafim_credit.pronafim_mir_value_action"
        )
        action["domain"] = [("id", "in", values.ids)]
        return action
