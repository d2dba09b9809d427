from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.micro_base.models.micro_workflow_mixin import check_entries_not_held
from odoo.addons.micro_base.tests.common import MicroTestMixin


@tagged("post_install", "-at_install")
class TestEntriesHeld(MicroTestMixin, TransactionCase):
    """Hand-made entries stay Odoo's: the guard only holds entries a program step posted
    (tested with each program's records in pronafim_credit and fonaes_support)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._new_user("mba_accountant", "account.group_account_manager")
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        accounts = cls.env["account.account"].search(
            [("company_ids", "in", cls.env.company.id), ("deprecated", "=", False)], limit=2
        )
        cls.move = cls.env["account.move"].create(
            {
                "journal_id": cls.journal.id,
                "line_ids": [
                    Command.create({"account_id": accounts[0].id, "debit": 10.0}),
                    Command.create({"account_id": accounts[1].id, "credit": 10.0}),
                ],
            }
        )
        cls.move.action_post()

    def test_hand_made_entry_reset_by_its_accountant(self):
        check_entries_not_held(self.move.with_user(self.accountant))
        self.move.with_user(self.accountant).button_draft()
        self.assertEqual(self.move.state, "draft")

    def test_models_declare_their_entries_on_the_workflow_mixin(self):
        """Every model that declares entry fields names many2one fields to account.move."""
        for name in self.env.registry.descendants(["micro.workflow.mixin"], "_inherit"):
            Model = self.env[name]
            for fname in Model._workflow_entry_fields:
                with self.subTest(model=name, field=fname):
                    field = Model._fields[fname]
                    self.assertEqual(
                        (field.type, field.comodel_name), ("many2one", "account.move")
                    )
