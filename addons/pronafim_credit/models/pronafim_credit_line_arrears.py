from collections import defaultdict

from odoo import models

from odoo.addons.micro_base.tools import loan

from ..tools import arrears, rules


class PronafimCreditLineArrears(models.AbstractModel):
    """The daily arrears run of the credit lines (§VIII.1.A: moratory interest at twice the
    ordinary rate on what is past due) and its postings: one set-based run per institution,
    called by the disposals' daily scheduled action. Part of ``pronafim.credit.line``
    (``_inherit``), kept apart so that the line's own model reads on its own."""

    _name = "pronafim.credit.line.arrears"
    _description = "Credit line: daily arrears run"

    def _run_arrears(self, today):
        """Daily run for the lines of ``self``, set-based (see ``_cron_daily_arrears``).

        1. the interest of installments falling due is accrued (Dr receivable / Cr interest
           income), once per installment (``interest_accrued``);
        2. overdue installments are charged moratory interest, ``amount due x 2 x the
           ordinary rate in force each day / 360`` (§VIII.1: CETES of the dated table +
           the line's margin) for the days since last charged (``moratory_date``): SQL
           sums the rates in force over the days, ``arrears.moratory_amount`` applies the
           formula (its one home, shared with payments);
        3. days past due and ageing bucket of each disposal are refreshed;
        4. one journal entry per kind, with one receivable line per institution.
        Running it again the same day charges nothing and posts nothing.
        """
        if not self:
            return
        self.env.flush_all()
        cr = self.env.cr
        params = {"ids": tuple(self.ids), "today": today}
        cr.execute(
            """
            UPDATE pronafim_credit_installment
               SET interest_accrued = TRUE
             WHERE line_id IN %(ids)s AND due_date <= %(today)s
               AND interest_accrued IS NOT TRUE AND interest <> 0
         RETURNING commercial_partner_id, interest
            """,
            params,
        )
        interest = defaultdict(float)
        for partner_id, amount in cr.fetchall():
            interest[partner_id] += float(amount)
        # The rates in force over each overdue installment's late days are summed here,
        # set-based; the formula itself is ``arrears.moratory_amount`` (one home).
        self.env["pronafim.cetes.rate"].flush_model()
        cr.execute(
            """
            WITH seg AS (
                SELECT date_from, rate,
                       COALESCE(LEAD(date_from) OVER (ORDER BY date_from),
                                'infinity'::date) AS date_to
                  FROM pronafim_cetes_rate
            ), late AS (
                SELECT i.id, i.commercial_partner_id AS partner_id, i.amount_due,
                       COALESCE(i.moratory_date, i.due_date) AS start,
                       COALESCE(l.margin, 0) AS margin
                  FROM pronafim_credit_installment i
                  JOIN pronafim_credit_line l ON l.id = i.line_id
                 WHERE i.line_id IN %(ids)s AND i.due_date < %(today)s
                   AND i.amount_due > 0.005
                   AND COALESCE(i.moratory_date, i.due_date) < %(today)s
            )
            SELECT late.id, late.partner_id, late.amount_due,
                   SUM((seg.rate + late.margin)
                       * (LEAST(seg.date_to, %(today)s::date)
                          - GREATEST(seg.date_from, late.start)))
              FROM late
              JOIN seg ON seg.date_from < %(today)s AND seg.date_to > late.start
             GROUP BY late.id, late.partner_id, late.amount_due
            """,
            params,
        )
        charges = [
            (inst_id, partner_id, arrears.moratory_amount(due, days, rules.MORATORY_MULTIPLIER))
            for inst_id, partner_id, due, days in cr.fetchall()
        ]
        if charges:
            cr.execute(
                """
                UPDATE pronafim_credit_installment i
                   SET moratory_charged = COALESCE(i.moratory_charged, 0) + charge.amount,
                       moratory_date = %(today)s
                  FROM unnest(%(charge_ids)s::int[], %(amounts)s::numeric[])
                       AS charge(id, amount)
                 WHERE charge.id = i.id
                """,
                {
                    **params,
                    "charge_ids": [inst_id for inst_id, _partner, _amount in charges],
                    "amounts": [amount for _id, _partner, amount in charges],
                },
            )
        moratory = defaultdict(float)
        for _inst_id, partner_id, amount in charges:
            moratory[partner_id] += float(amount)
        cr.execute(
            """
            SELECT d.id, d.days_past_due, d.ageing_bucket,
                   COALESCE(%(today)s::date - MIN(i.due_date) FILTER (
                       WHERE i.due_date < %(today)s AND i.amount_due > 0.005), 0)
              FROM pronafim_credit_disposal d
              LEFT JOIN pronafim_credit_installment i ON i.disposal_id = d.id
             WHERE d.line_id IN %(ids)s
             GROUP BY d.id
            """,
            params,
        )
        changes = defaultdict(list)
        for disposal_id, old_days, old_bucket, days in cr.fetchall():
            bucket = loan.ageing_bucket(days, rules.AGEING_BUCKETS)
            if (old_days, old_bucket) != (days, bucket):
                changes[days, bucket].append(disposal_id)
        for (days, bucket), disposal_ids in changes.items():
            cr.execute(
                "UPDATE pronafim_credit_disposal SET days_past_due = %s, ageing_bucket = %s "
                "WHERE id IN %s",
                [days, bucket, tuple(disposal_ids)],
            )
        cr.execute(
            "UPDATE pronafim_credit_line SET arrears_date = %(today)s WHERE id IN %(ids)s",
            params,
        )
        self.env.invalidate_all()
        self._post_income_move(today, interest, "interest", self.env._("Interest accrual"))
        self._post_income_move(today, moratory, "moratory", self.env._("Moratory interest"))

    def _post_income_move(self, date, by_partner, role, label):
        """One entry: Dr receivable per institution / Cr the income account of ``role``."""
        amounts = {p: round(a, 2) for p, a in by_partner.items() if round(a, 2)}
        if not amounts or not self.env.company.pronafim_journal_id:
            return self.env["account.move"]
        Partner = self.env["res.partner"]
        partner = Partner.browse(list(amounts)) if len(amounts) == 1 else Partner
        lines = [("receivable", amount, Partner.browse(pid)) for pid, amount in amounts.items()]
        lines.append((role, -round(sum(amounts.values()), 2), Partner))
        return partner._pronafim_post_move(date, label, lines)
