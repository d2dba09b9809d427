from odoo import api, models


class ReportMdProgramReport(models.AbstractModel):
    """Values of the printable program report: the same tables as the XLSX."""

    _name = "report.md_micronegocios.md_program_report"
    _description = "Program Report (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["md.program.report.wizard"].browse(docids)
        Report = self.env["md.program.report"]
        return {
            "doc_ids": docids,
            "doc_model": "md.program.report.wizard",
            "docs": wizards,
            "tables": {wizard.id: Report._tables(wizard.cycle_id) for wizard in wizards},
            "city": self.env["md.city"].with_context(active_test=False).browse,
            "reason": self.env["crm.lost.reason"].with_context(active_test=False).browse,
            "stage": self.env["crm.stage"].browse,
            "lever": self.env["md.lever"].with_context(active_test=False).browse,
        }
