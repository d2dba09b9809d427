import ast
import base64
import pathlib
import re

import pytz
from lxml import html

from odoo.http import Request
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.micro_base.tests.common import MicroScreensMixin, MicroTestMixin

PDF = b"%PDF-1.4 document"


def css(page, selector):
    """Elements of ``page`` matching ``tag.class`` / ``tag[attr='value']`` (lxml xpath)."""
    match = re.fullmatch(r"(\w*)(?:\.([\w-]+))?(?:\[(\w[\w-]*)='([^']*)'\])?", selector)
    tag, cls, attr, value = match.groups()
    xpath = f"//{tag or '*'}"
    if cls:
        xpath += f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"
    if attr:
        xpath += f"[@{attr}='{value}']"
    return page.xpath(xpath)


IMF_PORTAL = "pronafim_credit.pronafim_credit_group_imf_portal"
#: The emergency micro-credit tile of "My Account".
TILE = "//div[contains(@class, 'o_portal_index_card')]/a[@href='/my/emergency']"


@tagged("post_install", "-at_install")
class TestEmergencyPortal(MicroTestMixin, HttpCase):
    """An applicant (portal user, FONDESO §2) applies online and sees only their own."""

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
        # Refusals: clear reasons, nothing stored. First without any document (a refused
        # form keeps the documents it received for the next try: none yet here).
        response = self._post(**self._form(), files={})
        self.assertIn("Upload the required documents", response.text)
        response = self._post(
            **self._form(
                curp="GOMA900215MDFRRN05", state_id=str(self.env.ref("base.state_mx_jal").id)
            )
        )
        self.assertIn("its check digit is wrong", response.text)
        self.assertIn("micro-businesses of Mexico City", response.text)
        response = self._post(**self._form(accept_legal=""))
        self.assertIn("Accept the legal documents", response.text)
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


