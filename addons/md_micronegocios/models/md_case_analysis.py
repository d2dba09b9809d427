from odoo import fields, models, tools

from .md_plan import PLAN_STATES


class MdCaseAnalysis(models.Model):
    """Cases of the program as figures only (spec md_micronegocios §7): one row per case
    with its city, cycle, registration week, stage, drop-out reason and stage, and whether
    a diagnostic and a designed plan exist, and the figures of that plan (mentor need and
    cover, activities expected / registered / done) — no owner, business name, contact or
    free text, so the observatory analysts can pivot them (registered per city per week,
    active, drop-outs by reason x stage, diagnostics, plans and mentors per city) without
    reading the cases, plans or diagnostics themselves."""

    _name = "md.case.analysis"
    _description = "Program Case Analysis"
    _auto = False
    _order = "id"
    # Tables the view reads: their pending changes are flushed before it is queried.
    _depends = {
        "crm.lead": [
            "md_is_case", "type", "md_cycle_id", "md_city_id", "md_week", "stage_id",
            "active", "lost_reason_id", "md_dropout_stage_id",
        ],
        "md.diagnostic": ["lead_id", "state"],
        "md.plan": [
            "lead_id", "state", "requires_mentor", "mentor_ids", "expected_count",
            "registered_count", "done_count",
        ],
    }  # fmt: skip

    cycle_id = fields.Many2one("md.cycle", string="Cycle", readonly=True)
    city_id = fields.Many2one("md.city", string="City", readonly=True)
    week = fields.Integer(string="Registration Week", readonly=True, aggregator=False)
    stage_id = fields.Many2one("crm.stage", string="Stage", readonly=True)
    is_active = fields.Boolean(string="Active", readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Drop-out Reason", readonly=True)
    dropout_stage_id = fields.Many2one("crm.stage", string="Stage at Drop-out", readonly=True)
    has_diagnostic = fields.Boolean(string="With Diagnostic", readonly=True)
    has_plan = fields.Boolean(string="With Designed Plan", readonly=True)
    plan_state = fields.Selection(PLAN_STATES, string="Plan Status", readonly=True)
    requires_mentor = fields.Boolean(string="Plan Requires a Mentor", readonly=True)
    has_mentor = fields.Boolean(string="Plan With Mentor", readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True)
    activities_expected = fields.Integer(string="Activities Expected", readonly=True)
    activities_registered = fields.Integer(string="Activities Registered", readonly=True)
    activities_done = fields.Integer(string="Activities Done", readonly=True)

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
                       p.id IS NOT NULL AS has_plan,
                       p.state AS plan_state,
                       coalesce(p.requires_mentor, FALSE) AS requires_mentor,
                       EXISTS (SELECT 1 FROM md_plan_md_mentor_rel r
                                WHERE r.md_plan_id = p.id) AS has_mentor,
                       1 AS case_count,
                       coalesce(p.expected_count, 0) AS activities_expected,
                       coalesce(p.registered_count, 0) AS activities_registered,
                       coalesce(p.done_count, 0) AS activities_done
                  FROM crm_lead l
                  -- the case's latest designed plan (the one its figures count)
                  LEFT JOIN LATERAL (
                      SELECT id, state, requires_mentor, expected_count, registered_count,
                             done_count
                        FROM md_plan
                       WHERE lead_id = l.id AND state != 'draft'
                       ORDER BY id DESC
                       LIMIT 1
                  ) p ON TRUE
                 WHERE l.md_is_case AND l.type = 'opportunity'
            )
            """
        )
