import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import PronafimCase, on_day

D = datetime.date


@tagged("post_install", "-at_install")
class TestPronafimNextStep(PronafimCase):
    """PRONAFIM after the committee (issue 17): each record says what is next and by when,
    and the next record is one button away; a new credit line takes what the committee
    authorized."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._own_committee(voters=2)
        cls.simple = cls.env.ref("pronafim_credit.credit_type_simple")

    def _at_committee(self, **vals):
        app = self._app(day=D(2026, 11, 2), amount_requested=2_000_000, **vals)
        self._analyses(app)
        with on_day(D(2026, 11, 2)):
            app.with_user(self.analyst).action_send_to_committee()
        return app

    def _decided(self, app, **terms):
        Session = self.env["pronafim.committee.session"].with_user(self.secretary)
        session = Session.create({"name": "Sesión 7/2026", "date": D(2026, 11, 9)})
        session.attendance_ids.write({"present": True})
        members = self.president | self.voters
        decision = (
            self.env["pronafim.committee.decision"]
            .with_user(self.secretary)
            .create(
                {
                    "session_id": session.id,
                    "application_id": app.id,
                    "vote_ids": [
                        (0, 0, {"member_id": m.id, "vote": "authorized"}) for m in members
                    ],
                    **terms,
                }
            )
        )
        return session, decision

    def test_application_to_payment_each_step_says_what_is_next(self):
        app = self._at_committee().with_user(self.analyst)
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("agenda of a committee session", app.next_step)
        self.assertEqual(app.next_step_deadline, app.deadline_resolution)
        action = app.action_open_committee()
        self.assertEqual(action["res_model"], "pronafim.committee.session")
        session, decision = self._decided(
            app,
            credit_type_id=self.simple.id,
            amount_authorized=1_500_000,
            term_months=24,
            grace_months=3,
            margin=2.5,
        )
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("install the session with quorum", session.next_step)
        self.assertEqual(session.next_step_deadline, D(2026, 11, 9))
        self.assertIn("Install the session", decision.next_step)
        self.assertIn(f"Committee session {session.name}", app.next_step)
        self.assertEqual(app.action_open_committee()["res_id"], decision.id)
        with on_day(D(2026, 11, 9)):
            session.action_hold()
            self.env.invalidate_all()  # computed, not stored: read afresh
            self.assertIn("Record the votes", decision.next_step)
            self.assertEqual(decision.action_open_form()["res_id"], decision.id)
            decision.action_decide()
        self.assertEqual(app.state, "authorized")
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("Notify the decision", decision.next_step)
        self.assertEqual(decision.next_step_deadline, app.deadline_notification)
        self.assertEqual(decision.action_open_application()["res_id"], app.id)
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("Notify the committee's decision", app.next_step)
        with on_day(D(2026, 11, 10)):
            app.action_notify()
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("Create the credit line", app.next_step)
        self.assertEqual(app.next_step_deadline, app.deadline_signature)
        self.assertFalse(app.credit_line_count)

        # The analyst has no credit line of their own to create: finance does it.
        with self.assertRaises(AccessError):
            self.env["pronafim.credit.line"].with_user(self.analyst).check_access("create")
        action = app.with_user(self.finance).action_create_credit_line()
        self.assertEqual(action["res_model"], "pronafim.credit.line")
        Line = self.env["pronafim.credit.line"].with_user(self.finance)
        with Form(Line.with_context(**action["context"])) as form:
            self.assertEqual(form.application_id, app)
            self.assertEqual(form.credit_type_id, self.simple)
            self.assertEqual(form.amount, 1_500_000)
            self.assertEqual(form.term_months, 24)
            self.assertEqual(form.grace_months, 3)
            self.assertEqual(form.margin, 2.5)
        line = form.record
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertEqual(app.credit_line_count, 1)
        self.assertFalse(app.can_create_credit_line)
        self.assertEqual(
            app.with_user(self.finance).action_create_credit_line()["res_id"], line.id
        )
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("Formalize the line", line.next_step)
        self.assertEqual(line.next_step_deadline, app.deadline_signature)
        with on_day(D(2026, 11, 11)):
            line.action_formalize()
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("Record the first disposal", line.next_step)
        self.assertEqual(line.next_step_deadline, line.disposal_deadline)
        self.assertIn(f"Record the disposals of credit line {line.name}", app.next_step)

        # The disposal in its own form (Record Disposal on the line): an empty date is
        # refused on its field before anything is sent.
        Disposal = self.env["pronafim.credit.disposal"].with_user(self.finance)
        with on_day(D(2026, 11, 12)):
            form = Form(Disposal.with_context(default_line_id=line.id))
        self.assertEqual(form.date, D(2026, 11, 12))  # the program's today
        form.date = False
        form.amount = 500_000
        with self.assertRaisesRegex(AssertionError, "date"):
            form.save()
        with on_day(D(2026, 11, 12)):
            form.date = D(2026, 11, 12)
            disposal = form.save()
        self.assertTrue(disposal.installment_ids)
        first = disposal.installment_ids.sorted("number")[0]
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("installment 1", disposal.next_step)
        self.assertEqual(disposal.next_step_deadline, first.due_date)
        self.assertEqual(disposal.next_amount_due, first.amount_due)
        self.assertIn("installment 1 of disposal", line.next_step)
        self.assertEqual(line.next_step_deadline, first.due_date)

        # Register Payment proposes the next installment's amount.
        Wizard = self.env["pronafim.payment.wizard"].with_user(self.finance)
        ctx = {
            "active_model": "pronafim.credit.disposal",
            "active_id": disposal.id,
            "default_amount": disposal.next_amount_due,
        }
        with on_day(first.due_date):
            wizard = Form(Wizard.with_context(**ctx))
            self.assertEqual(wizard.amount, first.amount_due)
            wizard.save().action_register()
        self.assertTrue(disposal.repayment_ids)
        self.assertFalse(first.amount_due)
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertIn("installment 2", disposal.next_step)

    def test_new_line_from_the_menu_takes_the_committee_terms(self):
        """Picking the application in a new line fills what the committee authorized
        (the "Invalid fields: Credit Type" of issue 17)."""
        app = self._at_committee()
        session, decision = self._decided(
            app, credit_type_id=self.simple.id, amount_authorized=800_000, term_months=18
        )
        with on_day(D(2026, 11, 9)):
            session.with_user(self.secretary).action_hold()
            decision.with_user(self.secretary).action_decide()
        form = Form(self.env["pronafim.credit.line"].with_user(self.finance))
        form.application_id = app
        self.assertEqual(form.credit_type_id, self.simple)
        self.assertEqual(form.amount, 800_000)
        self.assertEqual(form.term_months, 18)
        line = form.save()
        self.assertEqual(line.credit_type_id, self.simple)

    def test_decision_terms_default_and_frozen(self):
        app = self._at_committee(credit_type_id=self.simple.id)
        session, decision = self._decided(app, amount_authorized=1_000_000, term_months=12)
        self.assertEqual(decision.credit_type_id, self.simple)
        with on_day(D(2026, 11, 9)):
            session.with_user(self.secretary).action_hold()
            decision.with_user(self.secretary).action_decide()
        with self.assertRaises(UserError):
            decision.with_user(self.secretary).write({"term_months": 36})

    def test_create_line_only_when_authorized(self):
        app = self._at_committee().with_user(self.finance)
        self.env.invalidate_all()  # computed, not stored: read afresh
        self.assertFalse(app.can_create_credit_line)
        with self.assertRaisesMessage(UserError, "has no committee authorization"):
            app.action_create_credit_line()
