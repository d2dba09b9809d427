from odoo import api, fields, models
from odoo.tools import SQL

# Figures of a set of micro-credits (spec §5), in the order of the query of
# PronafimMicrocredit._figures_query.
_FIGURE_KEYS = (
    "count", "women", "rural", "priority", "special", "trained", "average_amount",
    "women_priority_amount", "women_trained", "max_rate",
)  # fmt: skip


class PronafimMicrocredit(models.Model):
    """A micro-credit granted by an IMF with program funds, from its monthly report."""

    _name = "pronafim.microcredit"
    _description = "Micro-credit (IMF report)"
    _order = "month desc, line_id, id"

    report_id = fields.Many2one(
        "pronafim.borrower.report", required=True, ondelete="cascade", index=True
    )
    commercial_partner_id = fields.Many2one(
        related="report_id.commercial_partner_id", store=True, index=True
    )
    month = fields.Date(related="report_id.month", store=True, index=True)
    line_id = fields.Many2one("pronafim.credit.line", string="Credit Line", index=True)
    curp = fields.Char(string="CURP", required=True)
    name = fields.Char(required=True)
    sex = fields.Selection([("female", "Female"), ("male", "Male")], required=True)
    currency_id = fields.Many2one(related="line_id.currency_id")
    amount = fields.Monetary()
    date = fields.Date()
    term_months = fields.Integer()
    rate = fields.Float(string="Annual Rate (%)")
    municipality_id = fields.Many2one("pronafim.municipality")
    rural = fields.Boolean(related="municipality_id.rural", store=True)
    priority_zone = fields.Boolean(related="municipality_id.priority_zone", store=True)
    special_attention_zone = fields.Boolean(
        related="municipality_id.special_attention_zone", store=True
    )
    activity = fields.Selection(
        [("industry", "Industry"), ("commerce", "Commerce"), ("services", "Services")]
    )
    workers = fields.Integer()
    trained = fields.Boolean()

    @api.model
    def _figures_by(self, column, ids):
        """Figures of the reported micro-credits per credit line or per report (one IMF
        and month), spec §5, in one query: ``{id: {"count", "women", "rural", "priority",
        "special", "trained", "average_amount", "women_priority_amount", "women_trained",
        "max_rate"}}``; the percentages are left to the caller."""
        if column not in ("line_id", "report_id"):
            raise ValueError(column)
        ids = tuple(i for i in ids if isinstance(i, int))
        if not ids:
            return {}
        rows = self._figures_query(
            SQL.identifier(column), SQL("%s IN %s", SQL.identifier(column), ids)
        )
        return {row[0]: dict(zip(_FIGURE_KEYS, row[1:], strict=True)) for row in rows}

    @api.model
    def _figures_between(self, date_from, date_to):
        """The same figures as :meth:`_figures_by` for every micro-credit reported for
        the months from ``date_from`` to ``date_to`` (all institutions and lines), in one
        query; ``{}`` when none was reported (the results matrix, seed 001 §XIII)."""
        rows = self._figures_query(SQL("1"), SQL("month BETWEEN %s AND %s", date_from, date_to))
        return dict(zip(_FIGURE_KEYS, rows[0][1:], strict=True)) if rows else {}

    def _figures_query(self, group, where):
        """Rows ``(group, *_FIGURE_KEYS)`` of the micro-credits matching ``where``."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT %(group)s, COUNT(*),
                       COUNT(*) FILTER (WHERE sex = 'female'),
                       COUNT(*) FILTER (WHERE rural),
                       COUNT(*) FILTER (WHERE priority_zone),
                       COUNT(*) FILTER (WHERE special_attention_zone),
                       COUNT(*) FILTER (WHERE trained),
                       COALESCE(AVG(amount), 0),
                       COALESCE(SUM(amount) FILTER (WHERE sex = 'female' AND priority_zone), 0),
                       COUNT(*) FILTER (WHERE sex = 'female' AND trained),
                       MAX(rate)
                  FROM pronafim_microcredit
                 WHERE %(where)s
                 GROUP BY %(group)s
                """,
                group=group,
                where=where,
            )
        )
        return self.env.cr.fetchall()
