from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import input_rules

LEVELS = [("national", "National"), ("state", "State"), ("municipal", "Municipal")]

# Application states whose requested amount is committed against the envelopes.
COMMITTING_STATES = ("registered", "validated", "evaluated", "authorized")


class FonaesBudget(models.Model):
    """A budget envelope of a fiscal year by support type: national, state or municipal.

    §4.5.1.C: supports are authorized only with budget sufficiency in the national, state
    and municipal allocation by support type; §6.3.1.II checks it at reception, before the
    folio. An application must fit every envelope that covers it.
    """

    _name = "fonaes.budget"
    _description = "FONAES Budget Envelope"
    _inherit = ["micro.input.mixin"]
    _order = "fiscal_year desc, support_type_id, level, state_id, municipality"
    # Checked where the value enters (tools/input_rules.py, micro.input.mixin).
    _fonaes_bounds = {
        "fiscal_year": (input_rules.KIND_YEAR, "§4.5.1.C"),
        "amount": (input_rules.KIND_AMOUNT, "§4.5.1.C"),
    }
    _input_ranges = input_rules.input_ranges(_fonaes_bounds)

    name = fields.Char(compute="_compute_name", store=True)
    fiscal_year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    support_type_id = fields.Many2one("fonaes.support.type", required=True, ondelete="restrict")
    level = fields.Selection(LEVELS, required=True, default="national")
    state_id = fields.Many2one("res.country.state", string="State")
    municipality = fields.Char()
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    amount = fields.Monetary(required=True)
    committed_amount = fields.Monetary(compute="_compute_committed_amount")
    available_amount = fields.Monetary(compute="_compute_committed_amount")

    _sql_constraints = [
        (
            "fiscal_year_range",
            "CHECK(fiscal_year BETWEEN 1991 AND 2100)",
            "The fiscal year is outside FONAES's life (Reglas de Operación FONAES 2005, §1).",
        ),
        (
            "amount_nonnegative",
            "CHECK(amount >= 0)",
            "A budget envelope cannot be negative (Reglas de Operación FONAES 2005, §4.5.1.C).",
        ),
        (
            "envelope_uniq",
            "unique(fiscal_year, support_type_id, level, state_id, municipality)",
            "There is already an envelope for this year, support type and scope.",
        ),
        ("amount_positive", "CHECK(amount >= 0)", "A budget envelope cannot be negative."),
    ]

    @api.depends("fiscal_year", "support_type_id", "level", "state_id", "municipality")
    def _compute_name(self):
        for budget in self:
            scope = budget.municipality or budget.state_id.name or budget.level
            budget.name = f"{budget.fiscal_year} {budget.support_type_id.code or ''} {scope}"

    def _compute_committed_amount(self):
        for budget in self:
            budget.committed_amount = budget._committed(excluding=None)
            budget.available_amount = budget.amount - budget.committed_amount

    @api.constrains("level", "state_id", "municipality")
    def _check_scope(self):
        for budget in self:
            if budget.level != "national" and not budget.state_id:
                raise ValidationError(
                    self.env._(
                        "Envelope %s: a state or municipal envelope needs its state.", budget.name
                    )
                )
            if budget.level == "municipal" and not budget.municipality:
                raise ValidationError(
                    self.env._(
                        "Envelope %s: a municipal envelope needs its municipality.", budget.name
                    )
                )

    def _application_domain(self):
        self.ensure_one()
        domain = [
            ("fiscal_year", "=", self.fiscal_year),
            ("support_type_id", "=", self.support_type_id.id),
            ("state", "in", COMMITTING_STATES),
        ]
        if self.level in ("state", "municipal"):
            domain.append(("state_id", "=", self.state_id.id))
        if self.level == "municipal":
            domain.append(("municipality", "=ilike", self.municipality))
        return domain

    def _committed(self, excluding=None):
        """Amount held by the applications with a folio inside this envelope: what they
        requested, or only what was delivered once their agreement ended early."""
        self.ensure_one()
        domain = self._application_domain()
        if excluding:
            domain.append(("id", "not in", excluding.ids))
        groups = (
            self.env["fonaes.application"].sudo()._read_group(domain, [], ["committed_amount:sum"])
        )
        return groups[0][0] if groups else 0.0

    @api.model
    def _envelopes_for(self, application):
        """Envelopes covering ``application`` (national, its state, its municipality)."""
        domain = [
            ("fiscal_year", "=", application.fiscal_year),
            ("support_type_id", "=", application.support_type_id.id),
            "|",
            "|",
            ("level", "=", "national"),
            "&",
            ("level", "=", "state"),
            ("state_id", "=", application.state_id.id),
            "&",
            "&",
            ("level", "=", "municipal"),
            ("state_id", "=", application.state_id.id),
            ("municipality", "=ilike", application.municipality or ""),
        ]
        return self.sudo().search(domain)
