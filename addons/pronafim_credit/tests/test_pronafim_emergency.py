import base64
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..tools import emergency
from .common import GROUP, PronafimCase

DOC = base64.b64encode(b"%PDF-1.4 document")
CURP = "GOMA900215MDFRRN04"
CLABE = "032180000118359719"


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
        vals.setdefault("clabe", CLABE)
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

    def _pay(self, credits, day):
        """Finance batches the approved ``credits``, exports the layout, confirms the
        payment on ``day``; the batch."""
        action = credits.with_user(self.finance).action_add_to_batch()
        batch = (
            self.env["pronafim.emergency.batch"].with_user(self.finance).browse(action["res_id"])
        )
        batch.date = day
        batch.action_export()
        batch.action_confirm_paid()
        return batch


@tagged("post_install", "-at_install")
class TestEmergencyCredit(EmergencyCase):
    def test_seed_program(self):
        """FONDESO §1 (500 M MXN, 50,000 credits of 10,000): the program takes its figures
        from their one home, ``tools/emergency.py`` (checked against the rule there)."""
        self.assertEqual(self.program.envelope_amount, emergency.ENVELOPE_AMOUNT)
        self.assertEqual(self.program.envelope_count, emergency.ENVELOPE_COUNT)
        self.assertEqual(self.program.credit_amount, emergency.CREDIT_AMOUNT)
        self.assertEqual(self.program.section, emergency.FIGURES_SECTION)
        # A new program starts from the rule's figures too: none is typed in the data.
        other = self.env["pronafim.emergency.program"].create({"name": "Otro programa"})
        self.assertEqual(
            (other.credit_amount, other.envelope_amount, other.envelope_count),
            (emergency.CREDIT_AMOUNT, emergency.ENVELOPE_AMOUNT, emergency.ENVELOPE_COUNT),
        )

    def test_flow_schedule_and_envelope_figures(self):
        credit = self._submitted()
        self.assertEqual(credit.state, "submitted")
        self.assertEqual(credit.birth_date, datetime.date(1990, 2, 15))
        credit.with_user(self.analyst).action_approve()
        amount = emergency.CREDIT_AMOUNT
        self.assertEqual(credit.amount, amount)
        program = self.program.with_user(self.analyst)
        self.assertEqual((program.committed_amount, program.committed_count), (amount, 1))
        self.assertEqual((program.disbursed_amount, program.disbursed_count), (0, 0))
        self.assertEqual(program.available_count, emergency.ENVELOPE_COUNT - 1)
        with self.assertRaises(AccessError):
            credit.with_user(self.analyst).action_add_to_batch()
        self._pay(credit, datetime.date(2026, 11, 30))
        rows = credit.installment_ids
        self.assertEqual(len(rows), 18)
        self.assertEqual(rows[0].due_date, datetime.date(2027, 3, 30))
        self.assertAlmostEqual(sum(rows.mapped("amount")), amount, places=2)
        self.assertEqual(set(rows.mapped("interest")), {0.0})
        program.invalidate_recordset()
        self.assertEqual((program.disbursed_amount, program.disbursed_count), (amount, 1))
        self.assertEqual(program.committed_amount, amount)

    def test_acceptance_recorded(self):
        credit = self._apply(id_document=DOC, address_proof=DOC, business_proof=DOC, clabe=CLABE)
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
        first = self._submitted()
        second = self._submitted("LOPC920707HDFPRR06", clabe="012180001234567899")
        (first | second).action_approve()
        with self.assertRaisesMessage(ValidationError, "CLABE 012180001234567891"):
            second.clabe = "012180001234567891"
        second.clabe = "002010077777777771"
        with self.assertRaises(AccessError):
            (first | second).with_user(self.analyst).action_add_to_batch()
        action = (first | second).with_user(self.finance).action_add_to_batch()
        batch = self.env["pronafim.emergency.batch"].browse(action["res_id"])
        batch = batch.with_user(self.finance)
        with self.assertRaisesMessage(UserError, "no batch yet can be batched"):
            first.with_user(self.finance).action_add_to_batch()
        with self.assertRaisesMessage(UserError, "cannot change: it is in the bank layout"):
            second.with_user(self.analyst).clabe = "032180000118359719"
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
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            batch.write({"state": "paid"})
        batch.action_confirm_paid()
        self.assertEqual(set((first | second).mapped("state")), {"disbursed"})
        self.assertEqual(first.date_disbursed, datetime.date(2026, 12, 15))
        self.assertEqual(first.installment_ids[0].due_date, datetime.date(2027, 4, 15))
        # No journal on the program: nothing posted (as for the IMF disposals).
        self.assertFalse(batch.move_id)
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            batch.sudo().unlink()
        with self.assertRaisesMessage(UserError, "payment date of a paid batch"):
            batch.date = datetime.date(2026, 12, 16)

    def test_one_program_per_batch(self):
        other = self.program.copy({"name": "Otro programa"})
        first = self._submitted()
        second = self._submitted(program=other)
        (first | second).action_approve()
        with self.assertRaisesMessage(UserError, "pays the credits of one program"):
            (first | second).with_user(self.finance).action_add_to_batch()
        self.assertFalse((first | second).batch_id)

    def test_reject_from_form(self):
        credit = self._submitted()
        credit.rejection_reason = "Documents do not match"
        credit.with_user(self.analyst).action_reject()
        self.assertEqual(credit.state, "rejected")


