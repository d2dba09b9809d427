from odoo import api, fields, models

from ..tools.rules import cite

#: The programs' dates (reception, decisions, formalization, complaints) are dates in Mexico
#: City: a server setting, never a client's context (not even its ``tz`` key).
PROGRAM_TZ = "America/Mexico_City"


def program_today(record):
    """Today's date for the program's steps (tests freeze time with ``freezegun``)."""
    return fields.Date.context_today(record.with_context(tz=PROGRAM_TZ))


CLOCKS = [
    ("clarification", "Clarification request"),
    ("answer", "Clarification answer"),
    ("resolution", "Resolution"),
    ("notification", "Decision notification"),
    ("signature", "Legal instrument signature"),
]


class PronafimDeadline(models.Model):
    """A business-day deadline of §IX.2 / §VIII.1 (data, with the rule's section)."""

    _name = "pronafim.deadline"
    _description = "Application Deadline"
    _inherit = ["micro.input.mixin"]
    _order = "sequence, id"
    _input_ranges = {
        "business_days": (0, None, True, cite("§IX.2")),
        "warning_days": (0, None, False, cite("§IX.2")),
    }

    code = fields.Selection(CLOCKS, required=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    business_days = fields.Integer(required=True)
    warning_days = fields.Integer(
        string="Warn Before (business days)",
        default=2,
        help="The daily check flags the clock as lapsing this many business days before.",
    )
    section = fields.Char(string="Rule Section", required=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "One deadline per clock."),
        (
            "days_possible",
            "CHECK(business_days > 0 AND COALESCE(warning_days, 0) >= 0)",
            "A deadline is at least one business day; its warning cannot be negative.",
        ),
    ]

    @api.model
    def _by_code(self):
        return {deadline.code: deadline for deadline in self.sudo().search([])}
