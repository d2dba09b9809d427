from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import input_rules
from .fonaes_application import GRANTED_STATES

# Age groups of the partners (§9.1 "Socios por grupo de edad"; the rules do not fix the
# bands: these are the ones used here).
AGE_BANDS = [
    ("age_under_30", 0, 30),
    ("age_30_44", 30, 45),
    ("age_45_59", 45, 60),
    ("age_60_plus", 60, 200),
]


def _ratio(done, programmed):
    return done * 100.0 / programmed if programmed else 0.0


class FonaesIndicatorPeriod(models.Model):
    """Results indicators of §9.1 for a period: what was supported against what was
    programmed, women's enterprises, partners by sex and age group, and trusts."""

    _name = "fonaes.indicator.period"
    _description = "FONAES Results Indicators (§9.1)"
    _inherit = ["micro.input.mixin"]
    _order = "date_from desc"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "target_capital": (input_rules.KIND_COUNT, "§9.1"),
        "target_empowerment": (input_rules.KIND_COUNT, "§9.1"),
        "target_women": (input_rules.KIND_COUNT, "§9.1"),
        "target_trust_projects": (input_rules.KIND_COUNT, "§9.1"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    name = fields.Char(required=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    # ---- programmed (targets) ----
    target_capital = fields.Integer(string="Capital Projects Programmed")
    target_empowerment = fields.Integer(string="Empowerment Actions Programmed")
    target_women = fields.Integer(string="Women's Projects Programmed")
    target_trust_projects = fields.Integer(string="Trust Projects Programmed")
    # ---- achieved (computed) ----
    capital_supported = fields.Integer(compute="_compute_indicators")
    capital_pct = fields.Float(
        string="Capital: Supported / Programmed (%)", compute="_compute_indicators"
    )
    empowerment_done = fields.Integer(compute="_compute_indicators")
    empowerment_pct = fields.Float(
        string="Empowerment: Done / Programmed (%)", compute="_compute_indicators"
    )
    women_supported = fields.Integer(compute="_compute_indicators")
    women_pct = fields.Float(
        string="Women: Supported / Programmed (%)", compute="_compute_indicators"
    )
    women_previous_year = fields.Integer(
        string="Women's Projects, Same Period Last Year", compute="_compute_indicators"
    )
    women_growth_pct = fields.Float(
        string="Women: This Year / Last Year (%)", compute="_compute_indicators"
    )
    partners_women = fields.Integer(compute="_compute_indicators")
    partners_men = fields.Integer(compute="_compute_indicators")
    partners_women_pct = fields.Float(string="Women Partners (%)", compute="_compute_indicators")
    partners_men_pct = fields.Float(string="Men Partners (%)", compute="_compute_indicators")
    age_under_30 = fields.Integer(string="Partners under 30", compute="_compute_indicators")
    age_30_44 = fields.Integer(string="Partners 30-44", compute="_compute_indicators")
    age_45_59 = fields.Integer(string="Partners 45-59", compute="_compute_indicators")
    age_60_plus = fields.Integer(string="Partners 60 and over", compute="_compute_indicators")
    age_unknown = fields.Integer(
        string="Partners without Birth Date", compute="_compute_indicators"
    )
    trust_supported = fields.Integer(
        string="Trust Applications Supported", compute="_compute_indicators"
    )
    trust_complete = fields.Integer(
        string="Trust Applications with Complete File", compute="_compute_indicators"
    )
    trust_supported_pct = fields.Float(
        string="Trusts: Supported / Complete (%)", compute="_compute_indicators"
    )
    trust_projects = fields.Integer(
        string="Trust Projects Supported", compute="_compute_indicators"
    )
    trust_projects_pct = fields.Float(
        string="Trust Projects: Supported / Programmed (%)", compute="_compute_indicators"
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    subsidy_delivered = fields.Monetary(
        string="Subsidy Delivered to the Population", compute="_compute_indicators"
    )
    subsidy_channelled = fields.Monetary(
        string="Subsidy Channelled through Trusts", compute="_compute_indicators"
    )
    subsidy_pct = fields.Float(
        string="Trusts: Delivered / Channelled (%)", compute="_compute_indicators"
    )

    _sql_constraints = [
        (
            "targets_nonnegative",
            "CHECK(COALESCE(target_capital, 0) >= 0 AND COALESCE(target_empowerment, 0) >= 0 "
            "AND COALESCE(target_women, 0) >= 0 AND COALESCE(target_trust_projects, 0) >= 0)",
            "Programmed targets cannot be negative (Reglas de Operación FONAES 2005, §9.1).",
        ),
    ]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(
                    self.env._("Period %s: the end is before the start.", period.name)
                )

    def _granted(self, date_from, date_to, categories):
        return (
            self.env["fonaes.application"]
            .sudo()
            .search(
                [
                    ("state", "in", GRANTED_STATES),
                    ("support_category", "in", categories),
                    ("authorization_date", ">=", date_from),
                    ("authorization_date", "<=", date_to),
                ]
            )
        )

    @staticmethod
    def _is_women(partner):
        return partner.fonaes_women_count and not partner.fonaes_men_count

    @api.depends(
        "date_from",
        "date_to",
        "target_capital",
        "target_empowerment",
        "target_women",
        "target_trust_projects",
    )
    def _compute_indicators(self):
        Application = self.env["fonaes.application"].sudo()
        for period in self:
            start, end = period.date_from, period.date_to
            if not (start and end):
                for name, field in self._fields.items():
                    if field.compute == "_compute_indicators":
                        period[name] = 0
                continue
            capital = period._granted(start, end, ["capital"])
            empowerment = period._granted(start, end, ["ade", "procomer"])
            women = capital.filtered(lambda a: self._is_women(a.partner_id))
            last_year = period._granted(
                start - relativedelta(years=1), end - relativedelta(years=1), ["capital"]
            ).filtered(lambda a: self._is_women(a.partner_id))
            members = capital.partner_id.fonaes_member_ids
            period.update(
                {
                    "capital_supported": len(capital),
                    "capital_pct": _ratio(len(capital), period.target_capital),
                    "empowerment_done": len(empowerment),
                    "empowerment_pct": _ratio(len(empowerment), period.target_empowerment),
                    "women_supported": len(women),
                    "women_pct": _ratio(len(women), period.target_women),
                    "women_previous_year": len(last_year),
                    "women_growth_pct": _ratio(len(women), len(last_year)),
                }
            )
            women_members = members.filtered(lambda m: m.gender == "female")
            period.partners_women = len(women_members)
            period.partners_men = len(members) - len(women_members)
            period.partners_women_pct = _ratio(len(women_members), len(members))
            period.partners_men_pct = _ratio(len(members) - len(women_members), len(members))
            counts = dict.fromkeys([band for band, _low, _high in AGE_BANDS], 0)
            unknown = 0
            for member in members:
                if not member.birthdate:
                    unknown += 1
                    continue
                age = relativedelta(end, member.birthdate).years
                for band, low, high in AGE_BANDS:
                    if low <= age < high:
                        counts[band] += 1
            period.update({**counts, "age_unknown": unknown})
            trust_supported = period._granted(start, end, ["trust"])
            trust_complete = Application.search_count(
                [
                    ("support_category", "=", "trust"),
                    ("folio_number", "!=", False),
                    ("registration_date", ">=", start),
                    ("registration_date", "<=", end),
                ]
            )
            beneficiaries = (
                self.env["fonaes.trust.beneficiary"]
                .sudo()
                .search(
                    [
                        ("report_id.received_date", ">=", start),
                        ("report_id.received_date", "<=", end),
                    ]
                )
            )
            channelled = (
                self.env["fonaes.ministration"]
                .sudo()
                .search(
                    [
                        ("agreement_id.is_trust", "=", True),
                        ("state", "=", "posted"),
                        ("posted_date", ">=", start),
                        ("posted_date", "<=", end),
                    ]
                )
            )
            delivered = sum(beneficiaries.mapped("amount"))
            channelled_amount = sum(channelled.mapped("amount"))
            period.update(
                {
                    "trust_supported": len(trust_supported),
                    "trust_complete": trust_complete,
                    "trust_supported_pct": _ratio(len(trust_supported), trust_complete),
                    "trust_projects": len(beneficiaries),
                    "trust_projects_pct": _ratio(len(beneficiaries), period.target_trust_projects),
                    "subsidy_delivered": delivered,
                    "subsidy_channelled": channelled_amount,
                    "subsidy_pct": _ratio(delivered, channelled_amount),
                }
            )
