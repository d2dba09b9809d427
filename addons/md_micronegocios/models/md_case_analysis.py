from odoo import fields, models, tools


class MdCaseAnalysis(models.Model):
    """Cases of the program as figures only (spec md_micronegocios §7): one row per case
    with its city, cycle, registration week, stage, drop-out reason and stage, and whether
    a diagnostic and a designed plan exist — no owner, business name or contact, so the
    observatory analysts can pivot them (registered per city per week, active, drop-outs
    by reason x stage, diagnostics and plans per city) without reading the cases."""

    _name = "md.case.analysis"
    _description = "Program Case Analysis"
    _auto = False
    _order = "id"

    cycle_id = fields.Many2one("md.cycle", string="Cycle", readonly=True)
    city_id = fields.Many2one("md.city", string="City", readonly=True)
    week = fields.Integer(string="Registration Week", readonly=True, aggregator=False)
    stage_id = fields.Many2one("crm.stage", string="Stage", readonly=True)
    is_active = fields.Boolean(string="Active", readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Drop-out Reason", readonly=True)
    dropout_stage_id = fields.Many2one("crm.stage", string="Stage at Drop-out", readonly=True)
    has_diagnostic = fields.Boolean(string="With Diagnostic", readonly=True)
    has_plan = fields.Boolean(string="With Designed Plan", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT l.id, l.md_cycle_id AS cycle_id, l.md_city_id AS city_id,
                       l.md_week AS week, l.stage_id, l.active AS is_active,
                       l.lost_reason_id, l.md_dropout_stage_id AS dropout_stage_id,
                       EXISTS (SELECT 1 FROM md_diagnostic d
                                WHERE d.lead_id = l.id AND d.state = 'done') AS has_diagnostic,
                       EXISTS (SELECT 1 FROM md_plan p
                                WHERE p.lead_id = l.id AND p.state != 'draft') AS has_plan,
                       1 AS case_count
                  FROM crm_lead l
                 WHERE l.md_is_case AND l.type = 'opportunity'
            )
            """
        )
