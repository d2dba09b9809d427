from odoo import fields, models

from ..tools.rules import cite

SUPPORT_KINDS = [
    ("training_population", "Training of the target population"),
    ("ta_specific", "Technical assistance: specific, financial performance and risk rating, "
     "financial regulation"),
    ("ta_social", "Technical assistance: social performance evaluation"),
    ("staff_capacity", "Staff capacity development"),
    ("access_points", "Access points"),
    ("promoters", "Credit promoters"),
]  # fmt: skip


class PronafimSupportRate(models.Model):
    """Share of a non-credit support by IMF size class (§VIII.2.B tables)."""

    _name = "pronafim.support.rate"
    _description = "Non-credit Support Rate"
    _inherit = ["micro.input.mixin"]
    _order = "kind, size_class_id"
    _input_ranges = {
        "max_pct": (0, 100, False, cite("§VIII.2.B")),
        "min_criteria": (0, 3, False, cite("§VIII.2.B")),
    }

    kind = fields.Selection(SUPPORT_KINDS, required=True)
    size_class_id = fields.Many2one("pronafim.size.class", required=True, ondelete="cascade")
    applicable = fields.Boolean(default=True, help="Unset: 'No aplica' in the table.")
    max_pct = fields.Float(string="Support up to (%)")
    min_criteria = fields.Integer(
        string="Criteria to Meet", help="Access points and promoters: criteria a) to c)."
    )
    section = fields.Char(string="Rule Section", required=True)

    _sql_constraints = [
        ("kind_class_unique", "unique(kind, size_class_id)", "One row per support and class."),
        (
            "share_possible",
            "CHECK(COALESCE(max_pct, 0) BETWEEN 0 AND 100 AND COALESCE(min_criteria, 0) >= 0)",
            "A support share is between 0 and 100 %; the criteria to meet cannot be negative.",
        ),
    ]
