# Run by scripts/bench.sh inside `odoo-bin shell` (``env`` is given).
# md_micronegocios: batch generation of diagnostics and attention plans for 5,000 cases
# (quality.md budget: ≤ 60 s on a 2-core machine). Set-up (cases, answered
# questionnaires) is not timed; the generation runs as a coordinator would trigger it,
# tracking and chatter included. Everything is rolled back at the end.
import random
import time

env = env  # noqa: F821
N = 5_000
rng = random.Random(7)
team = env.ref("md_micronegocios.crm_team_md")
facilitator = env["res.users"].create(
    {
        "name": "Bench facilitator",
        "login": "bench_md_facilitator",
        "groups_id": [(6, 0, [env.ref("md_micronegocios.md_micronegocios_group_facilitator").id])],
    }
)
quiet = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
t0 = time.perf_counter()
leads = (
    env["crm.lead"]
    .with_context(default_team_id=team.id, **quiet)
    .create(
        [
            {"name": f"Micronegocio {i}", "type": "opportunity", "user_id": facilitator.id}
            for i in range(N)
        ]
    )
)
diagnostics = (
    env["md.diagnostic"].with_context(**quiet).create([{"lead_id": lead.id} for lead in leads])
)
answers = {}
for answer in env["md.question.answer"].search([]):
    answers.setdefault(answer.question_id.id, []).append(answer.id)
env.flush_all()
env.cr.execute(
    "SELECT id, question_id FROM md_diagnostic_response WHERE diagnostic_id = ANY(%s)",
    [diagnostics.ids],
)
rows = [(rng.choice(answers[question]), rid) for rid, question in env.cr.fetchall()]
env.cr.executemany("UPDATE md_diagnostic_response SET answer_id = %s WHERE id = %s", rows)
env.invalidate_all()
print(f"set-up: {N:,} cases, {len(rows):,} answers in {time.perf_counter() - t0:.1f} s")

t0 = time.perf_counter()
diagnostics.action_generate()
env.flush_all()
t1 = time.perf_counter()
plans = env["md.plan"]._create_from_diagnostics(diagnostics)
env.flush_all()
t2 = time.perf_counter()
activities = sum(len(plan.plan_activity_ids) for plan in plans)
print(
    f"{N:,} diagnostics generated in {t1 - t0:.1f} s; {len(plans):,} plans "
    f"({activities:,} activities) in {t2 - t1:.1f} s; total {t2 - t0:.1f} s (budget 60 s)"
)
env.cr.rollback()
