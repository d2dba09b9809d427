"""Personal data per program (issue 14): an owner's contact (document, birth date, sex,
phone, mobile, e-mail, address, notes) is read and written only by the md roles whose rules
reach one of the owner's cases; no other internal user reads it."""

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import GROUP, MdCommon

PERSONAL = [
    "identity_number",
    "birth_date",
    "gender",
    "phone",
    "mobile",
    "email",
    "street",
    "comment",
]

# role: (reads the owner, writes the owner's phone)
TABLE = {
    "facilitator": (True, True),  # her case
    "facilitator_2": (False, False),  # another facilitator's case
    "orientador": (True, True),  # a case of her facilitator
    "coordinator": (True, True),
    "manager": (True, True),
    "mentor": (True, False),  # an assigned plan; mentors write no contact
    "mentor_2": (False, False),  # no plan of that owner
    "analyst": (False, False),  # the observatory reads no named record
    "employee": (False, False),  # any internal user
}


@tagged("post_install", "-at_install")
class TestMdPersonalData(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.mentor_2 = cls._new_user("md_mentor_2", GROUP % "mentor")
        cls.employee = cls._new_user("md_employee", "base.group_user,base.group_partner_manager")
        cls.owner = cls._md_owner(
            cls.facilitator,
            "Rosa Pinzón",
            identity_type="cc",
            identity_number="52123456",
            birth_date="1980-04-02",
            gender="female",
            phone="+57 601 555 0101",
            mobile="+57 300 555 0101",
            email="rosa@example.com",
            street="Calle 1 # 2-3",
            comment="Prefiere llamadas en la tarde",
        )
        cls.case = cls._md_case(cls.facilitator, "Panadería Rosa", cls.owner)
        diagnostic = cls._md_fill(cls.case, {"finance": 0})
        diagnostic.action_generate()
        cls.case.action_md_generate_plan()
        cls.case.md_plan_id.sudo().mentor_ids = cls.env["md.mentor"].create(
            {"user_id": cls.mentor.id}
        )

    def test_owner_personal_data_per_role(self):
        self.assertTrue(self.owner.micro_person)
        for role, (reads, writes) in TABLE.items():
            owner = self.owner.with_user(getattr(self, role))
            with self.subTest(role=role, operation="read"):
                if reads:
                    [values] = owner.read(PERSONAL)
                    self.assertEqual(values["identity_number"], "52123456")
                else:
                    with self.assertRaises(AccessError):
                        owner.read(PERSONAL)
                    Partner = self.env["res.partner"].with_user(getattr(self, role))
                    self.assertFalse(Partner.search([("id", "=", self.owner.id)]))
                    self.assertFalse(Partner.name_search("52123456"))
            with self.subTest(role=role, operation="write"):
                if writes:
                    owner.write({"phone": f"+57 601 555 {len(role):04d}"})
                    self.assertEqual(self.owner.phone, f"+57 601 555 {len(role):04d}")
                else:
                    with self.assertRaises(AccessError):
                        owner.write({"phone": "+57 601 000 0000"})
                    self.assertNotEqual(self.owner.phone, "+57 601 000 0000")

    def test_case_readers_keep_the_owner_name_and_contacts_stay_open(self):
        # A case's reader sees the owner's name on the case; an ordinary contact (no
        # program record) stays visible to every internal user.
        self.assertEqual(
            self.case.with_user(self.orientador).read(["partner_id"])[0]["partner_id"][1],
            "Rosa Pinzón",
        )
        supplier = self.env["res.partner"].create({"name": "Proveedor", "phone": "123"})
        self.assertEqual(supplier.with_user(self.employee).phone, "123")
        self.assertFalse(supplier.micro_person)
        # Each internal user keeps reading their own contact and colleagues'.
        self.facilitator.partner_id.with_user(self.employee).read(["email"])

    def test_lost_case_keeps_the_owner_protected(self):
        self.case.with_user(self.facilitator).action_archive()
        self.assertTrue(self.owner.micro_person)
        self.owner.with_user(self.facilitator).read(PERSONAL)
        with self.assertRaises(AccessError):
            self.owner.with_user(self.facilitator_2).read(PERSONAL)

    def test_md_fields_only_for_md_roles(self):
        other = self.env["res.partner"].create({"name": "Contacto"})
        with self.assertRaises(AccessError):
            other.with_user(self.employee).write({"md_is_owner": True})
        self.assertFalse(other.md_is_owner)
