from odoo import fields, models

from ..tools import prudential


class ResCompany(models.Model):
    _inherit = "res.company"

    fonaes_journal_id = fields.Many2one(
        "account.journal",
        string="FONAES Journal",
        help="Journal where each ministration is posted (§6.3.1.VI).",
    )
    fonaes_subsidy_account_id = fields.Many2one(
        "account.account",
        string="FONAES Subsidy Account",
        help="Expense account of the subsidies delivered; the credit goes to the "
        "beneficiary's payable account.",
    )
    fonaes_yields_account_id = fields.Many2one(
        "account.account",
        string="FONAES Refunded Yields Account",
        help="Account credited with the financial yields refunded with a rescinded support "
        "(§4.6.1.1.1.II, §6.5).",
    )
    fonaes_provision_expense_account_id = fields.Many2one(
        "account.account",
        string="Preventive Reserves Expense Account",
        help="Charged with the increase of the preventive reserves each month-end (Anexo XI "
        "§1; Estimación preventiva para riesgos crediticios, Anexo XII-3).",
    )
    fonaes_provision_allowance_account_id = fields.Many2one(
        "account.account",
        string="Preventive Reserves Allowance Account",
        help="Contra-asset of the loan portfolio (Estimación preventiva para riesgos "
        "crediticios, Anexo XII-2).",
    )
    fonaes_single_borrower_reading = fields.Selection(
        prudential.SINGLE_BORROWER_READINGS,
        string="Single-borrower Limit of Legal Entities",
        # Not NOT NULL in the database: a company another addon's data creates while this
        # one is not loaded yet (an update of every addon) has no value; it reads as the
        # default (see _fonaes_reading). Required in the company's form.
        default=prudential.READING_STRICT,
        help="Anexo XI §3 gives 7 % of the intermediary's equity to a \"persona física o "
        'moral" and 14 % to a "persona moral o entidad para-financiera": a legal entity '
        "is named in both sentences. The stricter reading (7 % for every borrower) is the "
        "default; the other gives legal entities 14 %. The reading is quoted wherever the "
        "limit is applied.",
    )

    def _fonaes_reading(self):
        """The company's reading of Anexo XI §3 (the stricter one when none is set)."""
        self.ensure_one()
        return self.fonaes_single_borrower_reading or prudential.READING_STRICT

    def _fonaes_single_borrower_reading_label(self):
        """The company's reading of Anexo XI §3, as the user reads it."""
        self.ensure_one()
        selection = dict(
            self._fields["fonaes_single_borrower_reading"]._description_selection(self.env)
        )
        return selection.get(self._fonaes_reading(), "")
