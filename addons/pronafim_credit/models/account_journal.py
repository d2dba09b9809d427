from odoo import api, fields, models


class AccountJournal(models.Model):
    """Journals per program (issue 14), the suite's pattern for every accounting program:
    a journal named by the program's configuration (here the company's trust journal and
    the emergency programs' disbursement journals) is the program's journal, and a global
    record rule per model (``account.journal``, ``account.move``, ``account.move.line``, in
    ``security/pronafim_credit_rules.xml``) leaves that journal and its entries to the
    program's finance roles only: no other user reads, posts, resets or edits them. Each
    program's rule is global (ANDed with the others), so a journal of one program never
    opens to another program's accountants, and Odoo's own "all entries" rules of the
    invoicing groups do not override it."""

    _inherit = "account.journal"

    pronafim_company_ids = fields.One2many("res.company", "pronafim_journal_id")
    pronafim_emergency_program_ids = fields.One2many(
        "pronafim.emergency.program", "journal_id", context={"active_test": False}
    )
    pronafim_journal = fields.Boolean(
        string="PRONAFIM Journal",
        compute="_compute_pronafim_journal",
        store=True,
        index=True,
        help="Journal of the PRONAFIM trust or of an emergency program: only PRONAFIM "
        "finance users see it and its entries.",
    )

    @api.depends("pronafim_company_ids", "pronafim_emergency_program_ids")
    def _compute_pronafim_journal(self):
        for journal in self:
            journal.pronafim_journal = bool(
                journal.pronafim_company_ids or journal.pronafim_emergency_program_ids
            )