@tagged("post_install", "-at_install")
class TestEmergencyApplicantPath(MicroTestMixin, HttpCase):
    """Issue 17: the emergency applicant's path, from the public page to the receipt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env.ref("pronafim_credit.emergency_program_fondeso_covid")
        cls.program.write({"grace_months": 3, "installments": 18})
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        cls.applicant = cls._new_user("em_path", "base.group_portal", tz="UTC")
        cls.cdmx = cls.env.ref("base.state_mx_df")

    def _post(self, data, files=None):
        data = {"csrf_token": Request.csrf_token(self), **data}
        return self.url_open("/my/emergency/apply", data=data, files=files or {})

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

    @staticmethod
    def _files(*names):
        names = names or ("id_document", "address_proof", "business_proof")
        return {name: (f"{name}.pdf", PDF, "application/pdf") for name in names}

    def test_public_page_for_a_logged_out_visitor(self):
        response = self.url_open("/credito-emergencia")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.content)
        # What the program is, who qualifies, what to bring, and its source by name.
        self.assertTrue(css(page, ".o_emergency_public"))
        source = css(page, ".o_emergency_source")[0].text_content()
        self.assertIn("Atención por medios digitales", source)
        self.assertIn("§1", source)
        self.assertNotIn("seed", response.text.lower())
        # The way in: sign up (b2c) or log in, both coming back to the form.
        signup = css(page, "a.o_emergency_signup")[0].get("href")
        self.assertEqual(signup, "/web/signup?redirect=%2Fmy%2Femergency%2Fapply")
        login = css(page, "a.o_emergency_login")[0].get("href")
        self.assertEqual(login, "/web/login?redirect=%2Fmy%2Femergency%2Fapply")
        # The sign-up and log-in pages name the program when they lead to it.
        for url in (signup, login):
            self.assertIn("o_emergency_auth_banner", self.url_open(url).text, url)
        self.assertNotIn("o_emergency_auth_banner", self.url_open("/web/login").text)
        # The form sends a logged-out visitor to this page, not to a bare log-in page.
        response = self.url_open("/my/emergency/apply")
        self.assertTrue(response.url.endswith("/credito-emergencia"), response.url)

    def test_public_page_without_free_sign_up(self):
        self.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2b")
        page = html.fromstring(self.url_open("/credito-emergencia").content)
        self.assertFalse(css(page, "a.o_emergency_signup"))
        self.assertTrue(css(page, "a.o_emergency_login"))

    def test_my_home_tile_before_the_first_application(self):
        self.authenticate("em_path", "em_path")
        page = html.fromstring(self.url_open("/my").content)
        (tile,) = page.xpath(TILE)
        card = tile.getparent()
        self.assertNotIn("d-none", card.get("class"))
        self.assertEqual(tile.get("href"), "/my/emergency")
        # IMF staff (portal users of the credit lines) are not offered it.
        self._new_user(
            "em_imf", "base.group_portal,pronafim_credit.pronafim_credit_group_imf_portal"
        )
        self.authenticate("em_imf", "em_imf")
        self.assertFalse(html.fromstring(self.url_open("/my").content).xpath(TILE))

    def test_form_offers_only_mexico_city(self):
        self.authenticate("em_path", "em_path")
        page = html.fromstring(self.url_open("/my/emergency/apply").content)
        options = page.xpath("//select[@name='state_id']/option")
        self.assertEqual([o.get("data-code") for o in options], ["CMX"])
        self.assertEqual(options[0].get("value"), str(self.cdmx.id))
        self.assertIsNotNone(options[0].get("selected"))

    def test_refusal_keeps_values_terms_and_documents(self):
        Credit = self.env["pronafim.emergency.credit"]
        self.authenticate("em_path", "em_path")
        # Refused (CURP check digit), with the three documents and the terms accepted.
        response = self._post(self._form(curp="GOMA900215MDFRRN05"), self._files())
        self.assertFalse(Credit.search([("user_id", "=", self.applicant.id)]))
        page = html.fromstring(response.content)
        errors = css(page, ".o_emergency_errors")[0].text_content()
        self.assertIn("its check digit is wrong", errors)
        self.assertNotIn("seed", errors.lower())
        self.assertEqual(css(page, "input[name='curp']")[0].get("value"), "GOMA900215MDFRRN05")
        self.assertEqual(css(page, "input[name='business_name']")[0].get("value"), "Fonda Ana")
        self.assertEqual(css(page, "input[name='clabe']")[0].get("value"), "032180000118359719")
        self.assertIsNotNone(page.xpath("//input[@id='accept_legal']")[0].get("checked"))
        kept = {el.get("data-document") for el in css(page, ".o_emergency_kept")}
        self.assertEqual(kept, {"id_document", "address_proof", "business_proof"})
        # A wrong file replacing a kept one is refused and asked again (not kept).
        bad = {"address_proof": ("virus.exe", b"MZ\x90\x00 program", "application/octet-stream")}
        response = self._post(self._form(curp="GOMA900215MDFRRN05"), bad)
        self.assertIn("upload a PDF, JPEG or PNG file", response.text)
        page = html.fromstring(response.content)
        kept = {el.get("data-document") for el in css(page, ".o_emergency_kept")}
        self.assertEqual(kept, {"id_document", "business_proof"})
        # Corrected: the CURP typed again and the missing document; the kept ones are used.
        response = self._post(self._form(), self._files("address_proof"))
        credit = Credit.search([("user_id", "=", self.applicant.id)])
        self.assertEqual(credit.state, "submitted")
        self.assertTrue(response.url.endswith(f"/my/emergency/{credit.id}"), response.url)
        self.assertEqual(
            (credit.id_document_name, credit.address_proof_name, credit.business_proof_name),
            ("id_document.pdf", "address_proof.pdf", "business_proof.pdf"),
        )
        self.assertEqual(base64.b64decode(credit.with_context(bin_size=False).id_document), PDF)
        # The kept copies are gone once the application holds the documents.
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "pronafim.emergency.credit"), ("res_id", "=", 0),
                 ("create_uid", "=", self.applicant.id)]
            )
        )  # fmt: skip

    def test_kept_documents_of_an_abandoned_form_are_dropped(self):
        self.authenticate("em_path", "em_path")
        self._post(self._form(curp="GOMA900215MDFRRN05"), self._files())
        Attachment = self.env["ir.attachment"]
        domain = [
            ("res_model", "=", "pronafim.emergency.credit"),
            ("res_id", "=", 0),
            ("create_uid", "=", self.applicant.id),
        ]
        kept = Attachment.search(domain)
        self.assertEqual(len(kept), 3)
        Credit = self.env["pronafim.emergency.credit"]
        Credit._gc_kept_uploads()
        self.assertEqual(len(kept.exists()), 3, "kept for the next try, the same day")
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = now() - interval '2 days' WHERE id IN %s",
            [tuple(kept.ids)],
        )
        kept.invalidate_recordset()
        Credit._gc_kept_uploads()
        self.assertFalse(kept.exists())

    def test_receipt_in_mexico_city_time(self):
        """The applicant's account is in UTC: the receipt still reads Mexico City time."""
        self.authenticate("em_path", "em_path")
        response = self._post(self._form(), self._files())
        credit = self.env["pronafim.emergency.credit"].search(
            [("user_id", "=", self.applicant.id)]
        )
        page = html.fromstring(response.content)
        self.assertTrue(css(page, ".o_emergency_receipt"))
        mexico = pytz.timezone("America/Mexico_City")
        for field, selector in (
            ("date_submitted", ".o_emergency_submitted_on"),
            ("accepted_on", ".o_emergency_accepted_on"),
        ):
            value = pytz.utc.localize(credit[field])
            shown = css(page, selector)[0].text_content()
            self.assertIn(value.astimezone(mexico).strftime("%H:%M"), shown)
            self.assertNotIn(value.strftime("%H:%M"), shown)


