# Benchmark of pronafim_credit (run in `odoo-bin shell` on a throw-away database with the
# addon installed: `BENCH=bench_pronafim_credit make bench`):
#   1. import of an IMF monthly report of 100,000 rows   (budget <= 60 s, <= 1 GB RSS)
#   2. daily arrears + moratory run over 20,000 disposals x 36 installments (<= 60 s)
# It builds its data, prints each figure, and rolls everything back at the end.
import base64
import datetime
import io
import random
import resource
import time

from stdnum.mx import curp as mx_curp

env = env  # noqa: F821 - provided by odoo shell
D = datetime.date
random.seed(7)


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CONSONANTS = "BCDFGHJKLMNPQRSTVWXZ"


def make_curp(i):
    """A valid, distinct CURP for each ``i`` below 537,600."""
    year, month, day, sex = 60 + i % 40, 1 + (i // 40) % 12, 1 + (i // 480) % 28, "HM"[i % 2]
    consonant = CONSONANTS[(i // 13440) % 20]
    base = f"GOMA{year:02d}{month:02d}{day:02d}{sex}DFRR{consonant}0"
    return base + mx_curp.calc_check_digit(base)


calendar = env["resource.calendar"]._get_official_calendar("MX")
calendar._fill_official_holidays([2026, 2027])
env["pronafim.cetes.rate"].create({"date_from": D(2020, 1, 1), "rate": 7.0})
env["pronafim.trust.net.worth"].create({"month": D(2026, 1, 1), "amount": 1e12})
imf = env["res.partner"].create({"name": "IMF Bench", "is_company": True, "pronafim_role": "imf"})
imf.pronafim_eligibility_ids.write(
    {"evidence_file": base64.b64encode(b"x"), "evidence_date": D(2026, 1, 1)}
)
simple = env.ref("pronafim_credit.credit_type_simple")


def new_line(amount=100_000_000):
    app = env["pronafim.application"].create({"partner_id": imf.id, "application_type": "credit"})
    app.write({"state": "authorized", "outcome": "authorized"})
    line = env["pronafim.credit.line"].create(
        {
            "application_id": app.id,
            "credit_type_id": simple.id,
            "amount": amount,
            "term_months": 36,
        }
    )
    line.with_context(pronafim_today=D(2026, 1, 5)).action_formalize()
    return line


# ---- 1. monthly report import ----
line = new_line()
munis = env["pronafim.municipality"].create(
    [
        {"code": f"{i:05d}", "name": f"Municipio {i}", "population": 1000 * (i % 300)}
        for i in range(2000)
    ]
)
header = (
    "curp,name,amount,date,term_months,rate,line,municipality,activity,workers,trained,"
    "over_indebted\n"
)
buf = io.StringIO()
buf.write(header)
for i in range(100_000):
    buf.write(
        f"{make_curp(i)},Persona {i},{5000 + i % 20000},2026-10-{1 + i % 28:02d},12,45,"
        f"{line.name},{i % 2000:05d},commerce,{1 + i % 5},{'sí' if i % 7 == 0 else 'no'},no\n"
    )
data = buf.getvalue().encode()
report = env["pronafim.borrower.report"].create(
    {
        "partner_id": imf.id,
        "month": D(2026, 10, 1),
        "file": base64.b64encode(data),
        "filename": "r.csv",
    }
)
env.flush_all()
start = time.perf_counter()
ok = report.action_import()
env.flush_all()
elapsed = time.perf_counter() - start
if not ok:
    print(report.error_log[:500])
print(
    f"report import: {report.row_count} rows in {elapsed:.1f} s (ok={ok}), "
    f"peak RSS {rss_mb():.0f} MB"
)
print(
    f"  line figures: {line.borrower_count} borrowers, {line.women_pct:.1f} % women, "
    f"{line.training_pct:.1f} % trained, condition met: {line.condition_met}"
)
env.cr.execute("DELETE FROM pronafim_microcredit")  # keep the next part lean
env.invalidate_all()

# ---- 2. daily arrears run: 20,000 disposals x 36 installments ----
lines = env["pronafim.credit.line"]
for _ in range(200):
    lines |= new_line()
env.flush_all()
cr = env.cr
cr.execute(
    """
    INSERT INTO pronafim_credit_disposal (line_id, commercial_partner_id, date, amount,
                                          ordinary_rate, moratory_rate, days_past_due)
    SELECT l.id, l.commercial_partner_id, DATE '2026-01-15', 360000, 10.0, 20.0, 0
      FROM pronafim_credit_line l, generate_series(1, 100)
     WHERE l.id IN %s
    RETURNING id
    """,
    [tuple(lines.ids)],
)
disposal_ids = [r[0] for r in cr.fetchall()]
cr.execute(
    """
    INSERT INTO pronafim_credit_installment (disposal_id, line_id, commercial_partner_id, number,
        due_date, principal, interest, balance_after, principal_paid, interest_paid,
        moratory_charged, moratory_paid, amount_due)
    SELECT d.id, d.line_id, d.commercial_partner_id, n,
           (DATE '2026-01-15' + make_interval(months => n))::date, 10000, 3000,
           360000 - 10000 * n,
           CASE WHEN n <= 8 THEN 10000 ELSE 0 END, CASE WHEN n <= 8 THEN 3000 ELSE 0 END,
           0, 0, CASE WHEN n <= 8 THEN 0 ELSE 13000 END
      FROM pronafim_credit_disposal d, generate_series(1, 36) n
     WHERE d.id IN %s
    """,
    [tuple(disposal_ids)],
)
cr.execute("SELECT count(*) FROM pronafim_credit_installment")
print(f"arrears data: {len(disposal_ids)} disposals, {cr.fetchone()[0]} installments")
Disposal = env["pronafim.credit.disposal"].with_context(pronafim_today=D(2026, 11, 20))
start = time.perf_counter()
remaining, calls = 1, 0
while remaining:
    remaining = Disposal._cron_daily_arrears()
    calls += 1
env.flush_all()
elapsed = time.perf_counter() - start
cr.execute(
    "SELECT count(*), sum(moratory_charged) FROM pronafim_credit_installment "
    "WHERE moratory_charged > 0"
)
count, total = cr.fetchone()
print(
    f"daily arrears run: {elapsed:.1f} s in {calls} batches; {count} installments charged "
    f"{total} moratory; peak RSS {rss_mb():.0f} MB"
)
start = time.perf_counter()
Disposal._cron_daily_arrears()
cr.execute("SELECT sum(moratory_charged) FROM pronafim_credit_installment")
print(
    f"second run the same day: {time.perf_counter() - start:.2f} s, "
    f"moratory total {cr.fetchone()[0]} (unchanged)"
)
env.cr.rollback()
