# Run by scripts/bench.sh inside `odoo-bin shell` (``env`` is given).
# Business-day deadlines: 10,000 deadlines of 10 to 60 business days on the Mexican
# official calendar, as a daily deadline run over open applications would compute them.
import datetime
import random
import time

calendar = env.ref("micro_base.resource_calendar_mx")  # noqa: F821
rng = random.Random(42)
starts = [
    datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(700)) for _ in range(10_000)
]
t0 = time.perf_counter()
for start in starts:
    calendar.add_business_days(start, rng.choice((10, 25, 45, 60)))
elapsed = time.perf_counter() - t0
print(f"10,000 business-day deadlines (ORM, one calendar): {elapsed:.2f} s")
