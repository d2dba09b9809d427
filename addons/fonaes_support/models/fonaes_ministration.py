import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.micro_base.tools.amounts import compare_money, format_money

from ..tools import input_rules, rules

ACCOUNTANT = "fonaes_support.fonaes_support_group_accountant"
STATE_REPRESENTATIVE = "fonaes_support.fonaes_support_group_state_representative"
#: A delivery, once posted or cancelled, is not reprogrammed.
MINISTRATION_DELIVERY = ("agreement_id", "planned_date", "amount")
#: The proof of use on which the dictamen was given.
MINISTRATION_PROOF = ("proof_date", "proof_statement", "verification_date", "proof_extension_days")


class FonaesMinistration(models.Model):
    """One delivery of the disbursement program, posted in accounting, with its proof of
    use (§4.3.1.I, §6.3.1.VI, §6.3.2.a, §4.6.1.2)."""

    _name = "fonaes.ministration"
    _description = "FONAES Ministration"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "agreement_id, planned_date, id"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "amount": (input_rules.KIND_POSITIVE, "§6.3.1.VI"),
        "proof_extension_days": (input_rules.KIND_COUNT, "§6.3.2.a.IV"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    # Status, entry and dictamen only by the steps (micro_base's workflow guard); a posted or
    # cancelled delivery is not reprogrammed; a posted one is reversed by its step.
    _workflow_step_fields = ("move_id", "posted_date", "dictamen", "dictamen_date")
    _workflow_entry_fields = ("move_id",)
    _workflow_frozen = {"posted": MINISTRATION_DELIVERY, "cancelled": MINISTRATION_DELIVERY}

    agreement_id = fields.Many2one(
        "fonaes.agreement", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="agreement_id.partner_id", store=True)
    state_id = fields.Many2one(related="agreement_id.state_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    planned_date = fields.Date(required=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("posted", "Posted"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
        tracking=True,
        copy=False,
    )
    move_id = fields.Many2one("account.move", readonly=True, copy=False)
    posted_date = fields.Date(readonly=True, copy=False, tracking=True)
    proof_extension_days = fields.Integer(
        tracking=True,
        help="Calendar days of extension on force majeure, at most 30; more only by an "
        "amending agreement (§6.3.2.a.IV).",
    )
    proof_deadline = fields.Date(compute="_compute_proof_deadline", store=True)
    proof_date = fields.Date(string="Proof of Use Received On", tracking=True)
    proof_statement = fields.Boolean(
        string="Signed Statement of Authenticity",
        help="Written statement, under oath, that the proofs are authentic (§4.5.3.C.ii).",
    )
    verification_date = fields.Date(string="Verification Visit On", tracking=True)
    dictamen = fields.Selection(
        [("correct", "Correct Application"), ("incorrect", "Incorrect Application")],
        tracking=True,
        copy=False,
    )
    dictamen_date = fields.Date(readonly=True, copy=False)
    proof_overdue = fields.Boolean(
        compute="_compute_proof_overdue", search="_search_proof_overdue"
    )
    overdue_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "A ministration must be positive."),
        (
            "extension_positive",
            "CHECK(proof_extension_days >= 0)",
            "The extension cannot be negative.",
        ),
    ]

    def _micro_input_record_name(self):
        self.ensure_one()
        return self.env._(
            "ministration of %(date)s of agreement %(agreement)s",
            date=self.planned_date,
            agreement=self.agreement_id._fonaes_reference(),
        )

    @api.depends("agreement_id.name", "planned_date")
    def _compute_display_name(self):
        for ministration in self:
            ministration.display_name = (
                f"{ministration.agreement_id.name or ''} {ministration.planned_date or ''}"
            ).strip()

    @api.depends("posted_date", "proof_extension_days")
    def _compute_proof_deadline(self):
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        for ministration in self:
            if not ministration.posted_date:
                ministration.proof_deadline = False
                continue
            deadline = calendar.add_business_days(
                ministration.posted_date, rules.PROOF_OF_USE_BUSINESS_DAYS
            )
            ministration.proof_deadline = deadline + datetime.timedelta(
                days=ministration.proof_extension_days
            )

    def _compute_proof_overdue(self):
        today = fields.Date.context_today(self)
        for ministration in self:
            ministration.proof_overdue = bool(
                ministration.state == "posted"
                and not ministration.proof_date
                and ministration.proof_deadline
                and ministration.proof_deadline < today
            )

    def _search_proof_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue proof of use."))
        domain = [
            ("state", "=", "posted"),
            ("proof_date", "=", False),
            ("proof_deadline", "<", fields.Date.context_today(self)),
        ]
        positive = (operator == "=") == value
        return domain if positive else ["!", "&", "&", *domain]

    @api.constrains("proof_extension_days")
    def _check_proof_extension(self):
        for ministration in self:
            if (
                ministration.proof_extension_days > rules.PROOF_OF_USE_MAX_EXTENSION_DAYS
                and not ministration.agreement_id.amended
            ):
                ministration._micro_raise(
                    "proof_extension_days",
                    ministration.proof_extension_days,
                    self.env._(
                        "a proof-of-use extension is at most %s calendar days; longer only "
                        "by an amending agreement",
                        rules.PROOF_OF_USE_MAX_EXTENSION_DAYS,
                    ),
                    input_rules.source("§6.3.2.a.IV"),
                )

    @api.constrains("agreement_id", "amount", "state")
    def _check_within_agreement(self):
        """The ministrations of an agreement never exceed its authorized support, whatever
        the path (§4.3.1.I, §6.3.1.VI): the agreements are locked first, so two deliveries
        added at once cannot both pass."""
        agreements = self.agreement_id
        if not agreements:
            return
        self.env.cr.execute(
            "SELECT id FROM fonaes_agreement WHERE id IN %s ORDER BY id FOR UPDATE",
            [tuple(agreements.ids)],
        )
        for agreement in agreements.sudo():
            program = agreement.ministration_ids.filtered(lambda m: m.state != "cancelled")
            total = sum(program.mapped("amount"))
            if compare_money(total, agreement.amount, agreement.currency_id) > 0:
                raise ValidationError(
                    self.env._(
                        "Agreement %(agreement)s: its ministrations would add up to %(total)s, "
                        "above the authorized support of %(amount)s (%(rules)s).",
                        agreement=agreement._fonaes_reference(),
                        total=format_money(self.env, total, agreement.currency_id),
                        amount=format_money(self.env, agreement.amount, agreement.currency_id),
                        rules=input_rules.source("§4.3.1.I, §6.3.1.VI"),
                    )
                )

    def _workflow_check_vals(self, vals):
        decided = self.filtered("dictamen")
        if decided and set(vals) & set(MINISTRATION_PROOF):
            raise UserError(
                self.env._(
                    "The dictamen on this ministration of %s was given: its proof of use can "
                    "no longer change.",
                    decided[0].agreement_id.name,
                )
            )
        return super()._workflow_check_vals(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if self.filtered(lambda m: m.state == "posted"):
            raise UserError(
                self.env._("A posted ministration cannot be deleted: reverse its entry.")
            )

    def action_post(self):
        """Post the delivery: subsidy expense against the beneficiary's payable, on the
        FONAES journal, against the signed agreement (first) or receipt (§6.3.1.VI)."""
        if not self.env.user.has_group(ACCOUNTANT):
            raise AccessError(self.env._("Only FONAES accountants post ministrations."))
        for ministration in self:
            if ministration.state != "planned":
                raise UserError(self.env._("This ministration is not planned."))
            agreement = ministration.agreement_id
            if ministration.partner_id.commercial_partner_id.fonaes_channelling_suspended:
                raise UserError(
                    self.env._(
                        "Channelling of resources to %s is suspended for breaching the "
                        "prudential rules (Anexo XI §6).",
                        ministration.partner_id.commercial_partner_id.name,
                    )
                )
            if agreement.state != "signed":
                raise UserError(
                    self.env._(
                        "Agreement %s is not signed: nothing can be delivered.", agreement.name
                    )
                )
            company = self.env.company
            journal, account = company.fonaes_journal_id, company.fonaes_subsidy_account_id
            payable = ministration.partner_id.commercial_partner_id.property_account_payable_id
            if not (journal and account and payable):
                raise UserError(
                    self.env._(
                        "Set the FONAES journal and subsidy account of %(company)s and the "
                        "payable account of %(partner)s first.",
                        company=company.name,
                        partner=ministration.partner_id.name,
                    )
                )
            today = fields.Date.context_today(self)
            label = self.env._(
                "FONAES support %(agreement)s, ministration of %(date)s",
                agreement=agreement.name,
                date=ministration.planned_date,
            )
            move = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": today,
                    "ref": label,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "name": label,
                                "account_id": account.id,
                                "partner_id": ministration.partner_id.id,
                                "debit": ministration.amount,
                                "credit": 0.0,
                            }
                        ),
                        fields.Command.create(
                            {
                                "name": label,
                                "account_id": payable.id,
                                "partner_id": ministration.partner_id.id,
                                "debit": 0.0,
                                "credit": ministration.amount,
                            }
                        ),
                    ],
                }
            )
            move.action_post()
            ministration._workflow_write(
                {"state": "posted", "move_id": move.id, "posted_date": today}, group=ACCOUNTANT
            )
            agreement.message_post(
                body=self.env._(
                    "Ministration of %(amount)s posted (%(move)s); proof of use due by "
                    "%(date)s (§6.3.2.a.I).",
                    amount=format_money(self.env, ministration.amount, ministration.currency_id),
                    move=move.name,
                    date=ministration.proof_deadline,
                )
            )
        return True

    def action_reverse(self):
        """Correct a posted delivery: its entry is reversed and the ministration cancelled,
        with the trace on the agreement (a posted ministration is never edited or deleted)."""
        self._workflow_check_group(ACCOUNTANT)
        self._workflow_check_state("posted")
        today = fields.Date.context_today(self)
        for ministration in self:
            if ministration.dictamen:
                raise UserError(
                    self.env._(
                        "The dictamen on this ministration of %s was given: it is not "
                        "reversed.",
                        ministration.agreement_id.name,
                    )
                )
            reversal = ministration.move_id._reverse_moves(
                [
                    {
                        "date": today,
                        "ref": self.env._("Reversal of %s", ministration.move_id.name),
                    }
                ],
                cancel=True,
            )
            ministration._workflow_write({"state": "cancelled"}, group=ACCOUNTANT)
            ministration.agreement_id.message_post(
                body=self.env._(
                    "Ministration of %(amount)s reversed (%(move)s reversed by %(reversal)s) by "
                    "%(user)s.",
                    amount=format_money(self.env, ministration.amount, ministration.currency_id),
                    move=ministration.move_id.name,
                    reversal=reversal.name,
                    user=self.env.user.name,
                )
            )
        return True

    def action_dictamen(self, result=None):
        """Dictamen of correct or incorrect application (§4.6.1.2, §6.3.2.a.III).

        ``result`` is ``"correct"`` or ``"incorrect"``; anything else, or none given (an
        external API call without it), is refused before any check or write.
        """
        allowed = dict(self._fields["dictamen"]._description_selection(self.env))
        if not isinstance(result, str) or result not in allowed:
            raise UserError(
                self.env._(
                    "Dictamen: %(value)r is not a valid result; choose one of %(choices)s "
                    "(Reglas de Operación FONAES 2005, §6.3.2.a.III).",
                    value=result,
                    choices=", ".join(f"{key} ({label})" for key, label in allowed.items()),
                )
            )
        for ministration in self:
            if ministration.state != "posted" or not ministration.proof_date:
                raise UserError(self.env._("Receive the proof of use first (§6.3.2.a.I)."))
            if not ministration.proof_statement:
                raise UserError(
                    self.env._("The signed statement of authenticity is missing " "(§4.5.3.C.ii).")
                )
            if not ministration.verification_date:
                raise UserError(
                    self.env._(
                        "The field verification visit comes before the dictamen " "(§6.3.2.a.II)."
                    )
                )
            ministration._workflow_write(
                {"dictamen": result, "dictamen_date": fields.Date.context_today(self)},
                group=STATE_REPRESENTATIVE,
            )
            if result == "incorrect":
                ministration.agreement_id.message_post(
                    body=self.env._(
                        "Incorrect application of the resources: rescission cause II "
                        "applies, refund all plus yields (§4.6.1.1.1.II)."
                    )
                )
        return True

    def action_dictamen_correct(self):
        return self.action_dictamen("correct")

    def action_dictamen_incorrect(self):
        return self.action_dictamen("incorrect")

    @api.model
    def _cron_proof_of_use_overdue(self):
        """Flag each posted ministration whose proof of use is overdue, once (idempotent),
        through micro_base's scheduled work (a failing one is logged and skipped)."""
        overdue = self.search([("proof_overdue", "=", True), ("overdue_notified", "=", False)])
        self.env["micro.scheduled.work"]._run_in_batches(
            overdue,
            lambda ministration: ministration._flag_proof_overdue(),
            label="FONAES proof of use overdue",
        )
        return overdue

    def _flag_proof_overdue(self):
        """An activity on the agreement for its application's responsible (§6.3.2.a.I)."""
        self.ensure_one()
        self.agreement_id.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Proof of use overdue (§6.3.2.a.I)"),
            user_id=self.agreement_id.application_id.user_id.id or self.env.uid,
        )
        self.overdue_notified = True
