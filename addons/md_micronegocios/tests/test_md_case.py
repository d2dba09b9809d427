"""The case as the facilitator registers it: owner with consent, document and age checks,
duplicates, meetings and the stage gates (spec md_micronegocios §2)."""

import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import MdCommon


@tagged("post_install", "-at_install")
class TestMdCase(MdCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_md_users()
        cls.stage = {n: cls.env.ref(f"md_micronegocios.crm_stage_md_{n}") for n in range(1, 8)}

    def test_personal_data_needs_consent_first(self):
        Partner = self.env["res.partner"].with_user(self.facilitator)
        with self.assertRaisesMessage(ValidationError, "Ley 1581"):
            Partner.create({"name": "Rosa Pérez", "md_is_owner": True, "phone": "3001234567"})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Rosa Pérez")]))
        # Without personal data, the owner can be named before consenting.
        owner = Partner.create({"name": "Rosa Pérez", "md_is_owner": True})
        with self.assertRaisesMessage(ValidationError, "Birth Date"):
            owner.birth_date = datetime.date(1980, 5, 1)
        owner.write({"md_consent_date": datetime.date(2021, 3, 1), "md_consent_channel": "verbal"})
        owner.write({"birth_date": datetime.date(1980, 5, 1), "phone": "3001234567"})
        self.assertEqual(owner.phone, "3001234567")

    def test_vulnerability_notes_stay_with_the_program(self):
        owner = self._md_owner(self.facilitator, "Rosa Pérez", md_vulnerability_notes="Viuda")
        outsider = self._new_user("md_outsider", "base.group_user,base.group_partner_manager")
        with self.assertRaises(AccessError):
            owner.with_user(outsider).read(["md_vulnerability_notes"])
        # Odoo's own flows still work for users outside the program (copying a contact).
        copy = owner.with_user(outsider).copy()
        self.assertFalse(copy.sudo().md_vulnerability_notes)

    def test_owner_is_an_adult(self):
        with self.assertRaisesMessage(ValidationError, "17 years old"):
            self._md_owner(self.facilitator, "Menor", birth_date=datetime.date(2003, 6, 1))
        owner = self._md_owner(self.facilitator, "Adulta", birth_date=datetime.date(2003, 3, 1))
        self.assertTrue(owner)

    def test_colombian_document_validated(self):
        with self.assertRaisesMessage(ValidationError, "is not a valid"):
            self._md_owner(self.facilitator, "Pedro", identity_type="cc", identity_number="12A45")
        owner = self._md_owner(
            self.facilitator, "Pedro", identity_type="cc", identity_number="1.020.304.050"
        )
        self.assertEqual(owner.identity_number, "1020304050")

    def test_duplicate_registration_refused(self):
        owner = self._md_owner(
            self.facilitator, "Luz Mery", identity_type="cc", identity_number="52123456"
        )
        self._md_case(self.facilitator, "Miscelánea Luz", owner=owner, phone="3105551234")
        # Same document, registered by another facilitator: one person is one contact ...
        with self.assertRaisesMessage(ValidationError, "52123456 is already registered for Luz"):
            self._md_owner(
                self.facilitator_2, "Luz M.", identity_type="cc", identity_number="52.123.456"
            )
        # ... whose personal data the other facilitator does not read (issue 14: only the
        # roles whose rules reach one of her cases): the number finds nothing for her; her
        # coordinator, who reads every case, finds the owner by it, as typed on the ID card.
        found = self.env["res.partner"].with_user(self.facilitator_2).name_search("52.123.456")
        self.assertEqual(found, [])
        found = self.env["res.partner"].with_user(self.coordinator).name_search("52.123.456")
        self.assertEqual([partner_id for partner_id, _name in found], [owner.id])
        with self.assertRaisesMessage(ValidationError, "already registered: case Miscelánea Luz"):
            self._md_case(self.facilitator_2, "Misceláneas Luz Mery", owner=owner)
        # Same phone and business name, another owner record.
        other = self._md_owner(self.facilitator_2, "Luz")
        with self.assertRaisesMessage(ValidationError, "already registered"):
            self._md_case(self.facilitator_2, "miscelánea luz", owner=other, phone="310 555 1234")
        # Same phone, another business: fine.
        self._md_case(self.facilitator_2, "Tienda Otra", owner=other, phone="310 555 1234")

    def test_stage_gates_say_what_is_missing(self):
        case = self._md_case(self.facilitator, "Panadería Sol")
        with self.assertRaisesMessage(UserError, "missing the owner; a recorded meeting"):
            case.stage_id = self.stage[2]
        case.partner_id = self._md_owner(self.facilitator, "Sol Ramírez")
        with self.assertRaisesMessage(UserError, "a recorded meeting"):
            case.stage_id = self.stage[2]
        self._md_meeting(case)
        case.stage_id = self.stage[2]
        with self.assertRaisesMessage(UserError, "two recorded meetings (1 so far)"):
            case.stage_id = self.stage[3]
        self._md_meeting(case, mode="phone", day="2021-03-09 10:00:00")
        self.assertEqual(case.md_meeting_count, 2)
        case.stage_id = self.stage[3]
        # Skipping ahead checks every stage crossed.
        with self.assertRaisesMessage(UserError, "a generated diagnostic; an approved"):
            case.stage_id = self.stage[5]
        self._md_fill(case, {}).action_generate()
        case.stage_id = self.stage[4]
        with self.assertRaisesMessage(UserError, "an approved (designed) attention plan"):
            case.stage_id = self.stage[5]
        # Going back is always allowed.
        case.stage_id = self.stage[1]
        self.assertEqual(case.stage_id, self.stage[1])

    def test_meeting_week_and_mode(self):
        case = self._md_case(self.facilitator, "Sastrería Lina")
        meeting = self._md_meeting(case, mode="video", day="2021-03-01 15:00:00")
        self.assertEqual(meeting.md_week, 4)  # bulletin 004: week 4 = 1-6 March 2021
        self.assertEqual(case.md_meeting_count, 1)

    def test_case_needs_a_facilitator(self):
        with self.assertRaisesMessage(ValidationError, "needs its facilitator"):
            self.env["crm.lead"].with_user(self.coordinator).with_context(
                default_team_id=self.team.id
            ).create({"name": "Sin facilitador", "type": "opportunity", "user_id": False})

    def test_dropout_keeps_stage_for_the_bulletin_table(self):
        case = self._md_case(
            self.facilitator, "Tienda El Cruce", owner=self._md_owner(self.facilitator, "Ana")
        )
        self._md_meeting(case)
        case.stage_id = self.stage[2]
        reason = self.env.ref("md_micronegocios.crm_lost_reason_md_survey_long")
        case.action_set_lost(lost_reason_id=reason.id)
        self.assertFalse(case.active)
        self.assertEqual(case.md_dropout_stage_id, self.stage[2])
        self.assertEqual(case.lost_reason_id, reason)
