import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PronafimCase, on_day

D = datetime.date


@tagged("post_install", "-at_install")
class TestPronafimCommittee(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._own_committee(voters=4, guest=True)

    def _session(self, present):
        session = (
            self.env["pronafim.committee.session"]
            .with_user(self.secretary)
            .create({"name": "Sesión ordinaria 6/2026", "date": D(2026, 12, 21)})
        )
        for att in session.attendance_ids:
            att.present = att.member_id in present
        return session

    def _ready_app(self, **vals):
        app = self._app(day=D(2026, 11, 2), **vals)
        self._analyses(app)
        app.action_send_to_committee()
        return app

    def _decision(self, session, app, votes, **vals):
        return (
            self.env["pronafim.committee.decision"]
            .with_user(self.secretary)
            .create(
                {
                    "session_id": session.id,
                    "application_id": app.id,
                    "vote_ids": [(0, 0, {"member_id": m.id, "vote": v}) for m, v in votes],
                    **vals,
                }
            )
        )

    def test_quorum_majority_of_voting_members(self):
        """§VI.b: 5 voting members (the guest has no vote): 2 present is no quorum."""
        session = self._session(self.president | self.voters[0] | self.guest)
        self.assertEqual(session.voting_members, 5)
        self.assertEqual(session.voting_present, 2)
        with self.assertRaisesMessage(UserError, "No quorum (§VI.b): 2 of 5 voting members"):
            session.action_hold()
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            session.write({"state": "held"})  # no way around the quorum
        session.attendance_ids.filtered(lambda a: a.member_id == self.voters[1]).present = True
        self.assertTrue(session.has_quorum)
        session.action_hold()
        self.assertEqual(session.state, "held")

    def test_tie_broken_by_president(self):
        """§VI.c: majority of voting members present; the president's casting vote."""
        session = self._session(self.president | self.voters[:3])
        session.action_hold()
        app = self._ready_app(priority_zone=True, women_share_pct=82.5)
        decision = self._decision(
            session,
            app,
            [
                (self.president, "rejected"),
                (self.voters[0], "rejected"),
                (self.voters[1], "authorized"),
                (self.voters[2], "authorized"),
            ],
        )
        self.assertIn("women 82.5 %", decision.special_mention)
        decision.action_decide()
        self.assertEqual(decision.outcome, "rejected")
        self.assertEqual(app.state, "rejected")
        self.assertEqual(app.date_session, D(2026, 12, 21))
        self.assertEqual(app.deadline_notification, D(2026, 12, 29))
        with self.assertRaises(AccessError):
            decision.unlink()
        with self.assertRaisesMessage(UserError, "Committee decisions cannot be deleted."):
            decision.sudo().unlink()
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            decision.vote_ids[0].unlink()
        with self.assertRaisesMessage(UserError, "cannot change"):
            decision.write({"vote_ids": [(5, 0, 0)]})
        with self.assertRaisesMessage(UserError, "comes from the votes"):
            decision.write({"outcome": "authorized"})
        with on_day(D(2026, 12, 23)):
            app.action_notify()
        self.assertEqual(app.state, "notified")
        self.assertFalse(app.clock_code, "a rejection has no signature clock")

    def test_no_decision_for_an_application_not_in_committee(self):
        """The agenda only offers applications in committee; a decision created another
        way (RPC, import) for one that skipped eligibility and analyses is refused."""
        session = self._session(self.president | self.voters)
        session.action_hold()
        app = self._app(day=D(2026, 11, 2))  # received, no analyses, never sent
        decision = self._decision(
            session,
            app,
            [(self.president, "authorized")] + [(v, "authorized") for v in self.voters],
        )
        with self.assertRaisesMessage(UserError, "has not been sent to committee"):
            decision.action_decide()
        self.assertFalse(decision.outcome)
        self.assertNotEqual(app.state, "authorized")

    def test_majority_authorizes_and_conditions_need_text(self):
        session = self._session(self.president | self.voters)
        session.action_hold()
        app = self._ready_app()
        votes = [(self.president, "conditioned")] + [(v, "conditioned") for v in self.voters[:2]]
        votes += [(v, "authorized") for v in self.voters[2:]]
        decision = self._decision(session, app, votes)
        with self.assertRaisesMessage(UserError, "conditions"):
            decision.action_decide()
        decision.conditions = "Garantía adicional: aval de los accionistas."
        decision.action_decide()
        self.assertEqual(app.state, "conditioned")
        self.assertEqual(app.conditions, "Garantía adicional: aval de los accionistas.")
        self.assertTrue(self.imf.pronafim_induction_due, "§XI.c induction after first line")

    def test_no_majority_and_absent_voter(self):
        session = self._session(self.president | self.voters)
        session.action_hold()
        app = self._ready_app()
        split = [
            (self.president, "authorized"),
            (self.voters[0], "authorized"),
            (self.voters[1], "rejected"),
            (self.voters[2], "conditioned"),
        ]
        decision = self._decision(session, app, split)
        with self.assertRaisesMessage(UserError, "No decision on"):
            decision.action_decide()
        with self.assertRaisesMessage(ValidationError, "Invitado"):
            self._decision(session, self._ready_app(), [(self.guest, "authorized")])

    def test_majority_counts_members_present_not_votes_cast(self):
        """§VI.c "voto favorable de la mayoría de los miembros con derecho a voto que
        hubiesen asistido": 5 present, 2 for and 1 against (2 do not vote) is no agreement."""
        session = self._session(self.president | self.voters)
        session.action_hold()
        app = self._ready_app()
        votes = [
            (self.voters[0], "authorized"),
            (self.voters[1], "authorized"),
            (self.voters[2], "rejected"),
        ]
        decision = self._decision(session, app, votes)
        with self.assertRaisesMessage(
            UserError,
            "the leading option has 2 favourable votes; the majority of the 5 voting members "
            "present is 3",
        ):
            decision.action_decide()
        self.assertFalse(decision.outcome)
        self.assertEqual(app.state, "committee")
        decision.write(
            {"vote_ids": [(0, 0, {"member_id": self.voters[3].id, "vote": "authorized"})]}
        )
        decision.action_decide()
        self.assertEqual(app.state, "authorized")

    def test_minutes_report(self):
        session = self._session(self.president | self.voters[:2])
        session.action_hold()
        app = self._ready_app()
        self._decision(
            session, app, [(self.president, "authorized"), (self.voters[0], "authorized")]
        ).action_decide()
        session.action_close()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.secretary)
            ._render_qweb_html("pronafim_credit.report_committee_minutes", session.ids)[0]
            .decode()
        )
        self.assertIn("Sesión ordinaria 6/2026", html)
        self.assertIn(app.name, html)
        self.assertIn("validly installed", html)
        self.assertEqual(session.action_print_minutes()["report_type"], "qweb-pdf")

    def test_access(self):
        session = self._session(self.president | self.voters[:2])
        with self.assertRaises(AccessError):
            session.with_user(self.analyst).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["pronafim.committee.member"].with_user(self.analyst).create({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["pronafim.committee.decision"].with_user(self.finance).create(
                {"session_id": session.id, "application_id": self._ready_app().id}
            )
        with self.assertRaises(AccessError):
            session.with_user(self.portal).read(["name"])

    def test_session_every_two_months(self):
        """§VI.a: at least one session every two months; one alert, not one a day."""
        session = self._session(self.president | self.voters[:2])
        self.assertEqual(session.next_session_by, D(2027, 2, 21))
        Session = self.env["pronafim.committee.session"]
        with on_day(D(2027, 2, 21)):
            Session._cron_check_frequency()
        self.assertFalse(session.activity_ids)
        with on_day(D(2027, 2, 22)):
            Session._cron_check_frequency()
        self.assertEqual(len(session.activity_ids), 1)
        self.assertIn("§VI.a", session.activity_ids.summary)
        with on_day(D(2027, 2, 23)):
            Session._cron_check_frequency()
        self.assertEqual(len(session.activity_ids), 1, "second run: nothing more")
