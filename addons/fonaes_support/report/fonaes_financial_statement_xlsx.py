from odoo import models


class FonaesFinancialStatementXlsx(models.AbstractModel):
    """Balance General (Anexo XII-2) and Estado de Resultados (Anexo XII-3) as a workbook:
    the rows, figures and footers of ``fonaes.financial.statement._report_sheets`` (the
    PDF's too), comparative, amounts in the company's currency."""

    _name = "report.fonaes_support.financial_statement_xlsx"
    _inherit = "report.micro_base.xlsx_abstract"
    _description = "FONAES Financial Statements (XLSX)"

    def generate_xlsx_report(self, workbook, data, statements):
        for statement in statements:
            st = self._styles(workbook, statement.currency_id)
            for printed in statement._report_sheets():
                self._statement_sheet(workbook, st, printed)

    def _statement_sheet(self, workbook, st, printed):
        sheet = workbook.add_worksheet(printed["name"])
        self._widths(sheet, [70, 20, 20])
        for row, text in enumerate(printed["heading"]):
            sheet.merge_range(row, 0, row, 2, text, st["centered_title"])
        row = len(printed["heading"]) + 1
        sheet.write_row(row, 0, printed["columns"], st["header"])
        row += 1
        for caption, kind, value, before in printed["rows"]:
            if kind == "header":
                sheet.write(row, 0, caption, st["bold"])
            else:
                total = kind == "total"
                money = st["money_total"] if total else st["money"]
                sheet.write(row, 0, caption, st["bold"] if total else None)
                sheet.write_number(row, 1, float(value), money)
                sheet.write_number(row, 2, float(before), money)
            row += 1
        row += 1
        for text in printed["footers"]:
            sheet.merge_range(row, 0, row, 2, text, st["wrap"])
            sheet.set_row(row, 45)
            row += 1
