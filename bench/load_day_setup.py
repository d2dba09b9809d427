# Run by bench/load_day.sh inside `odoo-bin shell` (``env`` is given) before each load run:
# the people and data of a realistic day, committed (the load test runs against a server).
#   - LOAD_FACILITATORS facilitators (login/password load_fac_<i>), each with
#     LOAD_CASES cases of the current cycle with their owner's contact;
#   - LOAD_BACKGROUND more cases of other facilitators copied in SQL (the board and the
#     program report read them);
#   - LOAD_ANALYSTS observatory analysts (load_analyst_<i>);
#   - one IMF (portal user load_imf) with a formalized PRONAFIM credit line, and its
#     monthly report file of LOAD_IMF_ROWS rows for last month.
# Made once (ir.config_parameter "load_day.setup"); a later run only clears what the
# previous run uploaded and writes the description read by bench/load_day.py.
import datetime
import json
import os
import random
import time

from stdnum.mx import curp as mx_curp

from odoo import fields

env = env  # noqa: F821 - provided by odoo shell
t0 = time.perf_counter()
FACILITATORS = int(os.environ.get("LOAD_FACILITATORS", 20))
CASES = int(os.environ.get("LOAD_CASES", 40))
BACKGROUND = int(os.environ.get("LOAD_BACKGROUND", 20_000))
ANALYSTS = int(os.environ.get("LOAD_ANALYSTS", 2))
IMF_ROWS = int(os.environ.get("LOAD_IMF_ROWS", 10_000))
OUT = os.environ["LOAD_SPEC"]
rng = random.Random(11)
today = fields.Date.context_today(env["res.users"])
quiet = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
Users = env["res.users"].with_context(no_reset_password=True, **quiet)
team = env.ref("md_micronegocios.crm_team_md")
cities = env["md.city"].search([])
param = env["ir.config_parameter"].sudo()


def user(login, groups, **extra):
    found = Users.search([("login", "=", login)])
    if found:
        return found
    return Users.create(
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "password": login,
            "groups_id": [(6, 0, [env.ref(g).id for g in groups])],
            **extra,
        }
    )


# ---- UNIMINUTO: cycle, facilitators and their cases, analysts ----
cycle = env["md.cycle"].search([("name", "=", "Load day")])
if not cycle:
    cycle = env["md.cycle"].create(
        {"name": "Load day", "date_start": today - datetime.timedelta(weeks=6)}
    )
facilitators = env["res.users"]
for i in range(FACILITATORS):
    facilitators |= user(
        f"load_fac_{i}",
        ["md_micronegocios.md_micronegocios_group_facilitator"],
        md_city_id=cities[i % len(cities)].id,
    )
analysts = env["res.users"]
for i in range(ANALYSTS):
    analysts |= user(f"load_analyst_{i}", ["md_micronegocios.md_micronegocios_group_analyst"])
Lead = env["crm.lead"].with_context(default_team_id=team.id, **quiet)
for fac in facilitators:
    have = Lead.search_count([("user_id", "=", fac.id), ("md_cycle_id", "=", cycle.id)])
    if have >= CASES:
        continue
    partners = env["res.partner"].create(
        [{"name": f"Dueña {fac.login} {n}"} for n in range(have, CASES)]
    )
    Lead.create(
        [
            {
                "name": f"Micronegocio {partner.name}",
                "type": "opportunity",
                "team_id": team.id,
                "user_id": fac.id,
                "partner_id": partner.id,
                "md_cycle_id": cycle.id,
                "md_city_id": fac.md_city_id.id,
            }
            for partner in partners
        ]
    )
