"""Workflow and money fields of an application change only through its steps: a state
representative cannot grant the directorate's opinion, authorize, move a folio or change
what was applied for by writing the fields (quality: records with legal or money effect)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesWorkflowGuard(FonaesCase):
    def test_state_representative_cannot_grant_the_opinion(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.action_submit()
        with self.assertRaisesMessage(UserError, "change only through the application's steps"):
            app.write({"directorate_opinion": "favorable"})
        self.assertEqual(app.directorate_opinion, "none")
        for values in ({"state": "authorized"}, {"name": "X-1"}, {"folio_number": 0}):
            with self.assertRaisesMessage(UserError, "change only through"):
                app.write(values)
        self.assertEqual(app.state, "registered")
        self.assertTrue(app.folio_number)
        # Its own step asks for the opinion; only the directorate gives it.
        app.action_request_opinion()
        self.assertEqual(app.directorate_opinion, "requested")

    def test_no_application_created_already_decided(self):
        with self.assertRaisesMessage(UserError, "change only through"):
            self._application(
                self.group,
                self._limit("support_limit_cts_1"),
                100_000,
                directorate_opinion="favorable",
            )
        with self.assertRaisesMessage(UserError, "change only through"):
            self._application(
                self.group, self._limit("support_limit_cts_1"), 100_000, name="OAX-2026-9"
            )

    def test_applied_amount_frozen_with_the_folio(self):
        app = self._application(self.group, self._limit("support_limit_cts_1"), 100_000)
        app.requested_amount = 90_000  # a draft can still change
        app.action_submit()
        with self.assertRaisesMessage(UserError, "can no longer change"):
            app.requested_amount = 200_000
        self.assertEqual(app.requested_amount, 90_000)
