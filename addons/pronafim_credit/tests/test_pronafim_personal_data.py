"""Personal data and accounting per program (issue 14), as each role's own user: an
emergency applicant's and a complainant's contact only for the PRONAFIM roles that reach
their credit or complaint; the institutions' PRONAFIM fields only for PRONAFIM roles; the
PRONAFIM journals and their entries only for PRONAFIM finance."""

import datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import GROUP, PronafimCase

CURP = "GOMA900215MDFRRN04"
PERSONAL = ["identity_number", "birth_date", "gender", "phone", "mobile", "email", "street"]


@tagged("post_install", "-at_install")
class TestPronafimPersonalData(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._new_user("pr_officer", GROUP % "complaints_officer")
        cls.employee = cls._new_user("pr_employee", "base.group_user,base.group_partner_manager")
        cls.accountant = cls._new_user(
            "pr_accountant", "base.group_user,account.group_account_user"
        )
        cls.applicant = cls.env["res.partner"].create(
            {"name": "María Gómez", "phone": "+52 55 5555 0101", "email": "maria@example.com"}
        )
        cls.env["pronafim.emergency.credit"].with_user(cls.analyst).create(
            {
                "program_id": cls.env.ref("pronafim_credit.emergency_program_fondeso_covid").id,
                "partner_id": cls.applicant.id,
                "curp": CURP,
                "state_id": cls.env.ref("base.state_mx_df").id,
                "business_name": "Fonda María",
            }
        )
        cls.complainant = cls.env["res.partner"].create(
            {"name": "Pedro López", "phone": "+52 55 5555 0202"}
        )
        # As the regulator's file import creates it (its fields are set only by that step).
        cls.env["pronafim.complaint"].sudo().create(
            {
                "name": "Q-2026-0100",
                "kind": "complaint",
                "institution_id": cls.imf.id,
                "user_name": "Pedro López",
                "partner_id": cls.complainant.id,
                "product": "Crédito simple",
                "reason": "Cobro indebido",
                "date_received": datetime.date(2026, 11, 2),
            }
        )

    def test_persons_per_role(self):
        # (role, person, reads, writes the phone)
        table = [
            ("analyst", "applicant", True, True),
            ("finance", "applicant", True, True),
            ("manager", "applicant", True, True),
            ("officer", "applicant", False, False),
            ("employee", "applicant", False, False),
            ("accountant", "applicant", False, False),
            ("portal", "applicant", False, False),
            ("officer", "complainant", True, False),  # reads; no contact write right
            ("manager", "complainant", True, True),
            ("analyst", "complainant", False, False),
            ("employee", "complainant", False, False),
            ("portal", "complainant", False, False),
        ]
        self.assertTrue(self.applicant.micro_person)
        self.assertEqual(self.applicant.identity_number, CURP)
        for role, person, reads, writes in table:
            record = getattr(self, person).with_user(getattr(self, role))
            with self.subTest(role=role, person=person, operation="read"):
                if reads:
                    record.read(PERSONAL)
                else:
                    with self.assertRaises(AccessError):
                        record.read(PERSONAL)
            with self.subTest(role=role, person=person, operation="write"):
                if writes:
                    record.write({"mobile": f"+52 55 0000 {len(role):04d}"})
                else:
                    with self.assertRaises(AccessError):
                        record.write({"mobile": "+52 1"})
                    self.assertNotEqual(getattr(self, person).mobile, "+52 1")

    def test_institution_fields_only_for_pronafim_roles(self):
        # (role, allowed)
        table = [
            ("analyst", True),
            ("manager", True),
            ("employee", False),
            ("officer", False),
        ]
        # Each role tries values of its own (rewriting a stored value is no change).
        for day, (role, allowed) in enumerate(table, start=1):
            imf = self.imf.with_user(getattr(self, role))
            for values in (
                {"pronafim_net_portfolio": 12_345_678.0 + day},
                {"pronafim_sp_date": f"2026-01-{day:02d}"},
                {"pronafim_induction_date": f"2026-02-{day:02d}"},
            ):
                with self.subTest(role=role, values=values):
                    if allowed:
                        imf.write(values)
                    else:
                        with self.assertRaises(AccessError):
                            imf.write(values)
        # Writing the value already stored is no change (Odoo's contact merge does it).
        self.imf.with_user(self.employee).write(
            {"pronafim_legal_form": "sa", "name": "Microfinanciera Uno SA de CV"}
        )


@tagged("post_install", "-at_install")
class TestPronafimJournals(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._new_user(
            "pr_accountant", "base.group_user,account.group_account_manager"
        )
        cls.journal = cls.env["account.journal"].create(
            {"name": "Fideicomiso PRONAFIM", "code": "PRNF", "type": "general"}
        )
        cls.env.company.pronafim_journal_id = cls.journal
        cls.other_journal = cls.env["account.journal"].create(
            {"name": "Diario general", "code": "GENX", "type": "general"}
        )
        cls.bank = cls._new_account("PRX101", "Bancos", "asset_cash")
        cls.income = cls._new_account("PRX401", "Ingresos", "income")
        cls.move = cls._entry(cls.journal)

    @classmethod
    def _entry(cls, journal, user=None):
        return cls._post_entry(journal, cls.bank, cls.income, 100.0, user)

    def test_journal_is_the_programs(self):
        self.assertTrue(self.journal.pronafim_journal)
        self.assertFalse(self.other_journal.pronafim_journal)
        program = self.env.ref("pronafim_credit.emergency_program_fondeso_covid")
        program.journal_id = self.other_journal
        self.assertTrue(self.other_journal.pronafim_journal)

    def test_only_pronafim_finance_uses_the_journal(self):
        # role: may read, post in, reset and edit the journal's entries
        table = {"finance": True, "manager": True, "accountant": False, "analyst": False}
        for role, allowed in table.items():
            user = getattr(self, role)
            with self.subTest(role=role):
                if allowed:
                    self.assertEqual(
                        self.env["account.journal"]
                        .with_user(user)
                        .search([("id", "=", self.journal.id)]),
                        self.journal,
                    )
                    move = self._entry(self.journal, user)
                    move.button_draft()
                    move.write({"ref": f"corrected by {role}"})
                    move.action_post()
                    continue
                if role == "analyst":  # no accounting rights at all
                    with self.assertRaises(AccessError):
                        self.env["account.journal"].with_user(user).search([])
                    continue
                self.assertFalse(
                    self.env["account.journal"]
                    .with_user(user)
                    .search([("id", "=", self.journal.id)])
                )
                self.assertFalse(
                    self.env["account.move.line"]
                    .with_user(user)
                    .search([("move_id", "=", self.move.id)])
                )
                with self.assertRaises(AccessError):
                    self.move.with_user(user).write({"ref": "changed"})
                self.assertJournalClosedTo(user, self.move, self._entry, self.other_journal)