@tagged("post_install", "-at_install")
class TestEmergencyNoInternalNames(TransactionCase):
    """Issue 17: no message, label or help of the addon names an internal file ("seed")."""

    def test_no_seed_in_user_facing_texts(self):
        root = pathlib.Path(__file__).resolve().parents[1]
        found = []
        for path in root.rglob("*.py"):
            if "tests" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                texts = [node.args[0]] if name == "_" and node.args else []
                texts += [k.value for k in node.keywords if k.arg in ("string", "help")]
                found += [
                    f"{path.name}:{node.lineno}"
                    for text in texts
                    if isinstance(text, ast.Constant) and "seed" in str(text.value).lower()
                ]
        self.assertEqual(found, [])
        data = self.env["ir.model.data"].search(
            [("module", "=", "pronafim_credit"), ("model", "=", "ir.ui.view")]
        )
        views = self.env["ir.ui.view"].browse(data.mapped("res_id")).exists()
        self.assertEqual([v.key for v in views if "seed" in (v.arch_db or "").lower()], [])


@tagged("post_install", "-at_install")
class TestEmergencyVisitorPhone(MicroScreensMixin, MicroTestMixin, HttpCase):
    """Issue 17: a logged-out visitor on a phone, in Mexican Spanish, from the public page
    through sign-up and one refused form to the receipt and the "My Account" tile
    (screenshots under ``.odoo/screens/TestEmergencyVisitorPhone/``)."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_es_MX").sudo().active = True
        cls.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        program = cls.env.ref("pronafim_credit.emergency_program_fondeso_covid")
        program.write({"grace_months": 3, "installments": 18})

    def test_visitor_signs_up_and_applies_on_phone(self):
        self.start_tour("/credito-emergencia", "pronafim_emergency_visitor", timeout=180)
        user = self.env["res.users"].search([("login", "=", "rosa.tour@example.com")])
        self.assertTrue(user.share, "signed up as a portal user")
        self.assertEqual(user.lang, "es_MX")
        credit = self.env["pronafim.emergency.credit"].search([("user_id", "=", user.id)])
        self.assertEqual(credit.state, "submitted")
        self.assertEqual(credit.curp, "GOMA900215MDFRRN04")
        self.assertEqual(credit.business_activity, "Comida corrida")
        self.assertEqual(credit.state_id, self.env.ref("base.state_mx_df"))
        # The documents attached before the refusal were kept, not asked again.
        self.assertEqual(credit.business_proof_name, "business_proof.pdf")
        self.assertTrue(credit.accepted_on)
