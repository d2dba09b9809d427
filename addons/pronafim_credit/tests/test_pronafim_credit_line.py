import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PronafimCase, on_day

D = datetime.date
REF = "pronafim_credit.credit_type_%s"


@tagged("post_install", "-at_install")
class TestPronafimCreditLine(PronafimCase):
    def _authorized_app(self, partner=None, app_type="credit"):
        app = self._app(application_type=app_type, partner_id=(partner or self.imf).id)
        app.sudo().write(
            {"state": "authorized", "outcome": "authorized", "date_session": D(2026, 10, 20)}
        )
        return app

    def _line(self, ctype="simple", partner=None, **vals):
        """A credit line finance enters in the credit line form."""
        app_type = "partial_credit" if ctype == "partial_access_points" else "credit"
        form = Form(self.env["pronafim.credit.line"].with_user(self.finance))
        form.application_id = self._authorized_app(partner, app_type)
        form.credit_type_id = self.env.ref(REF % ctype)
        form.amount = 1_200_000
        form.term_months = 12
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def _dispose(self, line, day, amount):
        """A disposal finance records from the line's "Record Disposal" button."""
        Disposal = self.env["pronafim.credit.disposal"].with_user(self.finance)
        form = Form(Disposal.with_context(default_line_id=line.id))
        form.date = day
        form.amount = amount
        return form.save()

    def _formalized(self, ctype="simple", day=None, **vals):
        line = self._line(ctype, **vals)
        with on_day(day or D(2026, 11, 2)):
            line.action_formalize()
        return line

    def test_table_caps_simple(self):
        """§VIII.1.A: up to 100 M MXN and 36 months."""
        line = self._line(amount=100_000_000, term_months=36)
        self.assertEqual(line.amount, 100_000_000)
        with self.assertRaisesMessage(ValidationError, "for Simple credit (§VIII.1.A)") as err:
            self._line(amount=100_000_000.01)
        self.assertIn("100,000,000.01", str(err.exception))
        self.assertIn("maximum of", str(err.exception))
        with self.assertRaisesMessage(
            ValidationError, "Term 37 months is outside 1 to 36 months for Simple credit"
        ):
            self._line(term_months=37)

    def test_table_caps_partial_credit(self):
        """§VIII.3: 50 % of the infrastructure investment, at most 500,000, 12 months."""
        ok = self._line("partial_access_points", amount=400_000, investment_amount=800_000)
        self.assertEqual(ok.amount, 400_000)
        with self.assertRaisesMessage(ValidationError, "exceeds 50.0 % of the infrastructure"):
            self._line("partial_access_points", amount=400_001, investment_amount=800_000)
        with self.assertRaisesMessage(ValidationError, "(§VIII.3)") as err:
            self._line("partial_access_points", amount=500_001, investment_amount=1_200_000)
        self.assertIn("500,000.00", str(err.exception))
        with self.assertRaisesMessage(ValidationError, "outside 1 to 12 months"):
            self._line(
                "partial_access_points", amount=100_000, investment_amount=300_000, term_months=13
            )

    def test_margin_grace_per_type(self):
        """Strategic simple: CETES without margin (§VIII.1.B.i); revolving: no grace."""
        with self.assertRaisesMessage(ValidationError, "CETES without additional points"):
            self._line("strategic_simple", margin=1.5)
        with self.assertRaisesMessage(ValidationError, "has no capital grace (§VIII.1.A)"):
            self._line("revolving", grace_months=2)
        line = self._line("simple", margin=3.0, grace_months=3)
        self.assertAlmostEqual(line.ordinary_rate(D(2026, 11, 2)), 10.25)
        self.assertAlmostEqual(line.moratory_rate(D(2026, 11, 2)), 20.5, msg="2 x ordinary")
        strategic = self._line("strategic_simple")
        self.assertAlmostEqual(strategic.ordinary_rate(D(2026, 11, 2)), 7.25)

    def test_concentration_ten_percent(self):
        """§IX.3.b: net worth 2,000 M at the last known month -> limit 200 M."""
        self._formalized(amount=100_000_000, term_months=36)
        second = self._formalized(amount=100_000_000, term_months=36)
        self.assertEqual(second.state, "formalized", "exactly 10 % is not above it")
        self.assertEqual(self.imf.pronafim_first_formalization_date, D(2026, 11, 2))
        third = self._line(amount=1_000)
        with self.assertRaisesMessage(UserError, "above 10 % of the trust's net worth") as err:
            with on_day(D(2026, 11, 2)):
                third.action_formalize()
        message = str(err.exception)
        self.assertIn("200,001,000.00", message)
        self.assertIn("2,000,000,000.00", message)
        self.assertIn("10/2026", message)
        self.assertEqual(third.state, "draft")
        other = self._line(partner=self.other_imf, amount=1_000)
        with on_day(D(2026, 11, 2)):
            other.action_formalize()
        self.assertEqual(other.state, "formalized", "the limit is per institution")

    def test_overdue_debts_block_formalization(self):
        line = self._formalized()
        disposal = self._dispose(line, D(2026, 11, 2), 120_000)
        self.assertEqual(disposal.installment_ids[0].due_date, D(2026, 12, 2))
        new = self._line(amount=1_000)
        with self.assertRaisesMessage(UserError, "has overdue debts of"):
            with on_day(D(2026, 12, 3)):
                new.action_formalize()
        with on_day(D(2026, 12, 2)):
            new.action_formalize()
        self.assertEqual(new.state, "formalized")

    def test_disposal_window_and_availability(self):
        """§VIII.1: dispose within 6 months of formalization, never over the line."""
        line = self._formalized(amount=1_000_000)
        self.assertEqual(line.disposal_deadline, D(2027, 5, 2))
        with self.assertRaisesMessage(UserError, "outside the disposal window"):
            self._dispose(line, D(2027, 5, 3), 1_000)
        self._dispose(line, D(2027, 5, 2), 600_000)
        with self.assertRaisesMessage(UserError, "exceeds the availability") as err:
            self._dispose(line, D(2027, 1, 4), 400_000.01)
        self.assertIn("400,000.00 of", str(err.exception))
        self._dispose(line, D(2027, 1, 4), 400_000)
        self.assertEqual(line.amount_available, 0)
        with self.assertRaises(AccessError):
            line.disposal_ids[0].unlink()
        with self.assertRaisesMessage(UserError, "Disposals cannot be deleted."):
            line.disposal_ids[0].sudo().unlink()

    def test_revolving_availability_restored_by_principal(self):
        line = self._formalized("revolving", amount=1_000_000)
        disposal = self._dispose(line, D(2026, 11, 2), 1_000_000)
        self.assertEqual(line.amount_available, 0)
        first = disposal.installment_ids[0]
        paid = first.principal + first.interest
        repayment = disposal.with_user(self.finance)._register_payment(paid, D(2026, 12, 2))
        self.assertEqual(repayment.remainder, 0)
        self.assertEqual(repayment.principal, first.principal)
        self.assertEqual(first.principal_paid, first.principal)
        line.invalidate_recordset()
        self.assertAlmostEqual(line.amount_available, first.principal, 2)
        simple = self._formalized("simple", amount=1_000_000)
        disposal = self._dispose(simple, D(2026, 11, 2), 1_000_000)
        inst = disposal.installment_ids[0]
        disposal._register_payment(inst.principal + inst.interest, D(2026, 12, 2))
        simple.invalidate_recordset()
        self.assertEqual(simple.amount_available, 0, "a simple line does not revolve")

    def test_revolving_line_redraws_repaid_principal_during_its_term(self):
        """§VIII.1.A: the revolving credit "permite su revolvencia durante la vigencia del
        contrato, con base en la disponibilidad del crédito que se deriva de los pagos
        realizados"; the 6-month window of the table limits the first draws only.

        Formalized 2 Nov 2026 for 36 months: window to 2 May 2027, term to 2 Nov 2029."""
        line = self._formalized("revolving", amount=1_000_000, term_months=36)
        self.assertEqual((line.disposal_deadline, line.term_end), (D(2027, 5, 2), D(2029, 11, 2)))
        # A first draw on the last day of month 6 ...
        first = self._dispose(line, D(2027, 5, 2), 600_000)
        self.assertEqual(len(first.installment_ids), 36)
        # ... and none the day after: the never-drawn 400,000 lapsed with the window.
        with self.assertRaisesMessage(UserError, "exceeds the availability of revolving") as err:
            self._dispose(line, D(2027, 5, 3), 0.01)
        self.assertIn(
            "re-draws only principal repaid: $\xa0600,000.00 disposed", str(err.exception)
        )
        self.assertIn("Reglas de Operación PRONAFIM 2016, §VIII.1.A", str(err.exception))
        # Six installments paid on the first due date: principal repaid.
        insts = first.installment_ids.sorted("number")[:6]
        paid = sum(i.principal + i.interest for i in insts)
        first.with_user(self.finance)._register_payment(paid, D(2027, 6, 2))
        repaid = round(sum(insts.mapped("principal")), 2)
        self.assertAlmostEqual(repaid, 100_000.02, 2)
        # Month 20 (15 Jun 2028): the principal repaid is available again, not a cent more.
        with on_day(D(2028, 6, 15)):
            line.invalidate_recordset()
            self.assertAlmostEqual(line.amount_available, repaid, 2)
            with self.assertRaisesMessage(UserError, "$\xa0100,000.02. After its disposal window"):
                self._dispose(line, D(2028, 6, 15), repaid + 0.01)
            redraw = self._dispose(line, D(2028, 6, 15), repaid)
            line.invalidate_recordset()
            self.assertEqual(line.amount_available, 0)
        # The re-draw is repaid within the contract: 16 installments, the last on 15 Oct 2029.
        self.assertEqual(len(redraw.installment_ids), 16)
        self.assertEqual(max(redraw.installment_ids.mapped("due_date")), D(2029, 10, 15))
        self.assertAlmostEqual(sum(redraw.installment_ids.mapped("principal")), repaid, 2)
        # After the term nothing is drawn, even repaid principal.
        last = redraw.installment_ids.sorted("number")[0]
        redraw.with_user(self.finance)._register_payment(
            last.principal + last.interest, last.due_date
        )
        with self.assertRaisesMessage(UserError, "after the end of the term of revolving line"):
            self._dispose(line, D(2029, 11, 3), 1_000)
        # A simple line: the window still closes every draw (unchanged).
        simple = self._formalized("simple", amount=1_000_000, term_months=36)
        with self.assertRaisesMessage(UserError, "outside the disposal window"):
            self._dispose(simple, D(2027, 5, 3), 1_000)

    def test_schedule_with_grace_and_moratory(self):
        """Monthly schedule from micro_base with 3 months of capital grace; moratory
        interest = 2 x ordinary on the overdue installment, charged first."""
        line = self._formalized(amount=1_200_000, term_months=12, grace_months=3, margin=3.0)
        disposal = self._dispose(line, D(2026, 11, 2), 1_200_000)
        self.assertAlmostEqual(disposal.ordinary_rate, 10.25)
        self.assertAlmostEqual(disposal.moratory_rate, 20.5)
        insts = disposal.installment_ids.sorted("number")
        self.assertEqual(len(insts), 12)
        self.assertEqual(insts.mapped("principal")[:3], [0.0, 0.0, 0.0])
        self.assertAlmostEqual(sum(insts.mapped("principal")), 1_200_000, 2)
        # First period 2 Nov -> 2 Dec 2026: 30 days at 10.25 % actual/360.
        self.assertAlmostEqual(insts[0].interest, round(1_200_000 * 0.1025 * 30 / 360, 2), 2)
        # Paid 10 days late: moratory = due x 10.25 % x 2 x 10 / 360.
        due = insts[0].interest
        disposal._register_payment(due, D(2026, 12, 12))
        moratory = round(due * 0.1025 * 2 * 10 / 360, 2)
        self.assertAlmostEqual(insts[0].moratory_charged, moratory, 2)
        self.assertAlmostEqual(insts[0].moratory_paid, moratory, 2)
        self.assertAlmostEqual(insts[0].interest_paid, due - moratory, 2)

    def test_line_on_an_application_of_its_type(self):
        """A credit line documents a credit application (§VIII.1) or a partial credit for
        access points (§VIII.3), never a non-credit support."""
        app = self._authorized_app(app_type="training_population")
        with self.assertRaisesMessage(ValidationError, "needs an application of type"):
            self.env["pronafim.credit.line"].with_user(self.finance).create(
                {
                    "application_id": app.id,
                    "credit_type_id": self.env.ref(REF % "simple").id,
                    "amount": 100_000,
                    "term_months": 12,
                }
            )
        with self.assertRaisesMessage(ValidationError, "needs an application of type"):
            self.env["pronafim.credit.line"].with_user(self.finance).create(
                {
                    "application_id": self._authorized_app().id,
                    "credit_type_id": self.env.ref(REF % "partial_access_points").id,
                    "amount": 100_000,
                    "investment_amount": 200_000,
                    "term_months": 12,
                }
            )

    def test_formalized_within_the_amount_the_committee_authorized(self):
        """§IX.3.a: formalized "en términos de lo autorizado por el COMITÉ TÉCNICO"."""
        app = self._authorized_app()
        session = (
            self.env["pronafim.committee.session"]
            .sudo()
            .create({"name": "Sesión 5/2026", "date": D(2026, 10, 20)})
        )
        self.env["pronafim.committee.decision"].sudo().create(
            {
                "session_id": session.id,
                "application_id": app.id,
                "outcome": "authorized",
                "amount_authorized": 1_000_000,
            }
        )
        line = (
            self.env["pronafim.credit.line"]
            .with_user(self.finance)
            .create(
                {
                    "application_id": app.id,
                    "credit_type_id": self.env.ref(REF % "simple").id,
                    "term_months": 12,
                    "amount": 1_000_000.01,
                }
            )
        )
        with self.assertRaisesMessage(UserError, "Formalization refused (§IX.3.a)") as err:
            with on_day(D(2026, 11, 2)):
                line.action_formalize()
        self.assertIn(f"1,000,000.01 on application {app.name} exceeds", str(err.exception))
        self.assertIn("1,000,000.00 the committee authorized", str(err.exception))
        self.assertEqual(line.state, "draft")
        line.amount = 1_000_000
        with on_day(D(2026, 11, 2)):
            line.action_formalize()
        self.assertEqual(line.state, "formalized")

    def test_access(self):
        line = self._line()
        with self.assertRaises(AccessError):
            self.env["pronafim.credit.line"].with_user(self.analyst).create(
                {
                    "application_id": self._authorized_app().id,
                    "credit_type_id": self.env.ref(REF % "simple").id,
                    "amount": 1_000,
                    "term_months": 12,
                }
            )
        with self.assertRaises(AccessError):
            line.with_user(self.secretary).write({"amount": 10})
        with self.assertRaises(AccessError):
            self.env.ref(REF % "simple").with_user(self.finance).write({"max_amount": 2e8})
        with self.assertRaises(AccessError):
            self.cetes.with_user(self.analyst).write({"rate": 1.0})
        own = line.with_user(self.portal)
        self.assertEqual(own.read(["name"])[0]["name"], line.name)
        foreign = self._line(partner=self.other_imf)
        with self.assertRaises(AccessError):
            foreign.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            own.write({"amount": 1})
        draft = self._line()
        with self.assertRaisesMessage(UserError, "only through the record's steps"):
            draft.with_user(self.finance).write({"state": "formalized"})
        formalized = self._formalized()
        with self.assertRaisesMessage(UserError, "terms of a formalized line"):
            formalized.with_user(self.finance).write({"amount": 2_000_000})
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            formalized.with_user(self.manager).unlink()
