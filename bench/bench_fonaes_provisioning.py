# Run by scripts/bench.sh inside `odoo-bin shell` (``env`` is given).
# FONAES month-end provisioning (Anexo XI §1): 200,000 loans of one ESF, 12 monthly
# installments each (2.4 million installments), 70 % paid on time and the rest stopping
# after 0 to 7 installments. Set-up in SQL (not timed); the run is timed whole: rating,
# 200,000 run lines, the posted provision entry and the prudential checks. Rolled back.
import time

LOANS = 200_000
env = env  # noqa: F821
cut_off = "2026-10-31"
company = env.company
Account = env["account.account"]
expense = Account.create({"code": "BENCH504", "name": "Bench reserves", "account_type": "expense"})
allowance = Account.create(
    {"code": "BENCH108", "name": "Bench allowance", "account_type": "asset_current"}
)
journal = env["account.journal"].create(
    {"name": "Bench FONAES", "code": "BFON", "type": "general"}
)
company.write(
    {
        "fonaes_journal_id": journal.id,
        "fonaes_provision_expense_account_id": expense.id,
        "fonaes_provision_allowance_account_id": allowance.id,
    }
)
esf = env["res.partner"].create(
    {"name": "Bench ESF", "fonaes_role": "esf", "fonaes_equity": 10_000_000_000}
)
borrowers = env["res.partner"].create([{"name": f"Bench borrower {i}"} for i in range(1000)])
cr = env.cr
t0 = time.perf_counter()
cr.execute(
    """INSERT INTO fonaes_loan (name, company_id, intermediary_id, borrower_id, loan_kind, amount,
                                annual_rate, months, start_date, state, portfolio_state,
                                create_uid, write_uid, create_date, write_date)
       SELECT 'BENCH-' || g, %s, %s, (%s::int[])[1 + g %% 1000], 'periodic', 12000, 24, 12,
              DATE '2025-11-01' + (g %% 300), 'granted', 'current', 1, 1, now(), now()
         FROM generate_series(1, %s) g""",
    (company.id, esf.id, borrowers.ids, LOANS),
)
cr.execute(
    """INSERT INTO fonaes_loan_installment (loan_id, number, due_date, principal, interest,
                                            due_through, create_uid, write_uid, create_date,
                                            write_date)
       SELECT l.id, n, (l.start_date + n * INTERVAL '1 month')::date, 1000, 20, n * 1020,
              1, 1, now(), now()
         FROM fonaes_loan l, generate_series(1, 12) n
        WHERE l.intermediary_id = %s""",
    (esf.id,),
)
cr.execute(
    """INSERT INTO fonaes_loan_payment (loan_id, date, amount,
                                        create_uid, write_uid, create_date, write_date)
       SELECT i.loan_id, i.due_date, 1020, 1, 1, now(), now()
         FROM fonaes_loan_installment i JOIN fonaes_loan l ON l.id = i.loan_id
        WHERE l.intermediary_id = %s AND i.due_date <= %s
          AND (l.id %% 10 < 7 OR i.number <= l.id %% 8)""",
    (esf.id, cut_off),
)
cr.execute("ANALYZE fonaes_loan; ANALYZE fonaes_loan_installment; ANALYZE fonaes_loan_payment")
print(f"set-up (SQL, not timed): {time.perf_counter() - t0:.1f} s")
env.invalidate_all()
t0 = time.perf_counter()
run = env["fonaes.provision.run"]._rate(
    esf, env["fonaes.provision.run"]._fields["date"].to_date(cut_off)
)
elapsed = time.perf_counter() - t0
print(
    f"monthly provisioning run, {run.loan_count:,} loans rated "
    f"(reserves {run.provision_total:,.2f}, past due {run.portfolio_past_due:,.2f}): "
    f"{elapsed:.1f} s (budget 30 s)"
)
cr.rollback()
