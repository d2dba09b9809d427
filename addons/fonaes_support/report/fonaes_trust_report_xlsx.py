from odoo import models

from ..tools import rules, trust_xlsx

GENDERS = {"female": "Mujer", "male": "Hombre"}


class FonaesTrustReportXlsx(models.AbstractModel):
    """A trust's quarterly report as a workbook: the beneficiary list (Anexo X) and the
    trust register (Anexo XIII) of Reglas de Operación FONAES 2005 (§4.5.3.I, §6.3.2.c),
    with the program's public-use legend (§4.5.2) below the data of both sheets."""

    _name = "report.fonaes_support.trust_report_xlsx"
    _inherit = "report.micro_base.xlsx_abstract"
    _description = "FONAES Trust Quarterly Report (XLSX)"

    def generate_xlsx_report(self, workbook, data, reports):
        for report in reports:
            self._trust_report(workbook, report)

    def _trust_report(self, workbook, report):
        st = self._styles(workbook, report.currency_id)
        trust = report.partner_id
        title = f"{trust.name} - {report.year} T{report.quarter}"
        legend = rules.PUBLIC_USE_LEGEND
        sheet = self._sheet(
            workbook, "Anexo X", title, trust_xlsx.ANEXO_X_HEADERS, [22, 16, 16, 18] + [14] * 7
        )
        row = 2
        for row, beneficiary in enumerate(report.beneficiary_ids, start=3):
            b = beneficiary
            sheet.write_row(
                row,
                0,
                [b.identification or "", b.last_name or "", b.second_last_name or "",
                 b.first_name or "", GENDERS.get(b.gender, "")],
            )  # fmt: skip
            if b.birthdate:
                sheet.write_datetime(row, 5, b.birthdate, st["date"])
            sheet.write_row(
                row,
                6,
                [b.municipality or "", report.state_id.name or "", b.beneficiary_code or ""],
            )
            sheet.write_number(row, 9, float(b.amount), st["money"])
            sheet.write(row, 10, b.project or "")
        sheet.write(row + 2, 0, legend)
        register = self._sheet(workbook, "Anexo XIII", title, [], [48, 40])
        values = [
            trust.name,
            trust.fonaes_trust_settlor,
            trust.fonaes_trust_fiduciary,
            trust.fonaes_trust_beneficiaries,
            trust.street,
            trust.city,
            trust.zip,
            trust.vat,
            trust.fonaes_trust_constitution_date,
            trust.fonaes_trust_representative,
            report.agreement_id.trust_subaccount,
        ]
        for row, (label, value) in enumerate(
            zip(trust_xlsx.ANEXO_XIII_FIELDS, values, strict=True), start=2
        ):
            register.write(row, 0, label, st["bold"])
            if label == "Fecha de constitución" and value:
                register.write_datetime(row, 1, value, st["date"])
            else:
                register.write(row, 1, value or "")
        register.write(len(trust_xlsx.ANEXO_XIII_FIELDS) + 3, 0, legend)
