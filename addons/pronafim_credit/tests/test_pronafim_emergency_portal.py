from odoo.http import Request
from odoo.tests import HttpCase, tagged

from odoo.addons.micro_base.tests.common import MicroTestMixin

PDF = b"%PDF-1.4 document"


@tagged("post_install", "-at_install")
class TestEmergencyPortal(MicroTestMixin, HttpCase):
    """An applicant (portal user, seed 000 §2) applies online and sees only their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env.ref("pronafim_credit.emergency_program_fondeso_covid")
        cls.program.write({"grace_months": 3, "installments": 18, "legal_text_version": "v3"})
        cls.applicant = cls._new_user("em_applicant", "base.group_portal")
        cls.neighbour = cls._new_user("em_neighbour", "base.group_portal")
        cls.cdmx = cls.env.ref("base.state_mx_df")

    def _post(self, **data):
        files = data.pop("files", None)
        if files is None:
            files = {
                name: (f"{name}.pdf", PDF, "application/pdf")
                for name in ("id_document", "address_proof", "business_proof")
            }
        data.setdefault("csrf_token", Request.csrf_token(self))
        return self.url_open("/my/emergency/apply", data=data, files=files)

    def _form(self, **overrides):
        return {
            "curp": "GOMA900215MDFRRN04",
            "business_name": "Fonda Ana",
            "business_activity": "Comida",
            "state_id": str(self.cdmx.id),
            "clabe": "032180000118359719",
            "accept_legal": "1",
            **overrides,
        }

    def test_apply_with_documents_and_acceptance(self):
        Credit = self.env["pronafim.emergency.credit"]
        self.authenticate("em_applicant", "em_applicant")
        self.assertEqual(self.url_open("/my/emergency/apply").status_code, 200)
        # Refusals: clear reasons, nothing stored.
        response = self._post(
            **self._form(
                curp="GOMA900215MDFRRN05", state_id=str(self.env.ref("base.state_mx_jal").id)
            )
        )
        self.assertIn("its check digit is wrong", response.text)
        self.assertIn("micro-businesses of Mexico City", response.text)
        response = self._post(**self._form(accept_legal=""))
        self.assertIn("Accept the legal documents", response.text)
        response = self._post(**self._form(), files={})
        self.assertIn("Upload the required documents", response.text)
        files = {
            name: (f"{name}.exe", b"MZ\x90\x00 program", "application/octet-stream")
            for name in ("id_document", "address_proof", "business_proof")
        }
        response = self._post(**self._form(), files=files)
        self.assertIn("upload a PDF, JPEG or PNG file", response.text)
        response = self._post(**self._form(clabe=""))
        self.assertIn("Give the CLABE", response.text)
        self.assertFalse(Credit.search([("user_id", "=", self.applicant.id)]))
        # Accepted.
        response = self._post(**self._form())
        credit = Credit.search([("user_id", "=", self.applicant.id)])
        self.assertEqual(len(credit), 1)
        self.assertTrue(response.url.endswith(f"/my/emergency/{credit.id}"), response.url)
        self.assertEqual(credit.state, "submitted")
        self.assertEqual(credit.partner_id, self.applicant.partner_id)
        self.assertEqual(credit.accepted_by_id, self.applicant)
        self.assertEqual(credit.accepted_ip, "127.0.0.1")
        self.assertEqual(credit.accepted_text_version, "v3")
        self.assertTrue(credit.accepted_on)
        self.assertEqual(credit.id_document_name, "id_document.pdf")
        self.assertIn(credit.name, response.text)
        # The same CURP cannot apply twice.
        response = self._post(**self._form())
        self.assertIn("already applied to this program", response.text)
        self.assertIn("You already applied", self.url_open("/my/emergency/apply").text)
        self.assertEqual(Credit.search_count([("curp", "=", "GOMA900215MDFRRN04")]), 1)

    def test_applicant_sees_only_own(self):
        Credit = self.env["pronafim.emergency.credit"]
        self.authenticate("em_applicant", "em_applicant")
        self._post(**self._form())
        own = Credit.search([("user_id", "=", self.applicant.id)])
        self.authenticate("em_neighbour", "em_neighbour")
        self._post(**self._form(curp="LOPC920707HDFPRR06", business_name="Taller Luis"))
        other = Credit.search([("user_id", "=", self.neighbour.id)])
        listing = self.url_open("/my/emergency").text
        self.assertIn(other.name, listing)
        self.assertNotIn(own.name, listing)
        foreign = self.url_open(f"/my/emergency/{own.id}")
        self.assertTrue(foreign.url.endswith("/my"), foreign.url)
        self.assertNotIn("Fonda Ana", foreign.text)
        # Approved and disbursed by the staff, the schedule shows in the applicant's page.
        other.write({"check_identity": True, "check_address": True, "check_business": True})
        other.action_approve()
        page = self.url_open(f"/my/emergency/{other.id}").text
        self.assertIn("Approved", page)
        batch = self.env["pronafim.emergency.batch"].browse(other.action_add_to_batch()["res_id"])
        batch.action_export()
        batch.action_confirm_paid()
        page = self.url_open(f"/my/emergency/{other.id}").text
        self.assertIn("555.56", page)
        self.assertEqual(len(other.installment_ids), 18)

    def test_tour_applicant_applies_with_documents(self):
        self.start_tour("/my/emergency", "pronafim_emergency_apply", login="em_applicant")
        credit = self.env["pronafim.emergency.credit"].search(
            [("user_id", "=", self.applicant.id)]
        )
        self.assertEqual(credit.state, "submitted")
        self.assertEqual(credit.business_name, "Fonda del Tour")
        self.assertEqual(credit.address_proof_name, "address_proof.pdf")
        self.assertEqual(credit.accepted_by_id, self.applicant)
        self.assertEqual(credit.accepted_text_version, "v3")

    def test_tour_officer_answers_complaint(self):
        self._new_user("em_une", "pronafim_credit.pronafim_credit_group_complaints_officer")
        institution = self.env["res.partner"].create({"name": "Sofom Tour", "is_company": True})
        complaint = self.env["pronafim.complaint"].create(
            {
                "name": "F-TOUR-1",
                "kind": "complaint",
                "institution_id": institution.id,
                "user_name": "Usuaria Tour",
                "product": "Crédito simple",
                "reason": "Cobro indebido",
                "date_received": "2026-11-02",
            }
        )
        self.start_tour("/odoo", "pronafim_complaint_answer", login="em_une")
        self.assertEqual(complaint.state, "answered")
        self.assertEqual(complaint.outcome, "in_favor")
        self.assertEqual(complaint.officer_id.login, "em_une")
        self.assertEqual(complaint.response, "Se bonifica el cargo indebido.")
