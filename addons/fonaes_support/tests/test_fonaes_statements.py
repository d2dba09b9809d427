import io
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import FonaesCase

# Anexo XII-2, the balance sheet's captions in the annex's order.
BALANCE_CAPTIONS = [
    "ACTIVO", "EFECTIVO", "INVERSIONES EN VALORES", "Títulos con fines de negociación",
    "Títulos disponibles para la venta", "Títulos conservados a vencimiento",
    "CARTERA DE CREDITO VIGENTE", "CARTERA DE CREDITO VENCIDA", "TOTAL CARTERA DE CREDITO",
    "(-) MENOS: ESTIMACION PREVENTIVA PARA RIESGOS CREDITICIOS", "CARTERA DE CREDITO (NETO)",
    "OTRAS CUENTAS POR COBRAR (NETO)", "BIENES ADJUDICADOS",
    "INMUEBLES, MOBILIARIO Y EQUIPO (NETO)", "OTROS ACTIVOS",
    "Otros activos, cargos diferidos e intangibles", "TOTAL ACTIVO", "PASIVO Y CAPITAL",
    "DEPOSITOS", "Depositos de exigibilidad inmediata", "Depositos a plazo",
    "PRESTAMOS BANCARIOS Y DE OTROS ORGANISMOS", "De corto plazo", "De largo plazo",
    "OTRAS CUENTAS POR PAGAR", "ISR y PTU por pagar",
    "Acreedores diversos y otras cuentas por pagar", "CREDITOS DIFERIDOS", "TOTAL PASIVO",
    "CAPITAL CONTABLE", "CAPITAL CONTRIBUIDO", "Capital social", "CAPITAL GANADO",
    "Reservas de capital", "Resultado de ejercicios anteriores", "Resultado neto",
    "TOTAL CAPITAL CONTABLE", "TOTAL PASIVO Y CAPITAL CONTABLE", "CUENTAS DE ORDEN",
    "Activos y pasivos contingentes", "Compromisos crediticios", "Garantías recibidas",
    "Intereses devengados no cobrados derivados de cartera de crédito vencida",
    "Otras cuentas de registro",
]  # fmt: skip
# Anexo XII-3.
INCOME_CAPTIONS = [
    "Ingresos por intereses", "Gastos por intereses", "MARGEN FINANCIERO",
    "Estimación preventiva para riesgos crediticios",
    "MARGEN FINANCIERO AJUSTADO POR RIESGOS CREDITICIOS", "Comisiones y tarifas cobradas",
    "Comisiones y tarifas pagadas", "Resultado por valuación de valores",
    "Resultado por compraventa de valores", "INGRESOS (EGRESOS) TOTALES DE LA OPERACION",
    "Gastos de administración y promoción", "RESULTADO DE LA OPERACION", "Otros productos",
    "Otros gastos", "RESULTADO ANTES DE ISR Y PTU", "ISR y PTU causados",
    "RESULTADO POR OPERACIONES CONTINUAS",
    "Operaciones discontinuas, partidas extraordinarias y cambios en políticas contables",
    "RESULTADO NETO",
]  # fmt: skip


