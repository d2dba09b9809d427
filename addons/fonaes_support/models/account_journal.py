from odoo import api, fields, models


class AccountJournal(models.Model):
    """Journals per program (issue 14), the suite's pattern (see pronafim_credit's
    ``account_journal.py``): the journal the company's FONAES configuration names is the
    FONAES journal, and global record rules (``security/fonaes_support_rules.xml``) leave
    it and its entries to the FONAES accountants only."""

    _inherit = "account.journal"

    fonaes_company_ids = fields.One2many("res.company", "fonaes_journal_id")
    fonaes_journal = fields.Boolean(
        string="FONAES Journal",
        compute="_compute_fonaes_journal",
        store=True,
        index=True,
        help="Journal of the FONAES ministrations and reserves: only FONAES accountants see "
        "it and its entries.",
    )

    @api.depends("fonaes_company_ids")
    def _compute_fonaes_journal(self):
        for journal in self:
            journal.fonaes_journal = bool(journal.fonaes_company_ids)
