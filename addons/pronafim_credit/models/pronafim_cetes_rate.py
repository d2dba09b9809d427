from odoo import api, fields, models
from odoo.exceptions import UserError


class PronafimCetesRate(models.Model):
    """CETES rate in force from a date (§VIII.1: ordinary rate = CETES [+ margin])."""

    _name = "pronafim.cetes.rate"
    _description = "CETES Rate"
    _order = "date_from desc"

    date_from = fields.Date(string="In Force From", required=True)
    rate = fields.Float(string="Annual Rate (%)", digits=(7, 4), required=True)

    _sql_constraints = [("date_unique", "unique(date_from)", "One CETES rate per date.")]

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
    _order = "month desc"

    month = fields.Date(required=True, help="Any day of the month the figure belongs to.")
    amount = fields.Float(string="Net Worth (MXN)", digits=(16, 2), required=True)

    _sql_constraints = [("month_unique", "unique(month)", "One figure per month.")]

    @api.model
    def _last_known(self, date):
        return self.search([("month", "<=", date)], limit=1)
