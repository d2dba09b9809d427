from odoo import api, fields, models

from ..tools import mir


class PronafimMirValue(models.Model):
    """The value of a results matrix indicator for one period (seed 001 §XIII): a stored
    snapshot, one per indicator and period, written by the indicator's Compute Period and
    the monthly scheduled action; computing the period again replaces it. The baseline
    and the target are copied from the indicator when the value is computed, so a later
    change of target does not rewrite what was reported."""

    _name = "pronafim.mir.value"
    _description = "Results Matrix (MIR) Value"
    _inherit = ["micro.input.mixin"]
    _order = "date_from desc, indicator_id"
    _rec_name = "period"

    indicator_id = fields.Many2one(
        "pronafim.mir.indicator", required=True, ondelete="restrict", index=True
    )
    level = fields.Selection(related="indicator_id.level", store=True)
    unit = fields.Selection(related="indicator_id.unit", store=True)
    frequency = fields.Selection(related="indicator_id.frequency")
    date_from = fields.Date(string="From", required=True, index=True)
    date_to = fields.Date(string="To", required=True)
    period = fields.Char(required=True)
    value = fields.Float(digits=(16, 2), aggregator="avg")
    baseline = fields.Float(digits=(16, 2), aggregator=False)
    target = fields.Float(digits=(16, 2), aggregator=False)
    target_reached_pct = fields.Float(
        string="Target Reached (%)",
        digits=(16, 2),
        compute="_compute_target_reached_pct",
        store=True,
        aggregator="avg",
    )

    _sql_constraints = [
        (
            "indicator_period_unique",
            "UNIQUE(indicator_id, date_from)",
            "An indicator has one value per period.",
        )
    ]

    @api.depends("value", "target")
    def _compute_target_reached_pct(self):
        for record in self:
            record.target_reached_pct = mir.target_reached_pct(record.value, record.target)
