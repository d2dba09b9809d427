# The PRONAFIM monthly report import against the database's own speed (issue 20), in
# `odoo-bin shell` on a throw-away database with pronafim_credit installed
# (`BENCH=bench_pronafim_import_speed make bench`). On the same 100,000-row file:
#   1. the suite's import (every rule checked, per-line messages): the CSV's body COPYed
#      as it is into a temporary table, the rows checked there in SQL, inserted with one
#      INSERT ... SELECT;
#   2. PostgreSQL's COPY of the same file into a table of the same columns (no checks);
#   3. PostgreSQL's COPY of the same rows into pronafim_microcredit itself (its foreign
#      keys and indexes: the database's own speed for this table), rolled back;
#   4. Odoo's standard load() of the same rows (no validation beyond the ORM's), timed on
#      the first LOAD_ROWS rows and given per row (100,000 rows take minutes).
# Prints the times, the load average and the ratios; rolls everything back.
import base64
import datetime
import io
import os
import time

from stdnum.mx import curp as mx_curp

from odoo import fields

from odoo.addons.micro_base.tools import tabular
from odoo.addons.pronafim_credit.models import pronafim_borrower_report as borrower_model

env = env  # noqa: F821 - provided by odoo shell
D = datetime.date
ROWS = 100_000
LOAD_ROWS = int(os.environ.get("LOAD_ROWS", "5000"))
CONSONANTS = "BCDFGHJKLMNPQRSTVWXZ"


