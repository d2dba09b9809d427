from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.rules import PROGRAM_START, cite

MANAGER = "pronafim_credit.pronafim_credit_group_manager"


class PronafimCetesRate(models.Model):
    """CETES rate in force from a date (§VIII.1: ordinary rate = CETES [+ margin]).

    A reference row: an impossible one (negative rate, dated before the program) is
    refused; a wrong one is corrected or deleted by the program manager, each change kept
    in the chatter.
    """

    _name = "pronafim.cetes.rate"
    _description = "CETES Rate"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "date_from desc"
    _input_required = ("date_from",)
    _input_ranges = {
        "date_from": (PROGRAM_START, None, False, cite("§VIII.1")),
        "rate": (0, 100, False, cite("§VIII.1")),
    }

    date_from = fields.Date(string="In Force From", required=True, tracking=True)
    rate = fields.Float(string="Annual Rate (%)", digits=(7, 4), required=True, tracking=True)

    _sql_constraints = [
        ("date_unique", "unique(date_from)", "One CETES rate per date."),
        ("rate_range", "CHECK(rate >= 0 AND rate <= 100)", "A CETES rate is 0 to 100 %."),
        (
            "date_in_program",
            "CHECK(date_from >= DATE '2001-01-01')",
            "A CETES rate is dated within the program's life.",
        ),
    ]

    @api.constrains(*_input_ranges)
    def _check_ranges(self):
        self._micro_check_input_ranges()

    def write(self, vals):
        """Finance records rates; correcting a recorded one is the manager's (traced)."""
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group(MANAGER):
            raise UserError(self.env._("Only the program manager corrects a recorded CETES rate."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_trace(self):
        """A deleted rate leaves its trace on the rate that takes over (or is logged)."""
        for rate in self:
            other = self.search([("id", "not in", self.ids)], order="date_from desc", limit=1)
            if other:
                other.message_post(
                    body=self.env._(
                        "CETES rate %(rate)s %% in force from %(date)s deleted by %(user)s.",
                        rate=rate.rate,
                        date=rate.date_from,
                        user=self.env.user.name,
                    )
                )

    @api.model
    def _rate_at(self, date):
        """The CETES annual rate (%) in force on ``date``."""
        record = self.search([("date_from", "<=", date)], limit=1)
        if not record:
            raise UserError(self.env._("There is no CETES rate in force on %s.", date))
        return record.rate


class PronafimTrustNetWorth(models.Model):
    """The trust's accounting net worth per month (§IX.3.b concentration limit)."""

    _name = "pronafim.trust.net.worth"
    _description = "Trust Net Worth"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "month desc"
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

    @api.constrains(*_input_ranges)
    def _check_ranges(self):
        self._micro_check_input_ranges()

    @api.ondelete(at_uninstall=False)
    def _unlink_keep_trace(self):
        """A deleted figure leaves its trace on the latest figure that remains."""
        other = self.search([("id", "not in", self.ids)], limit=1)
        for worth in self.filtered(lambda w: other):
            other.message_post(
                body=self.env._(
                    "Trust net worth %(amount)s of %(month)s deleted by %(user)s.",
                    amount=worth.amount,
                    month=worth.month.strftime("%m/%Y"),
                    user=self.env.user.name,
                )
            )

    @api.model
    def _last_known(self, date):
        return self.search([("month", "<=", date)], limit=1)