env.flush_all()
env.cr.execute(
    "SELECT count(*) FROM crm_lead WHERE md_cycle_id = %s AND user_id IS NULL", [cycle.id]
)
background = env.cr.fetchone()[0]
if background < BACKGROUND:
    stages = env["crm.stage"].search([("team_id", "=", team.id)])
    seed = Lead.search([("user_id", "=", facilitators[0].id)], limit=1)
    env.cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'crm_lead'
              AND column_name NOT IN ('id', 'name', 'user_id', 'stage_id', 'partner_id',
                                      'md_city_id', 'md_week')"""
    )
    columns = ", ".join(f'"{c}"' for (c,) in env.cr.fetchall())
    env.cr.execute(
        f"""INSERT INTO crm_lead (name, user_id, partner_id, stage_id, md_city_id, md_week,
                                  {columns})
            SELECT 'Micronegocio de fondo ' || n, NULL, NULL, (%s)[1 + n %% %s],
                   (%s)[1 + n %% %s], 1 + n %% 6, {columns}
              FROM crm_lead, generate_series(1, %s) AS n
             WHERE crm_lead.id = %s""",
        [stages.ids, len(stages), cities.ids, len(cities), BACKGROUND - background, seed.id],
    )
    env.cr.execute("ANALYZE crm_lead")

# ---- PRONAFIM: an IMF, its portal user, a formalized line, last month's report ----
imf = env["res.partner"].search([("name", "=", "IMF Load day")])
if not imf:
    imf = env["res.partner"].create(
        {"name": "IMF Load day", "is_company": True, "pronafim_role": "imf"}
    )
contact = env["res.partner"].search([("parent_id", "=", imf.id)], limit=1) or env[
    "res.partner"
].create({"name": "Analista de la IMF", "parent_id": imf.id})
user(
    "load_imf",
    ["base.group_portal", "pronafim_credit.pronafim_credit_group_imf_portal"],
    partner_id=contact.id,
)
line = env["pronafim.credit.line"].search(
    [("commercial_partner_id", "=", imf.id), ("state", "=", "formalized")], limit=1
)
if not line:
    app = env["pronafim.application"].create({"partner_id": imf.id, "application_type": "credit"})
    line = env["pronafim.credit.line"].create(
        {
            "application_id": app.id,
            "credit_type_id": env.ref("pronafim_credit.credit_type_simple").id,
            "amount": 100_000_000,
            "term_months": 36,
        }
    )
    env.flush_all()
    # Set-up, not the workflow under test: the line is formalized in SQL.
    env.cr.execute(
        "UPDATE pronafim_application SET state = 'formalized', outcome = 'authorized' "
        "WHERE id = %s",
        [app.id],
    )
    env.cr.execute(
        "UPDATE pronafim_credit_line SET state = 'formalized', date_formalized = %s "
        "WHERE id = %s",
        [today - datetime.timedelta(days=90), line.id],
    )
    env.invalidate_all()
if env["pronafim.municipality"].search_count([]) < 200:
    env["pronafim.municipality"].create(
        [
            {"code": f"9{i:04d}", "name": f"Municipio {i}", "population": 1000 * (1 + i % 300)}
            for i in range(200)
        ]
    )
codes = env["pronafim.municipality"].search([], limit=200).mapped("code")
# What the previous run uploaded goes, so that the same month can be uploaded again.
env.cr.execute(
    "DELETE FROM pronafim_microcredit WHERE report_id IN "
    "(SELECT id FROM pronafim_borrower_report WHERE partner_id = %s)",
    [imf.id],
)
env.cr.execute("DELETE FROM pronafim_borrower_report WHERE partner_id = %s", [imf.id])
month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
CONSONANTS = "BCDFGHJKLMNPQRSTVWXZ"


def make_curp(i):
    year, mon, day, sex = 60 + i % 40, 1 + (i // 40) % 12, 1 + (i // 480) % 28, "HM"[i % 2]
    base = f"LOMA{year:02d}{mon:02d}{day:02d}{sex}DFRR{CONSONANTS[(i // 13440) % 20]}0"
    return base + mx_curp.calc_check_digit(base)


rows = [
    "curp,name,amount,date,term_months,rate,line,municipality,activity,workers,trained,"
    "over_indebted"
]
for i in range(IMF_ROWS):
    rows.append(
        f"{make_curp(i)},Persona {i},{5000 + i % 20000},{month.strftime('%Y-%m')}-"
        f"{1 + i % 28:02d},12,45,{line.name},{codes[i % len(codes)]},commerce,{1 + i % 5},"
        f"{'sí' if i % 7 == 0 else 'no'},no"
    )
report_path = os.path.join(os.path.dirname(OUT), "load_day_imf_report.csv")
with open(report_path, "w", encoding="utf-8") as f:
    f.write("\n".join(rows) + "\n")

kanban = env.ref("md_micronegocios.crm_lead_view_kanban_md_case")
spec = {
    "db": env.cr.dbname,
    "facilitators": facilitators.mapped("login"),
    "analysts": analysts.mapped("login"),
    "imf": "load_imf",
    "imf_month": month.strftime("%Y-%m"),
    "imf_report": report_path,
    "imf_rows": IMF_ROWS,
    "cycle_id": cycle.id,
    "team_id": team.id,
    "kanban_view_id": kanban.id,
    "meeting_view_id": env.ref("md_micronegocios.calendar_event_view_form_md_meeting").id,
}
param.set_param("load_day.setup", "1")
env.cr.commit()
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(spec, f, indent=1)
env.cr.execute("SELECT count(*) FROM crm_lead WHERE md_cycle_id = %s", [cycle.id])
print(
    f"load day set-up: {len(facilitators)} facilitators x {CASES} cases, "
    f"{env.cr.fetchone()[0]:,} cases in the cycle, {len(analysts)} analysts, 1 IMF "
    f"({IMF_ROWS:,}-row report of {month:%Y-%m}) in {time.perf_counter() - t0:.1f} s"
)
