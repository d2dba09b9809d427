from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import eligibility, input_rules, rules

CATEGORIES = [
    ("capital", "Productive Capital (§4.3.1)"),
    ("trust", "Funds and Trusts (§4.3.2)"),
    ("ade", "Business Development (ADE, §4.3.3.1)"),
    ("procomer", "PROCOMER (§4.3.3.2)"),
]


def _check_kind_codes(records, field_name):
    for record in records:
        codes = record._kind_codes(record[field_name])
        unknown = codes - rules.KIND_CODES
        if unknown:
            raise ValidationError(
                records.env._(
                    "%(record)s: unknown beneficiary kinds %(codes)s.",
                    record=record.display_name,
                    codes=", ".join(sorted(unknown)),
                )
            )


class FonaesSupportType(models.Model):
    """A support type of §4.3 with its rule figures; its table rows are the lines."""

    _name = "fonaes.support.type"
    _description = "FONAES Support Type"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "sequence, id"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "max_project_pct": (input_rules.KIND_PCT, "§4.3.1"),
        "disabled_max_project_pct": (input_rules.KIND_PCT, "§4.3.1"),
        "constitution_max_amount": (input_rules.KIND_AMOUNT, "§4.3.1.1.A"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(CATEGORIES, required=True)
    rule_section = fields.Char(required=True, help="Section of the rules defining it.")
    beneficiary_kinds = fields.Char(
        help="Comma-separated beneficiary kinds that may apply (empty: any kind)."
    )
    max_project_pct = fields.Float(
        tracking=True,
        string="Max. Share of Project (%)",
        help="FONAES's maximum share of the project's total value (0: no limit). A table "
        "row may set its own share.",
    )
    disabled_max_project_pct = fields.Float(
        tracking=True,
        string="Max. Share, Mostly Persons with Disabilities (%)",
        help="Preferential share for groups and enterprises made up mostly of persons with "
        "disabilities (§4.3.1: 80 %, 100 % for CTS).",
    )
    women_only = fields.Boolean(help="Only groups or enterprises made up only of women.")
    working_capital_only = fields.Boolean(
        string="No Fixed Assets",
        help="Never for fixed assets: CTS is working capital only (§4.3.1.1.A); Facultamiento "
        "Empresarial supports are not for fixed assets (§4.3.3.G).",
    )
    revolving = fields.Boolean(
        help="Revolving through the beneficiaries' ESC (§4.3.1.C); supports to ESF and ESC "
        "are not revolving."
    )
    once_only = fields.Boolean(help="Granted once per beneficiary.")
    opinion_always = fields.Boolean(
        string="Directorate Opinion Always",
        help="The general directorate's favorable opinion is needed whatever the amount.",
    )
    second_support_kinds = fields.Char(
        help="Comma-separated beneficiary kinds that may receive a second support of this "
        "type (IPM: social enterprises only, §4.3.1.5.D; empty: any allowed kind).",
    )
    constitution_max_amount = fields.Float(
        tracking=True,
        string="Max. Legal Constitution Costs",
        help="Part of a social group's request that may pay its legal constitution, to be "
        "done within six months (CTS §4.3.1.1.A, IPM §4.3.1.5.C: 5,000; 0: not allowed).",
    )
    line_ids = fields.One2many("fonaes.support.limit", "support_type_id", string="Table")

    _sql_constraints = [("code_uniq", "unique(code)", "The support type code must be unique.")]

    _sql_constraints = [
        (
            "figures_valid",
            "CHECK(COALESCE(max_project_pct, 0) BETWEEN 0 AND 100 AND "
            "COALESCE(disabled_max_project_pct, 0) BETWEEN 0 AND 100 AND "
            "COALESCE(constitution_max_amount, 0) >= 0)",
            "Shares are between 0 and 100 % and amounts cannot be negative (Reglas de Operación "
            "FONAES 2005, §4.3.1).",
        ),
    ]

    @api.constrains("beneficiary_kinds", "second_support_kinds")
    def _check_beneficiary_kinds(self):
        _check_kind_codes(self, "beneficiary_kinds")
        _check_kind_codes(self, "second_support_kinds")

    @api.model
    def _kind_codes(self, value):
        return {code.strip() for code in (value or "").split(",") if code.strip()}

    def _allows_kind(self, kind):
        self.ensure_one()
        codes = self._kind_codes(self.beneficiary_kinds)
        return not codes or kind in codes


class FonaesSupportLimit(models.Model):
    """One row of a support type's table: branch or service, amounts, revolving years."""

    _name = "fonaes.support.limit"
    _description = "FONAES Support Table Row"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "support_type_id, sequence, id"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "min_amount": (input_rules.KIND_AMOUNT, "§4.3.1"),
        "reference_amount": (input_rules.KIND_AMOUNT, "§4.3.3"),
        "max_amount": (input_rules.KIND_AMOUNT, "§4.3.1"),
        "opinion_max_amount": (input_rules.KIND_AMOUNT, "§4.3.1"),
        "regional_max_amount": (input_rules.KIND_AMOUNT, "§4.3.1.2.D.ii"),
        "max_project_pct": (input_rules.KIND_PCT, "§4.3.1"),
        "revolving_years_working": (input_rules.KIND_COUNT, "§4.3.1.E"),
        "revolving_years_fixed": (input_rules.KIND_COUNT, "§4.3.1.E"),
        "max_per_year": (input_rules.KIND_COUNT, "§4.3.3"),
        "max_cost_pct": (input_rules.KIND_PCT, "§4.3.3.2"),
        "max_budget_pct": (input_rules.KIND_PCT, "§4.3.1.3.A"),
        "min_partners": (input_rules.KIND_COUNT, "§4.3.1.3.C"),
        "min_equity": (input_rules.KIND_AMOUNT, "§4.3.1.3.C"),
        "branch_partners": (input_rules.KIND_COUNT, "§4.3.1.3.C"),
        "branch_equity": (input_rules.KIND_AMOUNT, "§4.3.1.3.C"),
        "max_units": (input_rules.KIND_COUNT, "§4.3.3.1"),
        "max_total_amount": (input_rules.KIND_AMOUNT, "§4.3.3.1"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    support_type_id = fields.Many2one(
        "fonaes.support.type", required=True, ondelete="cascade", index=True
    )
    category = fields.Selection(related="support_type_id.category", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Branch / Activity / Service", required=True, translate=True)
    rule_section = fields.Char(required=True)
    beneficiary_kinds = fields.Char(
        help="Comma-separated beneficiary kinds this row applies to (empty: any allowed)."
    )
    unit = fields.Char(translate=True, help="Unit of measure of a service (ADE/PROCOMER).")
    min_amount = fields.Float(tracking=True, string="Minimum Amount")
    reference_amount = fields.Float(
        tracking=True, help="Reference (or average) amount of a service."
    )
    max_amount = fields.Float(
        tracking=True,
        string="State Representative's Limit",
        required=True,
        help="Amount the state representative authorizes alone (the table's amount).",
    )
    opinion_band = fields.Boolean(
        string="Up to 1.5x with Directorate Opinion",
        tracking=True,
        help="The state representative may authorize up to 1.5 times the table's amount "
        "with the general directorate's favorable opinion first (Reglas de Operación FONAES "
        "2005, CTS §4.3.1.1.C.ii, CSR §4.3.1.2.D.ii, ACCIS empresa social §4.3.1.3.D.ii, "
        "IPM §4.3.1.5.E.ii).",
    )
    opinion_max_amount = fields.Float(
        string="Limit with Directorate Opinion",
        compute="_compute_opinion_max_amount",
        store=True,
        help="Ceiling with the general directorate's favorable opinion first: 1.5 times the "
        "state representative's limit where the rules allow it, otherwise that limit. "
        "Derived from the limit, never typed.",
    )
    regional_max_amount = fields.Float(
        tracking=True,
        string="Regional-impact Ceiling",
        help="Ceiling for projects tied to regional-impact schemes, with the directorate's "
        "favorable opinion first (5 M, §4.3.1.2.D.ii, §4.3.1.4.D.ii).",
    )
    max_project_pct = fields.Float(
        tracking=True,
        string="Max. Share of Project (%)",
        help="Overrides the support type's share.",
    )
    revolving_years_working = fields.Integer(
        tracking=True, string="Revolving Years (Working Capital, Deferred)"
    )
    revolving_years_fixed = fields.Integer(tracking=True, string="Revolving Years (Fixed Assets)")
    max_per_year = fields.Integer(
        tracking=True,
        string="Max. Times per Fiscal Year",
        help="Times the same beneficiary may receive this service in a fiscal year "
        "(ADE ≤ 3 §4.3.3.1.A; PROCOMER promotion ≤ 3, others once §4.3.3.2.B/F).",
    )
    max_cost_pct = fields.Float(
        tracking=True,
        string="Max. Share of Costs (%)",
        help="FONAES's maximum share of the event's costs (PROCOMER promotion 90 %).",
    )
    max_budget_pct = fields.Float(
        tracking=True,
        string="Max. Share of the Type's Budget (%)",
        help="Share of the support type's national budget this row may use (ACCIS persona "
        "física: 10 %, §4.3.1.3.A).",
    )
    min_partners = fields.Integer(
        tracking=True,
        string="More than ... Partners",
        help="The roster must have more partners than this (ESF: 200, §4.3.1.3.C).",
    )
    min_equity = fields.Float(
        tracking=True, string="Minimum Equity", help="ESF: 700 thousand (§4.3.1.3.C)."
    )
    branch_partners = fields.Integer(
        tracking=True,
        string="More Partners per Branch",
        help="ESF: more than 100 per branch (§4.3.1.3.C).",
    )
    branch_equity = fields.Float(
        tracking=True,
        string="More Equity per Branch",
        help="ESF: 400 thousand per branch (§4.3.1.3.C).",
    )
    opinion_required = fields.Boolean(
        string="Directorate Prior Opinion",
        help="This service always needs the general directorate's prior opinion, whatever "
        "the amount (ADE specialized studies and interns §4.3.3.1.D.v; PROCOMER market "
        "studies §4.3.3.2.G.i).",
    )
    max_units = fields.Integer(
        tracking=True,
        string="Max. Units per Application",
        help="Most units (months, participants) one application may ask for: technical "
        "assistance ≤ 10 months, third-party courses ≤ 2 participants per beneficiary "
        "(§4.3.3.1 table). 0: no limit. The table amounts are per unit.",
    )
    max_total_amount = fields.Float(
        tracking=True,
        string="Max. Total per Beneficiary and Year",
        help="Ceiling of everything this row gives one beneficiary in a fiscal year, over "
        "all its applications: technical assistance 100 / 150 thousand (§4.3.3.1 table).",
    )
    land_allowed = fields.Boolean(
        string="Land Purchase Allowed",
        help="Land may be bought, only to install the project's infrastructure, for rural "
        "agroindustry, extractive industry and trading companies (§4.3.1.F).",
    )
    results_report_after_first = fields.Boolean(
        help="From the second time in a year, a report of the previous event's results is "
        "required (§4.3.3.2.B)."
    )

    _sql_constraints = [
        (
            "amounts_nonnegative",
            "CHECK(COALESCE(min_amount, 0) >= 0 AND COALESCE(reference_amount, 0) >= 0 AND "
            "max_amount >= 0 AND COALESCE(opinion_max_amount, 0) >= 0 AND "
            "COALESCE(regional_max_amount, 0) >= 0 AND COALESCE(min_equity, 0) >= 0 AND "
            "COALESCE(branch_equity, 0) >= 0 AND COALESCE(max_total_amount, 0) >= 0)",
            "A table amount cannot be negative (Reglas de Operación FONAES 2005, §4.3.1).",
        ),
        (
            "shares_range",
            "CHECK(COALESCE(max_project_pct, 0) BETWEEN 0 AND 100 AND COALESCE(max_cost_pct, 0) "
            "BETWEEN 0 AND 100 AND COALESCE(max_budget_pct, 0) BETWEEN 0 AND 100)",
            "A share is between 0 and 100 % (Reglas de Operación FONAES 2005, §4.3.1).",
        ),
        (
            "counts_nonnegative",
            "CHECK(COALESCE(revolving_years_working, 0) >= 0 AND "
            "COALESCE(revolving_years_fixed, 0) >= 0 AND COALESCE(max_per_year, 0) >= 0 AND "
            "COALESCE(min_partners, 0) >= 0 AND COALESCE(branch_partners, 0) >= 0 AND "
            "COALESCE(max_units, 0) >= 0)",
            "A table count cannot be negative (Reglas de Operación FONAES 2005, §4.3.1).",
        ),
    ]

    def init(self):
        # Rows of databases older than ``opinion_band`` had the 1.5x ceiling typed in:
        # keep their reading, then derive every ceiling from its limit (one factor).
        self.env.cr.execute(
            "UPDATE fonaes_support_limit SET opinion_band = (opinion_max_amount > max_amount) "
            "WHERE opinion_band IS NULL"
        )
        self.env.cr.execute(
            "UPDATE fonaes_support_limit SET opinion_max_amount = CASE WHEN opinion_band "
            "THEN max_amount * %s ELSE max_amount END",
            [eligibility.OPINION_CEILING_FACTOR],
        )

    @api.depends("max_amount", "opinion_band")
    def _compute_opinion_max_amount(self):
        for row in self:
            row.opinion_max_amount = eligibility.opinion_ceiling(row.max_amount, row.opinion_band)

    @api.constrains("beneficiary_kinds")
    def _check_beneficiary_kinds(self):
        _check_kind_codes(self, "beneficiary_kinds")

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse_typed_ceiling(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_typed_ceiling([vals])
        return super().write(vals)

    @api.model
    def _refuse_typed_ceiling(self, vals_list):
        """The ceiling with the directorate's opinion is derived from the limit: a typed
        value would go stale when the limit changes."""
        for vals in vals_list:
            if "opinion_max_amount" in vals:
                self._micro_check_input({"opinion_max_amount": vals["opinion_max_amount"]})
                raise UserError(
                    self.env._(
                        "The Limit with Directorate Opinion is derived from the State "
                        "Representative's Limit (%(factor)s times where the rules allow it, "
                        "Reglas de Operación FONAES 2005, §4.3.1.1.C.ii): change the limit "
                        "or the option instead.",
                        factor=eligibility.OPINION_CEILING_FACTOR,
                    )
                )

    @api.model
    def _kind_codes(self, value):
        return self.env["fonaes.support.type"]._kind_codes(value)

    def _allows_kind(self, kind):
        self.ensure_one()
        codes = self._kind_codes(self.beneficiary_kinds)
        return not codes or kind in codes

    def _max_project_pct(self, mostly_disabled=False):
        """Maximum FONAES share (%) of the project for this row (0: no limit)."""
        self.ensure_one()
        support = self.support_type_id
        if mostly_disabled and support.disabled_max_project_pct:
            return support.disabled_max_project_pct
        return self.max_project_pct or support.max_project_pct

    def _authorization_level(self, amount, regional_impact=False):
        """See :func:`..tools.rules.authorization_level`."""
        self.ensure_one()
        return rules.authorization_level(
            amount,
            self.max_amount,
            self.opinion_max_amount,
            self.regional_max_amount,
            regional_impact,
        )
