from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.micro_base.tests.common import MicroTestMixin

CURP = "GOMA900215MDFRRN04"


@tagged("post_install", "-at_install")
class TestPartnerIdentity(MicroTestMixin, TransactionCase):
    """One person is one contact: a document number identifies it in every program."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = cls._new_user("identity_staff", "base.group_user,base.group_partner_manager")
        cls.Partner = cls.env["res.partner"].with_user(cls.staff)
        cls.ana = cls.Partner.create(
            {"name": "Ana Gómez Martínez", "identity_type": "curp", "identity_number": CURP}
        )

    def test_number_unique_per_type_and_company(self):
        with self.assertRaisesMessage(ValidationError, f"CURP {CURP} is already registered for"):
            self.Partner.create(
                {"name": "Ana G.", "identity_type": "curp", "identity_number": CURP.lower()}
            )
        # Archived, the contact still holds the number.
        self.ana.action_archive()
        with self.assertRaisesMessage(ValidationError, "Ana Gómez Martínez"):
            self.Partner.create({"name": "A.", "identity_type": "curp", "identity_number": CURP})
        # Another document type may hold the same digits (a cédula vs a NIT, say).
        cc = self.Partner.create(
            {"name": "X", "identity_type": "cc", "identity_number": "900373120"}
        )
        nit = self.Partner.create(
            {"name": "Y", "identity_type": "nit", "identity_number": "900373120"}
        )
        self.assertNotEqual(cc, nit)
        # Writing the number onto another contact is refused the same way.
        other = self.Partner.create({"name": "Otra persona"})
        with self.assertRaisesMessage(ValidationError, "already registered"):
            other.write({"identity_type": "curp", "identity_number": CURP})
        self.assertFalse(other.identity_number)

    def test_copy_leaves_the_number(self):
        copy = self.ana.copy()
        self.assertEqual((copy.identity_type, copy.identity_number), (False, False))

    def test_company_scope(self):
        company = self.env["res.company"].create({"name": "Programa Estatal"})
        mine = self.env["res.partner"].create(
            {
                "name": "P1",
                "identity_type": "cc",
                "identity_number": "52123456",
                "company_id": company.id,
            }
        )
        # A contact of another company may hold it; a shared one conflicts with both.
        other_company = self.env["res.company"].create({"name": "Otra Entidad"})
        theirs = self.env["res.partner"].create(
            {
                "name": "P2",
                "identity_type": "cc",
                "identity_number": "52123456",
                "company_id": other_company.id,
            }
        )
        self.assertNotEqual(mine, theirs)
        with self.assertRaisesMessage(ValidationError, "already registered"):
            self.env["res.partner"].create(
                {"name": "P3", "identity_type": "cc", "identity_number": "52123456"}
            )

    def test_search_by_number_as_typed(self):
        for typed in (CURP, CURP.lower(), CURP[:10], f" {CURP[:4]}-{CURP[4:10]} "):
            found = [pid for pid, _name in self.Partner.name_search(typed)]
            self.assertEqual(found, [self.ana.id], typed)
        cc = self.Partner.create(
            {"name": "Luz Mery", "identity_type": "cc", "identity_number": "52.123.456"}
        )
        self.assertEqual(self.Partner.search([("display_name", "ilike", "52.123.456")]), cc)
        self.assertEqual(self.Partner.search([("identity_number", "=", "52123456")]), cc)

    def test_registration_reuses_the_contact(self):
        partner = self.Partner._micro_partner_for_identity(
            "curp", CURP.lower(), {"name": "ANA GOMEZ", "phone": "+52 55 1234 5678"}
        )
        self.assertEqual(partner, self.ana)
        self.assertEqual(partner.name, "Ana Gómez Martínez", "existing data is kept")
        self.assertEqual(partner.phone, "+52 55 1234 5678", "empty fields are completed")
        new = self.Partner._micro_partner_for_identity(
            "curp", "LOPC920707HDFPRR06", {"name": "Pedro Martínez"}
        )
        self.assertEqual(new.identity_number, "LOPC920707HDFPRR06")
        self.assertEqual(
            self.Partner._micro_partner_for_identity("curp", "LOPC920707HDFPRR06", {}), new
        )

    def test_import_updates_the_registered_contact(self):
        result = self.Partner.load(
            ["name", "identity_type", "identity_number", "phone"],
            [
                ["Ana Gómez M.", "CURP", CURP.lower(), "+52 55 1234 5678"],
                ["Pedro López", "curp", "LOPC920707HDFPRR06", ""],
            ],
        )
        self.assertFalse(result["messages"])
        self.assertEqual(result["ids"][0], self.ana.id, "the registered person is updated")
        self.assertEqual(self.ana.phone, "+52 55 1234 5678")
        pedro = self.Partner.browse(result["ids"][1])
        self.assertEqual(
            (pedro.name, pedro.identity_number), ("Pedro López", "LOPC920707HDFPRR06")
        )
        self.assertEqual(self.Partner.search_count([("identity_number", "=", CURP)]), 1)

    def test_onchange_warns_of_a_registered_number(self):
        form_partner = self.Partner.new({"name": "Ana", "identity_type": "curp"})
        form_partner.identity_number = CURP.lower()
        result = form_partner._onchange_identity_number()
        self.assertIn("Ana Gómez Martínez", result["warning"]["message"])
        self.assertIsNone(self.ana._onchange_identity_number(), "its own number is no warning")

    def _merge(self, partners, dst):
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(self.staff)
        wizard._merge(partners.ids, dst_partner=dst, extra_checks=False)

    def test_merge_keeps_the_number_on_the_surviving_contact(self):
        duplicate = self.Partner.create({"name": "Ana Gómez (portal)", "email": "ana@correo.mx"})
        child = self.Partner.create({"name": "Taller de Ana", "parent_id": duplicate.id})
        self._merge(self.ana | duplicate, duplicate)
        self.assertFalse(self.ana.exists())
        self.assertEqual((duplicate.identity_type, duplicate.identity_number), ("curp", CURP))
        self.assertEqual(duplicate.email, "ana@correo.mx")
        self.assertEqual(child.parent_id, duplicate)
        self.assertEqual(self.Partner._micro_find_by_identity("curp", CURP), duplicate)

    def test_merge_refuses_two_people(self):
        pedro = self.Partner.create(
            {"name": "Pedro", "identity_type": "curp", "identity_number": "LOPC920707HDFPRR06"}
        )
        with self.assertRaisesMessage(
            UserError, "different people (CURP GOMA900215MDFRRN04, LOPC"
        ):
            self._merge(self.ana | pedro, pedro)
        self.assertTrue(self.ana.exists() and pedro.exists())
