"""Personal data and accounting per program (issue 14), as each role's own user: an
individual beneficiary's contact only for the FONAES roles that reach it (their state's
representative, the directorate, the accountants); the FONAES fields of institutions only
for FONAES roles; the FONAES journal and its entries only for the FONAES accountants."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FonaesCase

PERSONAL = ["identity_number", "birth_date", "gender", "phone", "mobile", "email", "street"]


@tagged("post_install", "-at_install")
class TestFonaesPersonalData(FonaesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls._new_user("fo_employee", "base.group_user,base.group_partner_manager")
        cls.person = cls.env["res.partner"].create(
            {
                "name": "Juana Pérez",
                "fonaes_role": "persona_fisica",
                "state_id": cls.oaxaca.id,
                "identity_type": "curp",
                "identity_number": "GOMA900215MDFRRN04",
                "phone": "+52 951 555 0101",
            }
        )

    def test_individual_beneficiary_per_role(self):
        # role: (reads, writes the phone)
        table = {
            "state_rep": (True, True),  # Oaxaca
            "other_rep": (False, False),  # Jalisco
            "directorate": (True, True),
            "accountant": (True, False),  # reads; no contact write right
            "employee": (False, False),
        }
        self.assertTrue(self.person.micro_person)
        for role, (reads, writes) in table.items():
            person = self.person.with_user(getattr(self, role))
            with self.subTest(role=role, operation="read"):
                if reads:
                    self.assertEqual(person.read(PERSONAL)[0]["phone"], "+52 951 555 0101")
                else:
                    with self.assertRaises(AccessError):
                        person.read(PERSONAL)
            with self.subTest(role=role, operation="write"):
                if writes:
                    person.write({"mobile": f"+52 951 000 {len(role):04d}"})
                else:
                    with self.assertRaises(AccessError):
                        person.write({"mobile": "+52 1"})
                    self.assertNotEqual(self.person.mobile, "+52 1")
        # Enterprises (not persons) stay visible to every internal user.
        self.enterprise.with_user(self.employee).read(["name", "fonaes_role"])

    def test_institution_fields_only_for_fonaes_roles(self):
        # role: allowed
        # (the accountant has no contact write right at all)
        table = {"state_rep": True, "directorate": True, "accountant": False, "employee": False}
        # Each role tries values of its own (rewriting a stored value is no change).
        for day, (role, allowed) in enumerate(table.items(), start=1):
            enterprise = self.enterprise.with_user(getattr(self, role))
            for values in (
                {"fonaes_registration_date": f"2026-01-{day:02d}"},
                {"fonaes_channelling_suspended": not self.enterprise.fonaes_channelling_suspended},
                {"fonaes_equity": 123_456.0 + day},
            ):
                with self.subTest(role=role, values=values):
                    if allowed:
                        enterprise.write(values)
                    else:
                        with self.assertRaises(AccessError):
                            enterprise.write(values)
        self.assertEqual(self.enterprise.fonaes_equity, 123_456.0 + 2)  # the directorate's


@tagged("post_install", "-at_install")
class TestFonaesJournals(FonaesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_accounting()
        cls.invoicing = cls._new_user(
            "fo_invoicing", "base.group_user,account.group_account_manager"
        )
        cls.bank = cls._new_account("FOX101", "Bancos", "asset_cash")
        cls.general = cls.env["account.journal"].create(
            {"name": "Diario general", "code": "GENF", "type": "general"}
        )
        cls.move = cls._entry(cls.journal)

    @classmethod
    def _entry(cls, journal, user=None):
        return cls._post_entry(journal, cls.bank, cls.subsidy_account, 50.0, user)

    def test_only_fonaes_accountants_use_the_journal(self):
        self.assertTrue(self.journal.fonaes_journal)
        self.assertFalse(self.general.fonaes_journal)
        # role: may read, post in, reset and edit the journal's entries
        for role, allowed in {"accountant": True, "invoicing": False}.items():
            user = getattr(self, role)
            with self.subTest(role=role):
                if allowed:
                    move = self._entry(self.journal, user)
                    move.button_draft()
                    move.write({"ref": "corrected"})
                    move.action_post()
                    continue
                self.assertFalse(
                    self.env["account.move"]
                    .with_user(user)
                    .search([("journal_id", "=", self.journal.id)])
                )
                self.assertJournalClosedTo(user, self.move, self._entry, self.general)
