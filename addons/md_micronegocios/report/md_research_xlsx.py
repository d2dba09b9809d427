from odoo import models


class MdResearchXlsx(models.AbstractModel):
    """The pseudonymized research dataset of a cycle (``md.research.export._dataset``) as a
    workbook, one sheet per table, rendered for ``md.research.export.wizard`` records."""

    _name = "report.md_micronegocios.research_xlsx"
    _inherit = "report.micro_base.xlsx_abstract"
    _description = "Research Export (XLSX)"

    def generate_xlsx_report(self, workbook, data, wizards):
        header_style = self._styles(workbook)["header"]
        for wizard in wizards:
            for table, (header, rows) in (
                self.env["md.research.export"]._dataset(wizard.cycle_id).items()
            ):
                sheet = workbook.add_worksheet(table)
                sheet.write_row(0, 0, header, header_style)
                self._widths(sheet, [18] * len(header))
                for index, row in enumerate(rows, start=1):
                    sheet.write_row(index, 0, row)
