"""One person across programs (issue 9): a CURP used in the micro-business program, the
PRONAFIM micro-credits, the FONDESO emergency credit, the complaints desk and a FONAES
social enterprise is one contact showing all of them, to each role only what it may read."""

import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.micro_base.tests.common import MicroTestMixin

CURP = "GOMA900215MDFRRN04"
OTHER_CURP = "LOPC920707HDFPRR06"
MD = "md_micronegocios.md_micronegocios_group_%s"
PR = "pronafim_credit.pronafim_credit_group_%s"
FO = "fonaes_support.fonaes_support_group_%s"
COUNTS = [
    "md_case_count",
    "md_plan_count",
    "pronafim_microcredit_count",
    "pronafim_emergency_count",
    "pronafim_complaint_count",
    "fonaes_application_count",
]


class OnePersonCommon(MicroTestMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.facilitator = cls._new_user("x_facilitator", MD % "facilitator")
        cls.facilitator_2 = cls._new_user("x_facilitator_2", MD % "facilitator")
        cls.analyst = cls._new_user("x_pr_analyst", PR % "analyst")
        cls.officer = cls._new_user("x_pr_officer", PR % "complaints_officer")
        cls.state_rep = cls._new_user("x_fo_rep", FO % "state_representative")
        cls.oaxaca = cls.env.ref("base.state_mx_oax")
        cls.state_rep.fonaes_state_ids = cls.oaxaca
        cls.supervisor = cls._new_user(
            "x_supervisor",
            ",".join(
                [MD % "manager", PR % "manager", FO % "general_directorate", FO % "accountant"]
            ),
        )
        cls.contacts_manager = cls._new_user(
            "x_contacts", "base.group_user,base.group_partner_manager"
        )
        cls.imf = cls.env["res.partner"].create(
            {"name": "Microfinanciera Uno", "is_company": True, "pronafim_role": "imf"}
        )
        cls.imf_user = cls._new_user(
            "x_imf_portal",
            "base.group_portal," + PR % "imf_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Ana IMF", "parent_id": cls.imf.id})
            .id,
        )
        cls.team = cls.env.ref("md_micronegocios.crm_team_md")
        cls.emergency_program = cls.env.ref("pronafim_credit.emergency_program_fondeso_covid")
        # The person, registered by a facilitator of the micro-business program.
        cls.person = cls._owner(cls.facilitator, "María Gómez Rangel", CURP)
        cls.case = cls._case(cls.facilitator, "Fonda María", cls.person)

    # ---- builders: each record made by the role that makes it ----

    @classmethod
    def _owner(cls, user, name, curp=None):
        values = {
            "name": name,
            "md_is_owner": True,
            "md_consent_date": datetime.date(2026, 3, 1),
            "md_consent_channel": "written",
        }
        if curp:
            values.update(identity_type="curp", identity_number=curp)
        return cls.env["res.partner"].with_user(user).create(values)

    @classmethod
    def _case(cls, user, name, owner):
        return (
            cls.env["crm.lead"]
            .with_user(user)
            .with_context(default_team_id=cls.team.id)
            .create(
                {"name": name, "type": "opportunity", "user_id": user.id, "partner_id": owner.id}
            )
        )

    def _microcredit(self, curp):
        report = self.env["pronafim.borrower.report"].create(
            {"partner_id": self.imf.id, "month": datetime.date(2026, 10, 1)}
        )
        return self.env["pronafim.microcredit"].create(
            {
                "report_id": report.id,
                "curp": curp,
                "name": "María Gómez Rangel",
                "sex": "female",
                "amount": 10_000,
                "date": datetime.date(2026, 10, 5),
            }
        )

    def _emergency(self, partner, curp, user=None):
        return (
            self.env["pronafim.emergency.credit"]
            .with_user(user or self.analyst)
            .create(
                {
                    "program_id": self.emergency_program.id,
                    "partner_id": partner.id,
                    "curp": curp,
                    "state_id": self.env.ref("base.state_mx_df").id,
                    "business_name": "Fonda María",
                }
            )
        )

    def _complaint(self, partner, folio):
        # As the regulator's file import creates it (its fields are set only by that step).
        return (
            self.env["pronafim.complaint"]
            .sudo()
            .create(
                {
                    "name": folio,
                    "kind": "complaint",
                    "institution_id": self.imf.id,
                    "user_name": partner.name,
                    "partner_id": partner.id,
                    "product": "Crédito simple",
                    "reason": "Cobro indebido",
                    "date_received": datetime.date(2026, 11, 2),
                }
            )
        )

    def _fonaes_application(self, member_curp):
        enterprise = self.env["res.partner"].create(
            {
                "name": "Empresa Social El Roble",
                "fonaes_role": "empresa_social",
                "state_id": self.oaxaca.id,
                "fonaes_member_ids": [
                    (0, 0, {"name": "María Gómez", "gender": "female", "curp": member_curp}),
                    (0, 0, {"name": "Juan Pérez", "gender": "male"}),
                ],
            }
        )
        limit = self.env.ref("fonaes_support.support_limit_cts_1")
        self.env["fonaes.budget"].create(
            {
                "fiscal_year": 2026,
                "support_type_id": limit.support_type_id.id,
                "level": "national",
                "amount": 50_000_000.0,
            }
        )
        return (
            self.env["fonaes.application"]
            .with_user(self.state_rep)
            .create(
                {
                    "partner_id": enterprise.id,
                    "support_type_id": limit.support_type_id.id,
                    "limit_id": limit.id,
                    "state_id": self.oaxaca.id,
                    "fiscal_year": 2026,
                    "requested_amount": 100_000,
                }
            )
        )

    def _counts(self, user, partner=None):
        return (partner or self.person).with_user(user).read(COUNTS)[0]