@tagged("post_install", "-at_install")
class TestEmergencyAccounting(EmergencyCase):
    """A paid batch is posted on the program's journal (finance confirms the payment)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls._new_account("FON101", "Bancos FONDESO", "asset_cash")
        cls.receivable = cls._new_account(
            "FON121", "Créditos emergentes por cobrar", "asset_receivable", reconcile=True
        )
        cls.journal = cls.env["account.journal"].create(
            {"name": "FONDESO emergente", "code": "FONE", "type": "general"}
        )
        cls.neighbour = cls.env["res.partner"].create({"name": "Luis López"})

    def _configure(self, **vals):
        self.program.with_user(self.manager).write(
            {
                "journal_id": self.journal.id,
                "bank_account_id": self.bank.id,
                "receivable_account_id": self.receivable.id,
                **vals,
            }
        )

    def test_paid_batch_posted_per_applicant(self):
        self._configure()
        first = self._submitted()
        second = self._submitted("LOPC920707HDFPRR06", partner_id=self.neighbour.id)
        (first | second).with_user(self.analyst).action_approve()
        batch = self._pay(first | second, datetime.date(2026, 12, 15))
        move = batch.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.journal_id, self.journal)
        self.assertEqual(move.date, datetime.date(2026, 12, 15))
        receivable = move.line_ids.filtered(lambda ml: ml.account_id == self.receivable)
        self.assertEqual(
            sorted((ml.partner_id.name, ml.debit, ml.name) for ml in receivable),
            sorted([("Ana Gómez", 10_000, first.name), ("Luis López", 10_000, second.name)]),
        )
        bank = move.line_ids.filtered(lambda ml: ml.account_id == self.bank)
        self.assertEqual((bank.debit, bank.credit), (0, 20_000))
        self.assertEqual(batch.state, "paid")

    def test_journal_without_accounts_refused_nothing_disbursed(self):
        self._configure(receivable_account_id=False)
        credit = self._submitted()
        credit.action_approve()
        with self.assertRaisesMessage(UserError, "Set the credits receivable and bank accounts"):
            self._pay(credit, datetime.date(2026, 12, 15))
        self.assertEqual(credit.state, "approved")
        self.assertFalse(credit.installment_ids)

    def test_finance_cannot_configure_accounting(self):
        with self.assertRaises(AccessError):
            self.program.with_user(self.finance).write({"journal_id": self.journal.id})


@tagged("post_install", "-at_install")
class TestEmergencyGuards(EmergencyCase):
    """What the steps set cannot be written by hand; the decision is e-mailed."""

    def test_step_fields_refused_by_hand(self):
        credit = self._submitted()
        analyst_credit = credit.with_user(self.analyst)
        for vals in (
            {"state": "approved"},
            {"amount": 10_000},
            {"accepted_ip": "10.0.0.1"},
            {"accepted_text_version": "99"},
        ):
            with self.assertRaisesMessage(UserError, "only through the record's steps"):
                analyst_credit.write(vals)
        with self.assertRaisesMessage(UserError, "Accepted from IP, Amount change only"):
            analyst_credit.write({"amount": 1, "accepted_ip": "10.0.0.1"})
        with self.assertRaisesMessage(UserError, "CURP cannot change"):
            analyst_credit.write({"curp": "LOPC920707HDFPRR06"})
        with self.assertRaisesMessage(UserError, "Official ID cannot change"):
            analyst_credit.write({"id_document": DOC})
        self.assertEqual((credit.state, credit.amount), ("submitted", 0))
        self.assertEqual(credit.accepted_ip, "203.0.113.7")

    def test_documents_type_and_size(self):
        Credit = self.env["pronafim.emergency.credit"]
        before = Credit.search_count([])
        with self.assertRaisesMessage(ValidationError, "Proof of Address: upload a PDF"):
            self._apply(address_proof=base64.b64encode(b"MZ\x90\x00 not a document"))
        big = base64.b64encode(b"%PDF-1.4 " + b"0" * (10 * 1024 * 1024))
        with self.assertRaisesMessage(ValidationError, "Official ID: the file is larger than 10"):
            self._apply(id_document=big)
        self.assertEqual(Credit.search_count([]), before)
        png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 32)
        self.assertTrue(self._apply(id_document=png))

    def test_clabe_required_to_submit(self):
        credit = self._apply(id_document=DOC, address_proof=DOC, business_proof=DOC)
        credit._accept_legal_documents("203.0.113.7")
        with self.assertRaisesMessage(UserError, "Give the CLABE"):
            credit.action_submit()
        self.assertEqual(credit.state, "draft")

    def test_decision_emailed_to_applicant(self):
        self.applicant.email = "ana.gomez@example.com"
        approved = self._submitted()
        approved.with_user(self.analyst).action_approve()
        message = approved.message_ids.filtered(lambda m: m.subject and "approved" in m.subject)
        self.assertEqual(message.partner_ids, self.applicant)
        self.assertIn(f"/my/emergency/{approved.id}", message.body)
        self.assertIn(CLABE, message.body)
        rejected = self._submitted("LOPC920707HDFPRR06")
        rejected.with_user(self.analyst).action_reject("La CURP no coincide con la INE")
        message = rejected.message_ids.filtered(
            lambda m: m.subject and "not approved" in m.subject
        )
        self.assertEqual(message.partner_ids, self.applicant)
        self.assertIn("La CURP no coincide con la INE", message.body)
        mails = self.env["mail.mail"].search([("mail_message_id", "in", message.ids)])
        self.assertEqual(mails.recipient_ids, self.applicant)
