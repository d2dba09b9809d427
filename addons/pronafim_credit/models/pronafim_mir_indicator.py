from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from odoo.addons.micro_base.tools import periods

from ..tools import borrower_report, mir
from .pronafim_deadline import program_today

# Levels of a results matrix in the Metodología de Marco Lógico (logical framework
# methodology) that every federal program's MIR follows; seed 001 §XIII says the program's
# MIR exists and is part of the rules, the text we have stops before it.
MIR_LEVELS = [
    ("goal", "Goal (Fin)"),
    ("purpose", "Purpose (Propósito)"),
    ("component", "Component (Componente)"),
    ("activity", "Activity (Actividad)"),
]
# What the addon can measure from its own records: the spec §5 figures of the micro-credits
# reported by the IMFs (monthly reports, Anexo 3) and the credit lines' disposals and
# formalizations. Key -> (label, unit).
MEASURES = {
    "borrower_count": ("Micro-borrowers reported", "number"),
    "women_pct": ("Women among micro-borrowers (%)", "percent"),
    "rural_pct": ("Micro-borrowers in rural municipalities (%)", "percent"),
    "priority_pct": ("Micro-borrowers in priority zones (%)", "percent"),
    "special_pct": ("Micro-borrowers in special-attention zones (%)", "percent"),
    "training_pct": ("Micro-borrowers trained (%)", "percent"),
    "average_amount": ("Average micro-credit amount", "amount"),
    "amount_disposed": ("Amount disposed from credit lines", "amount"),
    "imf_formalized_count": ("Institutions with a credit line formalized", "number"),
}
UNITS = [("percent", "Percent"), ("number", "Number"), ("amount", "Amount (MXN)")]
FREQUENCIES = [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("yearly", "Yearly")]


