# Run by scripts/bench.sh inside `odoo-bin shell` (``env`` is given).
# md_micronegocios: every table of the program report (spec md_micronegocios §7) over
# 100,000 cases of one cycle (quality.md budget: ≤ 2 s). Synthetic data made in SQL (set-up,
# not measured), in the bulletin's proportions (seed 004): 13 % drop-outs with a reason and
# a stage, 86 % of the active with a diagnostic of 10 levers, 97 % of those with a plan of 5
# activities, 153 services. Then the figures (``_tables``) and the XLSX are timed. Rolled
# back at the end.
import time

env = env  # noqa: F821
N = 100_000
cr = env.cr
team = env.ref("md_micronegocios.crm_team_md")
cycle = env["md.cycle"].create({"name": "bench-analytics", "date_start": "2021-02-01"})
cities = env["md.city"].search([]).ids
stages = env["crm.stage"].search([("team_id", "=", team.id)]).ids
reasons = env["crm.lost.reason"].search([("name", "!=", False)]).ids
levers = env["md.lever"].search([]).ids
levels = env["md.level"].search([]).ids
questionnaire = env["md.questionnaire"].search([], limit=1).id
env.flush_all()
t0 = time.perf_counter()
cr.execute(
    """INSERT INTO crm_lead (name, type, team_id, md_is_case, md_cycle_id, md_city_id, md_week,
                             stage_id, active, lost_reason_id, md_dropout_stage_id)
       SELECT 'Micronegocio ' || n, 'opportunity', %(team)s, true, %(cycle)s,
              (%(cities)s::int[])[1 + n %% %(ncities)s], 1 + n %% 16,
              (%(stages)s::int[])[1 + n %% %(nstages)s], n %% 100 >= 13,
              CASE WHEN n %% 100 < 13 THEN (%(reasons)s::int[])[1 + n %% %(nreasons)s] END,
              CASE WHEN n %% 100 < 13 THEN (%(stages)s::int[])[1 + n %% %(nstages)s] END
         FROM generate_series(1, %(n)s) AS n""",
    {
        "team": team.id, "cycle": cycle.id, "cities": cities, "ncities": len(cities),
        "stages": stages, "nstages": len(stages), "reasons": reasons,
        "nreasons": len(reasons), "n": N,
    },
)  # fmt: skip
cr.execute(
    """INSERT INTO md_diagnostic (lead_id, questionnaire_id, state, city_id, cycle_id, week, date)
       SELECT id, %s, 'done', md_city_id, md_cycle_id, LEAST(md_week + 2, 16), '2021-03-15'
         FROM crm_lead WHERE md_cycle_id = %s AND active AND id %% 100 < 86""",
    [questionnaire, cycle.id],
)
cr.execute(
    """INSERT INTO md_diagnostic_line (diagnostic_id, lever_id, area_id, score, level_id,
                                       weakest, city_id, date)
       SELECT d.id, lever, 1, (d.id * 7 + lever * 13) %% 100,
              (%s::int[])[1 + ((d.id * 7 + lever * 13) %% 100) / 20], false, d.city_id, d.date
         FROM md_diagnostic d, unnest(%s::int[]) AS lever WHERE d.cycle_id = %s""",
    [levels, levers, cycle.id],
)
cr.execute(
    """INSERT INTO md_plan (lead_id, diagnostic_id, state, city_id, cycle_id, weeks,
                            requires_mentor, expected_count, registered_count, done_count,
                            designed_date)
       SELECT lead_id, id, (ARRAY['designed','followup','completed'])[1 + id %% 3],
              city_id, cycle_id, 10, id %% 100 < 56, 5, id %% 6, LEAST(id %% 6, 4),
              DATE '2021-02-15' + (id %% 90)::int
         FROM md_diagnostic WHERE cycle_id = %s AND id %% 100 < 97""",
    [cycle.id],
)
cr.execute(
    """INSERT INTO md_plan_md_mentor_rel (md_plan_id, md_mentor_id)
       SELECT p.id, m.id FROM md_plan p, (SELECT id FROM md_mentor LIMIT 1) m
        WHERE p.cycle_id = %s AND p.requires_mentor AND p.id %% 10 < 6""",
    [cycle.id],
)
cr.execute(
    """INSERT INTO md_plan_activity (plan_id, name, week, lever_id, responsible, state,
                                     city_id, sequence)
       SELECT p.id, 'Actividad', k, (%s::int[])[1 + (p.id + k) %% %s], 'owner',
              (ARRAY['planned','done','not_done'])[1 + (p.id + k) %% 3], p.city_id, 10
         FROM md_plan p, generate_series(1, 5) AS k WHERE p.cycle_id = %s""",
    [levers, len(levers), cycle.id],
)
cr.execute(
    """INSERT INTO md_service (key, name, entity, scope, city_id, permanent, url, status, active)
       SELECT 'bench-' || n, 'Servicio ' || n, 'Entidad', CASE WHEN n <= 125 THEN 'local'
              ELSE 'national' END, (%s::int[])[1 + n %% %s], n %% 3 > 0,
              'https://example.co', CASE WHEN n %% 3 > 0 THEN 'active' ELSE 'to_activate' END,
              true
         FROM generate_series(1, 153) AS n""",
    [cities, len(cities)],
)
for table in ("crm_lead", "md_diagnostic", "md_diagnostic_line", "md_plan", "md_plan_activity"):
    cr.execute(f"ANALYZE {table}")
counts = {}
for table in ("crm_lead", "md_diagnostic", "md_diagnostic_line", "md_plan", "md_plan_activity"):
    cr.execute(f"SELECT count(*) FROM {table}")
    counts[table] = cr.fetchone()[0]
print(f"set-up: {counts} in {time.perf_counter() - t0:.1f} s")
env.invalidate_all()

Report = env["md.program.report"]
Report._tables(cycle)  # warm-up (caches of fields and xml ids)
env.invalidate_all()
queries = cr.sql_log_count
t0 = time.perf_counter()
tables = Report._tables(cycle)
elapsed_tables = time.perf_counter() - t0
sql = cr.sql_log_count - queries
env.invalidate_all()
t0 = time.perf_counter()
wizard = env["md.program.report.wizard"].create({"cycle_id": cycle.id})
xlsx, _type = env["ir.actions.report"]._render_xlsx(
    "md_micronegocios.md_program_report_xlsx_action", wizard.ids, data=None
)
elapsed_xlsx = time.perf_counter() - t0
print(
    f"program report over {tables['registered']['total']:,} cases "
    f"({tables['dropouts']['total']:,} drop-outs, {tables['diagnostics']['total_with']:,} "
    f"diagnosed, {tables['plans']['totals']['designed']:,} plans, "
    f"{tables['activities']['expected']:,} activities expected): all §7 tables in "
    f"{elapsed_tables:.2f} s ({sql} SQL queries), XLSX ({len(xlsx):,} bytes) in "
    f"{elapsed_xlsx:.2f} s (budget 2 s)"
)
env.cr.rollback()
