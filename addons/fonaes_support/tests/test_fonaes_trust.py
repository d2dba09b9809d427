import io
from datetime import date, timedelta

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import FonaesCase


@tagged("post_install", "-at_install")
class TestFonaesTrust(FonaesCase):
    """Supports through funds and trusts (§4.3.2), ESC registration and certificate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_accounting()
        cls.trust = cls._beneficiary("Fideicomiso Estatal Oaxaca", "trust")
        cls.trust.property_account_payable_id = cls.payable
        cls.trust_row = cls.env.ref("fonaes_support.support_limit_trust_1")

    def _trust_app(
        self, amount=3_000_000, nonfederal=3_000_000, net_worth=10_000_000, balance=0.0, **vals
    ):
        return self._application(
            self.trust,
            self.trust_row,
            amount,
            trust_nonfederal_amount=nonfederal,
            trust_net_worth=net_worth,
            trust_federal_balance=balance,
            trust_coverage="local",
            **vals,
        )

    def test_federal_share_rules(self):
        # §4.3.2.J: federal ≤ non-federal contributions.
        app = self._trust_app(nonfederal=2_000_000)
        with self.assertRaisesMessage(
            UserError, "exceeds the non-federal contributions of $\xa02,000,000.00 (§4.3.2.J)"
        ):
            app.action_submit()
        # §4.3.2: federal resources ≤ 50 % of the trust's net worth.
        app = self._trust_app(net_worth=8_000_000, balance=2_000_000)
        with self.assertRaisesMessage(
            UserError,
            "Federal resources of $\xa05,000,000.00 would exceed 50 % of the trust's "
            "net worth ($\xa04,000,000.00)",
        ):
            app.action_submit()
        # §4.3.2.K.i: at most 10 million per trust.
        app = self._trust_app(amount=10_000_001, nonfederal=20_000_000, net_worth=40_000_000)
        with self.assertRaisesMessage(UserError, "exceeds the ceiling of $\xa010,000,000.00"):
            app.action_submit()
        app = self._trust_app()
        app.action_submit()
        # §4.3.2.A: once a year.
        with self.assertRaisesMessage(UserError, "at most 1 per fiscal year"):
            self._trust_app().action_submit()

    def test_directorate_visto_bueno_and_national_trusts(self):
        app = self._trust_app()
        app.action_submit()
        self._to_evaluated(app)
        # §4.3.2.K.ii: the state representative authorizes with the directorate's approval.
        with self.assertRaisesMessage(UserError, "favorable opinion is required first"):
            app.action_authorize()
        app.action_request_opinion()
        app.with_user(self.directorate).action_opinion_favorable()
        # The coverage was applied for with the folio: it cannot be switched later.
        with self.assertRaisesMessage(UserError, "can no longer change"):
            app.trust_coverage = "national"
        app.action_authorize()
        self.assertEqual(app.state, "authorized")
        # §4.3.2.K.iii: interstate or national trusts, by the general directorate itself.
        national = self._application(
            self._beneficiary("Fideicomiso Regional del Sureste", "trust"),
            self.trust_row,
            3_000_000,
            trust_nonfederal_amount=3_000_000,
            trust_net_worth=10_000_000,
            trust_coverage="national",
        )
        national.action_submit()
        self._to_evaluated(national)
        national.action_request_opinion()
        national.with_user(self.directorate).action_opinion_favorable()
        with self.assertRaisesMessage(AccessError, "authorized by the general directorate"):
            national.action_authorize()
        self.assertEqual(national.state, "evaluated")
        national.with_user(self.directorate).action_authorize()
        self.assertEqual(national.state, "authorized")

    def _trust_agreement(self):
        app = self._trust_app()
        app.action_submit()
        self._to_evaluated(app)
        app.action_request_opinion()
        app.with_user(self.directorate).action_opinion_favorable()
        app.action_authorize()
        agreement = self.env["fonaes.agreement"].browse(app.action_create_agreement()["res_id"])
        agreement = agreement.with_user(self.state_rep)
        agreement.ministration_ids = [
            (0, 0, {"planned_date": date(2026, 11, 30), "amount": 3_000_000})
        ]
        return agreement

    def test_trust_agreement_subaccount_and_december_deadlines(self):
        agreement = self._trust_agreement()
        self.assertTrue(agreement.is_trust)
        self.assertFalse(agreement.revolving)
        with self.assertRaisesMessage(UserError, "specific sub-account"):
            agreement.action_sign()
        agreement.trust_subaccount = "SUBCTA-FED-001"
        agreement.action_sign()
        self.assertEqual(agreement.trust_apply_deadline, date(2026, 12, 15))
        self.assertEqual(agreement.trust_refund_deadline, date(2026, 12, 20))
        ministration = agreement.ministration_ids
        ministration.with_user(self.accountant).action_post()
        self.assertEqual(
            agreement.trust_deposit_deadline, ministration.posted_date + timedelta(days=5)
        )
        agreement.trust_applied_amount = 2_500_000
        with freeze_time("2026-12-15"):
            agreement.invalidate_recordset(["trust_refund_due"])
            self.assertEqual(agreement.trust_refund_due, 0.0)
        with freeze_time("2026-12-16"):
            agreement.invalidate_recordset(["trust_refund_due"])
            self.assertEqual(agreement.trust_refund_due, 500_000)

    def test_quarterly_report_within_5_business_days(self):
        agreement = self._trust_agreement()
        Report = self.env["fonaes.trust.report"].with_user(self.state_rep)
        q3 = Report.create({"agreement_id": agreement.id, "year": 2026, "quarter": "3"})
        self.assertEqual(q3.due_date, date(2026, 10, 7))
        # Q4: 1 January 2027 is not a working day.
        q4 = Report.create({"agreement_id": agreement.id, "year": 2026, "quarter": "4"})
        self.assertEqual(q4.due_date, date(2027, 1, 8))
        q4.received_date = date(2027, 1, 11)
        self.assertTrue(q4.late)
        q3.write(
            {
                "received_date": date(2026, 10, 7),
                "beneficiary_ids": [
                    (
                        0,
                        0,
                        {
                            "last_name": "López",
                            "first_name": "Ana",
                            "gender": "female",
                            "amount": 50_000,
                        },
                    )
                ],
            }
        )
        self.assertFalse(q3.late)
        # Anexo X and XIII exported to XLSX.
        self.trust.write(
            {
                "fonaes_trust_settlor": "Gobierno del Estado de Oaxaca",
                "fonaes_trust_fiduciary": "Banco Fiduciario SA",
            }
        )
        # The form's button is the XLSX report action (one click, no attachment left over).
        action = self.env.ref("fonaes_support.fonaes_trust_report_xlsx")
        arch = q3.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn(f'name="{action.id}" type="action"', arch)
        attachments = self.env["ir.attachment"].search_count([])
        content, _type = self.env["ir.actions.report"]._render_xlsx(
            action.report_name, q3.ids, data=None
        )
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        book = openpyxl.load_workbook(io.BytesIO(content))
        beneficiaries = book["Anexo X"]
        self.assertEqual(beneficiaries.cell(3, 2).value, "1.2 Apellido paterno")
        self.assertEqual(
            [beneficiaries.cell(4, c).value for c in (2, 4, 5, 8, 10)],
            ["López", "Ana", "Mujer", "Oaxaca", 50_000],
        )
        self.assertEqual(beneficiaries.cell(4, 10).number_format, "$#,##0.00")
        register = book["Anexo XIII"]
        self.assertEqual(
            register.cell(3, 1).value, "Nombre o denominación del Fondo o Fideicomiso"
        )
        self.assertEqual(register.cell(3, 2).value, "Fideicomiso Estatal Oaxaca")
        self.assertEqual(register.cell(4, 2).value, "Gobierno del Estado de Oaxaca")
        # §4.5.2: the public-use legend on every official document, both sheets.
        for sheet in (beneficiaries, register):
            texts = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
            self.assertTrue(
                any(str(t).startswith("Este programa es de carácter público") for t in texts)
            )
        with self.assertRaises(AccessError):
            q3.with_user(self.other_rep).read(["year"])

    def test_esc_registration_renewed_yearly(self):
        self.esc.fonaes_registration_date = date.today() - timedelta(days=400)
        self.enterprise.write(
            {"property_account_payable_id": self.payable.id, "fonaes_esc_id": self.esc.id}
        )
        app = self._application(
            self.enterprise, self._limit("support_limit_csr_1"), 300_000, 750_000
        )
        app.action_submit()
        self._to_evaluated(app)
        app.action_authorize()
        agreement = self.env["fonaes.agreement"].browse(app.action_create_agreement()["res_id"])
        agreement.write(
            {
                "revolving_months_working": 24,
                "insurance_policy": "P-1",
                "ministration_ids": [
                    (0, 0, {"planned_date": date(2026, 12, 1), "amount": 300_000})
                ],
            }
        )
        with self.assertRaisesMessage(UserError, "registration in force (§4.3.1.M, §4.4)"):
            agreement.action_sign()
        self.esc.fonaes_registration_date = date.today() - timedelta(days=10)
        agreement.action_sign()
        self.assertEqual(agreement.state, "signed")
        # Certificate of being current: issued while current, refused when behind.
        action = self.enterprise.with_user(self.state_rep).action_fonaes_current_certificate()
        self.assertEqual(action["report_name"], "fonaes_support.report_fonaes_current_certificate")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "fonaes_support.report_fonaes_current_certificate", self.enterprise.ids
            )[0]
            .decode()
        )
        self.assertIn("Este programa es de carácter público", html)
        agreement.repayment_ids.filtered("amount")[0].sudo().due_date = date(2026, 1, 31)
        self.enterprise.invalidate_recordset(["fonaes_behind_on_repayment"])
        with self.assertRaisesMessage(UserError, "no certificate of being current"):
            self.enterprise.with_user(self.state_rep).action_fonaes_current_certificate()

    def test_esc_quarterly_reports_and_renewal(self):
        # §4.5.3.G: revolving status and statements each quarter, annual ones audited.
        Report = self.env["fonaes.esc.report"].with_user(self.state_rep)
        year = date.today().year - 1
        with self.assertRaisesMessage(ValidationError, "must be audited"):
            Report.create(
                {
                    "esc_id": self.esc.id,
                    "year": year,
                    "period": "annual",
                    "received_date": date.today(),
                    "revolving_status": True,
                    "financial_statements": True,
                }
            )
        with self.assertRaisesMessage(ValidationError, "are both required"):
            Report.create(
                {
                    "esc_id": self.esc.id,
                    "year": year,
                    "period": "1",
                    "received_date": date.today(),
                    "revolving_status": True,
                }
            )
        for quarter in "123":
            Report.create(
                {
                    "esc_id": self.esc.id,
                    "year": year,
                    "period": quarter,
                    "received_date": date.today(),
                    "revolving_status": True,
                    "financial_statements": True,
                }
            )
        # §4.3.1.M: renewed yearly, only with the required information delivered.
        with self.assertRaisesMessage(UserError, "delivered 3 of the 4 quarterly reports"):
            self.esc.with_user(self.state_rep).action_fonaes_renew_registration()
        Report.create(
            {
                "esc_id": self.esc.id,
                "year": year,
                "period": "4",
                "received_date": date.today(),
                "revolving_status": True,
                "financial_statements": True,
            }
        )
        self.esc.with_user(self.state_rep).action_fonaes_renew_registration()
        self.assertEqual(self.esc.fonaes_registration_date, date.today())
        self.assertTrue(self.esc._fonaes_esc_registered(date.today()))
        self.assertFalse(self.esc._fonaes_esc_registered(date.today() + timedelta(days=366)))