class PronafimMirIndicator(models.Model):
    """An indicator of the program's results matrix (MIR, seed 001 §XIII), as staff keep it.

    The matrix itself (indicators, baselines, targets) is not in the text of the rules we
    have, so nothing of it is shipped: the program manager enters each indicator with its
    level, the measure it is computed from, its baseline and its target. Values per period
    are stored snapshots (``pronafim.mir.value``) written by :meth:`_compute_period`.
    """

    _name = "pronafim.mir.indicator"
    _description = "Results Matrix (MIR) Indicator"
    _inherit = ["mail.thread", "micro.input.mixin"]
    _order = "level_sequence, sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    level = fields.Selection(MIR_LEVELS, string="MIR Level", required=True, tracking=True)
    level_sequence = fields.Integer(compute="_compute_level_sequence", store=True)
    definition = fields.Text(
        help="The indicator's definition and method of calculation as "
        "written in the program's MIR."
    )
    measure = fields.Selection(
        [(key, label) for key, (label, _unit) in MEASURES.items()],
        required=True,
        tracking=True,
        help="The figure of the program's records the indicator is computed from.",
    )
    unit = fields.Selection(UNITS, compute="_compute_unit", store=True)
    frequency = fields.Selection(FREQUENCIES, required=True, tracking=True)
    baseline = fields.Float(digits=(16, 2), tracking=True, help="Entered from the MIR.")
    target = fields.Float(
        digits=(16, 2), required=True, tracking=True, help="Goal of the period, from the MIR."
    )
    active = fields.Boolean(default=True, tracking=True)
    value_ids = fields.One2many("pronafim.mir.value", "indicator_id", string="Values")
    value_count = fields.Integer(compute="_compute_value_count")

    @api.depends("level")
    def _compute_level_sequence(self):
        order = [key for key, _label in MIR_LEVELS]
        for indicator in self:
            indicator.level_sequence = order.index(indicator.level) if indicator.level else 0

    @api.depends("measure")
    def _compute_unit(self):
        for indicator in self:
            indicator.unit = MEASURES[indicator.measure][1] if indicator.measure else False

    def _compute_value_count(self):
        counts = dict(
            self.env["pronafim.mir.value"]._read_group(
                [("indicator_id", "in", self.ids)], ["indicator_id"], ["__count"]
            )
        )
        for indicator in self:
            indicator.value_count = counts.get(indicator, 0)

    @api.constrains("measure", "baseline", "target")
    def _check_target(self):
        messages = {
            "target_not_positive": self.env._("the target must be greater than zero"),
            "negative_baseline": self.env._("the baseline cannot be negative"),
            "percent_over_100": self.env._(
                "a percentage cannot exceed %(max)s %%", max=int(mir.MAX_PERCENT)
            ),
        }
        for indicator in self:
            errors = mir.target_errors(indicator.unit, indicator.baseline, indicator.target)
            if errors:
                raise ValidationError(
                    self.env._(
                        "Indicator %(name)s (baseline %(baseline)s, target %(target)s): "
                        "%(reasons)s.",
                        name=indicator.name,
                        baseline=indicator.baseline,
                        target=indicator.target,
                        reasons="; ".join(messages[e] for e in errors),
                    )
                )

    # ---- CRUD ----

    def write(self, vals):
        # The stored values were measured with the indicator's measure and periods: changing
        # them would leave history that no longer means what the indicator says.
        changing = [key for key in ("measure", "frequency") if key in vals]
        if changing:
            measured = self.filtered(
                lambda i: i.value_ids and any(i[key] != vals[key] for key in changing)
            )
            if measured:
                raise UserError(
                    self.env._(
                        "Indicator %(name)s already has values: its measure and frequency "
                        "cannot change. Archive it and create a new indicator.",
                        name=measured[0].name,
                    )
                )
        return super().write(vals)

    # ---- ACTIONS ----

    @api.readonly
    def action_open_compute(self):
        """The Compute Period dialog for these indicators."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pronafim_credit.pronafim_mir_compute_wizard_action"
        )
        action["context"] = {"default_indicator_ids": self.ids}
        return action

    @api.readonly
    def action_view_values(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pronafim_credit.pronafim_mir_value_action"
        )
        action["domain"] = [("indicator_id", "in", self.ids)]
        return action

    # ---- BUSINESS ----

    @api.model
    def _cron_compute_values(self):
        """Monthly: the value of every active indicator for the period (month, quarter or
        year to date) containing the month just closed. Each indicator in its own
        savepoint; a value already up to date is left untouched, so a second run changes
        nothing."""
        today = program_today(self)
        day = periods.previous_month_end(today)
        figures = {}
        return self.env["micro.scheduled.work"]._run_in_batches(
            self.search([]), lambda indicator: indicator._compute_period(day, figures)
        )

    def _compute_period(self, day, figures=None):
        """Store the value of each indicator for its period containing ``day``.

        A period's value is a snapshot: computing the period again replaces it (the
        existing record is updated, and only when a figure changed). The figures of a
        period are read once for all the indicators (three queries), whatever their
        number; ``figures`` is a ``{(date_from, date_to): figures}`` cache a caller may
        share between calls.

        :return: the ``pronafim.mir.value`` records of the periods computed
        """
        figures = {} if figures is None else figures
        Value = self.env["pronafim.mir.value"]
        wanted = {}
        for indicator in self:
            start, end = mir.period_bounds(day, indicator.frequency)
            if (start, end) not in figures:
                figures[start, end] = self._period_figures(start, end)
            # Stored with 2 decimals: compared rounded, so an unchanged figure is not rewritten.
            value = float_round(figures[start, end][indicator.measure], precision_digits=2)
            wanted[indicator.id, start] = {
                "indicator_id": indicator.id,
                "date_from": start,
                "date_to": end,
                "period": mir.period_label(start, indicator.frequency),
                "value": value,
                "baseline": indicator.baseline,
                "target": indicator.target,
            }
        if not wanted:
            return Value
        keys = set(wanted)
        existing = Value.search(
            [
                ("indicator_id", "in", self.ids),
                ("date_from", "in", list({start for _id, start in wanted})),
            ]
        )
        for record in existing:
            vals = wanted.pop((record.indicator_id.id, record.date_from), None)
            if vals is None:
                # Another indicator's period starts that day: this one was measured over
                # other months (its frequency has changed since); left as it was.
                continue
            changed = {
                key: new
                for key, new in vals.items()
                if key in ("value", "baseline", "target", "date_to", "period")
                and record[key] != new
            }
            if changed:
                record.write(changed)
        kept = existing.filtered(lambda r: (r.indicator_id.id, r.date_from) in keys)
        return kept | Value.create(list(wanted.values()))

    @api.model
    def _period_figures(self, date_from, date_to):
        """Every measure of :data:`MEASURES` for the period, in three queries: the spec §5
        figures of the micro-credits reported for its months (the borrower reports' own
        aggregate), the amount disposed from credit lines on its days, the institutions
        with a line formalized on its days (cancelled lines left out)."""
        Microcredit = self.env["pronafim.microcredit"]
        result = borrower_report.figures(Microcredit._figures_between(date_from, date_to))
        [(disposed,)] = self.env["pronafim.credit.disposal"]._read_group(
            [("date", ">=", date_from), ("date", "<=", date_to)], [], ["amount:sum"]
        )
        [(institutions,)] = self.env["pronafim.credit.line"]._read_group(
            [
                ("date_formalized", ">=", date_from),
                ("date_formalized", "<=", date_to),
                ("state", "!=", "cancelled"),
            ],
            [],
            ["commercial_partner_id:count_distinct"],
        )
        result["amount_disposed"] = float(disposed or 0.0)
        result["imf_formalized_count"] = institutions or 0
        return result
