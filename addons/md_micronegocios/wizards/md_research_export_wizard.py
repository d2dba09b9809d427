from odoo import fields, models


class MdResearchExportWizard(models.TransientModel):
    _name = "md.research.export.wizard"
    _description = "Research Export"

    cycle_id = fields.Many2one(
        "md.cycle",
        string="Cycle",
        required=True,
        default=lambda self: self.env["md.cycle"]._current(),
    )
    file_format = fields.Selection(
        [("xlsx", "Excel (XLSX)"), ("csv", "CSV files (ZIP)")],
        string="Format",
        required=True,
        default="xlsx",
    )

    def action_export(self):
        self.ensure_one()
        if self.file_format == "xlsx":
            # the workbook downloads in the same click (report_xlsx's report action)
            return self.env.ref("md_micronegocios.md_research_xlsx_action").report_action(self)
        # the ZIP of CSV files downloads in the same click (controllers/research_export.py)
        return {
            "type": "ir.actions.act_url",
            "url": f"/md_micronegocios/research_export/{self.id}/csv",
            "target": "download",
        }
