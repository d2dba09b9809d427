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
    _inherit = ["micro.reference.mixin"]
    _order = "date_from desc"
    _reference_date = "date_from"
    _reference_manager_group = MANAGER
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

    def _reference_manager_message(self):
        """Finance records rates; correcting a recorded one is the manager's (traced)."""
        return self.env._("Only the program manager corrects a recorded CETES rate.")

    def _reference_deleted_message(self):
        """A deleted rate leaves its trace on the rate that takes over."""
        return self.env._(
            "CETES rate %(rate)s %% in force from %(date)s deleted by %(user)s.",
            rate=self.rate,
            date=self.date_from,
            user=self.env.user.name,
        )

    @api.model
    def _rate_at(self, date):
        """The CETES annual rate (%) in force on ``date``."""
        record = self._reference_at(date)
        if not record:
            raise UserError(self.env._("There is no CETES rate in force on %s.", date))
        return record.rate
