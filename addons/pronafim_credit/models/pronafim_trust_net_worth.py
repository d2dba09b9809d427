from odoo import api, fields, models

from ..tools.rules import PROGRAM_START, cite


class PronafimTrustNetWorth(models.Model):
    """The trust's accounting net worth per month (§IX.3.b concentration limit)."""

    _name = "pronafim.trust.net.worth"
    _description = "Trust Net Worth"
    _inherit = ["micro.reference.mixin"]
    _order = "month desc"
    _reference_date = "month"
    _input_required = ("month",)
    _input_ranges = {
        "month": (PROGRAM_START, None, False, cite("§IX.3.b")),
        "amount": (0, None, True, cite("§IX.3.b")),
    }

    month = fields.Date(
        required=True, tracking=True, help="Any day of the month the figure belongs to."
    )
    amount = fields.Float(string="Net Worth (MXN)", digits=(16, 2), required=True, tracking=True)

    _sql_constraints = [
        ("month_unique", "unique(month)", "One figure per month."),
        ("amount_positive", "CHECK(amount > 0)", "The trust's net worth must be positive."),
        (
            "month_in_program",
            "CHECK(month >= DATE '2001-01-01')",
            "A net worth is dated within the program's life.",
        ),
    ]

    def _reference_deleted_message(self):
        """A deleted figure leaves its trace on the latest figure that remains."""
        return self.env._(
            "Trust net worth %(amount)s of %(month)s deleted by %(user)s.",
            amount=self.amount,
            month=self.month.strftime("%m/%Y"),
            user=self.env.user.name,
        )

    @api.model
    def _last_known(self, date):
        return self._reference_at(date)
