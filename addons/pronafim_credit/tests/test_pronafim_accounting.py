import datetime
from decimal import ROUND_HALF_UP, Decimal

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import GROUP, PronafimCase, on_day

D = datetime.date


def moratory(due, *rate_days):
    """Hand formula: due x 2 x sum(rate % x days) / 100 / 360, cents half up."""
    total = sum(Decimal(str(rate)) * days for rate, days in rate_days)
    value = Decimal(str(due)) * 2 * total / 100 / 360
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@tagged("post_install", "-at_install")
class TestPronafimAccounting(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]

        def account(code, name, kind, **extra):
            return Account.create({"code": code, "name": name, "account_type": kind, **extra})

        company = cls.env.company
        company.write(
            {
                "pronafim_journal_id": cls.env["account.journal"]
                .create({"name": "Fideicomiso PRONAFIM", "code": "PRNF", "type": "general"})
                .id,
                "pronafim_bank_account_id": account(
                    "PRN101", "Bancos fideicomiso", "asset_cash"
                ).id,
                "pronafim_receivable_account_id": account(
                    "PRN121", "Créditos a IMF", "asset_receivable", reconcile=True
                ).id,
                "pronafim_interest_account_id": account("PRN401", "Intereses", "income").id,
                "pronafim_moratory_account_id": account("PRN402", "Moratorios", "income").id,
            }
        )
        cls.company = company
        cls.line = cls._formalized_line(1_200_000, margin=3.0)
        cls.disposal = (
            cls.env["pronafim.credit.disposal"]
            .with_user(cls.finance)
            .create({"line_id": cls.line.id, "date": D(2026, 11, 2), "amount": 1_200_000})
        )

    def _moves(self):
        return self.env["account.move"].search(
            [("journal_id", "=", self.company.pronafim_journal_id.id)]
        )

    def _balance(self, account):
        lines = self._moves().line_ids.filtered(lambda ml: ml.account_id == account)
        return round(sum(lines.mapped("balance")), 2)

    def _run(self, day):
        with on_day(day):
            self.env["pronafim.credit.disposal"]._cron_daily_arrears()

    def test_disposal_posted(self):
        move = self.disposal.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.partner_id, self.imf)
        self.assertEqual(self._balance(self.company.pronafim_receivable_account_id), 1_200_000)
        self.assertEqual(self._balance(self.company.pronafim_bank_account_id), -1_200_000)

    def test_disposal_entry_not_reset_by_hand(self):
        """A posted disposal's entry is corrected by a reversing step, never reset to draft
        or cancelled by hand, not even by PRONAFIM finance with Odoo's accounting rights."""
        move = self.disposal.move_id
        self.assertEqual(move.state, "posted")
        accounting = self._new_user(
            "pr_fin_accounting", f"{GROUP % 'finance'},account.group_account_manager"
        )
        self.assertEntryNotResetByHand(move, (self.finance, accounting), accounting)

    def test_daily_arrears_run_is_idempotent(self):
        """Interest accrues on the due date; moratory (2 x 10.25 %) on the days late; a
        second run the same day changes nothing more."""
        first = self.disposal.installment_ids.sorted("number")[0]
        self._run(D(2026, 12, 2))
        self.assertEqual(self._balance(self.company.pronafim_interest_account_id), -first.interest)
        self.assertEqual(self.disposal.days_past_due, 0)
        self.assertEqual(self.disposal.ageing_bucket, "current")
        self._run(D(2026, 12, 12))
        moratory = round(first.amount_due * 0.1025 * 2 * 10 / 360, 2)
        self.assertAlmostEqual(first.moratory_charged, moratory, 2)
        self.assertEqual(self._balance(self.company.pronafim_moratory_account_id), -moratory)
        self.assertEqual(self.disposal.days_past_due, 10)
        self.assertEqual(self.disposal.ageing_bucket, "1-30")
        moves = self._moves()
        snapshot = (first.moratory_charged, self.disposal.days_past_due, self.line.arrears_date)
        self._run(D(2026, 12, 12))
        self.assertEqual(self._moves(), moves, "second run: no new entry")
        self.assertEqual(
            (first.moratory_charged, self.disposal.days_past_due, self.line.arrears_date),
            snapshot,
        )

    def test_repayment_posted_in_allocation_order(self):
        first = self.disposal.installment_ids.sorted("number")[0]
        self._run(D(2026, 12, 12))
        owed = first.moratory_charged + first.interest + first.principal
        repayment = (
            self.env["pronafim.payment.wizard"]
            .with_user(self.finance)
            .with_context(active_model="pronafim.credit.disposal", active_id=self.disposal.id)
            .create({"date": D(2026, 12, 12), "amount": owed + 50})
        )
        repayment.action_register()
        repayment = self.disposal.repayment_ids
        self.assertAlmostEqual(repayment.moratory, first.moratory_charged, 2)
        # The 50 over the first installment go to the next one, interest first.
        second = self.disposal.installment_ids.sorted("number")[1]
        self.assertAlmostEqual(repayment.interest, first.interest + 50, 2)
        self.assertAlmostEqual(second.interest_paid, 50, 2)
        self.assertAlmostEqual(repayment.principal, first.principal, 2)
        self.assertAlmostEqual(repayment.remainder, 0, 2)
        self.assertEqual(repayment.move_id.state, "posted")
        self.assertAlmostEqual(
            self._balance(self.company.pronafim_receivable_account_id),
            1_200_000 + first.interest + first.moratory_charged - owed - 50,
            2,
        )
        self.assertEqual(first.amount_due, 0)
        with self.assertRaises(AccessError):
            repayment.with_user(self.finance).unlink()
        with self.assertRaisesMessage(UserError, "Repayments cannot be deleted."):
            repayment.sudo().unlink()
        with self.assertRaises(AccessError):
            self.env["pronafim.payment.wizard"].with_user(self.analyst).create(
                {"disposal_id": self.disposal.id, "amount": 1}
            )

    def _new_cetes(self):
        """CETES falls from 7.25 % to 6.00 % on 7 December: ordinary 10.25 % -> 9.00 %."""
        self.env["pronafim.cetes.rate"].with_user(self.finance).create(
            {"date_from": D(2026, 12, 7), "rate": 6.0}
        )

    def test_daily_moratory_at_the_rate_in_force(self):
        """§VIII.1.A "2 veces la ordinaria", the ordinary rate being CETES in force + margin:
        10 days late over a CETES change = 5 days at 2 x 10.25 % and 5 at 2 x 9.00 %."""
        self._new_cetes()
        first = self.disposal.installment_ids.sorted("number")[0]
        self._run(D(2026, 12, 2))
        self._run(D(2026, 12, 12))
        expected = moratory(first.amount_due, (10.25, 5), (9.0, 5))
        self.assertNotEqual(expected, moratory(first.amount_due, (10.25, 10)))
        self.assertEqual(first.moratory_charged, expected)
        self.assertEqual(self._balance(self.company.pronafim_moratory_account_id), -expected)

    def test_moratory_charged_at_payment_is_posted(self):
        """The moratory interest a payment charges (days since the last daily run) is
        posted Dr receivable / Cr moratory income, at the rate in force each day."""
        self._new_cetes()
        first = self.disposal.installment_ids.sorted("number")[0]
        self._run(D(2026, 12, 2))  # interest accrued on the due date; nothing late yet
        due = first.amount_due
        self.env["pronafim.payment.wizard"].with_user(self.finance).with_context(
            active_model="pronafim.credit.disposal", active_id=self.disposal.id
        ).create({"date": D(2026, 12, 12), "amount": due}).action_register()
        expected = moratory(due, (10.25, 5), (9.0, 5))
        repayment = self.disposal.repayment_ids
        self.assertEqual(first.moratory_charged, expected)
        self.assertEqual(repayment.moratory, expected)
        self.assertEqual(repayment.moratory_move_id.state, "posted")
        self.assertEqual(repayment.moratory_move_id.partner_id, self.imf)
        self.assertEqual(self._balance(self.company.pronafim_moratory_account_id), -expected)
        # The receivable is what the IMF owes: disposal + interest + moratory - payment.
        self.assertAlmostEqual(
            self._balance(self.company.pronafim_receivable_account_id),
            1_200_000 + first.interest + expected - due,
            2,
        )
        # The next daily run starts from the payment date: nothing charged twice.
        moves = self._moves()
        self._run(D(2026, 12, 12))
        self.assertEqual(self._moves(), moves)

    def test_payment_not_backdated_before_the_moratory_charged(self):
        """The daily run charged (and posted) moratory interest up to 12 December: a
        payment dated 10 December is refused, and nothing is written."""
        self._run(D(2026, 12, 12))
        moves = self._moves()
        wizard = (
            self.env["pronafim.payment.wizard"]
            .with_user(self.finance)
            .with_context(active_model="pronafim.credit.disposal", active_id=self.disposal.id)
            .create({"date": D(2026, 12, 10), "amount": 1_000})
        )
        with self.assertRaisesMessage(
            UserError, "cannot be dated 2026-12-10: moratory interest is charged up to 2026-12-12."
        ):
            wizard.action_register()
        self.assertFalse(self.disposal.repayment_ids)
        self.assertEqual(self._moves(), moves)
        wizard.amount = 0
        with self.assertRaisesMessage(UserError, "The payment amount must be positive."):
            wizard.action_register()

    def test_payment_over_what_is_owed_refused(self):
        """Cash that would settle nothing is not silently left unposted: refused, nothing
        written (not even the moratory entry of the payment date)."""
        self._run(D(2026, 12, 2))
        moves = self._moves()
        insts = self.disposal.installment_ids
        owed = round(sum(insts.mapped("principal")) + sum(insts.mapped("interest")), 2)
        wizard = (
            self.env["pronafim.payment.wizard"]
            .with_user(self.finance)
            .with_context(active_model="pronafim.credit.disposal", active_id=self.disposal.id)
            .create({"date": D(2026, 12, 2), "amount": owed + 0.01})
        )
        with self.assertRaisesMessage(UserError, "exceeds the") as err:
            wizard.action_register()
        self.assertIn(f"$\xa0{owed:,.2f} disposal {self.line.name}", str(err.exception))
        self.assertFalse(self.disposal.repayment_ids)
        self.assertEqual(self._moves(), moves)
        wizard.amount = owed
        wizard.action_register()
        self.assertEqual(sum(self.disposal.installment_ids.mapped("amount_due")), 0)
        self.assertEqual(self.disposal.repayment_ids.remainder, 0)

    def test_installments_change_only_through_payments(self):
        first = self.disposal.installment_ids.sorted("number")[0]
        for vals in ({"principal_paid": first.principal}, {"moratory_charged": 0.0}):
            with self.assertRaisesMessage(
                UserError, "An installment changes only through payments and the daily run."
            ):
                first.with_user(self.finance).write(vals)
        with self.assertRaisesMessage(UserError, "A disposal cannot be changed"):
            self.disposal.with_user(self.finance).write({"ordinary_rate": 1.0})
        self.assertEqual(first.principal_paid, 0)

    def test_arrears_queries_do_not_grow_with_disposals(self):
        """The daily run is set-based per institution: more disposals, the same number of
        queries."""
        self.company.pronafim_journal_id = False  # entries aside: only the run itself
        # One institution measured: the lines of others (the demo's, dated from today) are
        # set aside as already run.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE pronafim_credit_line SET arrears_date = '9999-12-31' "
            "WHERE commercial_partner_id <> %s",
            [self.imf.id],
        )
        self.env.invalidate_all()
        Disposal = self.env["pronafim.credit.disposal"]
        self._run(D(2026, 12, 12))
        with self.assertQueryCount(__system__=12):
            self._run(D(2026, 12, 13))
        app = self._app(day=D(2026, 9, 9))
        app.sudo().write({"state": "authorized", "outcome": "authorized"})
        line = self.line.copy({"application_id": app.id, "amount": 30_000})
        with on_day(D(2026, 11, 2)):
            line.action_formalize()
        for _ in range(3):
            Disposal.with_user(self.finance).create(
                {"line_id": line.id, "date": D(2026, 11, 3), "amount": 10_000}
            )
        self.env.flush_all()
        with self.assertQueryCount(__system__=12):
            self._run(D(2026, 12, 14))
