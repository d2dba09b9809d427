# Pure-Python loan maths (micro_base/tools/loan.py), no ORM: 20,000 disposals of 36 monthly
# installments — build the schedules, then the daily arrears run's arithmetic (days past
# due, ageing bucket, moratory interest on what fell due unpaid). Budget of the whole daily
# arrears run (ORM included): <= 60 s (../shared/spec/quality.md).
# Runs in `odoo-bin shell` (make bench) or directly:
#   .venv/bin/python bench/bench_loan_schedules.py
import datetime
import random
import sys
import time

try:
    from odoo.addons.micro_base.tools import loan
except ImportError:  # run directly: put the suite's addons on odoo.addons' path
    import pathlib

    import odoo.addons

    odoo.addons.__path__.append(str(pathlib.Path(sys.argv[0]).resolve().parent.parent / "addons"))
    from odoo.addons.micro_base.tools import loan

DISPOSALS = 20_000
MONTHS = 36
# Example bands only (the programs configure theirs as data).
BUCKETS = ((0, "current"), (1, "1-30"), (31, "31-60"), (61, "61-90"), (91, "91+"))

rng = random.Random(42)
disposals = [
    (
        rng.randrange(50_000, 5_000_000),
        rng.choice((0.0, 0.105, 0.1125, 0.13)),
        rng.choice((0, 0, 3, 6)),
        rng.choice(loan.METHODS),
        datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(365)),
    )
    for _ in range(DISPOSALS)
]

t0 = time.perf_counter()
schedules = [
    loan.monthly_schedule(amount, rate, MONTHS, start, grace, method)
    for amount, rate, grace, method, start in disposals
]
t1 = time.perf_counter()

as_of = datetime.date(2026, 11, 22)
buckets = {}
moratory_total = 0
for (_amount, rate, _grace, _method, _start), schedule in zip(disposals, schedules, strict=True):
    paid = rng.randrange(0, MONTHS)  # installments fully paid, in order
    unpaid = [installment.due_date for installment in schedule[paid:]]
    days = loan.days_past_due(unpaid, as_of)
    label = loan.ageing_bucket(days, BUCKETS)
    buckets[label] = buckets.get(label, 0) + 1
    overdue = sum(i.principal for i in schedule[paid:] if i.due_date < as_of)
    moratory_total += loan.moratory_interest(overdue, rate, days)
t2 = time.perf_counter()

print(f"{DISPOSALS:,} schedules x {MONTHS} installments (pure Python): {t1 - t0:.2f} s")
print(f"{DISPOSALS:,} disposals aged + moratory interest (pure Python): {t2 - t1:.2f} s")
print(f"buckets: {dict(sorted(buckets.items()))}; moratory total {moratory_total:,.2f}")
