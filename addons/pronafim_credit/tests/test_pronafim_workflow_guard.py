"""No client forges a PRONAFIM step: every role, every context key, nothing written.

Each cell of :data:`FORGED_WRITES` is tried as every role's own user (a plain ``write``,
as the web client and the external API do), with and without each context key that
unlocked a guard before issue 14; the call must be refused and the record left as it was.
The real steps still work, for the right role only.
"""

import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users

from .common import GROUP, PronafimCase, on_day

D = datetime.date
REFUSED = UserError  # AccessError and ValidationError are UserErrors
ROLES = ("analyst", "secretary", "finance", "manager", "officer", "portal")
#: The keys that unlocked a guard before issue 14 (and look-alikes): none unlocks anything.
CONTEXT_KEYS = (
    {},
    {"pronafim_workflow": True},
    {"pronafim_deciding": True},
    {"pronafim_step": True},
    {"pronafim_today": "2020-01-01"},
    {"pronafim_workflow": True, "pronafim_deciding": True, "tz": "Etc/GMT+12"},
)
#: (record, forged values): what the issue's external client wrote, and its neighbours.
FORGED_WRITES = (
    ("app_committee", {"state": "authorized"}),
    ("app_committee", {"state": "authorized", "outcome": "authorized"}),
    ("app_committee", {"date_session": "2026-12-21", "conditions": "none"}),
    ("app_authorized", {"amount_requested": 99_000_000}),
    ("app_authorized", {"date_received": "2020-01-01"}),
    ("app_authorized", {"state": "formalized", "date_signed": "2026-11-02"}),
    ("decision", {"amount_authorized": 99_000_000}),
    ("decision", {"conditions": "Sin garantía"}),
    ("decision", {"outcome": "rejected"}),
    ("decision", {"vote_ids": [(5, 0, 0)]}),
    ("session", {"state": "draft"}),
    ("session", {"date": "2026-12-01"}),
    ("attendance", {"present": False}),
    ("attendance", {"voting": False}),
    ("line", {"date_formalized": "2026-10-01"}),
    ("line", {"state": "draft"}),
    ("line", {"amount": 5_000_000}),
    ("line_draft", {"state": "formalized", "date_formalized": "2026-11-02"}),
    ("disposal", {"amount": 1_000_000}),
    ("disposal", {"date": "2026-11-03"}),
    ("disposal", {"line_id": "line_draft"}),
    ("disposal", {"move_id": False}),
    ("installment", {"principal_paid": 50_000}),
    ("installment", {"moratory_charged": 0.0, "moratory_date": "2026-12-31"}),
    ("repayment", {"amount": 1.0}),
    ("repayment", {"move_id": False}),
    ("complaint", {"state": "closed", "date_closed": "2026-11-03"}),
    ("complaint", {"date_received": "2026-12-01"}),
    ("emergency", {"state": "disbursed"}),
    ("emergency", {"amount": 100_000}),
)
#: (model, record key or None, values) created by hand: refused for every role.
FORGED_CREATES = (
    ("pronafim.application", {"application_type": "credit", "state": "authorized"}),
    ("pronafim.application", {"application_type": "credit", "date_received": "2020-01-01"}),
    ("pronafim.committee.decision", {"outcome": "authorized", "amount_authorized": 1.0}),
    ("pronafim.committee.attendance", {"present": True}),
    ("pronafim.committee.vote", {"vote": "rejected"}),
    ("pronafim.credit.disposal", {"amount": 500_000}),
    ("pronafim.credit.installment", {"principal_paid": 1_000_000}),
    ("pronafim.credit.repayment", {"amount": 1_000_000, "principal": 1_000_000}),
)
#: (record, the fields compared before and after each refused call)
SNAPSHOT = {
    "app_committee": ("state", "outcome", "date_session", "conditions"),
    "app_authorized": ("state", "amount_requested", "date_received", "date_signed"),
    "decision": ("outcome", "amount_authorized", "conditions", "vote_ids"),
    "session": ("state", "date"),
    "attendance": ("present", "voting"),
    "line": ("state", "date_formalized", "amount"),
    "line_draft": ("state", "date_formalized"),
    "disposal": ("amount", "date", "line_id", "move_id"),
    "installment": ("principal_paid", "moratory_charged", "moratory_date"),
    "repayment": ("amount", "move_id"),
    "complaint": ("state", "date_closed", "date_received"),
    "emergency": ("state", "amount"),
}