@tagged("post_install", "-at_install")
class TestFonaesStatements(FonaesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A company of its own: the demo books of the main company stay out of the figures.
        cls.esf_company = cls.env["res.company"].create(
            {"name": "ESF Estados Financieros", "street": "Calle 5 de Mayo 10", "city": "Oaxaca"}
        )
        cls.accountant.company_ids |= cls.esf_company
        Account = cls.env["account.account"].with_company(cls.esf_company)

        def account(code, name, kind):
            return Account.create(
                {
                    "code": code,
                    "name": name,
                    "account_type": kind,
                    "company_ids": [(6, 0, cls.esf_company.ids)],
                }
            )

        cls.journal = (
            cls.env["account.journal"]
            .with_company(cls.esf_company)
            .create(
                {
                    "name": "Diario ESF",
                    "code": "ESFJ",
                    "type": "general",
                    "company_id": cls.esf_company.id,
                }
            )
        )
        cls.bank = account("102.01.99", "Bancos ESF", "asset_current")
        cls.current = account("105.01.99", "Cartera vigente", "asset_current")
        cls.past_due = account("106.01.99", "Cartera vencida", "asset_current")
        cls.allowance = account("108.01.99", "Estimación preventiva", "asset_current")
        cls.deposits = account("211.01.99", "Depósitos a la vista", "liability_current")
        cls.capital = account("301.01.99", "Capital social ESF", "equity")
        cls.interest = account("401.01.99", "Intereses de cartera", "income")
        cls.admin = account("601.01.99", "Gastos de administración", "expense")
        cls.provision = account("504.01.99", "Estimación preventiva (resultados)", "expense")
        cls.esf_company.write(
            {
                "fonaes_provision_expense_account_id": cls.provision.id,
                "fonaes_provision_allowance_account_id": cls.allowance.id,
            }
        )
        # Deposits have no SAT group: the accountant maps the account.
        cls.env["fonaes.statement.mapping"].create(
            {
                "line_key": "dep_inmediata",
                "account_id": cls.deposits.id,
                "company_id": cls.esf_company.id,
            }
        )
        entries = [
            ("2026-01-05", cls.bank, cls.capital, 100_000),
            ("2026-02-01", cls.current, cls.bank, 60_000),
            ("2026-03-31", cls.bank, cls.interest, 3_000),
            ("2026-04-10", cls.bank, cls.deposits, 20_000),
            ("2026-05-15", cls.past_due, cls.current, 10_000),
            ("2026-06-30", cls.provision, cls.allowance, 2_500),
            ("2026-06-30", cls.admin, cls.bank, 1_000),
            ("2026-06-30", cls.bank, cls.interest, 4_000),
            ("2026-07-01", cls.bank, cls.interest, 999_999),  # after the period: ignored
        ]
        moves = (
            cls.env["account.move"]
            .with_company(cls.esf_company)
            .create(
                [
                    {
                        "move_type": "entry",
                        "journal_id": cls.journal.id,
                        "date": day,
                        "line_ids": [
                            (0, 0, {"account_id": debit.id, "name": "x", "debit": amount}),
                            (0, 0, {"account_id": credit.id, "name": "x", "credit": amount}),
                        ],
                    }
                    for day, debit, credit, amount in entries
                ]
            )
        )
        moves.action_post()
        esf = cls.env["res.partner"].create({"name": "ESF Memo", "fonaes_role": "esf"})
        cls.env["fonaes.provision.run"].create(
            {
                "intermediary_id": esf.id,
                "date": date(2026, 6, 30),
                "memo_interest": 1_234,
                "company_id": cls.esf_company.id,
            }
        )
        cls.Statement = (
            cls.env["fonaes.financial.statement"]
            .with_user(cls.accountant)
            .with_company(cls.esf_company)
        )

    def _sheet_rows(self, sheet):
        return {
            row[0].value: (row[1].value, row[2].value)
            for row in sheet.iter_rows(min_row=8)
            if row[0].value
        }

    def _workbook(self, statement):
        """The workbook the form's "Download XLSX" button (the XLSX report action) serves."""
        action = self.env.ref("fonaes_support.fonaes_financial_statement_xlsx")
        arch = statement.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn(f'name="{action.id}" type="action"', arch)
        content, file_type = (
            self.env["ir.actions.report"]
            .with_user(statement.env.user)
            ._render_xlsx(action.report_name, statement.ids, data=None)
        )
        self.assertEqual(file_type, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_xlsx_annex_structure_figures_and_footers(self):
        statement = self.Statement.create(
            {
                "period_type": "quarter",
                "date_end": date(2026, 6, 30),
                "historical_capital": 100_000,
            }
        )
        self.assertEqual(statement.previous_date_end, date(2026, 3, 31))
        book = self._workbook(statement)
        self.assertEqual(book.sheetnames, ["Balance General", "Estado de Resultados"])
        balance, income = book["Balance General"], book["Estado de Resultados"]
        # Heading of Anexo XII-2/3; figures in pesos (Anexo XII SEGUNDA.II).
        self.assertEqual(
            [balance[f"A{row}"].value for row in range(1, 8)],
            [
                "ESF Estados Financieros",
                "Calle 5 de Mayo 10, Oaxaca",
                "BALANCE GENERAL AL 30 DE JUNIO DE 2026",
                "EXPRESADOS EN MONEDA DE PODER ADQUISITIVO DE JUNIO DE 2026",
                "(Cifras en pesos)",
                None,
                "Concepto",
            ],
        )
        # The income statement runs from January 1: its net result is the balance sheet's.
        self.assertEqual(
            income["A3"].value,
            "ESTADO DE RESULTADOS DEL 1 DE ENERO DE 2026 AL 30 DE JUNIO DE 2026",
        )
        captions = [c.value for c in balance["A"][7:] if c.value]
        self.assertEqual(captions[: len(BALANCE_CAPTIONS)], BALANCE_CAPTIONS)
        captions = [c.value for c in income["A"][7:] if c.value]
        self.assertEqual(captions[: len(INCOME_CAPTIONS)], INCOME_CAPTIONS)
        rows = self._sheet_rows(balance)
        self.assertEqual(rows["EFECTIVO"], (66_000, 43_000))
        self.assertEqual(rows["CARTERA DE CREDITO VIGENTE"], (50_000, 60_000))
        self.assertEqual(rows["CARTERA DE CREDITO VENCIDA"], (10_000, 0))
        self.assertEqual(
            rows["(-) MENOS: ESTIMACION PREVENTIVA PARA RIESGOS CREDITICIOS"][0], 2_500
        )
        self.assertEqual(rows["CARTERA DE CREDITO (NETO)"], (57_500, 60_000))
        self.assertEqual(rows["Depositos de exigibilidad inmediata"], (20_000, 0))
        self.assertEqual(rows["Capital social"], (100_000, 100_000))
        # Money cells carry the currency's number format (pesos: "$#,##0.00").
        [efectivo] = [row for row in balance.iter_rows(min_row=8) if row[0].value == "EFECTIVO"]
        self.assertEqual(efectivo[1].number_format, "$#,##0.00")
        self.assertEqual(rows["Resultado neto"], (3_500, 3_000))
        self.assertEqual(rows["TOTAL ACTIVO"], (123_500, 103_000))
        # Assets = liabilities + equity, both periods.
        self.assertEqual(rows["TOTAL ACTIVO"], rows["TOTAL PASIVO Y CAPITAL CONTABLE"])
        self.assertEqual(
            rows["Intereses devengados no cobrados derivados de cartera de crédito vencida"],
            (1_234, 0),
        )
        net_result = rows["Resultado neto"]
        rows = self._sheet_rows(income)
        # January 1 - June 30 against January 1 - March 31.
        self.assertEqual(rows["Ingresos por intereses"], (7_000, 3_000))
        self.assertEqual(rows["Estimación preventiva para riesgos crediticios"], (2_500, 0))
        self.assertEqual(
            rows["MARGEN FINANCIERO AJUSTADO POR RIESGOS CREDITICIOS"], (4_500, 3_000)
        )
        self.assertEqual(rows["RESULTADO DE LA OPERACION"], (3_500, 3_000))
        self.assertEqual(rows["RESULTADO NETO"], net_result)
        # Footers: Anexo XII SEGUNDA.III.a/b, historical capital note (XII-2).
        texts = [c.value for c in balance["A"] if c.value]
        self.assertIn(
            "El saldo del capital social histórico al 30 de junio de 2026 es de 100.000 miles "
            "de pesos",
            texts,
        )
        self.assertTrue(
            any(t.startswith("El presente balance general, se formuló") for t in texts)
        )
        self.assertIn(
            "El presente balance general fue aprobado por el órgano encargado de la "
            "administración bajo la responsabilidad de los directivos que lo suscriben.",
            texts,
        )
        texts = [c.value for c in income["A"] if c.value]
        self.assertTrue(
            any(t.startswith("El presente estado de resultados se formuló") for t in texts)
        )
        self.assertIn(
            "Los conceptos que aparecen en el presente estado se muestran de manera "
            "enunciativa, mas no limitativa.",
            texts,
        )

    def test_filing_deadlines(self):
        # Anexo XII SEGUNDA.VIII: March/June/September within the next month, annual
        # within 60 calendar days.
        june = self.Statement.create({"period_type": "quarter", "date_end": date(2026, 6, 30)})
        self.assertEqual(june.filing_deadline, date(2026, 7, 31))
        december = self.Statement.create(
            {"period_type": "quarter", "date_end": date(2026, 12, 31)}
        )
        self.assertEqual(december.filing_deadline, date(2027, 3, 1))
        may = self.Statement.create({"period_type": "month", "date_end": date(2026, 5, 31)})
        self.assertFalse(may.filing_deadline)
        self.assertEqual(may.previous_date_end, date(2026, 4, 30))
        with self.assertRaisesMessage(UserError, "month-end"):
            self.Statement.create({"period_type": "month", "date_end": date(2026, 5, 30)})
        june.action_mark_filed()
        with self.assertRaisesMessage(UserError, "cannot be deleted"):
            june.unlink()

    def test_access_per_role(self):
        statement = self.Statement.create({"period_type": "month", "date_end": date(2026, 5, 31)})
        with self.assertRaises(AccessError):
            statement.with_user(self.state_rep).read(["date_end"])
        statement.with_user(self.directorate).read(["date_end"])
        with self.assertRaises(AccessError):
            statement.with_user(self.directorate).write({"has_notes": True})

    def test_income_statement_of_the_period_only(self):
        statement = self.Statement.create(
            {"period_type": "quarter", "date_end": date(2026, 6, 30), "income_basis": "period"}
        )
        sheets = statement._report_sheets()
        income = {row[0]: (row[2], row[3]) for row in sheets[1]["rows"]}
        # April - June against January - March.
        self.assertEqual(
            sheets[1]["heading"][2],
            "ESTADO DE RESULTADOS DEL 1 DE ABRIL DE 2026 AL 30 DE JUNIO DE 2026",
        )
        self.assertEqual(income["Ingresos por intereses"], (4_000, 3_000))
        self.assertEqual(income["RESULTADO NETO"], (500, 3_000))
        # The balance sheet's net result stays the year's.
        balance = {row[0]: (row[2], row[3]) for row in sheets[0]["rows"]}
        self.assertEqual(balance["Resultado neto"], (3_500, 3_000))

    def test_pdf_has_the_same_rows_and_footers(self):
        statement = self.Statement.create(
            {
                "period_type": "quarter",
                "date_end": date(2026, 6, 30),
                "historical_capital": 100_000,
                "has_notes": True,
            }
        )
        action = statement.action_print_pdf()
        self.assertEqual(action["report_name"], "fonaes_support.report_fonaes_financial_statement")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            .with_company(self.esf_company)
            ._render_qweb_html("fonaes_support.fonaes_financial_statement_report", statement.ids)
        )
        html = html.decode()
        positions = [html.index(caption) for caption in BALANCE_CAPTIONS + INCOME_CAPTIONS]
        self.assertEqual(positions, sorted(positions))
        for text in (
            "BALANCE GENERAL AL 30 DE JUNIO DE 2026",
            "EXPRESADOS EN MONEDA DE PODER ADQUISITIVO DE JUNIO DE 2026",
            "(Cifras en pesos)",
            "123,500.00",  # total assets = total liabilities and equity
            "El saldo del capital social histórico al 30 de junio de 2026 es de 100.000 miles",
            "El presente estado de resultados fue aprobado por el órgano encargado",
            "Las notas aclaratorias que se acompañan, forman parte integrante de este estado",
        ):
            self.assertIn(text, html)
        self.assertEqual(html.count("123,500.00"), 2)

    def test_filed_statements_are_frozen(self):
        statement = self.Statement.create(
            {"period_type": "quarter", "date_end": date(2026, 6, 30)}
        )
        with self.assertRaisesMessage(UserError, "change only through the record's steps"):
            statement.write({"state": "filed"})
        with self.assertRaisesMessage(UserError, "are set only by the record's steps"):
            self.Statement.create(
                {"period_type": "month", "date_end": date(2026, 5, 31), "state": "filed"}
            )
        statement.action_mark_filed()
        self.assertEqual(statement.state, "filed")
        with self.assertRaisesMessage(UserError, "can no longer change"):
            statement.write({"historical_capital": 1})
        with self.assertRaisesMessage(UserError, "already filed"):
            statement.action_mark_filed()
        # Its files can still be produced.
        self.assertEqual(self._workbook(statement).sheetnames[0], "Balance General")
