from odoo import api, fields, models, tools

from ..tools import input_rules
from ..tools import stages as stages_tool
from .md_plan import PLAN_STATES

#: Where a case is, for grouping (Yes / No headings say nothing in a pivot).
CASE_STATUSES = [("active", "Active"), ("dropped", "Dropped Out")]
#: The mentoring of the case's designed plan, for grouping.
MENTOR_STATUSES = [
    ("no_plan", "No Designed Plan"),
    ("not_needed", "No Mentor Needed"),
    ("pending", "Needs a Mentor, None Yet"),
    ("assigned", "With a Mentor"),
]


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
        "crm.stage": ["md_gate", "team_id"],
    }  # fmt: skip

    cycle_id = fields.Many2one("md.cycle", string="Cycle", readonly=True)
    city_id = fields.Many2one("md.city", string="City", readonly=True)
    week = fields.Integer(string="Registration Week Number", readonly=True, aggregator=False)
    # Pivot and graph headings: "Week 3", not "3" (issue 17).
    week_label = fields.Selection(
        selection="_selection_week_label", string="Registration Week", readonly=True
    )
    stage_id = fields.Many2one("crm.stage", string="Stage", readonly=True)
    bulletin_stage = fields.Selection(
        stages_tool.BULLETIN_STAGES,
        string="Bulletin Stage",
        readonly=True,
        help="The stage the case counts in among the six of the observatory's bulletin "
        "(its drop-outs table): the stage reached, or the one it dropped out at. The "
        "board's In Follow-up counts as Attention Plans Designed.",
    )
    is_active = fields.Boolean(string="Active", readonly=True)
    case_status = fields.Selection(CASE_STATUSES, string="Case Status", readonly=True)
    mentor_status = fields.Selection(MENTOR_STATUSES, string="Mentoring", readonly=True)
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

    @api.model
    def _selection_week_label(self):
        return [("00", self.env._("Outside the cycle"))] + [
            (f"{week:02d}", self.env._("Week %s", week))
            for week in range(1, input_rules.MAX_CYCLE_WEEKS + 1)
        ]

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The bulletin's stage from the board stage's requirement: the mapping's one home
        # is tools/stages.py, given to the query as parameters.
        gates = list(stages_tool.BULLETIN_STAGE_OF_GATE.items())
        bulletin_case = "CASE coalesce(s.md_gate, '') {} END".format(
            " ".join("WHEN %s THEN %s" for _gate in gates)
        )
        params = [value for gate, stage in gates for value in (gate or "", stage)]
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT l.id, l.md_cycle_id AS cycle_id, l.md_city_id AS city_id,
                       l.md_week AS week,
                       lpad(coalesce(l.md_week, 0)::text, 2, '0') AS week_label,
                       l.stage_id, l.active AS is_active,
                       CASE WHEN l.active THEN 'active' ELSE 'dropped' END AS case_status,
                       CASE WHEN s.id IS NULL THEN NULL ELSE {bulletin_case} END
                           AS bulletin_stage,
                       CASE WHEN p.id IS NULL THEN 'no_plan'
                            WHEN EXISTS (SELECT 1 FROM md_plan_md_mentor_rel r
                                          WHERE r.md_plan_id = p.id) THEN 'assigned'
                            WHEN p.requires_mentor THEN 'pending'
                            ELSE 'not_needed' END AS mentor_status,
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
                  -- the stage the case counts in: reached, or the one it dropped out at,
                  -- if it is a stage of the program's board
                  LEFT JOIN crm_stage s
                         ON s.id = CASE WHEN l.active THEN l.stage_id
                                        ELSE l.md_dropout_stage_id END
                        AND s.team_id = (SELECT res_id FROM ir_model_data
                                          WHERE module = 'md_micronegocios'
                                            AND name = 'crm_team_md')
                 WHERE l.md_is_case AND l.type = 'opportunity'
            )
            """,
            params,
        )
