import base64

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.micro_base.tools import identity

from ..tools import emergency
from .pronafim_deadline import program_today

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("disbursed", "Disbursed"),
]
#: Documents the applicant uploads (FONDESO, Atención por medios digitales, §2:
#: "presentación de la documentación por las personas solicitantes a través de medios
#: electrónicos"); the document does not list them — the three below are the decision
#: recorded in the README.
DOCUMENTS = ("id_document", "address_proof", "business_proof")
#: What the applicant submitted: the staff review it as it was, it does not change after.
SUBMITTED_FIELDS = (
    "program_id", "curp", *DOCUMENTS, *(f"{name}_name" for name in DOCUMENTS),
)  # fmt: skip
#: The staff's review: fixed once decided.
REVIEW_FIELDS = ("check_identity", "check_address", "check_business", "rejection_reason")
#: Days a refused portal form keeps the documents it received for the next try.
KEPT_UPLOADS_DAYS = 1
ANALYST = "pronafim_credit.pronafim_credit_group_analyst"
FINANCE = "pronafim_credit.pronafim_credit_group_finance"


class PronafimEmergencyCredit(models.Model):
    """An application for, then a FONDESO emergency micro-credit (FONDESO, Atención por
    medios digitales, 31/03/2021: ``tools/emergency.py``).

    Applied for online (§2: registration, documents, electronic acceptance of the legal
    documents), reviewed by the staff with a checklist, approved within the program's
    envelope, disbursed with its zero-interest schedule after the grace period.
    """

    _name = "pronafim.emergency.credit"
    _description = "Emergency Micro-credit"
    _inherit = ["mail.thread", "mail.activity.mixin", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "id desc"
    _workflow_frozen = dict.fromkeys(("approved", "rejected", "disbursed"), REVIEW_FIELDS)
    #: Set by the steps only: the amount counted in the envelope, the decision, the batch,
    #: the schedule and the evidence of the electronic acceptance.
    _workflow_step_fields = (
        "amount", "reviewer_id", "date_submitted", "date_decided", "date_disbursed",
        "batch_id", "installment_ids", "user_id", "birth_date", "accepted_by_id",
        "accepted_on", "accepted_ip", "accepted_text_version",
    )  # fmt: skip

    name = fields.Char(string="Folio", readonly=True, copy=False, default="/")
    program_id = fields.Many2one(
        "pronafim.emergency.program", required=True, ondelete="restrict", index=True
    )
    currency_id = fields.Many2one(related="program_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Applicant", required=True, index=True, tracking=True
    )
    user_id = fields.Many2one("res.users", string="Portal Account", readonly=True, index=True)
    curp = fields.Char(string="CURP", required=True)
    birth_date = fields.Date(readonly=True)
    state_id = fields.Many2one(
        "res.country.state",
        string="Business State",
        required=True,
        domain=lambda self: self._eligible_states_domain(),
        default=lambda self: self._eligible_states()[:1],
    )
    business_name = fields.Char(string="Micro-business", required=True)
    business_activity = fields.Char()
    clabe = fields.Char(
        string="CLABE", help="18-digit account where the credit is paid (disbursement batch)."
    )
    batch_id = fields.Many2one(
        "pronafim.emergency.batch", string="Disbursement Batch", readonly=True, index=True
    )
    amount = fields.Monetary(readonly=True, tracking=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True)
    id_document = fields.Binary(string="Official ID", attachment=True)
    id_document_name = fields.Char()
    address_proof = fields.Binary(string="Proof of Address", attachment=True)
    address_proof_name = fields.Char()
    business_proof = fields.Binary(string="Proof of Business", attachment=True)
    business_proof_name = fields.Char()
    # Electronic acceptance of the legal documents (FONDESO, §2)
    accepted_by_id = fields.Many2one("res.users", string="Accepted by", readonly=True)
    accepted_on = fields.Datetime(readonly=True)
    accepted_ip = fields.Char(string="Accepted from IP", readonly=True)
    accepted_text_version = fields.Char(string="Accepted Text Version", readonly=True)
    # Staff review checklist
    check_identity = fields.Boolean(string="ID matches the CURP")
    check_address = fields.Boolean(string="Address in Mexico City")
    check_business = fields.Boolean(string="Micro-business affected")
    reviewer_id = fields.Many2one("res.users", readonly=True, tracking=True)
    date_submitted = fields.Datetime(readonly=True)
    date_decided = fields.Date(readonly=True, tracking=True)
    rejection_reason = fields.Text(tracking=True)
    date_disbursed = fields.Date(readonly=True, tracking=True)
    installment_ids = fields.One2many("pronafim.emergency.installment", "credit_id")

    _sql_constraints = [
        (
            "curp_program_unique",
            "unique(program_id, curp)",
            "One application per CURP in a program.",
        )
    ]

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("pronafim.emergency.credit")
                )
        credits = super().create(vals_list)
        credits._check_eligibility()
        credits._pronafim_register_applicant_identity()
        return credits

    def write(self, vals):
        frozen = [name for name in SUBMITTED_FIELDS if name in vals]
        if frozen and self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                self.env._(
                    "A submitted application is reviewed as it was submitted: %s cannot change.",
                    ", ".join(self._fields[name]._description_string(self.env) for name in frozen),
                )
            )
        if "clabe" in vals and self.filtered("batch_id"):
            raise UserError(
                self.env._(
                    "The CLABE of a credit in a disbursement batch cannot change: it is in the "
                    "bank layout."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                self.env._("A submitted application or a credit cannot be deleted; reject it.")
            )

    @api.autovacuum
    def _gc_kept_uploads(self):
        """Drop the documents a refused portal form kept for a next try that never came
        (``controllers/emergency.py``: attachments of this model with no record), a day
        after they were received."""
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=KEPT_UPLOADS_DAYS)
        self.env["ir.attachment"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", 0),
                ("res_field", "=", False),
                ("create_date", "<", limit),
            ]
        ).unlink()

    @api.constrains("clabe")
    def _check_clabe(self):
        for credit in self:
            if credit.clabe and not emergency.clabe_valid(credit.clabe):
                raise ValidationError(
                    self.env._(
                        "CLABE %s: it must have 18 digits and a valid check digit.",
                        credit.clabe,
                    )
                )

    @api.constrains(*DOCUMENTS)
    def _check_documents(self):
        """PDF, JPEG or PNG files of at most ``MAX_DOCUMENT_MB`` (tools/emergency.py)."""
        for credit in self:
            for name in DOCUMENTS:
                if not credit[name]:
                    continue
                content = base64.b64decode(credit.with_context(bin_size=False)[name])
                message = self._document_error(name, content)
                if message:
                    raise ValidationError(message)

    @api.model
    def _document_error(self, name, content):
        """Why ``content`` cannot be the document ``name`` (translated), or ``None``."""
        label = self._fields[name]._description_string(self.env)
        if guess_mimetype(content) not in emergency.DOCUMENT_MIMETYPES:
            return self.env._("%(document)s: upload a PDF, JPEG or PNG file.", document=label)
        if len(content) > emergency.MAX_DOCUMENT_MB * 1024 * 1024:
            return self.env._(
                "%(document)s: the file is larger than %(max)s MB.",
                document=label,
                max=emergency.MAX_DOCUMENT_MB,
            )
        return None

    # ---- ELIGIBLE OPTIONS ----

    @api.model
    def _eligible_states_domain(self):
        """The states whose micro-businesses may apply: Mexico City only (FONDESO, §1)."""
        return [("country_id.code", "=", "MX"), ("code", "=", emergency.RESIDENCE_STATE_CODE)]

    @api.model
    def _eligible_states(self):
        return self.env["res.country.state"].sudo().search(self._eligible_states_domain())

    # ---- CHECKS ----

    @api.model
    def _eligibility_messages(self, curp, state, business_name, on_date, program=None):
        """Translated reasons why the applicant is not eligible (empty list: eligible).

        With ``program``, a CURP that already applied to it is refused too.
        """
        messages = []
        if program and curp:
            try:
                normalized = emergency.identity.validate("curp", curp)
            except emergency.identity.IdentityError:
                normalized = None
            if normalized and self.sudo().search_count(
                [("program_id", "=", program.id), ("curp", "=", normalized)]
            ):
                messages.append(
                    self.env._(
                        "CURP %s already applied to this program: follow that application.",
                        normalized,
                    )
                )
        for _field, code, params in emergency.eligibility_errors(
            curp, state.code if state else False, business_name, on_date
        ):
            if code == "curp":
                messages.append(self._curp_error_message(params["error"]))
            elif code == "under_age":
                messages.append(
                    self.env._(
                        "CURP %(curp)s: the applicant is %(age)s years old; the credit is for "
                        "adults (%(min_age)s or more): Código Civil Federal, art. 646.",
                        curp=curp,
                        **params,
                    )
                )
            elif code == "residence":
                messages.append(
                    self.env._(
                        "Business State: the emergency micro-credit is for micro-businesses of "
                        "Mexico City (FONDESO, Atención por medios digitales, 31/03/2021, §1)."
                    )
                )
            else:
                messages.append(
                    self.env._("Micro-business: give the name of the business affected.")
                )
        return messages

    @api.model
    def _curp_error_message(self, error):
        """The applicant's words for a wrong CURP (:class:`identity.IdentityError`): the
        field they typed, not the contact's "Identity Number"."""
        reasons = {
            "empty": self.env._("write your CURP"),
            "checksum": self.env._("its check digit is wrong"),
            "length": self.env._("it must have 18 characters"),
            "component": self.env._("a part of it is invalid (e.g. the date or the state)"),
        }
        reason = reasons.get(error.reason) or self.env._("it has the wrong format")
        if error.reason == "empty":
            return self.env._("CURP: %(reason)s.", reason=reason)
        return self.env._(
            "CURP: %(value)s is not a valid CURP: %(reason)s. Copy it as it appears on your "
            "CURP document.",
            value=error.value,
            reason=reason,
        )

    def _today(self):
        return program_today(self)

    @api.model
    def _legal_acceptance_message(self):
        return self.env._(
            "Accept the legal documents before submitting (FONDESO, Atención por medios "
            "digitales, 31/03/2021, §2: the legal documents are accepted online)."
        )

    def _check_eligibility(self):
        today = self._today()
        for credit in self:
            messages = self._eligibility_messages(
                credit.curp, credit.state_id, credit.business_name, today
            )
            if messages:
                raise ValidationError("\n".join(messages))
            curp = emergency.identity.validate("curp", credit.curp)
            credit._workflow_write(
                {"curp": curp, "birth_date": emergency.identity.curp_birth_date(curp)}
            )

    # ---- ACTIONS ----

    def _accept_legal_documents(self, ip_address):
        """Record the electronic acceptance: the current user, now, ``ip_address`` and the
        version of the program's legal text."""
        for credit in self:
            credit.sudo().write(
                {
                    "accepted_by_id": self.env.user.id,
                    "accepted_on": fields.Datetime.now(),
                    "accepted_ip": ip_address,
                    "accepted_text_version": credit.program_id.legal_text_version,
                }
            )

    def action_submit(self):
        for credit in self:
            if credit.state != "draft":
                raise UserError(self.env._("Only a draft application can be submitted."))
            missing = [
                credit._fields[name].get_description(self.env)["string"]
                for name in DOCUMENTS
                if not credit[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Upload the required documents: %s (FONDESO, Atención por medios "
                        "digitales, 31/03/2021, §2: the documents are submitted online).",
                        ", ".join(missing),
                    )
                )
            if not credit.clabe:
                raise UserError(
                    self.env._("Give the CLABE of the account where the credit is to be paid.")
                )
            if not credit.accepted_on:
                raise UserError(self._legal_acceptance_message())
            credit._workflow_write({"state": "submitted", "date_submitted": fields.Datetime.now()})

    def action_approve(self):
        """Approve within the envelope (row lock on the program, see ``_reserve``)."""
        self._workflow_check_group(ANALYST)
        for credit in self:
            if credit.state != "submitted":
                raise UserError(self.env._("Only a submitted application can be approved."))
            if not (credit.check_identity and credit.check_address and credit.check_business):
                raise UserError(self.env._("Complete the review checklist before approving."))
            program = credit.program_id
            if program.installments < 1:
                raise UserError(
                    self.env._(
                        "Set the grace period and the number of installments of %s first.",
                        program.name,
                    )
                )
            program.sudo()._reserve(program.credit_amount)
            credit._workflow_write(
                {
                    "state": "approved",
                    "amount": program.credit_amount,
                    "reviewer_id": self.env.user.id,
                    "date_decided": credit._today(),
                },
                ANALYST,
            )
            credit._notify_applicant("pronafim_credit.mail_template_emergency_approved")

    def action_reject(self, reason=None):
        """Reject with ``reason`` (from the form: the *Rejection Reason* written there)."""
        self._workflow_check_group(ANALYST)
        if reason not in (None, False) and not isinstance(reason, str):
            raise UserError(
                self.env._(
                    "Rejection Reason: %r is not a text; write the reason of the rejection.",
                    reason,
                )
            )
        for credit in self:
            reason = reason or credit.rejection_reason
            if not (reason or "").strip():
                raise UserError(self.env._("Give the reason of the rejection."))
            if credit.state != "submitted":
                raise UserError(self.env._("Only a submitted application can be rejected."))
            credit._workflow_write(
                {
                    "state": "rejected",
                    "rejection_reason": reason,
                    "reviewer_id": self.env.user.id,
                    "date_decided": credit._today(),
                },
                ANALYST,
            )
            credit._notify_applicant("pronafim_credit.mail_template_emergency_rejected")

    def action_add_to_batch(self):
        """Put the selected approved credits in a new disbursement batch (bank layout)."""
        if not self:
            return False
        self._workflow_check_group(FINANCE)
        wrong = self.filtered(lambda c: c.state != "approved" or c.batch_id or not c.clabe)
        if wrong:
            raise UserError(
                self.env._(
                    "Only approved credits with a CLABE and no batch yet can be batched: %s.",
                    ", ".join(wrong.mapped("name")),
                )
            )
        if len(self.program_id) > 1:
            raise UserError(
                self.env._(
                    "A disbursement batch pays the credits of one program (one journal entry): "
                    "%s.",
                    ", ".join(self.program_id.mapped("name")),
                )
            )
        batch = self.env["pronafim.emergency.batch"]._workflow_create(
            {"program_id": self.program_id.id}, FINANCE
        )
        self._workflow_write({"batch_id": batch.id}, FINANCE)
        return {
            "type": "ir.actions.act_window",
            "res_model": "pronafim.emergency.batch",
            "res_id": batch.id,
            "view_mode": "form",
        }

    def _disburse(self, date):
        """Mark as paid out on ``date`` and generate the schedule (grace, zero interest).

        Called by the disbursement batch once the bank paid it (``action_confirm_paid``),
        which posts the payment: a credit is never disbursed outside a batch. The
        installments are created as the calling user (finance).
        """
        self._workflow_check_group(FINANCE)
        for credit in self:
            if credit.state != "approved":
                raise UserError(self.env._("Only an approved credit can be disbursed."))
            program = credit.program_id
            rows = emergency.schedule(
                credit.amount, program.installments, program.grace_months, date
            )
            credit._workflow_write(
                {
                    "state": "disbursed",
                    "date_disbursed": date,
                    "installment_ids": [
                        (
                            0,
                            0,
                            {
                                "number": row.number,
                                "due_date": row.due_date,
                                "principal": float(row.principal),
                                "interest": float(row.interest),
                                "amount": float(row.payment),
                            },
                        )
                        for row in rows
                    ],
                },
                FINANCE,
            )

    def _notify_applicant(self, template_xmlid):
        """E-mail the applicant the decision (template ``template_xmlid``), kept in the
        chatter; the applicant follows the application in the portal."""
        template = self.env.ref(template_xmlid)
        for credit in self:
            credit.message_post_with_source(template, subtype_xmlid="mail.mt_comment")

    def _get_portal_url(self):
        """The applicant's page of this application."""
        self.ensure_one()
        return f"/my/emergency/{self.id}"

    # ---- One person across programs (issue 9) ----

    duplicate_partner_id = fields.Many2one(
        "res.partner",
        string="Same CURP as",
        compute="_compute_duplicate_partner_id",
        help="Another contact holds this CURP: the applicant registered twice (for example "
        "on the portal after being registered in another program). Merge the two contacts.",
    )

    @api.depends("curp", "partner_id.identity_number")
    def _compute_duplicate_partner_id(self):
        Partner = self.env["res.partner"]
        for credit in self:
            holders = (
                Partner._micro_find_by_identity("curp", credit.curp) if credit.curp else Partner
            )
            credit.duplicate_partner_id = (holders - credit.partner_id)[:1]

    def _pronafim_register_applicant_identity(self):
        """An applicant without a document gets the CURP of their application, so that the
        next registration of that person, in any program, finds them."""
        Partner = self.env["res.partner"]
        for credit in self.filtered("curp"):
            partner = credit.partner_id.sudo()
            if partner.identity_number or partner.is_company:
                continue
            try:
                curp = identity.validate("curp", credit.curp)
            except identity.IdentityError:
                continue  # the application's own checks report a wrong CURP
            if not Partner._micro_find_by_identity("curp", curp):
                partner.write({"identity_type": "curp", "identity_number": curp})

    def action_merge_duplicate_applicant(self):
        """Odoo's contact merge, the already registered person surviving: every program's
        records follow it (including the applicant's portal account)."""
        self.ensure_one()
        survivor = self.duplicate_partner_id
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {
                "partner_ids": [fields.Command.set((survivor | self.partner_id).ids)],
                "dst_partner_id": survivor.id,
                "state": "selection",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }


class PronafimEmergencyInstallment(models.Model):
    _name = "pronafim.emergency.installment"
    _description = "Emergency Micro-credit Installment"
    _inherit = ["micro.input.mixin"]
    _order = "credit_id, number"

    credit_id = fields.Many2one(
        "pronafim.emergency.credit", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="credit_id.currency_id")
    number = fields.Integer(required=True)
    due_date = fields.Date(required=True)
    principal = fields.Monetary()
    interest = fields.Monetary()
    amount = fields.Monetary(required=True)
