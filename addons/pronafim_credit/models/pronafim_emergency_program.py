from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import emergency

COMMITTED_STATES = ("approved", "disbursed")


class PronafimEmergencyProgram(models.Model):
    """FONDESO emergency micro-credit program and its envelope (FONDESO, Atención por medios
    digitales, 31/03/2021, §1). Its figures default to the rule's, from their one home
    ``tools/emergency.py``.

    A fixed amount per credit, zero interest, a grace period before the first of the
    reduced monthly installments, and an envelope in money and in number of credits that
    approvals never exceed (row lock on the program, :meth:`_reserve`).
    """

    _name = "pronafim.emergency.program"
    _description = "Emergency Micro-credit Program"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "id desc"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.MXN"), required=True
    )
    credit_amount = fields.Monetary(
        string="Amount per Credit",
        required=True,
        tracking=True,
        default=lambda self: emergency.CREDIT_AMOUNT,
    )
    envelope_amount = fields.Monetary(
        string="Envelope",
        required=True,
        tracking=True,
        default=lambda self: emergency.ENVELOPE_AMOUNT,
    )
    envelope_count = fields.Integer(
        string="Envelope (credits)",
        required=True,
        tracking=True,
        default=lambda self: emergency.ENVELOPE_COUNT,
    )
    grace_months = fields.Integer(
        string="Grace (months)",
        tracking=True,
        help="Months after disbursement before the first installment. FONDESO's rules give "
        "no figure: set it before approving.",
    )
    installments = fields.Integer(
        string="Monthly Installments",
        tracking=True,
        help="Number of reduced monthly installments. FONDESO's rules give no figure: set it "
        "before approving.",
    )
    # One text, in Spanish, whose version is recorded with each acceptance: not translated.
    legal_text = fields.Html(string="Legal Documents", sanitize=True)
    legal_text_version = fields.Char(
        string="Legal Text Version", tracking=True,
        help="Recorded with each electronic acceptance; change it whenever the text changes.",
    )  # fmt: skip
    section = fields.Char(
        string="Rule Section", required=True, default=lambda self: emergency.FIGURES_SECTION
    )
    # Accounting of the disbursements (batch paid): as for the IMF disposals, nothing is
    # posted while no journal is set.
    journal_id = fields.Many2one(
        "account.journal",
        string="Disbursement Journal",
        tracking=True,
        help="Journal where each paid disbursement batch is posted. Empty: nothing is posted.",
    )
    bank_account_id = fields.Many2one(
        "account.account",
        string="Bank Account",
        tracking=True,
        help="Credited with the batch total. Empty: the journal's default account.",
    )
    receivable_account_id = fields.Many2one(
        "account.account",
        string="Credits Receivable",
        tracking=True,
        help="Debited with each credit paid, per applicant.",
    )
    credit_ids = fields.One2many("pronafim.emergency.credit", "program_id")
    committed_amount = fields.Monetary(compute="_compute_consumption")
    committed_count = fields.Integer(compute="_compute_consumption")
    disbursed_amount = fields.Monetary(compute="_compute_consumption")
    disbursed_count = fields.Integer(compute="_compute_consumption")
    available_amount = fields.Monetary(compute="_compute_consumption")
    available_count = fields.Integer(compute="_compute_consumption")

    # ---- COMPUTES ----

    @api.depends("credit_ids.state", "credit_ids.amount", "envelope_amount", "envelope_count")
    def _compute_consumption(self):
        """Committed = approved or disbursed credits; disbursed = paid out (one query)."""
        groups = self.env["pronafim.emergency.credit"]._read_group(
            [("program_id", "in", self.ids), ("state", "in", COMMITTED_STATES)],
            ["program_id", "state"],
            ["amount:sum", "__count"],
        )
        figures = {}
        for program, state, amount, count in groups:
            figures.setdefault(program.id, {})[state] = (amount, count)
        for program in self:
            by_state = figures.get(program.id, {})
            approved = by_state.get("approved", (0.0, 0))
            disbursed = by_state.get("disbursed", (0.0, 0))
            program.disbursed_amount, program.disbursed_count = disbursed
            program.committed_amount = approved[0] + disbursed[0]
            program.committed_count = approved[1] + disbursed[1]
            program.available_amount = program.envelope_amount - program.committed_amount
            program.available_count = program.envelope_count - program.committed_count

    @api.constrains("credit_amount", "envelope_amount", "envelope_count", "grace_months",
                    "installments")  # fmt: skip
    def _check_figures(self):
        for program in self:
            if min(program.credit_amount, program.envelope_amount, program.envelope_count) <= 0:
                raise ValidationError(
                    self.env._("The amount per credit and the envelope must be positive.")
                )
            if program.grace_months < 0 or program.installments < 0:
                raise ValidationError(
                    self.env._("Grace months and installments cannot be negative.")
                )

    # ---- BUSINESS ----

    def _reserve(self, amount):
        """Lock the program row and check that one more credit of ``amount`` fits.

        The program row is touched (an UPDATE, which takes its row lock) before the committed
        figures are read: concurrent approvals wait on it, and since Odoo's transactions are
        REPEATABLE READ, one whose snapshot predates another's committed approval fails to
        serialize (Odoo retries it with a fresh snapshot) instead of counting from its old
        snapshot. The figures are read in SQL, not from the ORM cache.

        :raises UserError: naming the envelope that would be exceeded
        """
        self.ensure_one()
        self.env["pronafim.emergency.credit"].flush_model(["program_id", "state", "amount"])
        self.env.cr.execute(
            "UPDATE pronafim_emergency_program SET write_date = write_date WHERE id = %s",
            [self.id],
        )
        self.env.cr.execute(
            """SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM pronafim_emergency_credit
                WHERE program_id = %s AND state IN %s""",
            [self.id, COMMITTED_STATES],
        )
        count, committed = self.env.cr.fetchone()
        if count + 1 > self.envelope_count:
            raise UserError(
                self.env._(
                    "Approving this credit exceeds the envelope of %(program)s: %(count)s of "
                    "%(max)s credits already committed (%(section)s).",
                    program=self.name,
                    count=count,
                    max=self.envelope_count,
                    section=self.section,
                )
            )
        if float(committed) + amount > self.envelope_amount:
            raise UserError(
                self.env._(
                    "Approving this credit exceeds the envelope of %(program)s: %(committed)s "
                    "committed, %(amount)s more, envelope %(max)s (%(section)s).",
                    program=self.name,
                    committed=float(committed),
                    amount=amount,
                    max=self.envelope_amount,
                    section=self.section,
                )
            )
