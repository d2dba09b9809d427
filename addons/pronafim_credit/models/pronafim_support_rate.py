from odoo import fields, models

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
    _order = "kind, size_class_id"

    kind = fields.Selection(SUPPORT_KINDS, required=True)
    size_class_id = fields.Many2one("pronafim.size.class", required=True, ondelete="cascade")
    applicable = fields.Boolean(default=True, help="Unset: 'No aplica' in the table.")
    max_pct = fields.Float(string="Support up to (%)")
    min_criteria = fields.Integer(
        string="Criteria to Meet", help="Access points and promoters: criteria a) to c)."
    )
    section = fields.Char(string="Rule Section", required=True)

    _sql_constraints = [
        ("kind_class_unique", "unique(kind, size_class_id)", "One row per support and class.")
    ]
