from odoo import api, fields, models

from ..tools import rules


class PronafimSizeClass(models.Model):
    """Size class of a microfinance institution by net portfolio (§II table)."""

    _name = "pronafim.size.class"
    _description = "IMF Size Class"
    _inherit = ["micro.input.mixin"]
    _order = "min_portfolio_m"
    _input_ranges = {
        "min_portfolio_m": (0, None, False, rules.cite("§II")),
        "max_portfolio_m": (0, None, False, rules.cite("§II")),
    }

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    min_portfolio_m = fields.Float(
        string="From (millions MXN)", required=True, help="Greater than or equal to."
    )
    max_portfolio_m = fields.Float(
        string="Below (millions MXN)", help="Strictly less than; empty means no upper bound."
    )
    section = fields.Char(string="Rule Section", required=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The size class code must be unique."),
        (
            "range_possible",
            "CHECK(min_portfolio_m >= 0 AND (max_portfolio_m IS NULL OR max_portfolio_m = 0"
            " OR max_portfolio_m > min_portfolio_m))",
            "A size class starts at 0 or more and ends above its start.",
        ),
    ]

    @api.constrains(*_input_ranges)
    def _check_range(self):
        # Each bound on its own: the mixin's constraint; here, the end above the start.
        for size_class in self:
            low, high = size_class.min_portfolio_m, size_class.max_portfolio_m
            if high and high <= low:
                size_class._micro_raise(
                    "max_portfolio_m",
                    high,
                    self.env._("it must be above From (%s)", low),
                    rules.cite("§II"),
                )

    @api.model
    def _classify(self, net_portfolio):
        """Return the class whose range holds ``net_portfolio`` (pesos), or nothing."""
        millions = (net_portfolio or 0.0) / rules.SIZE_CLASS_UNIT
        for size_class in self.search([]):
            if millions >= size_class.min_portfolio_m and (
                not size_class.max_portfolio_m or millions < size_class.max_portfolio_m
            ):
                return size_class
        return self.browse()
