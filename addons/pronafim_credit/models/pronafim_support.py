from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.micro_base.tools.amounts import format_money

from ..tools import rules
from .pronafim_support_rate import SUPPORT_KINDS

# Supports bound to the micro-credits placed through them, with the rule's section.
PLACEMENT_KINDS = {"access_points": "§VIII.2.B.iv", "promoters": "§VIII.2.B.v"}
ANALYST = "pronafim_credit.pronafim_credit_group_analyst"
#: What was authorized: fixed once authorized (the placements and the expense proven are
#: still reported until the reimbursement).
AUTHORIZED_FIELDS = (
    "name", "application_id", "partner_id", "kind", "currency_id", "project_cost",
    "beneficiaries", "committee_override", "criterion_zones", "criterion_training",
    "criterion_rate", "duration_months", "amount_authorized",
)  # fmt: skip


class PronafimSupport(models.Model):
    """A non-credit support (§VIII.2): caps by kind and size class, paid as reimbursement.

    Amounts exclude taxes and commissions (§IX.3.d): ``project_cost`` is the cost without
    them, and the support is paid back against proof of expense.
    """

    _name = "pronafim.support"
    _description = "Non-credit Support"
    _inherit = ["mail.thread", "micro.workflow.mixin", "micro.input.mixin"]
    _order = "id desc"
    _workflow_frozen = {"authorized": AUTHORIZED_FIELDS, "reimbursed": "__all__"}

    name = fields.Char(required=True)
    application_id = fields.Many2one("pronafim.application", tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Institution", required=True, domain=[("pronafim_role", "!=", False)]
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    size_class_id = fields.Many2one(
        related="partner_id.commercial_partner_id.pronafim_size_class_id"
    )
    kind = fields.Selection(SUPPORT_KINDS, required=True, tracking=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.MXN"), required=True
    )
    project_cost = fields.Monetary(
        string="Project Cost (without taxes and commissions)", required=True, tracking=True
    )
    beneficiaries = fields.Integer(string="Micro-entrepreneurs Trained")
    committee_override = fields.Boolean(
        string="Committee Set Another Cap",
        help="§VIII.2.A.i.a: 'o de acuerdo a lo que " "autorice el COMITÉ TÉCNICO'.",
    )
    criterion_zones = fields.Boolean(string="a) Priority / special-attention zones")
    criterion_training = fields.Boolean(string="b) Train at least 50 % of borrowers")
    criterion_rate = fields.Boolean(string="c) Rate at most the regional rate")
    duration_months = fields.Integer(string="Duration (months)")
    placed_count = fields.Integer(
        string="Micro-credits Placed",
        tracking=True,
        help="Access points / credit promoters: micro-credits placed there during the support "
        "(from the IMF's monthly reports, §VIII.2.B.iv/v).",
    )
    placed_program_count = fields.Integer(string="Of Which with Program Funds", tracking=True)
    placed_program_pct = fields.Float(
        string="Program-funded (%)", compute="_compute_placed_program_pct"
    )
    amount_max = fields.Monetary(string="Maximum Support", compute="_compute_amount_max")
    amount_authorized = fields.Monetary(tracking=True)
    amount_reimbursed = fields.Monetary(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("authorized", "Authorized"), ("reimbursed", "Reimbursed")],
        default="draft",
        tracking=True,
    )

    @api.depends("kind", "project_cost", "beneficiaries", "size_class_id", "committee_override")
    def _compute_amount_max(self):
        for support in self:
            support.amount_max = support._cap()[0]

    @api.depends("placed_count", "placed_program_count")
    def _compute_placed_program_pct(self):
        for support in self:
            placed = support.placed_count
            support.placed_program_pct = (
                support.placed_program_count * 100 / placed if placed > 0 else 0.0
            )

    def _rate(self):
        self.ensure_one()
        return (
            self.env["pronafim.support.rate"]
            .sudo()
            .search(
                [("kind", "=", self.kind), ("size_class_id", "=", self.size_class_id.id)], limit=1
            )
        )

    def _cap(self):
        """(maximum amount, explanation) of this support under the rules."""
        self.ensure_one()
        if self.kind == "training_population":
            by_cost = self.project_cost * rules.TRAINING_MAX_PCT / 100
            if self.committee_override:
                return by_cost, "§VIII.2.A.i.a"
            by_person = rules.TRAINING_MAX_PER_PERSON * (self.beneficiaries or 0)
            return min(by_cost, by_person), "§VIII.2.A.i.a"
        rate = self._rate()
        if not rate or not rate.applicable:
            return 0.0, rate.section or "§VIII.2.B"
        if rate.max_pct:
            return self.project_cost * rate.max_pct / 100, rate.section
        return self.project_cost, rate.section

    @api.constrains(
        "amount_authorized", "kind", "project_cost", "beneficiaries", "duration_months",
        "criterion_zones", "criterion_training", "criterion_rate", "placed_count",
        "placed_program_count",
    )  # fmt: skip
    def _check_caps(self):
        for support in self:

            def fmt(amount, support=support):
                return format_money(self.env, amount, support.currency_id)

            cap, section = support._cap()
            if support.kind not in ("training_population",) and not support.size_class_id:
                raise ValidationError(
                    self.env._("Set the institution's net portfolio (size class, §II) first.")
                )
            rate = support._rate()
            if support.kind != "training_population" and rate and not rate.applicable:
                raise ValidationError(
                    self.env._(
                        "%(kind)s does not apply to size class %(cls)s (%(section)s).",
                        kind=dict(SUPPORT_KINDS)[support.kind],
                        cls=support.size_class_id.name,
                        section=rate.section,
                    )
                )
            if float_compare(support.amount_authorized, cap, 2) > 0:
                raise ValidationError(
                    self.env._(
                        "Support %(value)s exceeds the maximum of %(cap)s (%(section)s).",
                        value=fmt(support.amount_authorized),
                        cap=fmt(cap),
                        section=section,
                    )
                )
            if support.kind in ("access_points", "promoters") and rate:
                met = sum(
                    (support.criterion_zones, support.criterion_training, support.criterion_rate)
                )
                if met < rate.min_criteria:
                    raise ValidationError(
                        self.env._(
                            "A %(cls)s institution must meet %(needed)s of the criteria a) to c); "
                            "%(met)s met (%(section)s).",
                            cls=support.size_class_id.name,
                            needed=rate.min_criteria,
                            met=met,
                            section=rate.section,
                        )
                    )
            if (
                support.kind in PLACEMENT_KINDS
                and support.duration_months > rules.ACCESS_POINTS_MAX_MONTHS
            ):
                raise ValidationError(
                    self.env._(
                        "Duration %(value)s months exceeds %(cap)s months (%(section)s).",
                        value=support.duration_months,
                        cap=rules.ACCESS_POINTS_MAX_MONTHS,
                        section=PLACEMENT_KINDS[support.kind],
                    )
                )
            if not 0 <= support.placed_program_count <= support.placed_count:
                raise ValidationError(
                    self.env._(
                        "Micro-credits with program funds (%(program)s) must be between 0 and "
                        "the micro-credits placed (%(placed)s).",
                        program=support.placed_program_count,
                        placed=support.placed_count,
                    )
                )

    def action_authorize(self):
        self._workflow_check_group(ANALYST)
        self._workflow_check_state("draft")
        for support in self:
            if support.amount_authorized <= 0:
                raise UserError(self.env._("Set the authorized amount."))
            support._workflow_write({"state": "authorized"}, ANALYST)
        return True

    def action_reimburse(self):
        """§IX.3.d: the support is paid as a reimbursement of the expense (taxes excluded)."""
        self._workflow_check_group(ANALYST)
        for support in self:
            if support.state != "authorized":
                raise UserError(self.env._("Only an authorized support can be reimbursed."))
            support._check_program_funded_placement()
            if float_compare(support.amount_reimbursed, support.amount_authorized, 2) > 0:
                raise UserError(
                    self.env._(
                        "Reimbursement %(value)s exceeds the authorized %(cap)s.",
                        value=format_money(
                            self.env, support.amount_reimbursed, support.currency_id
                        ),
                        cap=format_money(self.env, support.amount_authorized, support.currency_id),
                    )
                )
            support._workflow_write({"state": "reimbursed"}, ANALYST)
        return True

    def _check_program_funded_placement(self):
        """§VIII.2.B.iv / v: at least 50 % of the micro-credits placed at the access point or
        by the promoters are funded by the program. Checked before the reimbursement
        (§IX.3.d), which §XI.d subjects to the conditions being met."""
        self.ensure_one()
        if self.kind not in PLACEMENT_KINDS:
            return
        minimum = rules.PLACEMENT_PROGRAM_FUNDED_MIN_PCT
        if self.placed_count <= 0 or self.placed_program_pct < minimum:
            raise UserError(
                self.env._(
                    "Reimbursement refused (%(section)s): %(program)s of %(placed)s micro-credits "
                    "placed were funded by the program (%(pct).1f %%); at least %(min)s %% are "
                    "required.",
                    section=PLACEMENT_KINDS[self.kind],
                    program=self.placed_program_count,
                    placed=self.placed_count,
                    pct=self.placed_program_pct,
                    min=minimum,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(s.state != "draft" for s in self):
            raise UserError(self.env._("An authorized support cannot be deleted."))
