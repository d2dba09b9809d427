# Benchmark of the CONDUSEF complaints desk of pronafim_credit (run in `odoo-bin shell` on a
# throw-away database with the addon installed: `BENCH=bench_pronafim_complaints make bench`):
#   1. import of a complaints file of 50,000 rows, full validation (130 institutions, the
#      seed's count; 20 reception dates), then the same file received again
#   2. the daily lapsing/lapsed flags over the 50,000 open complaints, run twice
# The seed (002 §7) counts 518,838 matters in about four years, a few hundred a day
# nationally: 50,000 rows is months of the whole country in one file. No budget in
# quality.md for these: the figures are recorded in bench/README.md.
# It builds its data, prints each figure, and rolls everything back at the end.
import datetime
import io
import resource
import time

env = env  # noqa: F821 - provided by odoo shell
D = datetime.date
ROWS = 50_000


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


calendar = env["resource.calendar"]._get_official_calendar("MX")
calendar._fill_official_holidays([2026, 2027])
institutions = env["res.partner"].create(
    [{"name": f"Sofom Bench {i:03d} SA de CV", "is_company": True} for i in range(130)]
)
days = [D(2026, 10, 1) + datetime.timedelta(days=i) for i in range(28)]
days = [day for day in days if day.weekday() < 5][:20]
buf = io.StringIO()
buf.write("folio,kind,institution,user_name,product,reason,amount_claimed,date_received\n")
for i in range(ROWS):
    buf.write(
        f"BENCH-{i:07d},{'complaint' if i % 4 else 'inquiry'},{institutions[i % 130].name},"
        f"Usuario {i},Crédito {i % 7},Motivo {i % 23},{(i % 5000) + 0.5},"
        f"{days[i % len(days)].isoformat()}\n"
    )
data = buf.getvalue().encode()
del buf
env.flush_all()

# ---- 1. import ----
File = env["pronafim.complaint.file"]
start = time.perf_counter()
file = File._receive(data, "condusef_bench.csv")
file.action_import()
env.flush_all()
elapsed = time.perf_counter() - start
print(
    f"complaints import: {file.complaint_count} of {ROWS} rows in {elapsed:.1f} s "
    f"(state {file.state}), peak RSS {rss_mb():.0f} MB"
)
if file.error_report:
    print(file.error_report[:500])
start = time.perf_counter()
again = File._receive(data, "condusef_bench_again.csv")
if again.state == "pending":
    again.action_import()
env.flush_all()
env.cr.execute("SELECT count(*) FROM pronafim_complaint WHERE name LIKE 'BENCH-%%'")
print(
    f"  same file again: {time.perf_counter() - start:.2f} s, same record: {again == file}, "
    f"complaints in the database: {env.cr.fetchone()[0]}"
)

# ---- 2. daily flags ----
Complaint = env["pronafim.complaint"].with_context(pronafim_today=D(2026, 10, 27))
for run in ("first", "second"):
    start = time.perf_counter()
    failed = Complaint._cron_flag_due()
    env.flush_all()
    elapsed = time.perf_counter() - start
    env.cr.execute(
        "SELECT due_status, count(*) FROM pronafim_complaint WHERE name LIKE 'BENCH-%%' "
        "GROUP BY due_status ORDER BY 1"
    )
    statuses = dict(env.cr.fetchall())
    env.cr.execute("SELECT count(*) FROM mail_activity WHERE res_model = 'pronafim.complaint'")
    print(
        f"flag run ({run}): {elapsed:.1f} s, {len(failed)} failed, statuses {statuses}, "
        f"{env.cr.fetchone()[0]} activities, peak RSS {rss_mb():.0f} MB"
    )
env.cr.rollback()
