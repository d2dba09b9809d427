import base64
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GROUP, PronafimCase

DOC = base64.b64encode(b"%PDF-1.4 document")
CURP = "GOMA900215MDFRRN04"


class EmergencyCase(PronafimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cdmx = cls.env.ref("base.state_mx_df")
        cls.program = cls.env.ref("pronafim_credit.emergency_program_fondeso_covid")
        cls.program.write({"grace_months": 3, "installments": 18})
        cls.applicant = cls.env["res.partner"].create({"name": "Ana Gómez"})

    def _apply(self, curp=CURP, program=None, user=None, **vals):
        Credit = self.env["pronafim.emergency.credit"].with_user(user or self.analyst)
        return Credit.create(
            {
                "program_id": (program or self.program).id,
                "partner_id": self.applicant.id,
                "curp": curp,
                "state_id": self.cdmx.id,
                "business_name": "Fonda Ana",
                **vals,
            }
        )

    def _submitted(self, curp=CURP, program=None, **vals):
        credit = self._apply(
            curp,
            program,
            **vals,
            id_document=DOC,
            address_proof=DOC,
            business_proof=DOC,
        )
        credit._accept_legal_documents("203.0.113.7")
        credit.action_submit()
        credit.write({"check_identity": True, "check_address": True, "check_business": True})
        return credit


@tagged("post_install", "-at_install")
class TestEmergencyCredit(EmergencyCase):
    def test_seed_program(self):
        """Seed 000 §1: 500 M MXN, 50,000 credits of 10,000."""
        self.assertEqual(self.program.envelope_amount, 500_000_000)
        self.assertEqual(self.program.envelope_count, 50_000)
        self.assertEqual(self.program.credit_amount, 10_000)

    def test_flow_schedule_and_envelope_figures(self):
        credit = self._submitted()
        self.assertEqual(credit.state, "submitted")
        self.assertEqual(credit.birth_date, datetime.date(1990, 2, 15))
        credit.with_user(self.analyst).action_approve()
        self.assertEqual(credit.amount, 10_000)
        program = self.program.with_user(self.analyst)
        self.assertEqual((program.committed_amount, program.committed_count), (10_000, 1))
        self.assertEqual((program.disbursed_amount, program.disbursed_count), (0, 0))
        self.assertEqual(program.available_count, 49_999)
        with self.assertRaises(AccessError):
            credit.with_user(self.analyst).action_disburse(datetime.date(2026, 11, 30))
        credit.with_user(self.finance).action_disburse(datetime.date(2026, 11, 30))
        rows = credit.installment_ids
        self.assertEqual(len(rows), 18)
        self.assertEqual(rows[0].due_date, datetime.date(2027, 3, 30))
        self.assertAlmostEqual(sum(rows.mapped("amount")), 10_000, places=2)
        self.assertEqual(set(rows.mapped("interest")), {0.0})
        program.invalidate_recordset()
        self.assertEqual((program.disbursed_amount, program.disbursed_count), (10_000, 1))
        self.assertEqual(program.committed_amount, 10_000)

    def test_acceptance_recorded(self):
        credit = self._apply(id_document=DOC, address_proof=DOC, business_proof=DOC)
        with self.assertRaisesMessage(UserError, "Accept the legal documents"):
            credit.action_submit()
        self.program.legal_text_version = "2026-11"
        credit.with_user(self.analyst)._accept_legal_documents("198.51.100.4")
        self.assertEqual(credit.accepted_by_id, self.analyst)
        self.assertEqual(credit.accepted_ip, "198.51.100.4")
        self.assertEqual(credit.accepted_text_version, "2026-11")
        self.assertTrue(credit.accepted_on)

    def test_envelope_never_exceeded(self):
        small = self.program.copy(
            {"name": "Small", "envelope_amount": 15_000, "envelope_count": 5}
        )
        self._submitted(program=small).action_approve()
        second = self._submitted("LOPC920707HDFPRR06", program=small)
        with self.assertRaisesMessage(UserError, "exceeds the envelope of Small"):
            second.action_approve()
        self.assertEqual(second.state, "submitted")
        small.envelope_amount = 20_000
        small.envelope_count = 1
        with self.assertRaisesMessage(UserError, "1 of 1 credits already committed"):
            second.action_approve()

    def test_refusals_store_nothing(self):
        Credit = self.env["pronafim.emergency.credit"]
        before = Credit.search_count([])
        with self.assertRaisesMessage(ValidationError, "its check digit is wrong"):
            self._apply("GOMA900215MDFRRN05")
        with self.assertRaisesMessage(ValidationError, "the credit is for adults (18 or more)"):
            self._apply("PELJ100315HDFRPNA1")
        with self.assertRaisesMessage(ValidationError, "micro-businesses of Mexico City"):
            self._apply(state_id=self.env.ref("base.state_mx_jal").id)
        self.assertEqual(Credit.search_count([]), before)
        credit = self._apply()
        with self.assertRaisesMessage(UserError, "Upload the required documents"):
            credit.action_submit()

    def test_checklist_program_terms_and_reject(self):
        credit = self._submitted()
        credit.check_business = False
        with self.assertRaisesMessage(UserError, "Complete the review checklist"):
            credit.action_approve()
        credit.check_business = True
        self.program.installments = 0
        with self.assertRaisesMessage(UserError, "Set the grace period"):
            credit.action_approve()
        with self.assertRaisesMessage(UserError, "reason of the rejection"):
            credit.action_reject(" ")
        credit.with_user(self.analyst).action_reject("Business outside the program")
        self.assertEqual(credit.state, "rejected")
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            credit.sudo().unlink()

    def test_access_per_role(self):
        credit = self._submitted()
        officer = self._new_user("pr_une_em", GROUP % "complaints_officer")
        for user in (officer, self.portal):
            with self.assertRaises(AccessError):
                credit.with_user(user).read(["curp"])
            with self.assertRaises(AccessError):
                self.program.with_user(user).read(["envelope_amount"])
        with self.assertRaises(AccessError):
            self.program.with_user(self.analyst).write({"envelope_count": 60_000})
        with self.assertRaises(AccessError):
            credit.with_user(self.analyst).unlink()


@tagged("post_install", "-at_install")
class TestAttentionFigures(EmergencyCase):
    def test_seed_tables_loaded(self):
        """Seed 000, social networks: April 2020 to March 2021, interactions and impressions."""
        Figure = self.env["pronafim.attention.figure"].with_user(self.analyst)
        groups = dict(Figure._read_group([("channel", "=", "social")], ["metric"], ["value:sum"]))
        self.assertEqual(groups["interactions"], 2_723_836)
        self.assertEqual(groups["impressions"], 7_283_000)
        april = Figure.search([("month", "=", "2020-04-01"), ("metric", "=", "interactions")])
        self.assertEqual(april.value, 556_192)
        self.assertEqual(Figure.search_count([]), 24)
        # E-mails and calls, without figures in the seed, are recorded by the staff.
        Figure.create({"month": "2021-03-01", "channel": "phone", "metric": "calls", "value": 120})
        with self.assertRaises(AccessError):
            april.with_user(self.analyst).unlink()


@tagged("post_install", "-at_install")
class TestEmergencyBatch(EmergencyCase):
    def test_batch_bank_layout_and_disbursement(self):
        """Approved credits go into a batch, exported as the bank layout; paid, they are
        disbursed with their schedules."""
        first = self._submitted(clabe="032180000118359719")
        second = self._submitted("LOPC920707HDFPRR06")
        (first | second).action_approve()
        with self.assertRaisesMessage(UserError, "Only approved credits with a CLABE"):
            (first | second).with_user(self.finance).action_add_to_batch()
        with self.assertRaisesMessage(ValidationError, "CLABE 012180001234567891"):
            second.clabe = "012180001234567891"
        second.clabe = "002010077777777771"
        with self.assertRaises(AccessError):
            (first | second).with_user(self.analyst).action_add_to_batch()
        action = (first | second).with_user(self.finance).action_add_to_batch()
        batch = self.env["pronafim.emergency.batch"].browse(action["res_id"])
        batch = batch.with_user(self.finance)
        batch.date = datetime.date(2026, 12, 15)
        self.assertEqual((batch.credit_count, batch.amount_total), (2, 20_000))
        with self.assertRaisesMessage(UserError, "Export the bank layout"):
            batch.action_confirm_paid()
        batch.action_export()
        self.assertEqual(
            base64.b64decode(batch.layout_file).decode().splitlines(),
            [
                "reference,beneficiary,curp,clabe,amount,concept",
                f"{first.name},Ana Gómez,GOMA900215MDFRRN04,032180000118359719,10000.00,"
                f"FONDESO {first.name}",
                f"{second.name},Ana Gómez,LOPC920707HDFPRR06,002010077777777771,10000.00,"
                f"FONDESO {second.name}",
            ],
        )
        batch.action_confirm_paid()
        self.assertEqual(set((first | second).mapped("state")), {"disbursed"})
        self.assertEqual(first.date_disbursed, datetime.date(2026, 12, 15))
        self.assertEqual(first.installment_ids[0].due_date, datetime.date(2027, 4, 15))
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            batch.sudo().unlink()

    def test_reject_from_form(self):
        credit = self._submitted()
        credit.rejection_reason = "Documents do not match"
        credit.with_user(self.analyst).action_reject()
        self.assertEqual(credit.state, "rejected")
