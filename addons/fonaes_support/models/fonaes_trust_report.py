from odoo import api, fields, models

from odoo.addons.micro_base.tools import periods

from ..tools import input_rules, rules


class FonaesTrustReport(models.Model):
    """Quarterly report of a trust: application of the federal resources, balance of the
    specific sub-account and the beneficiary list (Anexo X), due within the first 5
    business days after the quarter (§4.5.3.I.i/iv, §6.3.2.c)."""

    _name = "fonaes.trust.report"
    _description = "FONAES Trust Quarterly Report"
    _inherit = ["micro.input.mixin"]
    _order = "year desc, quarter desc"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "year": (input_rules.KIND_YEAR, "§4.5.3.I.i"),
        "subaccount_balance": (input_rules.KIND_AMOUNT, "§6.3.2.c"),
        "applied_amount": (input_rules.KIND_AMOUNT, "§4.3.2.I"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    agreement_id = fields.Many2one(
        "fonaes.agreement", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(related="agreement_id.partner_id", store=True)
    state_id = fields.Many2one(related="agreement_id.state_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    year = fields.Integer(required=True)
    quarter = fields.Selection([("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")], required=True)
    due_date = fields.Date(compute="_compute_due_date", store=True)
    received_date = fields.Date()
    late = fields.Boolean(compute="_compute_late", store=True)
    subaccount_balance = fields.Monetary(string="Sub-account Balance")
    applied_amount = fields.Monetary(string="Applied in the Quarter")
    beneficiary_ids = fields.One2many(
        "fonaes.trust.beneficiary", "report_id", string="Beneficiaries (Anexo X)"
    )

    _sql_constraints = [
        (
            "year_range",
            "CHECK(year BETWEEN 1991 AND 2100)",
            "The report year is outside FONAES's life (Reglas de Operación FONAES 2005, §1).",
        ),
        (
            "figures_nonnegative",
            "CHECK(COALESCE(subaccount_balance, 0) >= 0 AND COALESCE(applied_amount, 0) >= 0)",
            "Trust report figures cannot be negative (Reglas de Operación FONAES 2005, §4.3.2.I).",
        ),
        ("quarter_uniq", "unique(agreement_id, year, quarter)", "One report per quarter."),
    ]

    def _micro_input_record_name(self):
        self.ensure_one()
        return self.env._(
            "report Q%(quarter)s %(year)s of agreement %(agreement)s",
            quarter=self.quarter,
            year=self.year,
            agreement=self.agreement_id._fonaes_reference(),
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._micro_check_input(vals, creating=True)  # the shape first
        self._check_one_report_per_quarter(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if isinstance(vals, dict) and {"agreement_id", "year", "quarter"} & set(vals):
            self._micro_check_input(vals)  # the shape first
            self._check_one_report_per_quarter([vals], self)
        return super().write(vals)

    def _check_one_report_per_quarter(self, vals_list, reports=None):
        """One report per quarter of an agreement (§4.5.3.I.i): a second row of the same
        quarter, typed in the agreement's list, is refused naming the quarter, before the
        database's unique index answers with no row named."""
        for vals, report, (agreement, year, quarter) in self._micro_taken_keys(
            vals_list, ("agreement_id", "year", "quarter"), reports
        ):
            (report or self)._micro_raise(
                "quarter",
                f"Q{quarter} {year}",
                self.env._(
                    "agreement %s already has its report of that quarter; one report "
                    "per quarter",
                    # named only to a user who may read it
                    agreement._fonaes_reference()
                    if agreement.has_access("read")
                    else agreement.id,
                ),
                input_rules.source("§4.5.3.I.i"),
                record_name=None if report else self._micro_input_new_record_name(vals),
            )

    @api.depends("year", "quarter")
    def _compute_due_date(self):
        calendar = self.env["resource.calendar"].sudo()._get_official_calendar("MX")
        for report in self:
            if not (report.year and report.quarter):
                report.due_date = False
                continue
            end = periods.quarter_end(report.year, int(report.quarter))
            report.due_date = calendar.add_business_days(end, rules.TRUST_REPORT_BUSINESS_DAYS)

    @api.depends("due_date", "received_date")
    def _compute_late(self):
        for report in self:
            report.late = bool(
                report.received_date and report.due_date and report.received_date > report.due_date
            )


class FonaesTrustBeneficiary(models.Model):
    """A person supported through a trust (Anexo X)."""

    _name = "fonaes.trust.beneficiary"
    _description = "FONAES Trust Beneficiary (Anexo X)"
    _inherit = ["micro.input.mixin"]
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "birthdate": (input_rules.KIND_BIRTHDATE, "Anexo X"),
        "amount": (input_rules.KIND_AMOUNT, "Anexo X"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    def _micro_input_record_name(self):
        self.ensure_one()
        return self.env._(
            "beneficiary %(name)s of the %(report)s",
            name=" ".join(filter(None, [self.first_name, self.last_name, self.second_last_name])),
            report=self.report_id._micro_input_record_name(),
        )

    @api.model
    def _micro_input_new_record_name(self, vals):
        names = [vals.get(key) for key in ("first_name", "last_name", "second_last_name")]
        names = " ".join(name.strip() for name in names if isinstance(name, str) and name.strip())
        return super()._micro_input_new_record_name(vals, name=names)

    report_id = fields.Many2one("fonaes.trust.report", required=True, ondelete="cascade")
    state_id = fields.Many2one(related="report_id.state_id", store=True)
    currency_id = fields.Many2one(related="report_id.currency_id")
    identification = fields.Char(help="Official ID, CURP or RFC (Anexo X 1.1).")
    last_name = fields.Char(string="First Surname", required=True)
    second_last_name = fields.Char(string="Second Surname")
    first_name = fields.Char(string="Name", required=True)
    gender = fields.Selection([("female", "Woman"), ("male", "Man")])
    birthdate = fields.Date(string="Birth Date")
    municipality = fields.Char()
    beneficiary_code = fields.Char(help="Code given by the trust (Anexo X 2.1).")
    amount = fields.Monetary()
    project = fields.Char()
    _sql_constraints = [
        (
            "amount_nonnegative",
            "CHECK(COALESCE(amount, 0) >= 0)",
            "A beneficiary's amount cannot be negative (Reglas de Operación FONAES 2005, Anexo "
            "X).",
        ),
        (
            "birthdate_past",
            "CHECK(birthdate IS NULL OR birthdate >= '1900-01-01')",
            "A birth date cannot be before 1900.",
        ),
    ]