@tagged("post_install", "-at_install")
class TestPronafimWorkflowGuard(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._new_user("pr_une_guard", GROUP % "complaints_officer")
        Member = cls.env["pronafim.committee.member"]
        Member.search([]).active = False  # the demo's committee is not these sessions'
        cls.president = Member.create({"name": "Presidenta", "is_president": True})
        cls.voter = Member.create({"name": "Vocal"})
        Session = cls.env["pronafim.committee.session"].with_user(cls.secretary)
        cls.session = Session.create({"name": "Sesión 6/2026", "date": D(2026, 12, 21)})
        cls.session.attendance_ids.write({"present": True})
        cls.session.action_hold()
        cls.app_authorized = cls._ready_app(amount_requested=1_000_000)
        cls.decision = cls._decide(cls.app_authorized, amount_authorized=1_000_000)
        cls.app_committee = cls._ready_app()
        Line = cls.env["pronafim.credit.line"].with_user(cls.finance)
        cls.line = Line.create(cls._line_vals(cls.app_authorized, 1_000_000))
        with on_day(D(2026, 11, 2)):
            cls.line.action_formalize()
        other = cls._ready_app()
        cls._decide(other)
        cls.line_draft = Line.create(cls._line_vals(other, 500_000))
        cls.disposal = (
            cls.env["pronafim.credit.disposal"]
            .with_user(cls.finance)
            .create({"line_id": cls.line.id, "date": D(2026, 11, 2), "amount": 600_000})
        )
        cls.installment = cls.disposal.installment_ids.sorted("number")[0]
        cls.repayment = cls.disposal.with_user(cls.finance)._register_payment(
            10_000, D(2026, 11, 10)
        )
        cls.complaint = (
            cls.env["pronafim.complaint"]
            .sudo()
            .create(
                {
                    "name": "F-GUARD",
                    "kind": "complaint",
                    "institution_id": cls.imf.id,
                    "user_name": "Usuaria",
                    "product": "Crédito simple",
                    "reason": "Cobro indebido",
                    "date_received": D(2026, 11, 2),
                }
            )
        )
        program = cls.env.ref("pronafim_credit.emergency_program_fondeso_covid")
        program.write({"grace_months": 3, "installments": 18})
        cls.emergency = (
            cls.env["pronafim.emergency.credit"]
            .sudo()
            .create(
                {
                    "program_id": program.id,
                    "partner_id": cls.env["res.partner"].create({"name": "Ana Gómez"}).id,
                    "curp": "GOMA900215MDFRRN04",
                    "state_id": cls.env.ref("base.state_mx_df").id,
                    "business_name": "Fonda Ana",
                }
            )
        )
        # Setup only: a credit approved (the steps are tested in test_pronafim_emergency).
        cls.emergency.sudo().write({"state": "approved", "amount": program.credit_amount})
        cls.attendance = cls.session.attendance_ids[0]
        cls.users = {role: getattr(cls, role) for role in ROLES}

    @classmethod
    def _ready_app(cls, **vals):
        app = cls._app(cls, day=D(2026, 11, 2), **vals)
        cls._analyses(cls, app)
        app.action_send_to_committee()
        return app

    @classmethod
    def _decide(cls, app, **vals):
        decision = (
            cls.env["pronafim.committee.decision"]
            .with_user(cls.secretary)
            .create(
                {
                    "session_id": cls.session.id,
                    "application_id": app.id,
                    "vote_ids": [
                        (0, 0, {"member_id": member.id, "vote": "authorized"})
                        for member in cls.president | cls.voter
                    ],
                    **vals,
                }
            )
        )
        decision.action_decide()
        return decision

    @classmethod
    def _line_vals(cls, app, amount):
        return {
            "application_id": app.id,
            "credit_type_id": cls.env.ref("pronafim_credit.credit_type_simple").id,
            "amount": amount,
            "term_months": 12,
        }

    # ---- helpers ----

    def _record(self, key):
        return getattr(self, key)

    def _snapshot(self, key):
        record = self._record(key).sudo()
        record.invalidate_recordset()
        fields = SNAPSHOT[key]
        return {name: record[name] for name in fields}

    def _resolve(self, vals):
        """Record keys given as values (``"line_draft"``) become their ids."""
        return {
            name: self._record(value).id if name.endswith("_id") and isinstance(value, str)
            else value
            for name, value in vals.items()
        }  # fmt: skip

    # ---- forged writes, creates, deletes ----

    def test_forged_writes_refused_for_every_role_and_key(self):
        cells = 0
        for key, vals in FORGED_WRITES:
            before = self._snapshot(key)
            for role, user in self.users.items():
                for context in CONTEXT_KEYS:
                    with self.subTest(record=key, vals=vals, role=role, context=context):
                        record = self._record(key).with_user(user).with_context(**context)
                        with self.assertRaises(REFUSED):
                            record.write(self._resolve(vals))
                        self.assertEqual(self._snapshot(key), before, "nothing changed")
                        cells += 1
        self.assertEqual(cells, len(FORGED_WRITES) * len(ROLES) * len(CONTEXT_KEYS))

    def test_forged_creates_refused_for_every_role_and_key(self):
        links = {
            "pronafim.application": {"partner_id": self.imf.id},
            "pronafim.committee.decision": {
                "session_id": self.session.id,
                "application_id": self.app_committee.id,
            },
            "pronafim.committee.attendance": {
                "session_id": self.session.id,
                "member_id": self.env["pronafim.committee.member"].create({"name": "Nuevo"}).id,
            },
            "pronafim.committee.vote": {
                "decision_id": self.decision.id,
                "member_id": self.voter.id,
            },
            "pronafim.credit.disposal": {"line_id": self.line.id, "date": D(2026, 11, 3)},
            "pronafim.credit.installment": {
                "disposal_id": self.disposal.id,
                "number": 99,
                "due_date": D(2027, 12, 2),
            },
            "pronafim.credit.repayment": {
                "disposal_id": self.disposal.id,
                "date": D(2026, 11, 20),
            },
        }
        for model, vals in FORGED_CREATES:
            Model = self.env[model].sudo()
            count = Model.search_count([])
            for role, user in self.users.items():
                for context in CONTEXT_KEYS:
                    with self.subTest(model=model, vals=vals, role=role, context=context):
                        with self.assertRaises(REFUSED):
                            self.env[model].with_user(user).with_context(**context).create(
                                {**links[model], **vals}
                            )
                        self.assertEqual(Model.search_count([]), count, "nothing created")

    def test_deletes_refused_for_every_role(self):
        for key in ("app_authorized", "decision", "session", "attendance", "line",
                    "disposal", "installment", "repayment", "complaint", "emergency"):  # fmt: skip
            for role, user in self.users.items():
                for context in CONTEXT_KEYS:
                    with self.subTest(record=key, role=role, context=context):
                        with self.assertRaises(REFUSED):
                            self._record(key).with_user(user).with_context(**context).unlink()
                        self.assertTrue(self._record(key).sudo().exists())

    # ---- invariants that hold whatever the path (constraints) ----

    def test_disposals_never_exceed_the_line_even_in_superuser_code(self):
        with self.assertRaisesMessage(ValidationError, "would be overdrawn"):
            self.disposal.sudo().write({"amount": 1_000_001})
        self.assertEqual(self.disposal.amount, 600_000)
        with self.assertRaisesMessage(UserError, "exceeds the availability"):
            self.env["pronafim.credit.disposal"].with_user(self.finance).create(
                {"line_id": self.line.id, "date": D(2026, 11, 3), "amount": 400_001}
            )
        self.assertEqual(self.line.amount_disposed, 600_000)

    def test_held_session_attendance_and_decided_votes_immutable_even_sudo(self):
        with self.assertRaisesMessage(UserError, "attendance of a held session cannot change"):
            self.attendance.sudo().write({"present": False})
        with self.assertRaisesMessage(UserError, "votes of a decided item cannot change"):
            self.decision.vote_ids[0].sudo().write({"vote": "rejected"})
        self.assertTrue(self.attendance.present)

    # ---- the real steps, for the right role only ----

    def test_reception_date_is_the_programs_today_not_the_clients(self):
        """00:30 in Mexico City on 9 September; the client sends an old date and a time
        zone still on the 8th: the reception is dated the 9th."""
        app = (
            self.env["pronafim.application"]
            .with_user(self.analyst)
            .create({"partner_id": self.imf.id, "application_type": "credit"})
        )
        forged = app.with_context(pronafim_today=D(2020, 1, 1), tz="Etc/GMT+12")
        with freeze_time("2026-09-09 06:30:00"):
            forged.action_receive()
        self.assertEqual(app.date_received, D(2026, 9, 9))

    def _committee_decision(self):
        """The secretary's decision of 300,000 on the application in committee, made once
        per test (the subtests of ``@users`` share the test's transaction)."""
        if not getattr(self, "_decision", None):
            self._decision = self._new_committee_decision()
        return self._decision

    def _new_committee_decision(self):
        return (
            self.env["pronafim.committee.decision"]
            .with_user(self.secretary)
            .create(
                {
                    "session_id": self.session.id,
                    "application_id": self.app_committee.id,
                    "amount_authorized": 300_000,
                    "vote_ids": [
                        (0, 0, {"member_id": member.id, "vote": "authorized"})
                        for member in self.president | self.voter
                    ],
                }
            )
        )

    @users("pr_analyst", "pr_finance", "pr_une_guard")
    def test_committee_step_refused_to_other_roles(self):
        decision = self._committee_decision()
        with self.assertRaises(AccessError):
            decision.with_env(self.env).with_context(pronafim_deciding=True).action_decide()
        self.assertFalse(decision.outcome)
        self.assertEqual(self.app_committee.state, "committee")

    @users("pr_secretary")
    def test_committee_step_authorizes_only_for_the_secretary(self):
        decision = self._committee_decision().with_env(self.env)
        decision.action_decide()
        self.assertEqual(decision.outcome, "authorized")
        self.assertEqual(self.app_committee.state, "authorized")
        self.assertEqual(self.app_committee.date_session, D(2026, 12, 21))

    @users("pr_analyst", "pr_secretary", "pr_une_guard")
    def test_formalization_and_payment_steps_refused_to_other_roles(self):
        line, disposal = self.line_draft.with_env(self.env), self.disposal.with_env(self.env)
        with self.assertRaises(AccessError):
            line.with_context(pronafim_workflow=True).action_formalize()
        with self.assertRaises(AccessError):
            disposal._register_payment(1_000, D(2026, 11, 12))
        self.assertEqual(self.line_draft.state, "draft")

    @users("pr_finance")
    def test_formalization_and_payment_steps_only_for_finance(self):
        line, disposal = self.line_draft.with_env(self.env), self.disposal.with_env(self.env)
        with on_day(D(2026, 11, 3)):
            line.action_formalize()
        self.assertEqual(self.line_draft.state, "formalized")
        self.assertEqual(self.line_draft.date_formalized, D(2026, 11, 3))
        paid = self.installment.principal_paid
        disposal._register_payment(60_000, D(2026, 11, 12))
        self.assertGreater(self.installment.principal_paid, paid)

    def test_complaint_steps_only_for_the_officer(self):
        complaint = self.complaint.with_user(self.officer)
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.analyst).action_take()
        complaint.action_take()
        complaint.write({"response": "Se bonifica el cargo.", "outcome": "in_favor"})
        with on_day(D(2026, 11, 4)):
            complaint.with_context(pronafim_today=D(2026, 11, 2)).action_answer()
        self.assertEqual(complaint.state, "answered")
        self.assertEqual(complaint.date_answered, D(2026, 11, 4))
