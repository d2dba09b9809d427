from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import FonaesCase
from .test_fonaes_provisioning import FonaesPortfolioCase

DOC = "Reglas de Operación FONAES 2005"


@tagged("post_install", "-at_install")
class TestFonaesRowMessages(FonaesCase):
    """Issue 16: a row of an editable list of a FONAES form refused on save names the row,
    its field, the value and the rule with its section (the dialog is all the user reads:
    the row has no number on the server)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_accounting()
        cls.enterprise.write(
            {"property_account_payable_id": cls.payable.id, "fonaes_esc_id": cls.esc.id}
        )

    def _agreement(self):
        app = self._application(
            self.enterprise,
            self._limit("support_limit_csr_1"),
            600_000,
            1_500_000,
            fixed_asset_amount=200_000,
        )
        app.action_submit()
        self._to_evaluated(app)
        app.action_authorize()
        action = app.action_create_agreement()
        agreement = self.env["fonaes.agreement"].with_user(self.state_rep).browse(action["res_id"])
        agreement.write(
            {
                "ministration_ids": [
                    (0, 0, {"planned_date": date(2026, 12, 1), "amount": 300_000}),
                ]
            }
        )
        return agreement

    def test_new_ministration_row_with_a_negative_amount(self):
        agreement = self._agreement()
        # A draft agreement is named "/": messages name it by its application.
        self.assertEqual(agreement.name, "/")
        self.assertEqual(
            agreement._fonaes_reference(),
            f"for application {agreement.application_id.name} (draft)",
        )
        form = Form(agreement)
        with form.ministration_ids.new() as row:
            row.planned_date = date(2027, 2, 1)
            row.amount = -5
        with self.assertRaisesMessage(
            ValidationError,
            "Amount of a new record of FONAES Ministration: -5 is not allowed: it must be "
            f"greater than 0. ({DOC}, §6.3.1.VI)",
        ):
            form.save()
        self.assertEqual(len(agreement.ministration_ids), 1)

    def test_ministration_row_extension_over_30_days(self):
        agreement = self._agreement()
        ref = agreement._fonaes_reference()
        form = Form(agreement)
        with form.ministration_ids.edit(0) as row:
            row.proof_extension_days = 31
        with self.assertRaisesMessage(
            ValidationError,
            f"of ministration of 2026-12-01 of agreement {ref}: 31 is not allowed: "
            "a proof-of-use extension is at most 30 calendar days; longer only by an amending "
            f"agreement. ({DOC}, §6.3.2.a.IV)",
        ):
            form.save()
        self.assertEqual(agreement.ministration_ids.proof_extension_days, 0)

    def test_ministration_rows_above_the_authorized_support(self):
        agreement = self._agreement()
        ref = agreement._fonaes_reference()
        form = Form(agreement)
        with form.ministration_ids.new() as row:
            row.planned_date = date(2027, 2, 1)
            row.amount = 300_001
        with self.assertRaisesMessage(
            ValidationError,
            f"Agreement {ref}: its ministrations would add up to $\xa0600,001.00, "
            f"above the authorized support of $\xa0600,000.00 ({DOC}, §4.3.1.I, §6.3.1.VI).",
        ):
            form.save()

    def test_trust_report_rows_one_per_quarter_and_beneficiaries(self):
        agreement = self._agreement()
        ref = agreement._fonaes_reference()
        agreement.write({"trust_report_ids": [(0, 0, {"year": 2026, "quarter": "3"})]})
        report = agreement.trust_report_ids
        # A second row of the same quarter: the quarter and the rule, not a unique index.
        with self.assertRaisesMessage(
            ValidationError,
            "Quarter of a new record of FONAES Trust Quarterly Report: Q3 2026 is not "
            f"allowed: agreement {ref} already has its report of that quarter; one "
            f"report per quarter. ({DOC}, §4.5.3.I.i)",
        ):
            agreement.write({"trust_report_ids": [(0, 0, {"year": 2026, "quarter": "3"})]})
        agreement.write({"trust_report_ids": [(0, 0, {"year": 2026, "quarter": "4"})]})
        fourth = agreement.trust_report_ids - report
        with self.assertRaisesMessage(
            ValidationError,
            f"Quarter of report Q4 2026 of agreement {ref}: Q3 2026 is not allowed",
        ):
            fourth.quarter = "3"
        self.assertEqual(len(agreement.trust_report_ids), 2)
        # Beneficiary rows (Anexo X): the new one by the person's name, a stored one with
        # its report.
        with self.assertRaisesMessage(
            ValidationError,
            "Birth Date of a new record of FONAES Trust Beneficiary (Anexo X) («Ana Pérez "
            "López»): 2030-01-01 is not allowed",
        ):
            report.write(
                {
                    "beneficiary_ids": [
                        (
                            0,
                            0,
                            {
                                "first_name": "Ana",
                                "last_name": "Pérez",
                                "second_last_name": "López",
                                "birthdate": "2030-01-01",
                            },
                        )
                    ]
                }
            )
        report.write({"beneficiary_ids": [(0, 0, {"first_name": "Ana", "last_name": "Pérez"})]})
        with self.assertRaisesMessage(
            ValidationError,
            f"Amount of beneficiary Ana Pérez of the report Q3 2026 of agreement "
            f"{ref}: -1 is not allowed: it must be at least 0; it cannot be "
            f"negative. ({DOC}, Anexo X)",
        ):
            report.beneficiary_ids.amount = -1

    def test_roster_row_born_in_the_future(self):
        form = Form(self.group.with_user(self.state_rep))
        with form.fonaes_member_ids.new() as row:
            row.name = "Lucía Martínez"
            row.gender = "female"
            row.birthdate = date(2030, 1, 1)
        with self.assertRaisesMessage(
            ValidationError,
            "Birth Date of a new record of FONAES Roster Member («Lucía Martínez»): 2030-01-01 "
            "is not allowed",
        ):
            form.save()
        self.assertNotIn("Lucía Martínez", self.group.fonaes_member_ids.mapped("name"))

    def test_roster_row_with_a_wrong_curp(self):
        form = Form(self.group.with_user(self.state_rep))
        with form.fonaes_member_ids.new() as row:
            row.name = "Lucía Martínez"
            row.gender = "female"
            row.curp = "BOXW310820HNERXN08"
        with self.assertRaisesMessage(
            ValidationError,
            "CURP of roster member Lucía Martínez: BOXW310820HNERXN08 is not a valid CURP: its "
            f"check digit is wrong ({DOC}, §4.3.1.A).",
        ):
            form.save()
        self.assertNotIn("Lucía Martínez", self.group.fonaes_member_ids.mapped("name"))


@tagged("post_install", "-at_install")
class TestFonaesLoanPaymentRows(FonaesPortfolioCase):
    """Issue 16: the payment rows of an ESF or trust loan (its editable list), as the
    accountant: a new row and a stored one refused on save name the row."""

    def test_payment_rows_negative_amount(self):
        loan = self._loan(start=date(2026, 6, 1), months=6)
        form = Form(loan)
        with form.payment_ids.new() as row:
            row.date = date(2026, 7, 1)
            row.amount = -5
        with self.assertRaisesMessage(
            ValidationError,
            "Amount of a new record of Payment of an ESF or Trust Loan: -5 is not allowed: it "
            f"must be greater than 0. ({DOC}, Anexo XII-1)",
        ):
            form.save()
        loan.payment_ids = [(0, 0, {"date": date(2026, 7, 1), "amount": 100})]
        with self.assertRaisesMessage(
            ValidationError,
            f"Amount of payment of 2026-07-01 on loan {loan.name}: -1 is not allowed",
        ):
            loan.payment_ids.amount = -1
        self.assertEqual(loan.payment_ids.amount, 100)
