# Run by scripts/bench.sh inside `odoo-bin shell` (``env`` is given).
# FONAES Balance General (Anexo XII-2) and Estado de Resultados (Anexo XII-3), comparative,
# to XLSX over 1,000,000 posted journal items of one company (500,000 balanced pairs over
# 2026, spread over 12 accounts of the default mapping). Set-up in SQL, copying one posted
# entry, without the table's secondary indexes (not timed); the build of both statements
# and the workbook is timed. Rolled back.
import time

ITEMS = 1_000_000
env = env  # noqa: F821
cr = env.cr
company = env["res.company"].create({"name": "Bench ESF Statements"})
env = env(context=dict(env.context, allowed_company_ids=company.ids))
Account = env["account.account"].with_company(company)
codes = [
    ("102.01.01", "asset_current"), ("105.01.01", "asset_current"),
    ("106.01.01", "asset_current"), ("108.01.01", "asset_current"),
    ("201.01.01", "liability_current"), ("202.01.01", "liability_current"),
    ("301.01.01", "equity"), ("304.01.01", "equity"),
    ("401.01.01", "income"), ("403.01.01", "income"),
    ("601.01.01", "expense"), ("701.01.01", "expense"),
]  # fmt: skip
accounts = Account.create(
    [
        {"code": code, "name": f"Bench {code}", "account_type": kind,
         "company_ids": [(6, 0, company.ids)]}
        for code, kind in codes
    ]
)  # fmt: skip
journal = (
    env["account.journal"]
    .with_company(company)
    .create({"name": "Bench", "code": "BSTM", "type": "general", "company_id": company.id})
)
template = (
    env["account.move"]
    .with_company(company)
    .create(
        {
            "move_type": "entry",
            "journal_id": journal.id,
            "date": "2026-01-01",
            "line_ids": [
                (0, 0, {"account_id": accounts[0].id, "name": "b", "debit": 1.0}),
                (0, 0, {"account_id": accounts[6].id, "name": "b", "credit": 1.0}),
            ],
        }
    )
)
template.action_post()
env.flush_all()
t0 = time.perf_counter()
# Loading a million rows through the table's ~30 indexes takes many minutes: they are
# dropped inside this transaction (restored by the rollback). The statement's query is an
# aggregate over all the company's items, which reads the table whole either way.
cr.execute(
    """SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'account_move_line'::regclass AND NOT x.indisprimary
          AND NOT x.indisunique"""
)
for (index_name,) in cr.fetchall():
    cr.execute(f'DROP INDEX "{index_name}"')
cr.execute(
    """SELECT column_name FROM information_schema.columns
        WHERE table_name = 'account_move_line' AND column_name NOT IN
              ('id', 'account_id', 'date', 'balance', 'debit', 'credit', 'amount_currency')"""
)
columns = [row[0] for row in cr.fetchall()]
cols = ", ".join(f'"{c}"' for c in columns)
picked = ", ".join(f'l."{c}"' for c in columns)
ids = accounts.ids
# Pair g: debit account ids[g % 12], credit account ids[(g * 7 + 5) % 12], same amount.
# In chunks of 20,000 rows: one 500,000-row INSERT queues its foreign-key checks in memory
# until the statement ends, and its backend was killed by the kernel (OOM) once.
CHUNK = 20_000
# The template row in a one-row temporary table: joined to account_move_line itself (its
# move_id index dropped), the planner scanned the growing table once per generated row.
cr.execute(
    f"""CREATE TEMP TABLE bench_template ON COMMIT DROP AS
        SELECT {cols} FROM account_move_line WHERE move_id = %s AND debit > 0""",
    (template.id,),
)
cr.execute("ANALYZE bench_template")
for first, (expr, sign) in (
    (first, side)
    for first in range(1, ITEMS // 2 + 1, CHUNK)
    for side in (("g %% 12", 1), ("(g * 7 + 5) %% 12", -1))
):
    cr.execute(
        f"""INSERT INTO account_move_line ({cols}, account_id, date, balance, debit, credit,
                                           amount_currency)
            SELECT {picked}, (%s::int[])[1 + {expr}],
                   DATE '2026-01-01' + (g %% 365), %s * (1 + g %% 1000),
                   GREATEST(%s * (1 + g %% 1000), 0), GREATEST(-%s * (1 + g %% 1000), 0),
                   %s * (1 + g %% 1000)
              FROM bench_template l, generate_series(%s, %s) g""",
        (ids, sign, sign, sign, sign, first, min(first + CHUNK - 1, ITEMS // 2)),
    )
cr.execute("ANALYZE account_move_line")
print(f"set-up (SQL, not timed): {time.perf_counter() - t0:.1f} s")
env.invalidate_all()
statement = (
    env["fonaes.financial.statement"]
    .with_company(company)
    .create({"period_type": "quarter", "date_end": "2026-12-31", "company_id": company.id})
)
t0 = time.perf_counter()
data, _type = env["ir.actions.report"]._render_xlsx(
    "fonaes_support.fonaes_financial_statement_xlsx", statement.ids, data=None
)
elapsed = time.perf_counter() - t0
cr.execute("SELECT count(*) FROM account_move_line WHERE company_id = %s", (company.id,))
print(
    f"Balance General + Estado de Resultados (comparative) to XLSX over "
    f"{cr.fetchone()[0]:,} journal items: {elapsed:.2f} s (budget 10 s), {len(data):,} bytes"
)
cr.rollback()
