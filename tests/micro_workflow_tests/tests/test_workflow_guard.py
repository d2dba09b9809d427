"""micro_base's workflow guard: what a plain write (any client, any context) may not do,
and what a step does on the acting user's behalf."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.micro_base.tests.common import MicroTestMixin

#: Context keys the suite's guards used to trust: none may unlock anything.
FORGED_CONTEXTS = [
    {},
    {"pronafim_workflow": True},
    {"fonaes_workflow": True},
    {"pronafim_deciding": True},
    {"fonaes_loan_step": True},
    {"fonaes_provision_run_step": True},
    {"fonaes_statement_filing": True},
    {"micro_workflow": True},
]

#: (status of the record, values written by hand, fragment of the refusal)
FORGED_WRITES = [
    ("draft", {"state": "posted"}, "change only through the record's steps"),
    ("draft", {"posted_amount": 99_000_000}, "change only through the record's steps"),
    ("draft", {"approver_id": 1}, "change only through the record's steps"),
    ("approved", {"amount": 5}, "can no longer change"),
    ("approved", {"state": "draft"}, "change only through the record's steps"),
    ("posted", {"name": "renamed"}, "can no longer change"),
    ("posted", {"amount": 1}, "can no longer change"),
    ("posted", {"state": "draft"}, "change only through the record's steps"),
]


class WorkflowGuardCommon(MicroTestMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = cls._new_user("wf_clerk", "base.group_user", email=False)
        cls.boss = cls._new_user("wf_boss", "base.group_user,base.group_system")
        cls.Order = cls.env["micro.workflow.test.order"]

    @classmethod
    def _order(cls, state, amount=100.0):
        order = cls.Order.with_user(cls.clerk).create({"name": f"Order {state}", "amount": amount})
        if state in ("approved", "posted"):
            order.with_user(cls.boss).action_approve()
        if state == "posted":
            order.with_user(cls.clerk).action_post()
        return order


@tagged("post_install", "-at_install")
class TestWorkflowGuard(WorkflowGuardCommon, TransactionCase):
    def _snapshot(self, order):
        return order.sudo().read(["name", "amount", "state", "posted_amount", "approver_id"])

    def test_forged_writes_refused_whatever_the_context(self):
        for state, vals, fragment in FORGED_WRITES:
            order = self._order(state)
            for context in FORGED_CONTEXTS:
                with self.subTest(state=state, vals=vals, context=context):
                    before = self._snapshot(order)
                    with self.assertRaisesMessage(UserError, fragment):
                        order.with_user(self.clerk).with_context(**context).write(vals)
                    self.assertEqual(self._snapshot(order), before)

    def test_create_cannot_start_past_the_first_status(self):
        for context in FORGED_CONTEXTS:
            for vals in ({"state": "posted"}, {"posted_amount": 10.0}, {"approver_id": 2}):
                with self.subTest(vals=vals, context=context):
                    count = self.Order.search_count([])
                    with self.assertRaisesMessage(UserError, "set only by the record's steps"):
                        self.Order.with_user(self.clerk).with_context(**context).create(
                            {"name": "forged", **vals}
                        )
                    self.assertEqual(self.Order.search_count([]), count)
        # The default status given explicitly (as a form may) is accepted.
        order = self.Order.with_user(self.clerk).create({"name": "plain", "state": "draft"})
        self.assertEqual(order.state, "draft")

    def test_free_fields_stay_writable(self):
        order = self._order("posted")
        order.with_user(self.clerk).write({"note": "called the beneficiary"})
        self.assertEqual(order.note, "called the beneficiary")

    def test_steps_write_and_keep_the_author(self):
        order = self._order("draft", amount=250.0)
        # Tracking is written at commit by the environment that first tracked in the
        # transaction: run it after each user's action, as separate requests would.
        self.env.cr.precommit.run()
        order.with_user(self.boss).action_approve()
        self.env.cr.precommit.run()  # the tracking messages, as at commit
        self.assertEqual((order.state, order.approver_id), ("approved", self.boss))
        order.with_user(self.clerk).action_post()
        self.env.cr.precommit.run()
        self.assertEqual((order.state, order.posted_amount), ("posted", 250.0))
        tracked = order.message_ids.filtered("tracking_value_ids")
        self.assertEqual(
            set(tracked.mapped("author_id")), {self.boss.partner_id, self.clerk.partner_id}
        )

    def test_step_checks_group_and_status(self):
        order = self._order("draft")
        for context in FORGED_CONTEXTS:
            with self.assertRaisesMessage(AccessError, "this step is for"):
                order.with_user(self.clerk).with_context(**context).action_approve()
        with self.assertRaisesMessage(UserError, "this step needs it"):
            order.with_user(self.clerk).action_post()
        self.assertEqual(order.state, "draft")

    def test_step_needs_write_access_without_group(self):
        order = self._order("approved")
        reader = self._new_user("wf_reader", "base.group_portal")
        with self.assertRaises(AccessError):
            order.with_user(reader).action_post()
        self.assertEqual(order.state, "approved")

    def test_unlink_only_in_draft_even_as_superuser(self):
        draft = self._order("draft")
        draft.with_user(self.clerk).unlink()
        self.assertFalse(draft.exists())
        for state in ("approved", "posted"):
            order = self._order(state)
            for env_order in (order.with_user(self.clerk), order.sudo()):
                with self.assertRaisesMessage(UserError, "cannot be deleted"):
                    env_order.unlink()
            self.assertTrue(order.exists())

    def test_copy_starts_in_the_first_status(self):
        copy = self._order("posted").with_user(self.clerk).copy()
        self.assertEqual(
            (copy.state, copy.posted_amount, copy.approver_id.id), ("draft", 0, False)
        )


@tagged("post_install", "-at_install")
class TestWorkflowGuardJsonRpc(WorkflowGuardCommon, HttpCase):
    """The same refusals through Odoo's external API, as a client logged in as a user."""

    def test_forged_context_over_jsonrpc(self):
        order = self._order("approved")
        for context in FORGED_CONTEXTS:
            for vals in ({"state": "posted"}, {"posted_amount": 5.0}, {"amount": 1.0}):
                with self.subTest(context=context, vals=vals):
                    answer = self._execute_kw(
                        self.clerk,
                        order._name,
                        "write",
                        [[order.id], vals],
                        {"context": context},
                    )
                    self.assertIn("error", answer)
                    self.assertEqual(
                        answer["error"]["data"]["name"], "odoo.exceptions.UserError", answer
                    )
                    order.invalidate_recordset()
                    self.assertEqual(
                        (order.state, order.posted_amount, order.amount), ("approved", 0, 100)
                    )
        # The step itself is reachable and works for its user.
        answer = self._execute_kw(self.clerk, order._name, "action_post", [[order.id]])
        self.assertNotIn("error", answer, answer)
        order.invalidate_recordset()
        self.assertEqual((order.state, order.posted_amount), ("posted", 100))
