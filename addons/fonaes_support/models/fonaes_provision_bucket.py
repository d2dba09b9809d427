from odoo import api, fields, models

from ..tools import input_rules


class FonaesProvisionBucket(models.Model):
    """A stratum of days past due and its reserve percentage (Anexo XI §1.b)."""

    _name = "fonaes.provision.bucket"
    _description = "Provisioning Bucket (Anexo XI)"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "min_days"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "min_days": (input_rules.KIND_COUNT, "Anexo XI §1.b"),
        "percentage": (input_rules.KIND_PCT, "Anexo XI §1.b"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    name = fields.Char(required=True, translate=True)
    min_days = fields.Integer(tracking=True, string="From Day", required=True)
    percentage = fields.Float(tracking=True, string="Reserve (%)", required=True, digits=(5, 2))
    section = fields.Char(help="Section of the rules that sets the figure.")

    _sql_constraints = [
        (
            "min_days_nonnegative",
            "CHECK(min_days >= 0)",
            "Days past due cannot be negative (Reglas de Operación FONAES 2005, Anexo XI §1.b).",
        ),
        ("min_days_unique", "UNIQUE(min_days)", "Two buckets cannot start on the same day."),
        (
            "percentage_range",
            "CHECK(percentage >= 0 AND percentage <= 100)",
            "A reserve percentage is between 0 and 100.",
        ),
    ]

    @api.model
    def _percentage_table(self):
        return [(b.min_days, b.percentage) for b in self.search([])]
