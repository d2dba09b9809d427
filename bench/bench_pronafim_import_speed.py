# The PRONAFIM monthly report import against the database's own speed (issue 20), in
# `odoo-bin shell` on a throw-away database with pronafim_credit installed
# (`BENCH=bench_pronafim_import_speed make bench`). On the same 100,000-row file:
#   1. the suite's import (every rule checked, per-line messages): the rows COPYed into a
#      temporary table, checked there in SQL, inserted with one INSERT ... SELECT;
#   2. PostgreSQL's COPY of the same file into a table of the same columns (no checks);
#   3. Odoo's standard load() of the same rows (no validation beyond the ORM's), timed on
#      the first LOAD_ROWS rows and given per row (100,000 rows take minutes).
# Prints the times and the ratios; rolls everything back.
import base64
import datetime
import io
import os
import time

from stdnum.mx import curp as mx_curp

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

# 1. the suite's import, with the time of its steps (reading the file, copying its rows
# into the temporary table and checking them in SQL, the rules in Python on the rows SQL
# did not prove clean, inserting the rows)
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


originals = {
    name: getattr(Report, name) for name in ("_stage_rows", "_validate_rows", "_replace_rows")
}
for name, method in originals.items():
    setattr(Report, name, timed(name, method))
start = time.perf_counter()
ok = report.action_import()
env.flush_all()
suite = time.perf_counter() - start
for name, method in originals.items():
    setattr(Report, name, method)
assert ok and report.row_count == ROWS, report.error_log and report.error_log[:300]

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

# 3. Odoo's standard load() of the same rows
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

print(f"suite import: {ROWS:,} rows in {suite:.2f} s ({suite / ROWS * 1e6:.1f} µs a row)")
print(f"COPY of the same file: {copy:.2f} s ({copy / ROWS * 1e6:.1f} µs a row)")
print(
    f"Odoo load(): {LOAD_ROWS:,} rows in {load:.2f} s ({load_per_row * 1e6:.0f} µs a row, "
    f"{load_per_row * ROWS:.0f} s for {ROWS:,})"
)
print(
    f"  steps: reading the file {suite - steps['_validate_rows'] - steps['_replace_rows']:.2f} s, "
    f"rows copied and checked in SQL {steps['_stage_rows']:.2f} s, rules in Python "
    f"{steps['_validate_rows'] - steps['_stage_rows']:.2f} s, rows inserted "
    f"{steps['_replace_rows']:.2f} s"
)
print(
    f"ratios: the suite at {copy / suite:.3f}x COPY's speed; "
    f"{load_per_row * ROWS / suite:.1f}x faster than load()"
)
env.cr.rollback()
