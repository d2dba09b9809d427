# Run by scripts/bench.sh inside `odoo-bin shell` (``env`` is given).
# md_micronegocios: the facilitator's cases board with 100,000 cases in the database
# (quality.md budget: ≤ 30 SQL queries for the first page). The cases are copied in SQL
# from one case made with the ORM (set-up, not measured); 200 are the facilitator's own,
# the rest belong to 50 other facilitators. Rolled back at the end.
import time

from lxml import etree

env = env  # noqa: F821
N = 100_000
team = env.ref("md_micronegocios.crm_team_md")
group = env.ref("md_micronegocios.md_micronegocios_group_facilitator")
users = env["res.users"].create(
    [
        {
            "name": f"Bench facilitator {i}",
            "login": f"bench_kanban_{i}",
            "groups_id": [(6, 0, [group.id])],
        }
        for i in range(51)
    ]
)
me = users[0]
stages = env["crm.stage"].search([("team_id", "=", team.id)])
seed = (
    env["crm.lead"]
    .with_context(default_team_id=team.id, tracking_disable=True)
    .create({"name": "Micronegocio semilla", "type": "opportunity", "user_id": me.id})
)
env.flush_all()
t0 = time.perf_counter()
env.cr.execute(
    """SELECT column_name FROM information_schema.columns
        WHERE table_name = 'crm_lead'
          AND column_name NOT IN ('id', 'name', 'user_id', 'stage_id')"""
)
columns = ", ".join(f'"{c}"' for (c,) in env.cr.fetchall())
env.cr.execute(
    f"""INSERT INTO crm_lead (name, user_id, stage_id, {columns})
        SELECT 'Micronegocio ' || n,
               CASE WHEN n <= 200 THEN %s ELSE (%s)[1 + n %% 50] END,
               (%s)[1 + n %% %s],
               {columns}
          FROM crm_lead, generate_series(1, %s) AS n
         WHERE crm_lead.id = %s""",
    [me.id, users[1:].ids, stages.ids, len(stages), N - 1, seed.id],
)
env.cr.execute("ANALYZE crm_lead")
print(f"set-up: {N:,} cases in {time.perf_counter() - t0:.1f} s")

Lead = env["crm.lead"].with_user(me).with_context(default_team_id=team.id)
kanban_id = env.ref("md_micronegocios.crm_lead_view_kanban_md_case").id
view = Lead.get_views([(kanban_id, "kanban")])["views"]["kanban"]
spec = {}
for node in etree.fromstring(view["arch"]).iter("field"):
    field = Lead._fields[node.get("name")]
    spec[field.name] = {"fields": {"display_name": {}}} if field.relational else {}
domain = [("type", "=", "opportunity"), ("team_id", "=", team.id)]


def open_board():
    groups = Lead.web_read_group(domain, ["stage_id"], ["stage_id"], lazy=True)
    shown = 0
    for group_ in groups["groups"]:
        if group_["stage_id_count"]:
            shown += len(Lead.web_search_read(group_["__domain"], spec, limit=80)["records"])
    return len(groups["groups"]), shown


open_board()  # warm-up: as in the tests (@warmup), caches of rules and fields are filled
env.invalidate_all()
queries = env.cr.sql_log_count
t0 = time.perf_counter()
columns_count, shown = open_board()
elapsed = time.perf_counter() - t0
print(
    f"facilitator's board over {N:,} cases: {shown} of her cases in {columns_count} "
    f"columns, {env.cr.sql_log_count - queries} SQL queries (budget 30), {elapsed:.2f} s"
)
env.cr.rollback()