def make_curp(i):
    year, month, day, sex = 60 + i % 40, 1 + (i // 40) % 12, 1 + (i // 480) % 28, "HM"[i % 2]
    base = f"GOMA{year:02d}{month:02d}{day:02d}{sex}DFRR{CONSONANTS[(i // 13440) % 20]}0"
    return base + mx_curp.calc_check_digit(base)


if not env["pronafim.cetes.rate"].search([("date_from", "<=", D(2026, 1, 5))]):
    env["pronafim.cetes.rate"].create({"date_from": D(2020, 1, 6), "rate": 7.0})
env["pronafim.trust.net.worth"].create({"month": D(2025, 12, 30), "amount": 1e12})
imf = env["res.partner"].create({"name": "IMF Bench", "is_company": True, "pronafim_role": "imf"})
imf.pronafim_eligibility_ids.write(
    {"evidence_file": base64.b64encode(b"x"), "evidence_date": D(2026, 1, 1)}
)
app = env["pronafim.application"].create({"partner_id": imf.id, "application_type": "credit"})
app.write({"state": "authorized", "outcome": "authorized"})
line = env["pronafim.credit.line"].create(
    {
        "application_id": app.id,
        "credit_type_id": env.ref("pronafim_credit.credit_type_simple").id,
        "amount": 100_000_000,
        "term_months": 36,
    }
)
line.action_formalize()
munis = env["pronafim.municipality"].create(
    [
        {"code": f"B{i:04d}", "name": f"Municipio {i}", "population": 1000 * (i % 300)}
        for i in range(2000)
    ]
)
header = (
    "curp,name,amount,date,term_months,rate,line,municipality,activity,workers,trained,"
    "over_indebted\n"
)
buf = io.StringIO()
buf.write(header)
for i in range(ROWS):
    buf.write(
        f"{make_curp(i)},Persona {i},{5000 + i % 20000},2026-10-{1 + i % 28:02d},12,45,"
        f"{line.name},B{i % 2000:04d},commerce,{1 + i % 5},{'sí' if i % 7 == 0 else 'no'},no\n"
    )
text = buf.getvalue()
report = env["pronafim.borrower.report"].create(
    {
        "partner_id": imf.id,
        "month": D(2026, 10, 1),
        "file": base64.b64encode(text.encode()),
        "filename": "r.csv",
    }
)
env.flush_all()
cr = env.cr

# 1. the suite's import, with the time of its steps (reading the file into the temporary
# table, checking its rows in SQL, the rules in Python on the rows SQL did not prove
# clean, inserting the rows)
Report = type(report)
steps = {}


def timed(name, method):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            steps[name] = steps.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def load_average():
    with open("/proc/loadavg") as file:
        return file.read().split()[0]


load_before = load_average()
originals = {
    name: getattr(Report, name)
    for name in ("_copy_csv", "_copy_rows", "_check_rows", "_validate_rows", "_replace_rows")
}
for name, method in originals.items():
    setattr(Report, name, timed(name, method))
tabular_read, tabular_source = tabular.read, tabular.csv_source
tabular.read = timed("read", tabular_read)
tabular.csv_source = timed("csv_source", tabular_source)
start = time.perf_counter()
ok = report.action_import()
env.flush_all()
suite = time.perf_counter() - start
for name, method in originals.items():
    setattr(Report, name, method)
tabular.read, tabular.csv_source = tabular_read, tabular_source
assert ok and report.row_count == ROWS, report.error_log and report.error_log[:300]
fast = "read" not in steps

# 2. COPY of the same file into a table of the same columns
cr.execute(
    "CREATE TEMP TABLE bench_copy (curp text, name text, amount numeric, date date, "
    "term_months integer, rate numeric, line text, municipality text, activity text, "
    "workers integer, trained text, over_indebted text)"
)
start = time.perf_counter()
cr._obj.copy_expert("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)", io.StringIO(text))
copy = time.perf_counter() - start
cr.execute("SELECT count(*) FROM bench_copy")
assert cr.fetchone()[0] == ROWS

# 3. COPY of the same rows into pronafim_microcredit (its six foreign keys, five indexes),
# the values prepared beforehand (not timed), rolled back
muni_zones = {m.code: (m.id, m.rural, m.priority_zone, m.special_attention_zone) for m in munis}
now = fields.Datetime.now()
real = io.StringIO()
for raw in text.splitlines()[1:]:
    c = raw.split(",")
    muni, rural, priority, special = muni_zones[c[7]]
    real.write(
        "\t".join(
            map(
                str,
                (
                    report.id, imf.id, report.month, line.id, c[0], c[1],
                    "male" if c[0][10] == "H" else "female", c[2], c[3], c[4], c[5], muni,
                    rural, priority, special, c[8], c[9], c[10] == "sí",
                    env.uid, now, env.uid, now,
                ),
            )
        )
        + "\n"
    )  # fmt: skip
real.seek(0)
cr.execute("SAVEPOINT bench_real_copy")
start = time.perf_counter()
cr._obj.copy_expert(borrower_model._COPY_ROWS, real)
copy_real = time.perf_counter() - start
cr.execute("ROLLBACK TO SAVEPOINT bench_real_copy")

# 4. Odoo's standard load() of the same rows
muni_ids = dict(zip(munis.mapped("code"), munis.ids, strict=True))
fields_ = [
    "report_id/.id", "line_id/.id", "curp", "name", "sex", "amount", "date", "term_months",
    "rate", "municipality_id/.id", "activity", "workers", "trained",
]  # fmt: skip
rows = []
for raw in text.splitlines()[1 : LOAD_ROWS + 1]:
    c = raw.split(",")
    rows.append(
        [
            str(report.id), str(line.id), c[0], c[1], "male" if c[0][10] == "H" else "female",
            c[2], c[3], c[4], c[5], str(muni_ids[c[7]]), c[8], c[9],
            "1" if c[10] == "sí" else "0",
        ]
    )  # fmt: skip
start = time.perf_counter()
result = env["pronafim.microcredit"].load(fields_, rows)
env.flush_all()
load = time.perf_counter() - start
assert not [m for m in result["messages"] if m.get("type") == "error"], result["messages"][:3]
load_per_row = load / LOAD_ROWS

load_after = load_average()
other = (
    suite
    - sum(
        steps.get(name, 0.0)
        for name in ("csv_source", "read", "_copy_csv", "_copy_rows", "_validate_rows")
    )
    - steps["_replace_rows"]
)
print(
    f"suite import: {ROWS:,} rows in {suite:.2f} s ({suite / ROWS * 1e6:.1f} µs a row), "
    f"{'the CSV body COPYed as it is' if fast else 'the CSV read in Python'}"
)
print(f"COPY of the same file into a bare table: {copy:.2f} s ({copy / ROWS * 1e6:.1f} µs a row)")
print(
    f"COPY of the same rows into pronafim_microcredit (rolled back): {copy_real:.2f} s "
    f"({copy_real / ROWS * 1e6:.1f} µs a row)"
)
print(
    f"Odoo load(): {LOAD_ROWS:,} rows in {load:.2f} s ({load_per_row * 1e6:.0f} µs a row, "
    f"{load_per_row * ROWS:.0f} s for {ROWS:,})"
)
print(
    f"  steps: reading the file into the temporary table "
    f"{sum(steps.get(n, 0.0) for n in ('csv_source', 'read', '_copy_csv', '_copy_rows')):.2f} s"
    f", rows checked in SQL {steps['_check_rows']:.2f} s, rules in Python "
    f"{steps['_validate_rows'] - steps['_check_rows']:.2f} s, rows inserted "
    f"{steps['_replace_rows']:.2f} s, the rest {other:.2f} s"
)
print(
    f"ratios: the suite at {copy / suite:.3f}x a bare COPY's speed, at {copy_real / suite:.2f}x "
    f"the speed of COPY into pronafim_microcredit; {load_per_row * ROWS / suite:.1f}x faster "
    f"than load()"
)
print(f"load average (1 min): {load_before} before, {load_after} after")
env.cr.rollback()