@tagged("post_install", "-at_install")
class TestOnePerson(OnePersonCommon, TransactionCase):
    def test_one_curp_one_contact_with_every_program(self):
        self._microcredit(CURP)
        self._emergency(self.person, CURP)
        self._complaint(self.person, "Q-2026-0001")
        self._fonaes_application(CURP)
        found = self.env["res.partner"].with_user(self.analyst).name_search(CURP.lower())
        self.assertEqual([partner_id for partner_id, _name in found], [self.person.id])
        counts = self._counts(self.supervisor)
        self.assertEqual([counts[name] for name in COUNTS], [1, 0, 1, 1, 1, 1], counts)
        # Each smart button opens exactly those records.
        for action, model, expected in [
            ("action_md_person_cases", "crm.lead", self.case),
            ("action_pronafim_person_microcredits", "pronafim.microcredit", None),
            ("action_fonaes_person_applications", "fonaes.application", None),
        ]:
            result = getattr(self.person.with_user(self.supervisor), action)()
            records = self.env[model].search(result["domain"])
            self.assertEqual(len(records), 1, action)
            if expected:
                self.assertEqual(records, expected)

    def test_second_registration_reuses_the_person(self):
        # A facilitator typing the same CURP for a new owner is sent to the registered one.
        with self.assertRaisesMessage(ValidationError, "already registered for María Gómez"):
            self._owner(self.facilitator_2, "María G.", CURP.lower())
        # The IMF's micro-borrower import reaches the person by the CURP, no new contact.
        before = self.env["res.partner"].search_count([])
        self._microcredit(CURP)
        self.assertEqual(self.env["res.partner"].search_count([]), before)
        self.assertEqual(self._counts(self.supervisor)["pronafim_microcredit_count"], 1)
        # A contacts import with that CURP updates the person (by a role of a program that
        # holds a record of her: her facilitator)...
        result = (
            self.env["res.partner"]
            .with_user(self.facilitator)
            .load(
                ["name", "identity_type", "identity_number", "mobile"],
                [["MARIA GOMEZ", "CURP", CURP, "+52 55 5555 0101"]],
            )
        )
        self.assertEqual(result["ids"], [self.person.id], result["messages"])
        # ... and not by a contacts manager outside those programs (personal data, issue 14).
        result = (
            self.env["res.partner"]
            .with_user(self.contacts_manager)
            .load(
                ["name", "identity_type", "identity_number", "mobile"],
                [["MARIA GOMEZ", "CURP", CURP, "+52 55 0000 0000"]],
            )
        )
        self.assertFalse(result["ids"], result["messages"])
        self.assertEqual(self.person.mobile, "+52 55 5555 0101")
        # A first-time applicant's contact takes the CURP of the application, so the next
        # program finds them.
        applicant = self.env["res.partner"].create({"name": "Pedro López"})
        self._emergency(applicant, OTHER_CURP)
        self.assertEqual(applicant.identity_number, OTHER_CURP)
        # A mistyped CURP is refused by the application; the contact gets nothing.
        typo = self.env["res.partner"].create({"name": "Luisa Typo"})
        with self.assertRaisesMessage(ValidationError, "is not a valid CURP"):
            self._emergency(typo, "LOPC920707HDFPRR0X")
        self.assertFalse(typo.identity_number)
        with self.assertRaisesMessage(ValidationError, "already registered for Pedro López"):
            self._owner(self.facilitator, "Pedro L.", OTHER_CURP)

    def test_merge_keeps_every_program_record(self):
        # The person applied on the portal before staff registered her: a second contact.
        portal_contact = self.env["res.partner"].create({"name": "Maria Gomez (portal)"})
        portal_user = self._new_user(
            "x_applicant", "base.group_portal", partner_id=portal_contact.id
        )
        credit = self._emergency(portal_contact, CURP)
        self.assertEqual(credit.duplicate_partner_id, self.person)
        self.assertFalse(portal_contact.identity_number, "the CURP stays with the person")
        complaint = self._complaint(portal_contact, "Q-2026-0002")
        other_case = self._case(self.facilitator, "Tortillería María", portal_contact)
        # The facilitator (a contacts manager in the program) merges the two contacts; Odoo
        # lets staff merge contacts of one e-mail only, so they confirm it first.
        self.person.with_user(self.facilitator).email = portal_contact.email
        wizard = self.env["base.partner.merge.automatic.wizard"].with_user(self.facilitator)
        wizard._merge((self.person | portal_contact).ids, dst_partner=self.person)
        self.assertFalse(portal_contact.exists())
        self.assertEqual(credit.partner_id, self.person)
        self.assertEqual(complaint.partner_id, self.person)
        self.assertEqual(other_case.partner_id, self.person)
        self.assertEqual(portal_user.partner_id, self.person, "the portal account follows")
        self.assertEqual(self.person.identity_number, CURP)
        counts = self._counts(self.supervisor)
        self.assertEqual(counts["md_case_count"], 2)
        self.assertEqual(counts["pronafim_emergency_count"], 1)
        self.assertEqual(counts["pronafim_complaint_count"], 1)
        self.assertFalse(credit.duplicate_partner_id)

    def test_access_stays_per_program(self):
        self._emergency(self.person, CURP)
        self._microcredit(CURP)
        # The facilitator reads the person and their case, not their credits.
        person = self.person.with_user(self.facilitator)
        self.assertEqual(person.md_case_count, 1)
        for field in ("pronafim_emergency_count", "pronafim_microcredit_count"):
            with self.assertRaises(AccessError):
                person.read([field])
        with self.assertRaises(AccessError):
            self.env["pronafim.emergency.credit"].with_user(self.facilitator).search(
                [("curp", "=", CURP)]
            )
        # The PRONAFIM analyst reads the credits, not the micro-business case.
        self.assertEqual(self.person.with_user(self.analyst).pronafim_emergency_count, 1)
        with self.assertRaises(AccessError):
            self.person.with_user(self.analyst).read(["md_case_count"])
        # An IMF's portal user gets neither the case nor the person's program figures.
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.imf_user).search(
                [("partner_id", "=", self.person.id)]
            )
        with self.assertRaises(AccessError):
            self.case.with_user(self.imf_user).read(["name"])
        with self.assertRaises(AccessError):
            self.person.with_user(self.imf_user).read(["md_case_count"])
        # Another facilitator does not even read the person (issue 14: personal data only for
        # the roles whose rules reach one of her records)...
        with self.assertRaises(AccessError):
            self.person.with_user(self.facilitator_2).read(["md_case_count"])
        # ... while her facilitator counts the cases she may read.
        self.assertEqual(self.person.with_user(self.facilitator).md_case_count, 1)


@tagged("post_install", "-at_install")
class TestOnePersonTour(OnePersonCommon, HttpCase):
    def test_tour_one_person_in_the_contact_form(self):
        """Staff open the person's contact: every program's records one click away."""
        self._microcredit(CURP)
        self._emergency(self.person, CURP)
        self._fonaes_application(CURP)
        self.start_tour(
            f"/odoo/contacts/{self.person.id}", "micro_suite_one_person", login="x_supervisor"
        )
