from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import sql

from ..tools import rules
from .pronafim_deadline import program_today
from .pronafim_eligibility_item import ROLES

ANALYST = "pronafim_credit.pronafim_credit_group_analyst"
COMPLAINTS = "pronafim_credit.pronafim_credit_group_complaints_officer"

SOCIAL_RESULTS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("reasonable", "Reasonable"),
    ("below", "Below reasonable"),
]
SOCIAL_STATUS = [
    ("not_required", "Not required yet"),
    ("valid", "Valid"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
    ("insufficient", "Result below reasonable"),
    ("to_start", "To start"),
    ("started", "Started"),
    ("start_overdue", "Start overdue"),
]


LEGAL_FORMS = [
    ("sa", "Sociedad Anónima (S.A. / S.A. de C.V.)"),
    ("sapi", "S.A.P.I."),
    ("sofom", "SOFOM"),
    ("sofipo", "SOFIPO"),
    ("scap", "Sociedad Cooperativa de Ahorro y Préstamo"),
    ("ac", "Asociación Civil"),
    ("sc", "Sociedad Civil"),
    ("iap", "Institución de Asistencia Privada"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    pronafim_role = fields.Selection(ROLES, string="PRONAFIM Role", tracking=True)
    pronafim_legal_form = fields.Selection(LEGAL_FORMS, string="Legal Form", tracking=True)
    pronafim_active_since = fields.Date(
        string="Active (Lending) Since",
        help="§IV.2.B.i.h / ii.d: active one year before the application.",
    )
    pronafim_eligibility_ids = fields.One2many(
        "pronafim.partner.eligibility", "partner_id", string="Eligibility Checklist"
    )
    pronafim_net_portfolio = fields.Float(
        string="Net Portfolio (MXN)", digits=(16, 2), tracking=True
    )
    pronafim_portfolio_date = fields.Date(string="Net Portfolio Date", tracking=True)
    pronafim_size_class_id = fields.Many2one(
        "pronafim.size.class", string="Size Class", readonly=True, tracking=True
    )
    pronafim_size_history_ids = fields.One2many(
        "pronafim.size.history", "partner_id", string="Size Class History"
    )
    # §XI.g social performance evaluation
    pronafim_sp_agency = fields.Char(string="Evaluation Agency")
    pronafim_sp_date = fields.Date(string="Evaluation Date", tracking=True)
    pronafim_sp_result = fields.Selection(SOCIAL_RESULTS, string="Evaluation Result")
    pronafim_sp_valid_until = fields.Date(
        string="Evaluation Valid Until", compute="_compute_pronafim_sp_dates", store=True
    )
    pronafim_sp_started_date = fields.Date(
        string="Evaluation Started On",
        help="Date the institution started the evaluation (§XI.g six-month rule).",
    )
    pronafim_first_formalization_date = fields.Date(
        string="First Credit Formalized On", readonly=True
    )
    pronafim_sp_start_deadline = fields.Date(
        string="Start Evaluation By", compute="_compute_pronafim_sp_dates", store=True
    )
    pronafim_sp_status = fields.Selection(
        SOCIAL_STATUS, string="Social Evaluation", compute="_compute_pronafim_sp_status"
    )
    pronafim_sp_alerted = fields.Char(string="Social Evaluation Alert", readonly=True, copy=False)
    # §XI.c induction course
    pronafim_induction_due = fields.Boolean(
        string="Induction Course Due", readonly=True, tracking=True
    )
    pronafim_induction_date = fields.Date(string="Induction Course Attended On", tracking=True)
    pronafim_induction_modality = fields.Char(string="Induction Modality")

    # Personal data per program (issue 14): an emergency applicant and a complainant are
    # program persons; pronafim's rules on res.partner reach them through these.
    pronafim_emergency_credit_ids = fields.One2many(
        "pronafim.emergency.credit", "partner_id", string="Emergency Credits (Applicant)"
    )
    pronafim_complaint_ids = fields.One2many(
        "pronafim.complaint", "partner_id", string="Complaints (Complainant)"
    )

    @api.depends("pronafim_emergency_credit_ids", "pronafim_complaint_ids")
    def _compute_micro_person(self):
        res = super()._compute_micro_person()
        for partner in self:
            if partner.pronafim_emergency_credit_ids or partner.pronafim_complaint_ids:
                partner.micro_person = True
        return res

    def init(self):
        res = super().init()
        # Installing or upgrading on a database with applicants and complainants: they are
        # program persons (micro_base computed the field before this addon extended it).
        # (A first installation has none yet: their tables come after.)
        if sql.table_exists(self.env.cr, "pronafim_emergency_credit") and sql.table_exists(
            self.env.cr, "pronafim_complaint"
        ):
            self.env.cr.execute(
                """UPDATE res_partner SET micro_person = TRUE
                    WHERE micro_person IS NOT TRUE
                      AND id IN (SELECT partner_id FROM pronafim_emergency_credit
                                 UNION SELECT partner_id FROM pronafim_complaint)"""
            )
        return res

    @api.model
    def _micro_program_field_groups(self):
        return {**super()._micro_program_field_groups(), "pronafim_": ANALYST}

    @api.depends("pronafim_sp_date", "pronafim_first_formalization_date")
    def _compute_pronafim_sp_dates(self):
        for partner in self:
            partner.pronafim_sp_valid_until = partner.pronafim_sp_date and (
                partner.pronafim_sp_date
                + relativedelta(years=rules.SOCIAL_EVALUATION_VALIDITY_YEARS)
            )
            partner.pronafim_sp_start_deadline = partner.pronafim_first_formalization_date and (
                partner.pronafim_first_formalization_date
                + relativedelta(months=rules.SOCIAL_EVALUATION_START_MONTHS)
            )

    @api.depends(
        "pronafim_role",
        "pronafim_sp_valid_until",
        "pronafim_sp_result",
        "pronafim_sp_start_deadline",
        "pronafim_sp_started_date",
    )
    def _compute_pronafim_sp_status(self):
        today = self._pronafim_today()
        warning = relativedelta(days=rules.SOCIAL_EVALUATION_WARNING_DAYS)
        for partner in self:
            partner.pronafim_sp_status = partner._pronafim_sp_status_at(today, warning)

    def _pronafim_sp_status_at(self, today, warning):
        self.ensure_one()
        if self.pronafim_role != "imf":
            return False
        if self.pronafim_sp_date:
            if self.pronafim_sp_result not in rules.SOCIAL_EVALUATION_ACCEPTED_RESULTS:
                return "insufficient"
            if self.pronafim_sp_valid_until <= today:
                return "expired"
            if self.pronafim_sp_valid_until - warning <= today:
                return "expiring"
            return "valid"
        if not self.pronafim_sp_start_deadline:
            return "not_required"
        if self.pronafim_sp_started_date:
            return "started"
        if self.pronafim_sp_start_deadline < today:
            return "start_overdue"
        return "to_start"

    @api.model
    def _pronafim_today(self):
        return program_today(self)

    @api.constrains("pronafim_role", "pronafim_legal_form")
    def _check_pronafim_legal_form(self):
        labels = dict(LEGAL_FORMS)
        for partner in self:
            if (
                partner.pronafim_role == "imf"
                and partner.pronafim_legal_form in rules.IMF_EXCLUDED_LEGAL_FORMS
            ):
                raise ValidationError(
                    self.env._(
                        "Legal form %(form)s of %(partner)s: civil associations and societies "
                        "and private-assistance institutions cannot be IMF (§IV.2.B.i.a).",
                        form=labels[partner.pronafim_legal_form],
                        partner=partner.name,
                    )
                )

    # ---- CRUD ----

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("pronafim_role")._pronafim_sync_checklist()
        partners.filtered(lambda p: p.pronafim_net_portfolio)._pronafim_classify()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if "pronafim_role" in vals:
            self.filtered("pronafim_role")._pronafim_sync_checklist()
        if {"pronafim_net_portfolio", "pronafim_portfolio_date"} & set(vals):
            self._pronafim_classify()
        return res

    # ---- BUSINESS METHODS ----

    def _pronafim_sync_checklist(self):
        """Add the criteria of the partner's role that its checklist lacks (§IV.2.B)."""
        if not self:
            return
        items = self.env["pronafim.eligibility.item"].search([])
        vals_list = []
        for partner in self:
            present = set(partner.pronafim_eligibility_ids.item_id.ids)
            for item in items.filtered(lambda i, p=partner: i.role == p.pronafim_role):
                if item.id not in present:
                    vals_list.append({"partner_id": partner.id, "item_id": item.id})
        self.env["pronafim.partner.eligibility"].sudo().create(vals_list)

    def _pronafim_classify(self):
        """Set the size class from the net portfolio (§II table) and keep the dated row."""
        SizeClass = self.env["pronafim.size.class"]
        history = []
        for partner in self:
            size_class = SizeClass._classify(partner.pronafim_net_portfolio)
            partner.write({"pronafim_size_class_id": size_class.id})
            history.append(
                {
                    "partner_id": partner.id,
                    "date": partner.pronafim_portfolio_date or self._pronafim_today(),
                    "net_portfolio": partner.pronafim_net_portfolio,
                    "size_class_id": size_class.id,
                }
            )
        self.env["pronafim.size.history"].sudo().create(history)

    def _pronafim_missing_eligibility(self):
        """Criteria of the partner's role without evidence document and date."""
        self.ensure_one()
        self._pronafim_sync_checklist()
        return self.pronafim_eligibility_ids.filtered(
            lambda line: line.item_id.role == self.pronafim_role and not line.is_complete
        ).item_id

    def _pronafim_lock(self):
        """Serialize the operations that read and then change one institution's totals
        (§IX.3.b risk at formalization, the monthly report's month replaced).

        An UPDATE of the institutions' rows, not a SELECT ... FOR UPDATE: Odoo's
        transactions are REPEATABLE READ, so a transaction whose snapshot predates another's
        commit would get the lock and read stale totals. Touching the row makes it fail to
        serialize instead, and Odoo retries it with a fresh snapshot."""
        if self:
            self.env.cr.execute(
                "UPDATE res_partner SET write_date = write_date WHERE id IN %s",
                [tuple(self.commercial_partner_id.ids)],
            )

    def _pronafim_post_move(self, date, ref, amounts):
        """Post an entry on the trust's journal (the move's partner: ``self``, if one).

        ``amounts``: (role, signed amount, partner) triples, positive = debit; roles
        ``bank``, ``receivable``, ``interest``, ``moratory`` map to the company's PRONAFIM
        accounts. Nothing is posted (empty recordset) when no journal is configured.
        """
        company = self.env.company
        journal = company.pronafim_journal_id
        if not journal:
            return self.env["account.move"]
        accounts = {
            "bank": company.pronafim_bank_account_id or journal.default_account_id,
            "receivable": company.pronafim_receivable_account_id,
            "interest": company.pronafim_interest_account_id,
            "moratory": company.pronafim_moratory_account_id,
        }
        missing = sorted({role for role, _amount, _partner in amounts if not accounts[role]})
        if missing:
            raise UserError(
                self.env._("Set the PRONAFIM accounts of the company: %s", ", ".join(missing))
            )
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "partner_id": self[:1].id,
                    "date": date,
                    "ref": ref,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": accounts[role].id,
                                "partner_id": partner.id,
                                "name": ref,
                                "debit": amount if amount > 0 else 0.0,
                                "credit": -amount if amount < 0 else 0.0,
                            }
                        )
                        for role, amount, partner in amounts
                        if amount
                    ],
                }
            )
        )
        move.action_post()
        return move

    @api.model
    def _cron_social_evaluation_alerts(self):
        """Schedule one activity per institution whose §XI.g status needs attention.

        Idempotent: the status an activity was made for is remembered; a second run with
        the same status does nothing.
        """
        today = self._pronafim_today()
        warning = relativedelta(days=rules.SOCIAL_EVALUATION_WARNING_DAYS)
        alert = {"expiring", "expired", "insufficient", "start_overdue"}

        def alert_once(partner):
            status = partner._pronafim_sp_status_at(today, warning)
            key = status if status in alert else False
            if key == (partner.pronafim_sp_alerted or False):
                return
            partner.sudo().pronafim_sp_alerted = key
            if key:
                label = dict(SOCIAL_STATUS)[key]
                partner.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Social performance evaluation (§XI.g): %s", label),
                    user_id=partner.user_id.id or self.env.uid,
                )

        self.env["micro.scheduled.work"]._run_in_batches(
            self.search([("pronafim_role", "=", "imf")]),
            alert_once,
            label="PRONAFIM social performance evaluation alerts",
        )

    # ---- One person across programs (issue 9) ----
    # A person's micro-credits, emergency credits and complaints on their contact form (one
    # person across programs). Micro-credits reported by the IMFs and emergency applications
    # are found by the CURP; counts use the reader's own access.

    pronafim_microcredit_count = fields.Integer(
        string="Micro-credits", compute="_compute_pronafim_person_counts", groups=ANALYST
    )
    pronafim_emergency_count = fields.Integer(
        string="Emergency Credits", compute="_compute_pronafim_person_counts", groups=ANALYST
    )
    pronafim_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_pronafim_complaint_count", groups=COMPLAINTS
    )

    def _pronafim_curp(self):
        self.ensure_one()
        return self.identity_type == "curp" and self.identity_number

    def _pronafim_microcredit_domain(self):
        return [("curp", "=", self._pronafim_curp())]

    def _pronafim_emergency_domain(self):
        curp = self._pronafim_curp()
        by_partner = [("partner_id", "=", self._origin.id)]
        return ["|", *by_partner, ("curp", "=", curp)] if curp else by_partner

    def _pronafim_complaint_domain(self):
        return [
            "|",
            ("partner_id", "=", self._origin.id),
            ("institution_id", "=", self._origin.id),
        ]

    def _compute_pronafim_person_counts(self):
        Microcredit = self.env["pronafim.microcredit"]
        Emergency = self.env["pronafim.emergency.credit"]
        for partner in self:
            partner.pronafim_microcredit_count = (
                Microcredit.search_count(partner._pronafim_microcredit_domain())
                if partner._pronafim_curp()
                else 0
            )
            partner.pronafim_emergency_count = (
                Emergency.search_count(partner._pronafim_emergency_domain())
                if partner._origin.id
                else 0
            )

    def _compute_pronafim_complaint_count(self):
        Complaint = self.env["pronafim.complaint"]
        for partner in self:
            partner.pronafim_complaint_count = (
                Complaint.search_count(partner._pronafim_complaint_domain())
                if partner._origin.id
                else 0
            )

    def _pronafim_person_action(self, xml_id, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action.update(domain=domain, context={"create": False})
        return action

    @api.readonly
    def action_pronafim_person_microcredits(self):
        self.ensure_one()
        return self._pronafim_person_action(
            "pronafim_credit.pronafim_microcredit_action", self._pronafim_microcredit_domain()
        )

    @api.readonly
    def action_pronafim_person_emergency(self):
        self.ensure_one()
        return self._pronafim_person_action(
            "pronafim_credit.pronafim_emergency_credit_action", self._pronafim_emergency_domain()
        )

    @api.readonly
    def action_pronafim_person_complaints(self):
        self.ensure_one()
        return self._pronafim_person_action(
            "pronafim_credit.pronafim_complaint_action", self._pronafim_complaint_domain()
        )
