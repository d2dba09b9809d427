from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import sql

from odoo.addons.micro_base.tools.amounts import compare_money

from ..tools import input_rules, rules

READERS = (
    "fonaes_support.fonaes_support_group_state_representative,"
    "fonaes_support.fonaes_support_group_accountant"
)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "micro.input.mixin"]
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "fonaes_equity": (input_rules.KIND_AMOUNT, "§4.3.1.3.C"),
        "fonaes_branch_count": (input_rules.KIND_COUNT, "§4.3.1.3.C"),
        "fonaes_extra_provision_pct": (input_rules.KIND_PCT, "Anexo XI §1"),
        "fonaes_additional_capital": (input_rules.KIND_AMOUNT, "Anexo XI §4.a"),
        "fonaes_sight_deposits": (input_rules.KIND_AMOUNT, "Anexo XI §5"),
        "fonaes_short_term_liabilities": (input_rules.KIND_AMOUNT, "Anexo XI §5"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    fonaes_role = fields.Selection(
        rules.BENEFICIARY_KINDS,
        string="FONAES Beneficiary Kind",
        tracking=True,
        help="Kind of beneficiary or intermediary under §4.5 and Anexo I.",
    )
    fonaes_member_ids = fields.One2many(
        "fonaes.partner.member", "partner_id", string="Roster (Padrón)"
    )
    fonaes_member_count = fields.Integer(
        string="Partners / Members",
        compute="_compute_fonaes_counts",
        store=True,
        help="Size of the roster, whoever looks at it (the roster itself is visible per "
        "state).",
    )
    fonaes_women_count = fields.Integer(
        string="Women", compute="_compute_fonaes_counts", store=True
    )
    fonaes_men_count = fields.Integer(string="Men", compute="_compute_fonaes_counts", store=True)
    fonaes_disabled_count = fields.Integer(
        string="Persons with Disabilities", compute="_compute_fonaes_counts", store=True
    )
    fonaes_mostly_disabled = fields.Boolean(
        string="Mostly Persons with Disabilities",
        compute="_compute_fonaes_counts",
        store=True,
        help="More than half of the members are persons with disabilities: preferential "
        "share of the project (§4.3.1, 'Atención a Empresas Sociales Integradas por "
        "Personas con Discapacidad').",
    )
    fonaes_worker_count = fields.Integer(
        string="Workers",
        tracking=True,
        help="Workers employed besides the partners: a social micro-enterprise has up to "
        "10 (Anexo I).",
    )
    fonaes_esc_id = fields.Many2one(
        "res.partner",
        string="Capitalization Enterprise (ESC)",
        domain=[("fonaes_role", "=", "esc")],
        help="ESC where the beneficiary pays its revolving repayments (§4.3.1.C, §4.4).",
    )
    fonaes_registration_date = fields.Date(
        string="FONAES Registration Renewed On",
        tracking=True,
        help="ESC and ESF registration with FONAES, renewed every year (§4.3.1.M).",
    )
    fonaes_registration_expiry = fields.Date(
        string="FONAES Registration Valid Until",
        compute="_compute_fonaes_registration_expiry",
        store=True,
    )
    fonaes_equity = fields.Monetary(
        string="Equity (Patrimonio)", currency_field="fonaes_currency_id", tracking=True
    )
    fonaes_currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    fonaes_branch_count = fields.Integer(string="Branches (Sucursales)", tracking=True)
    # Trust register (Anexo XIII).
    fonaes_trust_settlor = fields.Char(string="Settlor (Fideicomitente)")
    fonaes_trust_fiduciary = fields.Char(string="Fiduciary (Fiduciario)")
    fonaes_trust_beneficiaries = fields.Char(string="Trust Beneficiaries (Fideicomisarios)")
    fonaes_trust_constitution_date = fields.Date(string="Constitution Date")
    fonaes_trust_representative = fields.Char(string="Legal Representative")
    fonaes_in_breach = fields.Boolean(
        string="In Breach of the Rules",
        tracking=True,
        help="The beneficiary failed, by its own fault, the rules or its revolving "
        "commitments: no new support (§4.3.1.L).",
    )
    fonaes_channelling_suspended = fields.Boolean(
        string="Channelling Suspended",
        tracking=True,
        help="The intermediary breached a prudential rule: no new resources nor loans "
        "(Anexo XI §6).",
    )
    fonaes_extra_provision_pct = fields.Float(
        string="Additional Reserves Ordered (%)",
        tracking=True,
        help="Additional preventive reserves FONAES ordered for this intermediary (Anexo XI §1).",
    )
    fonaes_additional_capital = fields.Monetary(
        string="Additional Capital Required",
        currency_field="fonaes_currency_id",
        tracking=True,
        help="Capital FONAES requires of this intermediary beyond the 10 % rule, given the "
        "composition of its loans and its exposure (Anexo XI §4.a, last paragraph): added to "
        "its capital requirement at each month-end.",
    )
    fonaes_takes_deposits = fields.Boolean(
        string="Takes Deposits (Intermediario Captador)",
        tracking=True,
        help="The intermediary takes its members' or clients' savings. Only then does the "
        "liquidity ratio apply to it, and its breach suspend the channelling of resources "
        '(Anexo XI §5, "Intermediarios Captadores"; §6).',
    )
    fonaes_sight_deposits = fields.Monetary(
        string="Sight Deposits (< 30 Days)",
        currency_field="fonaes_currency_id",
        tracking=True,
        help="Liquid position of a deposit-taking intermediary (Anexo XI §5).",
    )
    fonaes_short_term_liabilities = fields.Monetary(
        string="Liabilities Due Within 30 Days",
        currency_field="fonaes_currency_id",
        tracking=True,
        help="Short-term liabilities of a deposit-taking intermediary (Anexo XI §5).",
    )
    fonaes_legacy_debt = fields.Boolean(
        string="Outstanding Debt from Earlier Supports",
        tracking=True,
        help="Counts as a first support unless force majeure made the refund impossible "
        "(§4.3.1.G).",
    )
    fonaes_behind_on_repayment = fields.Boolean(
        string="Behind on Revolving Repayment",
        compute="_compute_fonaes_behind_on_repayment",
        help="An installment of a revolving repayment schedule is due and unpaid (§4.3.1.G).",
    )

    # Personal data per program (issue 14): an individual beneficiary (persona física) is a
    # program person; fonaes's rules on res.partner reach them per state (as the roster).
    _sql_constraints = [
        (
            "fonaes_figures_valid",
            "CHECK(COALESCE(fonaes_equity, 0) >= 0 AND COALESCE(fonaes_branch_count, 0) >= 0 "
            "AND COALESCE(fonaes_extra_provision_pct, 0) BETWEEN 0 AND 100 AND "
            "COALESCE(fonaes_additional_capital, 0) >= 0 AND COALESCE(fonaes_sight_deposits, 0) "
            ">= 0 AND COALESCE(fonaes_short_term_liabilities, 0) >= 0)",
            "FONAES figures of a beneficiary cannot be negative and shares are between 0 and "
            "100 % (Reglas de Operación FONAES 2005, §4.3.1.3.C, Anexo XI).",
        ),
    ]

    @api.depends("fonaes_role")
    def _compute_micro_person(self):
        res = super()._compute_micro_person()
        for partner in self:
            if partner.fonaes_role == "persona_fisica":
                partner.micro_person = True
        return res

    def init(self):
        res = super().init()
        # Installing or upgrading on a database with individual beneficiaries: they are
        # program persons (micro_base computed the field before this addon extended it).
        if sql.column_exists(self.env.cr, "res_partner", "fonaes_role"):
            self.env.cr.execute(
                """UPDATE res_partner SET micro_person = TRUE
                    WHERE micro_person IS NOT TRUE AND fonaes_role = 'persona_fisica'"""
            )
        return res

    @api.model
    def _micro_program_field_groups(self):
        return {**super()._micro_program_field_groups(), "fonaes_": READERS}

    @api.depends("fonaes_member_ids.gender", "fonaes_member_ids.disability")
    def _compute_fonaes_counts(self):
        for partner in self:
            members = partner.fonaes_member_ids
            partner.fonaes_member_count = len(members)
            partner.fonaes_women_count = len(members.filtered(lambda m: m.gender == "female"))
            partner.fonaes_men_count = len(members.filtered(lambda m: m.gender == "male"))
            partner.fonaes_disabled_count = len(members.filtered("disability"))
            partner.fonaes_mostly_disabled = bool(members) and (
                partner.fonaes_disabled_count * 2 > len(members)
            )

    @api.depends("fonaes_registration_date")
    def _compute_fonaes_registration_expiry(self):
        for partner in self:
            partner.fonaes_registration_expiry = partner.fonaes_registration_date and (
                partner.fonaes_registration_date
                + relativedelta(months=rules.ESC_REGISTRATION_MONTHS)
            )

    def write(self, vals):
        """Only the general directorate clears a breach or an old debt: a representative
        who could untick them would open new supports (§4.3.1.L, §4.3.1.G)."""
        cleared = [
            name
            for name in ("fonaes_in_breach", "fonaes_legacy_debt")
            if name in vals and not vals[name] and any(self.mapped(name))
        ]
        if cleared and not (
            self.env.su
            or self.env.user.has_group("fonaes_support.fonaes_support_group_general_directorate")
        ):
            raise AccessError(
                self.env._(
                    "Only the FONAES general directorate clears %s.",
                    ", ".join(
                        self._fields[name].get_description(self.env)["string"] for name in cleared
                    ),
                )
            )
        return super().write(vals)

    def _fonaes_registration_in_force(self, day):
        """True when the yearly FONAES registration (ESC, ESF) covers ``day`` (§4.3.1.M)."""
        self.ensure_one()
        return bool(
            self.fonaes_registration_expiry
            and self.fonaes_registration_date <= day < self.fonaes_registration_expiry
        )

    def _fonaes_esc_registered(self, day):
        """True when ``self`` is an ESC whose yearly registration is in force on ``day``."""
        return bool(
            self
            and self.fonaes_role == "esc"
            and self.fonaes_registration_expiry
            and self.fonaes_registration_date <= day < self.fonaes_registration_expiry
        )

    def action_fonaes_renew_registration(self):
        """Renew the yearly ESC/ESF registration (§4.3.1.M): only with the information
        FONAES requires delivered — the four quarterly reports of the previous year."""
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.fonaes_role == "esc":
                received = self.env["fonaes.esc.report"].search_count(
                    [
                        ("esc_id", "=", partner.id),
                        ("year", "=", today.year - 1),
                        ("period", "in", ("1", "2", "3", "4")),
                        ("received_date", "!=", False),
                    ]
                )
                if partner.fonaes_registration_date and received < 4:
                    raise UserError(
                        self.env._(
                            "%(esc)s delivered %(count)s of the 4 quarterly reports of "
                            "%(year)s: the registration is renewed only with the required "
                            "information (§4.3.1.M, §4.5.3.G).",
                            esc=partner.name,
                            count=received,
                            year=today.year - 1,
                        )
                    )
            partner.fonaes_registration_date = today
        return True

    @api.readonly
    def action_fonaes_current_certificate(self):
        """Certificate of being current on revolving repayment (§4.3.1.G, §4.3.3 Req. D)."""
        self.ensure_one()
        if self.fonaes_behind_on_repayment:
            raise UserError(
                self.env._(
                    "%s is behind on its revolving repayment: no certificate of being "
                    "current can be issued.",
                    self.name,
                )
            )
        return self.env.ref("fonaes_support.fonaes_current_certificate_report").report_action(self)

    def _public_use_legend(self):
        return rules.PUBLIC_USE_LEGEND

    def _compute_fonaes_behind_on_repayment(self):
        behind = self._fonaes_behind_partner_ids()
        for partner in self:
            partner.fonaes_behind_on_repayment = partner.id in behind

    def _fonaes_behind_partner_ids(self):
        """Ids of ``self`` with a due and unpaid revolving installment (§4.3.1.G).

        An installment of a signed agreement whose due date has passed and that the ESC has
        not reported paid in full puts its beneficiary behind.
        """
        if not self.ids:
            return set()
        Line = self.env["fonaes.repayment.line"].sudo()
        groups = Line._read_group(
            [*Line._overdue_domain(), ("partner_id", "in", self.ids)],
            ["partner_id"],
            ["amount:sum", "paid_amount:sum", "written_off_amount:sum"],
        )
        return {
            partner.id
            for partner, due, paid, written_off in groups
            if compare_money(paid + written_off, due) < 0
        }

    # ---- One person across programs (issue 9) ----
    # A person's FONAES supports on their contact form (one person across programs): the
    # applications of the social enterprise itself, or of the enterprises whose roster lists
    # that person's CURP. Counted with the reader's own access (per-state rules apply).

    fonaes_application_count = fields.Integer(
        string="FONAES Supports", compute="_compute_fonaes_application_count", groups=READERS
    )

    def _fonaes_person_domain(self):
        self.ensure_one()
        domain = [("partner_id", "=", self._origin.id)]
        if self.identity_type == "curp" and self.identity_number:
            domain = [
                "|",
                *domain,
                ("partner_id.fonaes_member_ids.curp", "=", self.identity_number),
            ]
        return domain

    def _compute_fonaes_application_count(self):
        Application = self.env["fonaes.application"]
        for partner in self:
            partner.fonaes_application_count = (
                Application.search_count(partner._fonaes_person_domain())
                if partner._origin.id
                else 0
            )

    @api.readonly
    def action_fonaes_person_applications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "fonaes_support.fonaes_application_action"
        )
        action.update(domain=self._fonaes_person_domain(), context={"create": False})
        return action
