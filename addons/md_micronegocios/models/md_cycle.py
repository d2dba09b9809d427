from odoo import api, fields, models

from ..tools import cycle, input_rules


class MdCycle(models.Model):
    _name = "md.cycle"
    _inherit = ["micro.input.mixin"]
    _description = "Program Cycle"
    _order = "date_start desc"

    name = fields.Char(required=True, help="Academic semester, e.g. 2021-1.")
    date_start = fields.Date(string="Start Date", required=True)
    week_count = fields.Integer(string="Weeks", required=True, default=cycle.CYCLE_WEEKS)
    date_end = fields.Date(string="End Date", compute="_compute_date_end", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A cycle with this name already exists."),
        ("week_count_positive", "CHECK(week_count > 0)", "A cycle lasts at least one week."),
    ]

    @api.constrains("week_count")
    def _check_week_count(self):
        self._micro_check_range(
            ["week_count"],
            low=1,
            high=input_rules.MAX_CYCLE_WEEKS,
            source=input_rules.SOURCE_CYCLE,
        )

    @api.depends("date_start", "week_count")
    def _compute_date_end(self):
        for rec in self:
            rec.date_end = rec.date_start and cycle.cycle_end(rec.date_start, rec.week_count)

    def _week_of(self, day):
        """Week of the cycle ``day`` falls in (1..week_count), or 0 outside the cycle."""
        self.ensure_one()
        if not day:
            return 0
        week = cycle.cycle_week(self.date_start, day)
        return week if 1 <= week <= self.week_count else 0

    @api.model
    def _current(self, day=None):
        """The cycle running on ``day`` (today by default), else the latest started."""
        day = day or fields.Date.context_today(self)
        return self.search(
            [("date_start", "<=", day), ("date_end", ">=", day)], limit=1
        ) or self.search([("date_start", "<=", day)], limit=1)
