from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    pronafim_journal_id = fields.Many2one(
        "account.journal",
        string="PRONAFIM Trust Journal",
        help="Journal of the trust where disposals, interest, moratory interest and "
        "repayments are posted. Empty: nothing is posted.",
    )
    pronafim_bank_account_id = fields.Many2one("account.account", string="Trust Bank Account")
    pronafim_receivable_account_id = fields.Many2one(
        "account.account", string="Loans Receivable (per IMF)"
    )
    pronafim_interest_account_id = fields.Many2one("account.account", string="Interest Income")
    pronafim_moratory_account_id = fields.Many2one(
        "account.account", string="Moratory Interest Income"
    )
