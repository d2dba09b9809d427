import base64

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
    data_file = fields.Binary(string="Dataset", readonly=True, attachment=False)
    data_filename = fields.Char(readonly=True)

    def action_export(self):
        self.ensure_one()
        export = self.env["md.research.export"]
        if self.file_format == "xlsx":
            content, extension = export._xlsx(self.cycle_id), "xlsx"
        else:
            content, extension = export._csv_zip(self.cycle_id), "zip"
        self.write(
            {
                "data_file": base64.b64encode(content),
                "data_filename": f"md_research_{self.cycle_id.name}.{extension}",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Research Export"),
        }
